/**
 * A new copy from the snapshot (docs/sync-protocol.md, "A new copy from the snapshot"): over
 * HTTP through the local host, and, for what needs small chunks and pages or a commit in the
 * middle of a build, `pullPage` itself on Table Storage (Azurite).
 */
import { SNAPSHOT_CHUNK_BYTES } from "../../api/src/storage/entities";
import { MemoryRepository } from "../../api/src/storage/memory-repository";
import { TableRepository } from "../../api/src/storage/table-repository";
import type { Head, Repository, StoredRecord } from "../../api/src/storage/repository";
import { decodeCursor } from "../../api/src/sync/cursor";
import { pullPage } from "../../api/src/sync/pull";
import type { SnapshotSizes } from "../../api/src/sync/snapshot";
import { makeView } from "../../api/src/sync/view";
import { pullPageText } from "../../api/src/sync/wire";
import type { PullResponse, WireRecord } from "../../src/shared/protocol";
import { call } from "../support/http";
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

const pull = (db: string, member: Member, body: object) =>
  call<Page>(`/databases/${db}/pull`, { token: member.token, body });

/** What a new client holds after applying `pages` in order. */
const apply = (pages: readonly Page[]) => applyPages(new Map(), pages);

const live = (records: Map<string, WireRecord>) =>
  new Map([...records].filter(([, r]) => !r.deleted));

const versions = (records: Map<string, WireRecord>) =>
  Object.fromEntries([...records].map(([key, r]) => [key, r.version]));

/** A database of `n` contacts and two companies, one contact deleted and one edited. */
async function seeded(n: number) {
  const owner = await newMember("owner");
  const db = await newDatabase(owner);
  const client = new Client(db, owner);
  const contacts = Array.from({ length: n }, (_, i) =>
    create("contact", `c${i}`, {
      givenName: `Person ${i}`,
      notes: 'Ünïcödé 🧭 "quoted"',
      categories: i % 2 ? ["North"] : ["South"],
    }),
  );
  const reply = await client.push([
    ...contacts,
    create("company", "k1", { name: "Contoso" }),
    create("company", "k2", { name: "Fabrikam" }),
  ]);
  expect(reply.status).toBe(200);
  await client.push([
    { op: "delete", type: "contact", id: "c0", baseVersion: 1, at: new Date().toISOString() },
    edit("contact", "c1", 1, { givenName: "Person 1" }, { givenName: "Renée" }),
  ]);
  return { owner, db, client };
}

describe("over HTTP", () => {
  it("serves a new copy in one page from the snapshot, as ordinary pages would make it", async () => {
    const { owner, db } = await seeded(20);
    const first = await pull(db, owner, { cursor: null, limit: 5, snapshot: true });
    expect(first.status).toBe(200);
    // 21 live records in one page although the limit is 5, no tombstone, nothing twice.
    expect(first.body.records).toHaveLength(21);
    expect(first.body.records.some((r) => r.deleted)).toBe(false);
    expect(first.body.more).toBe(false);
    expect(first.body.removed).toEqual([]);
    const ordinary = await pullAll(db, owner, 5);
    expect(ordinary.requests).toBeGreaterThan(4);
    expect(apply([first.body])).toEqual(live(ordinary.records));
    expect(apply([first.body]).get("contact:c1")?.fields.givenName).toBe("Renée");

    const again = await pull(db, owner, { cursor: first.body.cursor, limit: 5 });
    expect(again.body).toMatchObject({ records: [], removed: [], more: false });
  });

  it("sends the changes after the snapshot behind it: the later state wins", async () => {
    const { owner, db, client } = await seeded(20);
    const built = await pull(db, owner, { cursor: null, limit: 5, snapshot: true });
    await client.push([
      edit("contact", "c2", 1, { givenName: "Person 2" }, { givenName: "Zoë" }),
      { op: "delete", type: "contact", id: "c3", baseVersion: 1, at: new Date().toISOString() },
      create("contact", "new", { givenName: "Newcomer" }),
    ]);
    const pages: Page[] = [];
    let body: object = { cursor: null, limit: 5, snapshot: true };
    for (;;) {
      const reply = await pull(db, owner, body);
      expect(reply.status).toBe(200);
      pages.push(reply.body);
      if (!reply.body.more) break;
      body = { cursor: reply.body.cursor, limit: 5 };
    }
    // The same snapshot again (3 changes are under a quarter of it), then the changes.
    expect(pages[0]!.records.slice(0, 21)).toEqual(built.body.records);
    expect(pages[0]!.records.filter((r) => r.id === "c2").map((r) => r.version)).toEqual([1, 2]);
    const held = apply(pages);
    expect(held.get("contact:c2")?.fields.givenName).toBe("Zoë");
    expect(held.has("contact:c3")).toBe(false);
    expect(versions(held)).toEqual(versions(live((await pullAll(db, owner)).records)));
  });

  it("builds a new snapshot once the changes since pass a quarter of it", async () => {
    const { owner, db, client } = await seeded(12);
    await pull(db, owner, { cursor: null, limit: 2, snapshot: true });
    await client.push(
      [2, 3, 4, 5, 6].map((i) =>
        edit("contact", `c${i}`, 1, { givenName: `Person ${i}` }, { givenName: `Edited ${i}` }),
      ),
    );
    const page = await pull(db, owner, { cursor: null, limit: 2, snapshot: true });
    // 13 live records, each once: a snapshot of now.
    expect(page.body.records).toHaveLength(13);
    expect(page.body.more).toBe(false);
    expect(apply([page.body]).get("contact:c6")?.fields.givenName).toBe("Edited 6");
  });

  it("gives ordinary pages to a client that does not ask, and to a member with a sync set", async () => {
    const { owner, db } = await seeded(20);
    const old = await pull(db, owner, { cursor: null, limit: 5 });
    expect(old.body.records).toHaveLength(5);
    expect(old.body.more).toBe(true);

    const set = await putSyncSet(db, owner, "People", {
      any: [{ field: "categories", op: "contains", value: "North" }],
    });
    expect(set.status).toBe(200);
    const member = await share(db, owner, "reader", "People");
    const filtered = await pull(db, member, { cursor: null, limit: 5, snapshot: true });
    expect(filtered.status).toBe(200);
    expect(filtered.body.records.length).toBeLessThanOrEqual(5);
    expect(filtered.body.more).toBe(true);
    const all = await pullAll(db, member, 5);
    expect([...live(all.records).keys()].sort()).toEqual(
      [
        "company:k1",
        "company:k2",
        ...Array.from({ length: 10 }, (_, i) => `contact:c${2 * i + 1}`),
      ].sort(),
    );
  });

  it("answers a forged snapshot cursor with 400 naming cursor, whatever it names", async () => {
    const { owner, db } = await seeded(8);
    const first = await pull(db, owner, { cursor: null, limit: 5, snapshot: true });
    const state = JSON.parse(Buffer.from(first.body.cursor, "base64url").toString()) as object;
    for (const forged of [
      { p: "../h", n: 0, c: 2 },
      { p: "ab", n: 2, c: 2 },
      { p: "ab", n: -1, c: 2 },
      { p: "ab", n: 0 },
      { p: 7, n: 0, c: 1 },
    ]) {
      const cursor = Buffer.from(JSON.stringify({ ...state, ...forged })).toString("base64url");
      const reply = await pull(db, owner, { cursor, limit: 5 });
      expect(reply.status).toBe(400);
      expect(reply.text).toContain('"field":"cursor"');
    }
    const gone = Buffer.from(JSON.stringify({ ...state, p: "abc", n: 1, c: 3 })).toString(
      "base64url",
    );
    const reply = await pull(db, owner, { cursor: gone, limit: 5 });
    expect(reply.status).toBe(410);
    expect(reply.text).toContain("cursor_expired");
  });
});

describe.each<[string, () => Repository]>([
  [
    "Table Storage",
    () =>
      new TableRepository({ connectionString: process.env.BCM_TEST_STORAGE!, tablePrefix: "snap" }),
  ],
  ["the memory repository", () => new MemoryRepository()],
])("pullPage on %s, with small chunks", (_, make) => {
  /** Two records a chunk (each about 350 characters), two chunks a page. */
  const sizes: SnapshotSizes = {
    chunkChars: 700,
    chunkBytes: SNAPSHOT_CHUNK_BYTES,
    pageChunks: 2,
    staleShare: 0.25,
  };
  const owner = "o@contoso.test";
  const view = makeView(
    { db: "", email: owner, oid: null, role: "owner", syncSet: null, subscriptions: [] },
    null,
  );
  let repo: Repository;
  let made = 0;

  const record = (id: string, name: string, version = 1): Omit<StoredRecord, "seq"> => ({
    type: "contact",
    id,
    version,
    deleted: false,
    updatedAt: "2026-12-05T10:00:00.000Z",
    updatedBy: owner,
    fields: { givenName: name, notes: "x".repeat(180) },
    stamps: {},
    viewSeq: 0,
    bornSeq: 0,
  });

  async function database(n: number): Promise<{ db: string; head: Head }> {
    repo = make();
    const db = `snap${Date.now().toString(36)}${++made}`;
    await repo.createDatabase({ id: db, name: "Snap", owner, now: "2026-12-05T10:00:00.000Z" });
    let head = (await repo.readHead(db))!;
    for (let i = 0; i < n; i += 20) {
      const writes = Array.from({ length: Math.min(20, n - i) }, (_, j) => ({
        state: record(`c${i + j}`, `Person ${i + j}`),
        prevSeq: null,
      }));
      head = (await repo.commit(head, writes)).head;
    }
    return { db, head };
  }

  const edit = async (db: string, id: string, name: string) => {
    const head = (await repo.readHead(db))!;
    const current = (await repo.readRecords(db, [{ type: "contact", id }])).get(`contact:${id}`)!;
    await repo.commit(head, [
      { state: record(id, name, current.version + 1), prevSeq: current.seq },
    ]);
  };

  /** Every page from `cursor: null`, each as the client reads it. */
  async function copy(db: string, from: string | null = null, chunking = sizes) {
    const pages: Page[] = [];
    let cursor = from;
    do {
      const { epoch } = (await repo.readHead(db))!.info;
      const page = await pullPage(
        { repo },
        { db, epoch, view },
        { cursor, limit: 2, snapshot: true },
        { sizes: chunking },
      );
      pages.push(JSON.parse(pullPageText(page, "2026-12-05T10:00:00.000Z")) as Page);
      cursor = pages.at(-1)!.cursor;
    } while (pages.at(-1)!.more);
    return pages;
  }

  it("pages through the chunks, and resumes from any page's cursor", async () => {
    const { db } = await database(11);
    const pages = await copy(db);
    // 11 records: 6 chunks of 2 and 1, 2 chunks a page.
    expect(pages.map((p) => p.records.length)).toEqual([4, 4, 3]);
    expect(apply(pages).size).toBe(11);
    const resumed = await copy(db, pages[0]!.cursor);
    expect(apply([pages[0]!, ...resumed])).toEqual(apply(pages));
  });

  it("splits a chunk that compresses past a row's size, down to single records", async () => {
    const { db } = await database(9);
    const pages = await copy(db, null, { ...sizes, chunkChars: 100_000, chunkBytes: 100 });
    expect(apply(pages).size).toBe(9);
    const info = (await repo.readSnapshot(db))!;
    const chunks = (await repo.readSnapshotChunks(db, info.id, 0, 100))!;
    // No two records compress into 100 bytes: one a chunk, whatever its size.
    expect(chunks).toHaveLength(9);
  });

  it("brings a record changed during the build after it, and the build's own state before", async () => {
    const { db } = await database(9);
    // A commit lands between the build's reads of the change index.
    const readChanges = repo.readChanges.bind(repo);
    let reads = 0;
    repo.readChanges = async (...args) => {
      const page = await readChanges(...args);
      if (reads++ === 0) await edit(db, "c0", "Changed while building");
      return page;
    };
    const pages = await copy(db);
    const held = apply(pages);
    expect(held.size).toBe(9);
    expect(held.get("contact:c0")?.fields.givenName).toBe("Changed while building");
  });

  it("expires a cursor whose snapshot was replaced twice, and keeps the one replaced once", async () => {
    const { db } = await database(9);
    const [first] = await copy(db);
    const cursor = decodeCursor(first!.cursor, (await repo.readHead(db))!.info.epoch);
    expect(cursor.snapshot?.next).toBe(2);
    const rebuild = async (round: number) => {
      for (let i = 0; i < 4; i++) await edit(db, `c${i}`, `Round ${round}`);
      await copy(db);
    };
    await rebuild(1);
    const still = await copy(db, first!.cursor);
    expect(apply([first!, ...still]).get("contact:c0")?.fields.givenName).toBe("Round 1");
    await rebuild(2);
    await expect(copy(db, first!.cursor)).rejects.toMatchObject({ code: "cursor_expired" });
  });
});
