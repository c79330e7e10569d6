/**
 * Isolation attacks (issue 11, invariant 5): a member of one database reaching another, and a
 * member with a sync set reaching records outside it, through every route and every field of
 * every answer: records, `removed`, push results (retries answered `duplicate`, conflicts),
 * tombstones and error messages. Over HTTP against the local host and Azurite, except the last
 * test, which counts the storage reads one pull page makes.
 */
import type { PullResponse, PushResponse, WireRecord } from "../../src/shared/protocol";
import { restrictToView } from "../../api/src/sync/pull-view";
import { makeView } from "../../api/src/sync/view";
import { READ_BATCH } from "../../api/src/batches";
import { MemoryRepository } from "../../api/src/storage/memory-repository";
import type { Repository, StoredRecord } from "../../api/src/storage/repository";
import { call, type Reply } from "../support/http";
import {
  at,
  Client,
  create,
  edit,
  newDatabase,
  newMember,
  share,
  type Member,
} from "../support/db";

/** Values only records outside the member's view hold: no answer to the member may show one. */
const SECRET = "Zed-Secret-7q";
const SECRET_NOTE = "Board-only-note-4k";

async function putSyncSet(db: string, owner: Member, name: string, filter: unknown) {
  const reply = await call(`/databases/${db}/sync-sets/${encodeURIComponent(name)}`, {
    method: "PUT",
    token: owner.token,
    body: { filter },
  });
  if (reply.status !== 200) throw new Error(`sync set: ${reply.text}`);
}

async function pull(db: string, member: Member, cursor: string | null, limit = 1000) {
  const reply = await call<PullResponse>(`/databases/${db}/pull`, {
    token: member.token,
    body: { cursor, limit },
  });
  if (reply.status !== 200) throw new Error(`pull: ${reply.status} ${reply.text}`);
  noSecret(reply);
  return reply.body;
}

/** Pulls until `more` is false: every record and removal of the pages, and the last cursor. */
async function pullToEnd(db: string, member: Member, cursor: string | null, limit = 1000) {
  const records: WireRecord[] = [];
  const removed: string[] = [];
  for (;;) {
    const page = await pull(db, member, cursor, limit);
    records.push(...page.records);
    removed.push(...page.removed.map((r) => `${r.type}:${r.id}`));
    cursor = page.cursor;
    if (!page.more)
      return { records, keys: records.map((r) => `${r.type}:${r.id}`), removed, cursor };
  }
}

function noSecret(reply: Reply) {
  expect(reply.text).not.toContain(SECRET);
  expect(reply.text).not.toContain(SECRET_NOTE);
}

const results = (reply: Reply<PushResponse>) => {
  expect(reply.status).toBe(200);
  noSecret(reply);
  return reply.body.results;
};

/**
 * A database whose owner made two contacts: `inv` in the member's sync set ("Investors") and
 * `sec` outside it, holding the secret values, each with a history item, and one linked to both.
 */
async function world() {
  const owner = await newMember("owner");
  const db = await newDatabase(owner);
  const admin = new Client(db, owner);
  await admin.push([
    create("contact", "inv", { givenName: "Ivy", categories: ["Investor"], jobTitle: "Buyer" }),
    create("contact", "sec", { givenName: SECRET, categories: ["Board"], notes: SECRET_NOTE }),
    create("history", "h-inv", { kind: "note", subject: "Ivy call", contactIds: ["inv"] }),
    create("history", "h-sec", { kind: "note", subject: SECRET, contactIds: ["sec"] }),
    create("history", "h-both", { kind: "note", subject: "Both", contactIds: ["inv", "sec"] }),
  ]);
  await putSyncSet(db, owner, "Investors", {
    any: [{ field: "categories", op: "contains", value: "investor" }],
  });
  const member = await share(db, owner, "editor", "Investors");
  return { owner, db, admin, member, client: new Client(db, member) };
}

describe("a member with a sync set never reads a record outside it", () => {
  it("through a retry answered duplicate that names any id", async () => {
    const { client } = await world();
    const first = results(
      await client.push([create("contact", "mine", { categories: ["Investor"] })]),
    );
    expect(first[0]).toMatchObject({ status: "applied", record: { id: "mine" } });
    // The same mid again, now naming records outside the view: a retry, answered duplicate.
    for (const [type, id] of [
      ["contact", "sec"],
      ["history", "h-sec"],
    ] as const) {
      const again = results(
        await client.send([{ ...create(type, id, { givenName: "x" }), mid: client.lastMid }]),
      );
      expect(again).toEqual([{ mid: client.lastMid, status: "duplicate" }]);
      const deleting = results(
        await client.send([
          { op: "delete", type, id, baseVersion: 1, at: at(), mid: client.lastMid },
        ]),
      );
      expect(deleting).toEqual([{ mid: client.lastMid, status: "duplicate" }]);
    }
    // A retry of a record in view still carries it.
    const own = results(
      await client.send([{ ...create("contact", "mine", {}), mid: client.lastMid }]),
    );
    expect(own[0]).toMatchObject({ status: "duplicate", record: { id: "mine" } });
  });

  it("through the answer to a change that takes a record out of the view, conflicts included", async () => {
    const { admin, client } = await world();
    // Someone else changed the job title: the member's edit of it conflicts.
    await admin.push([edit("contact", "inv", 1, { jobTitle: "Buyer" }, { jobTitle: SECRET })]);
    const moved = results(
      await client.push([
        edit(
          "contact",
          "inv",
          1,
          { categories: ["Investor"], jobTitle: "Buyer" },
          { categories: ["Former"], jobTitle: "Head buyer" },
        ),
        create("contact", "ext", { givenName: "Out", categories: ["Prospect"] }),
      ]),
    );
    // The categories applied, the job title did not; the record is no longer the member's: the
    // answer says only that, and the client lists the change as needing attention.
    expect(moved).toEqual([
      {
        mid: 1,
        status: "partial",
        error: { code: "outside_sync_set", message: expect.not.stringContaining(SECRET) },
      },
      { mid: 2, status: "applied" },
    ]);
  });

  it("through a create of an id that exists outside the view: refused, telling nothing of it", async () => {
    const { owner, client } = await world();
    const reply = await client.push([
      create("contact", "sec", { givenName: "Mine now" }),
      create("history", "h-sec", { kind: "note", subject: "Mine now" }),
      edit("contact", "sec", 1, { givenName: SECRET }, { givenName: "Mine now" }),
      { op: "delete", type: "contact", id: "sec", baseVersion: 1, at: at() },
    ]);
    for (const r of results(reply)) {
      expect(r).toEqual({
        mid: r.mid,
        status: "rejected",
        error: { code: "outside_sync_set", message: expect.any(String) },
      });
    }
    expect(reply.text).not.toContain(owner.email);
  });

  it("through history linked to contacts outside the view", async () => {
    const { db, member, client } = await world();
    const start = await pullToEnd(db, member, null);
    expect(start.keys.sort()).toEqual(["contact:inv", "history:h-both", "history:h-inv"]);
    const linked = results(
      await client.push([
        create("history", "h-out", { kind: "note", subject: "Out", contactIds: ["sec"] }),
        create("history", "h-two", { kind: "note", subject: "Two", contactIds: ["sec", "inv"] }),
        edit("history", "h-sec", 1, { subject: SECRET }, { subject: "x" }),
      ]),
    );
    // Created (creating is allowed), but out of the view: no record in the answer.
    expect(linked.map((r) => [r.status, r.record?.id, r.error?.code])).toEqual([
      ["applied", undefined, undefined],
      ["applied", "h-two", undefined],
      ["rejected", undefined, "outside_sync_set"],
    ]);
    const after = await pullToEnd(db, member, start.cursor);
    expect(after.keys).toEqual(["history:h-two"]);
    expect(after.removed).toEqual([]);
  });

  it("through tombstones: a delete reaches only the members whose view held the record", async () => {
    const { db, admin, member } = await world();
    const start = await pullToEnd(db, member, null);
    await admin.push([
      { op: "delete", type: "history", id: "h-sec", baseVersion: 1, at: at() },
      { op: "delete", type: "contact", id: "sec", baseVersion: 1, at: at() },
      { op: "delete", type: "history", id: "h-inv", baseVersion: 1, at: at() },
    ]);
    const after = await pullToEnd(db, member, start.cursor);
    expect(after.records.map((r) => [r.id, r.deleted, r.fields])).toEqual([["h-inv", true, {}]]);
    // h-both lost its link to `sec`, which was out of the view anyway: nothing changed for it.
    expect(after.removed).toEqual([]);
    // A new copy holds nothing yet: it gets no tombstone at all.
    const fresh = await pullToEnd(db, member, null);
    expect(fresh.records.filter((r) => r.deleted)).toEqual([]);
    expect(fresh.removed).toEqual([]);
  });
});

describe("`removed` names only records the member's copy may hold", () => {
  it("none on a first pull, none that never were in the view, and those that left with their history", async () => {
    const { db, admin, member } = await world();
    const first = await pullToEnd(db, member, null);
    expect(first.removed).toEqual([]);

    // Made, or changed in fields no filter reads, outside the view since: nothing to tell.
    await admin.push([
      create("contact", "sec2", { givenName: "New", categories: ["Board"] }),
      edit("contact", "sec", 1, { notes: SECRET_NOTE }, { notes: "changed" }),
      create("history", "h-sec2", { kind: "note", subject: "x", contactIds: ["sec2"] }),
      edit("history", "h-sec", 1, { subject: SECRET }, { subject: "changed" }),
    ]);
    const quiet = await pullToEnd(db, member, first.cursor);
    expect(quiet).toMatchObject({ records: [], removed: [] });

    // `inv` leaves the view: it goes, and so do the history items that were in view through it.
    await admin.push([edit("contact", "inv", 1, { categories: ["Investor"] }, { categories: [] })]);
    const left = await pullToEnd(db, member, quiet.cursor);
    expect(left.records).toEqual([]);
    expect(left.removed.sort()).toEqual(["contact:inv", "history:h-both", "history:h-inv"]);
  });

  it("across pages, also when a record changed again after it left or came in", async () => {
    const { db, admin, member } = await world();
    const start = await pullToEnd(db, member, null);
    await admin.push([
      // `inv` leaves and `sec` comes in ...
      edit("contact", "inv", 1, { categories: ["Investor"] }, { categories: ["Former"] }),
      edit("contact", "sec", 1, { categories: ["Board"] }, { categories: ["Investor"] }),
      create("contact", "f1", { categories: ["Investor"] }),
      create("contact", "f2", { categories: ["Investor"] }),
      // ... and both change again after other changes, beyond the first pages.
      edit("contact", "inv", 2, { givenName: "Ivy" }, { givenName: "Ivy Lee" }),
      edit("contact", "sec", 2, { notes: SECRET_NOTE }, { notes: "now shared" }),
    ]);
    const pages = [];
    let cursor = start.cursor;
    for (;;) {
      const page = await call<PullResponse>(`/databases/${db}/pull`, {
        token: member.token,
        body: { cursor, limit: 1 },
      });
      pages.push(page.body);
      cursor = page.body.cursor;
      if (!page.body.more) break;
    }
    const got = pages.flatMap((p) => p.records.map((r) => `${r.type}:${r.id}`));
    const removed = pages.flatMap((p) => p.removed.map((r) => `${r.type}:${r.id}`));
    expect(new Set(got)).toEqual(
      new Set(["contact:sec", "contact:f1", "contact:f2", "history:h-sec", "history:h-both"]),
    );
    expect(new Set(removed)).toEqual(new Set(["contact:inv", "history:h-inv"]));
  });
});

describe("a member of one database never reaches another", () => {
  it("by naming the other database's id in any route, or its records' ids in a push", async () => {
    const bob = await newMember("bob");
    const dbB = await newDatabase(bob, "B");
    await new Client(dbB, bob).push([
      create("contact", "b1", { givenName: SECRET, notes: SECRET_NOTE }),
    ]);
    const alice = await newMember("alice");
    const dbA = await newDatabase(alice, "A");
    for (const [method, path, body] of [
      ["GET", `/databases/${dbB}`, undefined],
      ["POST", `/databases/${dbB}/pull`, { cursor: null, limit: 10 }],
      ["POST", `/databases/${dbB}/push`, { clientId: "c-x", mutations: [] }],
      ["GET", `/databases/${dbB}/members`, undefined],
      ["GET", `/databases/${dbB}/sync-sets`, undefined],
      ["PUT", `/databases/${dbB}/sync-sets/x`, { filter: { any: [] } }],
      ["PUT", `/databases/${dbB}/members/${encodeURIComponent(alice.email)}`, { role: "owner" }],
      [
        "PUT",
        `/databases/${dbB}/members/${encodeURIComponent(alice.email)}/subscriptions/b1`,
        undefined,
      ],
      ["PUT", `/databases/${dbB}/name`, { name: "Taken" }],
      ["DELETE", `/databases/${dbB}/members/${encodeURIComponent(alice.email)}`, undefined],
      ["DELETE", `/databases/${dbB}/members/${encodeURIComponent(bob.email)}`, undefined],
      ["DELETE", `/databases/${dbB}`, undefined],
    ] as const) {
      const reply = await call(path, { method, token: alice.token, ...(body ? { body } : {}) });
      expect([method, path, reply.status]).toEqual([method, path, 404]);
      noSecret(reply);
    }
    const bobs = await call<{ databases: Array<{ id: string; name: string }> }>("/me", {
      token: bob.token,
    });
    expect(bobs.body.databases).toEqual([expect.objectContaining({ id: dbB, name: "B" })]);
    // Database A's push naming B's record: A has no such record, and a retry shows nothing.
    const client = new Client(dbA, alice);
    const pushed = results(
      await client.push([edit("contact", "b1", 1, { givenName: SECRET }, { givenName: "x" })]),
    );
    expect(pushed).toEqual([
      { mid: 1, status: "rejected", error: expect.objectContaining({ code: "not_found" }) },
    ]);
    const retried = results(await client.send([{ ...create("contact", "b1", {}), mid: 1 }]));
    expect(retried).toEqual([{ mid: 1, status: "duplicate" }]);
    const pulled = await pullToEnd(dbA, alice, null);
    expect(pulled.records).toEqual([]);
  });
});

describe("a page's history is read in bounded batches", () => {
  it("however many contacts of the page brought history into the view", async () => {
    // About the view's reads, not storage: the memory repository keeps the same contract.
    const repo = new MemoryRepository();
    const db = `iso${Date.now().toString(36)}`;
    const now = at();
    await repo.createDatabase({ id: db, name: "Fan-out", owner: "o@contoso.test", now });
    const record = (r: Pick<StoredRecord, "type" | "id" | "fields">) => ({
      prevSeq: null,
      born: true,
      viewChanged: true,
      ...(r.type === "history" ? { linksAdded: r.fields.contactIds as string[] } : {}),
      state: {
        ...r,
        version: 1,
        deleted: false,
        updatedAt: now,
        updatedBy: "o@contoso.test",
        stamps: {},
        viewSeq: 0,
        bornSeq: 0,
      },
    });
    const count = 3 * READ_BATCH;
    const perCommit = Math.floor(repo.commitLimits.operations / 2);
    // History first, then its contacts: each contact coming in brings its history along.
    for (let i = 0; i < count; i += perCommit) {
      const head = (await repo.readHead(db))!;
      const ids = Array.from({ length: Math.min(perCommit, count - i) }, (_, k) => i + k);
      await repo.commit(
        head,
        ids.map((k) =>
          record({ type: "history", id: `h${k}`, fields: { kind: "note", contactIds: [`c${k}`] } }),
        ),
      );
    }
    const since = (await repo.readHead(db))!.info.seq;
    for (let i = 0; i < count; i += perCommit) {
      const head = (await repo.readHead(db))!;
      const ids = Array.from({ length: Math.min(perCommit, count - i) }, (_, k) => i + k);
      await repo.commit(
        head,
        ids.map((k) => record({ type: "contact", id: `c${k}`, fields: { categories: ["In"] } })),
      );
    }
    let reading = 0;
    let most = 0;
    const counting: Repository = Object.create(repo, {
      readLinkedHistory: {
        value: async (d: string, contactId: string) => {
          most = Math.max(most, ++reading);
          try {
            return await repo.readLinkedHistory(d, contactId);
          } finally {
            reading--;
          }
        },
      },
    });
    const view = makeView(
      { db, email: "m@contoso.test", oid: null, role: "reader", syncSet: "In", subscriptions: [] },
      { any: [{ field: "categories", op: "contains", value: "in" }] },
    );
    const page = await repo.readChanges(db, since, 1000);
    const { sent, removed } = await restrictToView(counting, db, view, page.records, since);
    expect(sent.filter((r) => r.type === "history")).toHaveLength(count);
    expect(removed).toEqual([]);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(READ_BATCH);
  });
});
