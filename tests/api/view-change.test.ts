/**
 * A member's view changes (docs/sync-protocol.md, clarification 4): a pull with a cursor made for
 * the older view gets the difference in one page, or 410 when it is larger than the page.
 */
import type { Filter, PullResponse, WireRecord } from "../../src/shared/protocol";
import { call } from "../support/http";
import { startWatchedHost } from "../support/stack";
import {
  Client,
  create,
  edit,
  newDatabase,
  newMember,
  applyPages,
  pullAll,
  putSyncSet,
  share,
  type Member,
} from "../support/db";

type Page = PullResponse;

const pull = (db: string, member: Member, cursor: string | null, limit = 1000) =>
  call<Page>(`/databases/${db}/pull`, { token: member.token, body: { cursor, limit } });

const region = (value: string): Filter => ({
  any: [{ field: "categories", op: "contains", value }],
});

const keys = (records: Iterable<{ type: string; id: string }>) =>
  [...records].map((r) => `${r.type}:${r.id}`).sort();

/**
 * A database of 12 contacts, North and South by turns, each with a history item, one company; a
 * member whose sync set is North, with a complete copy.
 */
async function setUp() {
  const owner = await newMember("owner");
  const db = await newDatabase(owner);
  const admin = new Client(db, owner);
  await admin.push([
    create("company", "co", { name: "Contoso" }),
    ...Array.from({ length: 12 }, (_, i) =>
      create("contact", `c${i}`, {
        givenName: `Person ${i}`,
        jobTitle: `Title ${i}`,
        categories: [i % 2 ? "South" : "North"],
      }),
    ),
    ...Array.from({ length: 12 }, (_, i) =>
      create("history", `h${i}`, { kind: "note", subject: `About ${i}`, contactIds: [`c${i}`] }),
    ),
  ]);
  for (const name of ["North", "South"])
    expect((await putSyncSet(db, owner, name, region(name))).status).toBe(200);
  const member = await share(db, owner, "editor", "North");
  const copy = await pullAll(db, member);
  const held = new Map([...copy.records].filter(([, r]) => !r.deleted));
  return { owner, db, admin, member, held, cursor: copy.cursor };
}

async function moveTo(db: string, owner: Member, member: Member, syncSet: string | null) {
  const reply = await call(`/databases/${db}/members/${encodeURIComponent(member.email)}`, {
    method: "PUT",
    token: owner.token,
    body: { role: "editor", syncSet },
  });
  expect(reply.status).toBe(200);
}

async function subscribe(db: string, owner: Member, member: Member, contactId: string, on = true) {
  const reply = await call(
    `/databases/${db}/members/${encodeURIComponent(member.email)}/subscriptions/${contactId}`,
    { method: on ? "PUT" : "DELETE", token: owner.token },
  );
  expect(reply.status).toBe(200);
}

/** The copy after `page` must be what a new copy of the view now holds. */
async function expectConverged(db: string, member: Member, held: Map<string, WireRecord>) {
  const fresh = await pullAll(db, member);
  const live = new Map([...fresh.records].filter(([, r]) => !r.deleted));
  expect(keys(held.values())).toEqual(keys(live.values()));
  for (const [key, r] of live) expect(held.get(key)?.version).toBe(r.version);
}

it("brings a subscribed contact and its history in one request, and nothing the copy holds", async () => {
  const { owner, db, member, held, cursor } = await setUp();
  await subscribe(db, owner, member, "c1");
  const page = await pull(db, member, cursor);
  expect(page.status).toBe(200);
  expect(keys(page.body.records)).toEqual(["contact:c1", "history:h1"]);
  expect(page.body.removed).toEqual([]);
  expect(page.body.more).toBe(false);
  const after = applyPages(held, [page.body]);
  await expectConverged(db, member, after);

  // Its cursor is for the new view: the next pull has nothing.
  const next = await pull(db, member, page.body.cursor);
  expect(next.body).toMatchObject({ records: [], removed: [], more: false });

  // Ending it takes them out again, in one request.
  await subscribe(db, owner, member, "c1", false);
  const out = await pull(db, member, page.body.cursor);
  expect(out.body.records).toEqual([]);
  expect(keys(out.body.removed)).toEqual(["contact:c1", "history:h1"]);
  await expectConverged(db, member, applyPages(after, [out.body]));
});

it("moves records in and out when the set's filter changes, with the changes since the cursor", async () => {
  const { owner, db, admin, member, held, cursor } = await setUp();
  // Since the cursor: a North contact edited, another deleted, a South one moved North.
  await admin.push([
    edit("contact", "c0", 1, { givenName: "Person 0" }, { givenName: "Renamed" }),
    { op: "delete", type: "contact", id: "c2", baseVersion: 1, at: new Date().toISOString() },
    edit("contact", "c3", 1, { categories: ["South"] }, { categories: ["North"] }),
  ]);
  // North now also takes the South contact whose job title is "Title 5".
  const edited = await putSyncSet(db, owner, "North", {
    any: [
      { field: "categories", op: "contains", value: "North" },
      { field: "jobTitle", op: "eq", value: "Title 5" },
    ],
  });
  expect(edited.status).toBe(200);
  const page = await pull(db, member, cursor);
  expect(page.status).toBe(200);
  expect(keys(page.body.records)).toEqual([
    "contact:c0",
    "contact:c2",
    "contact:c3",
    "contact:c5",
    "history:h3",
    "history:h5",
  ]);
  expect(page.body.records.find((r) => r.id === "c2")?.deleted).toBe(true);
  await expectConverged(db, member, applyPages(held, [page.body]));
});

it("gives a member moved to another sync set what they now see, and takes away the rest", async () => {
  const { owner, db, member, held, cursor } = await setUp();
  await moveTo(db, owner, member, "South");
  const page = await pull(db, member, cursor);
  expect(page.status).toBe(200);
  expect(page.body.removed).toHaveLength(12);
  expect(page.body.records).toHaveLength(12);
  await expectConverged(db, member, applyPages(held, [page.body]));
});

it("pages a difference larger than the page, in the order of type and id", async () => {
  const { owner, db, member, held, cursor } = await setUp();
  await moveTo(db, owner, member, "South");
  // 12 records come and 12 go: 4 pages of 6.
  const pages: Page[] = [];
  for (let at: string = cursor; ;) {
    const page = await pull(db, member, at, 6);
    expect(page.status).toBe(200);
    pages.push(page.body);
    at = page.body.cursor;
    if (!page.body.more) break;
  }
  expect(pages).toHaveLength(4);
  // Each page's entries (records and `removed`) all come after the page before's.
  const entries = pages.flatMap((p) =>
    [...p.records, ...p.removed].map((r) => `${r.type}|${r.id}`).sort(),
  );
  for (const p of pages) expect(p.records.length + p.removed.length).toBe(6);
  expect(entries).toEqual([...entries].sort());
  await expectConverged(db, member, applyPages(held, pages));
  // The last page's cursor is for the new view: the next pull has nothing.
  const next = await pull(db, member, pages.at(-1)!.cursor, 6);
  expect(next.body).toMatchObject({ records: [], removed: [], more: false });
});

it("expires the cursor when the difference takes more than 4 pages", async () => {
  const { owner, db, member, cursor } = await setUp();
  await moveTo(db, owner, member, "South");
  const page = await pull(db, member, cursor, 5);
  expect(page.status).toBe(410);
  expect(page.text).toContain("cursor_expired");
});

it("brings the changes made between a difference's pages with the next pull", async () => {
  const { owner, db, admin, member, held, cursor } = await setUp();
  await moveTo(db, owner, member, "South");
  const first = await pull(db, member, cursor, 12);
  expect(first.body.more).toBe(true);
  // Contacts come before history: one of each side of the page's end changes now.
  await admin.push([
    edit("contact", "c1", 1, { givenName: "Person 1" }, { givenName: "Changed" }),
    edit("contact", "c3", 1, { categories: ["South"] }, { categories: ["North"] }),
    edit("history", "h5", 1, { subject: "About 5" }, { subject: "Changed" }),
  ]);
  const pages = [first.body];
  for (let at = first.body.cursor; ;) {
    const page = await pull(db, member, at, 12);
    expect(page.status).toBe(200);
    pages.push(page.body);
    at = page.body.cursor;
    if (!page.body.more) break;
  }
  // The difference's pages as they were read: c1 before its change, h5 after.
  const read = applyPages(held, pages);
  expect(read.get("contact:c1")?.fields.givenName).toBe("Person 1");
  expect(read.get("history:h5")?.fields.subject).toBe("Changed");
  // The next pull brings what changed from the first page on.
  const next = await pull(db, member, pages.at(-1)!.cursor, 12);
  expect(keys(next.body.records)).toEqual(["contact:c1", "history:h5"]);
  expect(keys(next.body.removed)).toEqual(["contact:c3", "history:h3"]);
  await expectConverged(db, member, applyPages(read, [next.body]));
}, 30_000);

it("expires a difference's cursor when the view changes again before its last page", async () => {
  const { owner, db, member, cursor } = await setUp();
  await moveTo(db, owner, member, "South");
  const first = await pull(db, member, cursor, 12);
  expect(first.body.more).toBe(true);
  await subscribe(db, owner, member, "c0");
  const next = await pull(db, member, first.body.cursor, 12);
  expect(next.status).toBe(410);
  expect(next.text).toContain("cursor_expired");
});

it("expires the cursor when more than 25 pages of changes came after it", async () => {
  const { owner, db, admin, member, cursor } = await setUp();
  // 60 commits after the cursor, of contacts in no view: past 25 pages of 2, not of 3.
  await admin.push(
    Array.from({ length: 60 }, (_, i) =>
      create("contact", `e${i}`, { givenName: `Elsewhere ${i}`, categories: ["East"] }),
    ),
  );
  await subscribe(db, owner, member, "c1");
  const tooLarge = await pull(db, member, cursor, 2);
  expect(tooLarge.status).toBe(410);
  expect(tooLarge.text).toContain("cursor_expired");
  const difference = await pull(db, member, cursor, 3);
  expect(difference.status).toBe(200);
  expect(keys(difference.body.records)).toEqual(["contact:c1", "history:h1"]);
  expect(difference.body.removed).toEqual([]);
  expect(difference.body.more).toBe(false);
});

it("judges by a snapshot older than the cursor and the changes after it", async () => {
  const { owner, db, admin, member } = await setUp();
  // The snapshot (a new copy of the owner's builds it), then changes before and after the
  // member's cursor: each record's state comes from the latest of them.
  const snapshot = await call<Page>(`/databases/${db}/pull`, {
    token: owner.token,
    body: { cursor: null, limit: 5, snapshot: true },
  });
  expect(snapshot.status).toBe(200);
  expect(snapshot.body.records.length).toBeGreaterThan(5);
  await admin.push([
    edit("contact", "c0", 1, { givenName: "Person 0" }, { givenName: "Before" }),
    { op: "delete", type: "contact", id: "c2", baseVersion: 1, at: new Date().toISOString() },
    edit("contact", "c3", 1, { categories: ["South"] }, { categories: ["North"] }),
    { op: "delete", type: "history", id: "h4", baseVersion: 1, at: new Date().toISOString() },
  ]);
  const copy = await pullAll(db, member);
  const held = new Map([...copy.records].filter(([, r]) => !r.deleted));
  await admin.push([
    edit("contact", "c0", 2, { givenName: "Before" }, { givenName: "After" }),
    edit("contact", "c6", 1, { categories: ["North"] }, { categories: ["South"] }),
    create("contact", "c12", { givenName: "New", categories: ["North"] }),
    create("history", "h12", { kind: "note", subject: "New", contactIds: ["c12", "c5"] }),
  ]);
  await subscribe(db, owner, member, "c7");
  const page = await pull(db, member, copy.cursor);
  expect(page.status).toBe(200);
  expect(keys(page.body.records)).toEqual([
    "contact:c0",
    "contact:c12",
    "contact:c7",
    "history:h12",
    "history:h7",
  ]);
  expect(keys(page.body.removed)).toEqual(["contact:c6", "history:h6"]);
  await expectConverged(db, member, applyPages(held, [page.body]));
});

it("expires a cursor whose view the server does not know", async () => {
  const { owner, db, member, cursor } = await setUp();
  await subscribe(db, owner, member, "c1");
  const state = JSON.parse(Buffer.from(cursor, "base64url").toString()) as object;
  const forged = Buffer.from(JSON.stringify({ ...state, v: "AAAAAAAAAAAA" })).toString("base64url");
  const page = await pull(db, member, forged);
  expect(page.status).toBe(410);
});

it("answers a forged difference cursor with 400 naming cursor, and never with records out of view", async () => {
  const { admin, db, member, held, cursor } = await setUp();
  const state = JSON.parse(Buffer.from(cursor, "base64url").toString()) as { v: string };
  const encode = (extra: object) =>
    Buffer.from(JSON.stringify({ ...state, ...extra })).toString("base64url");
  for (const forged of [
    { t: state.v },
    { t: state.v, k: 7, a: 0 },
    { t: state.v, k: "contact|c1", a: -1 },
    { t: 1, k: "contact|c1", a: 0 },
    { t: state.v, k: "contact|c1", a: 0, p: "ab", n: 0, c: 2 },
  ]) {
    const reply = await pull(db, member, encode(forged));
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('"field":"cursor"');
  }
  // Well formed, from the start, for the view the member has: nothing outside it comes.
  await admin.push([edit("contact", "c1", 1, { givenName: "Person 1" }, { givenName: "One" })]);
  const reply = await pull(db, member, encode({ t: state.v, k: "", a: 0, s: 0, b: 0 }));
  expect(reply.status).toBe(200);
  const sent = keys(reply.body.records);
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.filter((k) => !held.has(k))).toEqual([]);
  expect(reply.text).not.toContain("One");
});

it("takes a member without a sync set to one, and back, by the difference", async () => {
  const { owner, db, member } = await setUp();
  await moveTo(db, owner, member, null);
  const all = await pullAll(db, member);
  expect(all.records.size).toBe(25);
  await moveTo(db, owner, member, "North");
  const page = await pull(db, member, all.cursor);
  expect(page.status).toBe(200);
  expect(page.body.records).toEqual([]);
  expect(page.body.removed).toHaveLength(12);
  await expectConverged(db, member, applyPages(all.records, [page.body]));
});

describe("what the server reads", () => {
  let watched: Awaited<ReturnType<typeof startWatchedHost>>;
  /** The storage requests the second host made, decoded. */
  const seen: string[] = [];
  beforeAll(async () => {
    watched = await startWatchedHost({
      onRequest: (r) => void seen.push(`${r.method} ${decodeURIComponent(r.path)}`),
    });
  }, 60_000);
  afterAll(() => watched?.close());

  it("judges a view change by the snapshot and the changes after the cursor, not every row", async () => {
    const { owner, db, admin, member, cursor } = await setUp();
    const snapshot = await call<Page>(`/databases/${db}/pull`, {
      token: owner.token,
      body: { cursor: null, limit: 5, snapshot: true },
    });
    expect(snapshot.status).toBe(200);
    await admin.push([edit("contact", "c1", 1, { givenName: "Person 1" }, { givenName: "One" })]);
    await subscribe(db, owner, member, "c1");
    seen.length = 0;
    const page = await call<Page>(`/databases/${db}/pull`, {
      token: member.token,
      body: { cursor, limit: 1000 },
      base: watched.host.url,
    });
    expect(page.status).toBe(200);
    expect(keys(page.body.records)).toEqual(["contact:c1", "history:h1"]);
    const ofDb = seen.filter(
      (r) => r.includes(`PartitionKey eq '${db}'`) || r.includes(`'${db}',`),
    );
    const queries = ofDb.filter((r) => r.includes("$filter="));
    // The snapshot's rows, point reads; no query but of the changes after the cursor (read
    // twice: the catch-up's early read, with the head, dropped once the view is seen to have
    // changed).
    expect(ofDb.filter((r) => /RowKey='p\|\w+\|\d+'/.test(r)).length).toBeGreaterThan(0);
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries)
      expect(query).toMatch(/RowKey gt 'c\|0+25' and RowKey lt '(c\|~|h\|)'/);
  });
});
