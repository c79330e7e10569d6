/**
 * Pulls answered sooner. A catch-up pull reads its changes while the caller's membership is
 * checked (`readChangesEarly`, api/src/sync/pull.ts): on a member cache gone cold that check
 * is a storage round trip of its own. A second local host (its cache cold) on the tests'
 * Azurite, through the fault proxy, which sees each storage request and can hold one back or
 * fail it. Nothing read early may reach a caller who is not a member, and a fault on the early
 * read is tried again like any other. And a page with more after it names the next cursor in
 * its headers (docs/sync-protocol.md, "Pull").
 */
import type { ProxiedRequest } from "../support/fault-proxy";
import {
  Client,
  create,
  edit,
  newDatabase,
  newMember,
  pullAll,
  putSyncSet,
  share,
} from "../support/db";
import { call, type Reply } from "../support/http";
import { startWatchedHost, type Running } from "../support/stack";
import type { PullResponse } from "../../src/shared/protocol";

let watched: Awaited<ReturnType<typeof startWatchedHost>>;
let host: Running;
/** What to do with the next storage request that `match`es, before it is forwarded. */
let hold: { match: (r: ProxiedRequest) => boolean; run: () => Promise<void> } | null = null;
/** The storage requests the second host made, decoded, in the order they came. */
const seen: string[] = [];

beforeAll(async () => {
  watched = await startWatchedHost({
    retryAfterSeconds: 0,
    onRequest: (r) => {
      seen.push(`${r.method} ${decodeURIComponent(r.path)}`);
      if (!hold?.match(r)) return;
      const { run } = hold;
      hold = null;
      return run();
    },
  });
  host = watched.host;
}, 60_000);

afterAll(() => watched?.close());

const decoded = (r: ProxiedRequest) => decodeURIComponent(r.path);
/** A point read of a member's row. */
const isMemberRead = (r: ProxiedRequest) => r.method === "GET" && /RowKey='m\|/.test(decoded(r));
/** A query of the change index. */
const CHANGE_QUERY = /RowKey[ +]gt[ +]'c\|/;
const isChangeQuery = (r: ProxiedRequest) => r.method === "GET" && CHANGE_QUERY.test(decoded(r));

/** A pull through the second host (whose member cache has never seen the caller). */
const pullThere = (db: string, token: string, cursor: string | null) =>
  call<PullResponse>(`/databases/${db}/pull`, {
    token,
    body: { cursor, limit: 500 },
    base: host.url,
  });

/** A database of three contacts, an editor's cursor at its head, then two contacts edited. */
async function caughtUpThenEdited() {
  const owner = await newMember("owner");
  const db = await newDatabase(owner);
  const editor = await share(db, owner, "editor");
  const client = new Client(db, owner);
  await client.push(["c1", "c2", "c3"].map((id) => create("contact", id, { givenName: id })));
  const { cursor } = await pullAll(db, editor);
  await client.push([
    edit("contact", "c1", 1, { jobTitle: null }, { jobTitle: "Buyer" }),
    edit("contact", "c3", 1, { jobTitle: null }, { jobTitle: "Seller" }),
  ]);
  return { db, owner, editor, cursor };
}

it("reads a catch-up's changes while the membership is being read, and answers them", async () => {
  const { db, editor, cursor } = await caughtUpThenEdited();
  // The member's row is held until the change index is queried: a pull that waits for the
  // membership before it queries would never get there.
  let queriedMeanwhile = false;
  hold = {
    match: isMemberRead,
    run: async () => {
      for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
        if (seen.some((s) => CHANGE_QUERY.test(s) && s.includes(db))) {
          queriedMeanwhile = true;
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  seen.length = 0;
  const reply = await pullThere(db, editor.token, cursor);
  expect(reply.status).toBe(200);
  expect(queriedMeanwhile).toBe(true);
  expect(reply.body.records.map((r) => [r.id, r.fields.jobTitle])).toEqual([
    ["c1", "Buyer"],
    ["c3", "Seller"],
  ]);
  // The head came with the changes: the membership is not read with a head of its own.
  const mine = seen.filter((r) => r.includes(db));
  expect(mine.filter((r) => r.includes("RowKey='h'"))).toEqual([]);
  expect(mine).toHaveLength(2);
});

it("answers a stranger with a cursor of the database as if it did not exist, with nothing read early in it", async () => {
  const { db, cursor } = await caughtUpThenEdited();
  const stranger = await newMember("stranger");
  const reply = await pullThere(db, stranger.token, cursor);
  const never = await pullThere("01NOSUCHDATABASE0000000000", stranger.token, cursor);
  expect(reply.status).toBe(404);
  expect(reply.body).toEqual(never.body);
  expect(reply.text).not.toMatch(/Buyer|Seller|c1|c3/);
});

it("reads the changes again when the early read meets a storage fault", async () => {
  const { db, editor, cursor } = await caughtUpThenEdited();
  watched.storage.rule({ match: (r) => isChangeQuery(r) && decoded(r).includes(db), fault: "503" });
  const reply = await pullThere(db, editor.token, cursor);
  expect(reply.status).toBe(200);
  expect(reply.body.records.map((r) => r.id)).toEqual(["c1", "c3"]);
  expect(watched.storage.injected["503"]).toBeGreaterThanOrEqual(1);
});

it("refuses a bad cursor as before, naming it, and a cursor of an earlier epoch with 410", async () => {
  const { db, editor, cursor } = await caughtUpThenEdited();
  const bad = await pullThere(db, editor.token, "not-a-cursor");
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('"field":"cursor"');
  const state = JSON.parse(Buffer.from(cursor, "base64url").toString()) as { e: string };
  const old = Buffer.from(JSON.stringify({ ...state, e: "an-earlier-epoch" })).toString(
    "base64url",
  );
  expect((await pullThere(db, editor.token, old)).status).toBe(410);
});

describe("a membership judged by the head read with the changes", () => {
  it("refuses a member removed through another instance at their next pull, at once", async () => {
    const { db, owner, editor, cursor } = await caughtUpThenEdited();
    expect((await pullThere(db, editor.token, cursor)).status).toBe(200);
    const removed = await call(`/databases/${db}/members/${encodeURIComponent(editor.email)}`, {
      method: "DELETE",
      token: owner.token,
    });
    expect(removed.status).toBe(204);
    const reply = await pullThere(db, editor.token, cursor);
    expect(reply.status).toBe(404);
    expect(reply.text).not.toMatch(/Buyer|Seller/);
  });

  it("gives a member the view their sync set has now, changed through another instance", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const north = { any: [{ field: "categories", op: "contains", value: "North" }] };
    expect((await putSyncSet(db, owner, "North", north)).status).toBe(200);
    const member = await share(db, owner, "editor", "North");
    await new Client(db, owner).push([
      create("contact", "n1", { givenName: "N", categories: ["North"] }),
      create("contact", "s1", { givenName: "S", categories: ["South"] }),
    ]);
    const { cursor } = await pullAll(db, member);
    expect((await pullThere(db, member.token, cursor)).body.records).toEqual([]);
    const everyone = {
      any: [...north.any, { field: "categories", op: "contains", value: "South" }],
    };
    expect((await putSyncSet(db, owner, "North", everyone)).status).toBe(200);
    const reply = await pullThere(db, member.token, cursor);
    expect(reply.status).toBe(200);
    expect(reply.body.records.map((r) => r.id)).toEqual(["s1"]);
  });

  it("takes a catch-up's membership from the cache after its 10 seconds, in one storage request", async () => {
    const { db, owner, editor, cursor } = await caughtUpThenEdited();
    const first = await pullThere(db, editor.token, cursor);
    expect(first.status).toBe(200);
    // Past the member cache's 10 s (MEMBER_CACHE_MS), then another change.
    await new Promise((r) => setTimeout(r, 10_500));
    await new Client(db, owner).push([
      edit("contact", "c2", 1, { jobTitle: null }, { jobTitle: "Partner" }),
    ]);
    seen.length = 0;
    const reply = await pullThere(db, editor.token, first.body.cursor);
    expect(reply.body.records.map((r) => [r.id, r.fields.jobTitle])).toEqual([["c2", "Partner"]]);
    const mine = seen.filter((r) => r.includes(db));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/RowKey gt 'c\|\d+' and RowKey lt 'h\|'/);
  }, 30_000);
});

describe("the next page's cursor in the headers", () => {
  it("names the body's cursor on every page with more, none on the last, and lets the add-in's origin read it", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    await client.push(["a", "b", "c", "d", "e"].map((id) => create("contact", id, {})));
    let cursor: string | null = null;
    const seen: Array<[boolean, string | null]> = [];
    for (;;) {
      const reply: Reply<PullResponse> = await call<PullResponse>(`/databases/${db}/pull`, {
        token: owner.token,
        body: { cursor, limit: 2 },
        headers: { origin: "https://localhost:3000" },
      });
      expect(reply.status).toBe(200);
      const header = reply.headers.get("bcm-next-cursor");
      seen.push([reply.body.more, header]);
      if (reply.body.more) expect(header).toBe(reply.body.cursor);
      expect(reply.headers.get("access-control-expose-headers")).toContain("bcm-next-cursor");
      cursor = reply.body.cursor;
      if (!reply.body.more) break;
    }
    expect(seen.map(([more, header]) => [more, header !== null])).toEqual([
      [true, true],
      [true, true],
      [false, false],
    ]);
  });
});
