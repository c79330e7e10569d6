/**
 * The Repository contract (api/src/storage/repository.ts), one suite for both adapters: Table
 * Storage on Azurite, and the memory repository that tests of the API's logic may use instead.
 * What only Table Storage shows (Azure's limits where Azurite is laxer, the encoding of keys and
 * of large records in a real table, storage that does not answer) is in repository-azurite.test.ts.
 */
import { SNAPSHOT_CHUNK_BYTES } from "../../api/src/storage/entities";
import { MemoryRepository } from "../../api/src/storage/memory-repository";
import {
  ConcurrentCommitError,
  StorageLimitError,
  type Head,
  type Membership,
  type RecordWrite,
  type Repository,
  type StoredRecord,
} from "../../api/src/storage/repository";
import { TableRepository } from "../../api/src/storage/table-repository";
import type { Filter, RecordType } from "../../src/shared/protocol";

const now = "2026-11-26T10:00:00.000Z";
let made = 0;
const newId = (name: string) => `${name}${Date.now().toString(36)}${++made}`;

function state(
  type: RecordType,
  id: string,
  fields: StoredRecord["fields"] = {},
  more: Partial<StoredRecord> = {},
): Omit<StoredRecord, "seq"> {
  return {
    type,
    id,
    version: 1,
    deleted: false,
    updatedAt: now,
    updatedBy: "o@contoso.test",
    fields,
    stamps: {},
    viewSeq: 0,
    bornSeq: 0,
    ...more,
  };
}

const created = (s: Omit<StoredRecord, "seq">): RecordWrite => ({ state: s, prevSeq: null });

/** An invited member, not bound to a user yet. */
const unbound = (db: string, email: string, more: Partial<Membership> = {}): Membership => ({
  db,
  email,
  oid: null,
  role: "reader",
  syncSet: null,
  subscriptions: [],
  ...more,
});

describe.each<[string, () => Repository]>([
  [
    "TableRepository",
    () =>
      new TableRepository({
        connectionString: process.env.BCM_TEST_STORAGE!,
        tablePrefix: "contract",
      }),
  ],
  ["MemoryRepository", () => new MemoryRepository()],
])("%s keeps the Repository contract", (_, create) => {
  let repo: Repository;
  beforeEach(() => {
    repo = create();
  });

  async function newDatabase(owner = "o@contoso.test", ownerOid?: string) {
    const id = newId("db");
    const info = await repo.createDatabase({
      id,
      name: `Team ${id}`,
      owner,
      now,
      ...(ownerOid ? { ownerOid } : {}),
    });
    return { id, info };
  }
  const head = async (db: string): Promise<Head> => (await repo.readHead(db))!;

  describe("databases and members", () => {
    it("creates a database at seq 0 with a new epoch and its owner, bound when an oid is given", async () => {
      const { id, info } = await newDatabase("o@contoso.test", "oid-o");
      expect(info).toEqual({
        id,
        name: `Team ${id}`,
        epoch: expect.stringMatching(/^[0-9a-f]{16}$/),
        seq: 0,
        createdAt: now,
        createdBy: "o@contoso.test",
      });
      expect(await repo.readHead(id)).toEqual({ info, etag: expect.any(String) });
      const owner = {
        db: id,
        email: "o@contoso.test",
        oid: "oid-o",
        role: "owner",
        syncSet: null,
        subscriptions: [],
      };
      expect(await repo.getMembership(id, "o@contoso.test")).toEqual(owner);
      expect(await repo.listMembers(id)).toEqual([owner]);
      const unbound = await newDatabase("o@contoso.test");
      expect((await repo.getMembership(unbound.id, "o@contoso.test"))?.oid).toBeNull();
      expect(unbound.info.epoch).not.toBe(info.epoch);
    });

    it("renames a database under its head's ETag, for every member's list", async () => {
      const { id } = await newDatabase("o@contoso.test", "oid-o");
      const read = await head(id);
      await repo.putMember(read, unbound(id, "r@contoso.test"));
      const renamed = await repo.renameDatabase(await head(id), "Fabrikam");
      expect(renamed.info.name).toBe("Fabrikam");
      expect(await repo.readHead(id)).toEqual(renamed);
      for (const [email, oid] of [
        ["o@contoso.test", "oid-o"],
        ["r@contoso.test", "oid-r"],
      ] as const) {
        const listed = await repo.listDatabasesOf(email, oid);
        expect(listed.find((d) => d.id === id)?.name).toBe("Fabrikam");
      }
      await expect(repo.renameDatabase(read, "Stale")).rejects.toThrow(ConcurrentCommitError);
      expect((await repo.readHead(id))?.info.name).toBe("Fabrikam");
    });

    it("deletes a database at once, then purges its rows until none is left", async () => {
      const { id } = await newDatabase("o@contoso.test", "oid-o");
      await repo.putMember(await head(id), unbound(id, "r@contoso.test"));
      await repo.putSyncSet(id, "All", { any: [] });
      const before = await head(id);
      const writes = Array.from({ length: 30 }, (_, i) => created(state("contact", `c${i}`)));
      const after = (await repo.commit(before, writes, { id: "client", lastMid: 1 })).head;
      await expect(repo.purgeDatabase(id, 10)).rejects.toThrow(/not deleted/);

      await repo.deleteDatabase(after);
      expect(await repo.readHead(id)).toBeNull();
      // Nor does its head come with the changes.
      expect(await repo.readChangesWithHead(id, 29, 10)).toEqual({
        records: [expect.objectContaining({ id: "c29" })],
        lastSeq: 30,
        more: false,
        head: null,
      });
      expect(await repo.isDeleted(id)).toBe(true);
      expect(
        (await repo.listDatabasesOf("o@contoso.test", "oid-o")).map((d) => d.id),
      ).not.toContain(id);
      expect(
        (await repo.listDatabasesOf("r@contoso.test", "oid-r")).map((d) => d.id),
      ).not.toContain(id);
      // A commit from a head read before the delete is refused.
      await expect(repo.commit(after, [created(state("contact", "late"))])).rejects.toThrow(
        ConcurrentCommitError,
      );

      let calls = 0;
      while ((await repo.purgeDatabase(id, 10)).more) calls++;
      expect(calls).toBeLessThan(20);
      expect(await repo.isDeleted(id)).toBe(false);
      expect(await repo.listMembers(id)).toEqual([]);
      expect(await repo.listSyncSets(id)).toEqual([]);
      expect((await repo.readRecordPage(id, null, 100)).records).toEqual([]);
      expect(await repo.readClientMid(id, "client")).toBe(0);
      // Nothing left to do: purging again is no error.
      expect(await repo.purgeDatabase(id, 10)).toEqual({ more: false });
    });

    it("purges a deleted database twice at once without failing", async () => {
      const { id } = await newDatabase();
      const writes = Array.from({ length: 40 }, (_, i) => created(state("contact", `c${i}`)));
      await repo.deleteDatabase((await repo.commit(await head(id), writes)).head);
      const purgeAll = async () => {
        while ((await repo.purgeDatabase(id, 30)).more);
      };
      await Promise.all([purgeAll(), purgeAll()]);
      expect(await repo.isDeleted(id)).toBe(false);
      expect((await repo.readRecordPage(id, null, 100)).records).toEqual([]);
    });

    it("refuses a database id that is taken, changing nothing", async () => {
      const { id, info } = await newDatabase();
      await expect(
        repo.createDatabase({ id, name: "Again", owner: "x@contoso.test", now }),
      ).rejects.toThrow();
      expect((await repo.readHead(id))?.info).toEqual(info);
      expect(await repo.getMembership(id, "x@contoso.test")).toBeNull();
    });

    it("reads nothing of a database or row that does not exist", async () => {
      const id = newId("none");
      expect(await repo.readHead(id)).toBeNull();
      expect(await repo.getMembership(id, "o@contoso.test")).toBeNull();
      expect(await repo.listMembers(id)).toEqual([]);
      expect(await repo.getSyncSet(id, "Any")).toBeNull();
      expect(await repo.listSyncSets(id)).toEqual([]);
      expect(await repo.readClientMid(id, "c1")).toBe(0);
      expect(await repo.readLinkedHistory(id, "c1")).toEqual([]);
      expect(await repo.readRecords(id, [{ type: "contact", id: "c1" }])).toEqual(new Map());
      expect(await repo.readChanges(id, 0, 10)).toEqual({ records: [], lastSeq: 0, more: false });
    });

    it("adds and replaces members, listed by address, each change moving the head's ETag and access only", async () => {
      const { id } = await newDatabase("o@contoso.test", "oid-o");
      const before = await head(id);
      const bea = unbound(id, "bea@contoso.test", {
        syncSet: "North",
        subscriptions: ["c1", "c2"],
      });
      await repo.putMember(before, bea);
      const after = await head(id);
      expect(after.etag).not.toBe(before.etag);
      expect(after.info).toEqual({ ...before.info, access: (before.info.access ?? 0) + 1 });
      await repo.putMember(after, { ...bea, role: "editor", syncSet: null, subscriptions: [] });
      await repo.putMember(await head(id), { ...bea, email: "al@contoso.test" });
      expect((await head(id)).info.access).toBe((before.info.access ?? 0) + 3);
      expect((await repo.listMembers(id)).map((m) => [m.email, m.role])).toEqual([
        ["al@contoso.test", "reader"],
        ["bea@contoso.test", "editor"],
        ["o@contoso.test", "owner"],
      ]);
      expect(await repo.getMembership(id, "bea@contoso.test")).toEqual({
        ...bea,
        role: "editor",
        syncSet: null,
        subscriptions: [],
      });
    });

    it("refuses a member change on a head that moved (ConcurrentCommitError), writing nothing", async () => {
      const { id } = await newDatabase();
      const stale = await head(id);
      const member = unbound(id, "a@contoso.test");
      await repo.putMember(stale, member);
      const moved = await head(id);
      const b = { ...member, email: "b@contoso.test" };
      await expect(repo.putMember(stale, b)).rejects.toThrow(ConcurrentCommitError);
      await expect(repo.deleteMember(stale, "a@contoso.test")).rejects.toThrow(
        ConcurrentCommitError,
      );
      await expect(repo.bindMember(stale, "a@contoso.test", "oid-a")).rejects.toThrow(
        ConcurrentCommitError,
      );
      await expect(repo.commit(stale, [created(state("contact", "c1"))])).rejects.toThrow(
        ConcurrentCommitError,
      );
      expect(await repo.readHead(id)).toEqual(moved);
      expect(await repo.getMembership(id, "b@contoso.test")).toBeNull();
      expect(await repo.getMembership(id, "a@contoso.test")).toEqual(member);
      expect((await repo.readChanges(id, 0, 10)).records).toEqual([]);
    });

    it("deletes a member; deleting or binding one that is not there fails without moving the head", async () => {
      const { id } = await newDatabase();
      const member = unbound(id, "a@contoso.test");
      await repo.putMember(await head(id), member);
      await repo.deleteMember(await head(id), "a@contoso.test");
      expect(await repo.getMembership(id, "a@contoso.test")).toBeNull();
      const h = await head(id);
      for (const attempt of [
        repo.deleteMember(h, "a@contoso.test"),
        repo.bindMember(h, "a@contoso.test", "oid-a"),
      ]) {
        const err: unknown = await attempt.then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(Error);
        expect(err).not.toBeInstanceOf(ConcurrentCommitError);
      }
      expect(await repo.readHead(id)).toEqual(h);
    });

    it("lists a user's databases by name: bound to their oid or not bound yet, never bound to another", async () => {
      const email = `${newId("u")}@contoso.test`;
      const mine = await repo.createDatabase({
        id: newId("b"),
        name: "Beta",
        owner: email,
        ownerOid: "oid-me",
        now,
      });
      const invited = await newDatabase("o@contoso.test");
      const member = unbound(invited.id, email, { role: "editor", syncSet: "North" });
      await repo.putMember(await head(invited.id), member);
      const theirs = await newDatabase("o@contoso.test");
      await repo.putMember(await head(theirs.id), {
        ...member,
        db: theirs.id,
        oid: "oid-other",
      });
      const alpha = await repo.createDatabase({
        id: newId("a"),
        name: "Alpha",
        owner: email,
        now,
      });
      expect(await repo.listDatabasesOf(email, "oid-me")).toEqual([
        { id: alpha.id, name: "Alpha", role: "owner", syncSet: null, bound: false },
        { id: mine.id, name: "Beta", role: "owner", syncSet: null, bound: true },
        { id: invited.id, name: invited.info.name, role: "editor", syncSet: "North", bound: false },
      ]);

      await repo.bindMember(await head(invited.id), email, "oid-me");
      expect((await repo.getMembership(invited.id, email))?.oid).toBe("oid-me");
      expect(
        (await repo.listDatabasesOf(email, "oid-me")).find((d) => d.id === invited.id)?.bound,
      ).toBe(true);
      // Bound now: another user with the same address no longer sees it.
      expect((await repo.listDatabasesOf(email, "oid-new")).map((d) => d.id)).toEqual([alpha.id]);

      await repo.deleteMember(await head(invited.id), email);
      expect((await repo.listDatabasesOf(email, "oid-me")).map((d) => d.id)).toEqual([
        alpha.id,
        mine.id,
      ]);
    });
  });

  describe("backups and restores", () => {
    it("lists a database being restored for no one until finishRestore, which moves the head", async () => {
      const id = newId("restore");
      // Addresses of this test alone: the users' index outlives each test's repository.
      const o = `o-${id}@contoso.test`;
      const r = `r-${id}@contoso.test`;
      const info = await repo.createDatabase({
        id,
        name: `Restored ${id}`,
        owner: o,
        ownerOid: "oid-o",
        now,
        restoring: true,
      });
      expect(info.restoring).toBe(true);
      expect((await head(id)).info.restoring).toBe(true);
      await repo.putMember(await head(id), unbound(id, r));
      expect(await repo.listDatabasesOf(o, "oid-o")).toEqual([]);
      expect(await repo.listDatabasesOf(r, "oid-r")).toEqual([]);

      const before = await head(id);
      const after = await repo.finishRestore(before);
      expect(after.etag).not.toBe(before.etag);
      expect(after.info.restoring).toBeUndefined();
      expect(await repo.readHead(id)).toEqual(after);
      const listed = { id, name: `Restored ${id}`, syncSet: null };
      expect(await repo.listDatabasesOf(o, "oid-o")).toEqual([
        { ...listed, role: "owner", bound: true },
      ]);
      expect(await repo.listDatabasesOf(r, "oid-r")).toEqual([
        { ...listed, role: "reader", bound: false },
      ]);
      // With the head read before it: another change came first.
      await expect(repo.finishRestore(before)).rejects.toThrow(ConcurrentCommitError);
      // Again, with the head as it is: it lists the members again, and changes nothing else.
      await repo.finishRestore(after);
      expect((await head(id)).info).toEqual(after.info);
    });

    it("reads the records page by page in type and id order, tombstones included", async () => {
      const { id } = await newDatabase();
      const writes = [
        state("history", "h1"),
        state("contact", "b"),
        state("company", "z"),
        state("contact", "a", {}, { deleted: true }),
        state("group", "g"),
        state("contact", "B"),
      ];
      await repo.commit(await head(id), writes.map(created));
      const first = await repo.readRecordPage(id, null, 4);
      expect(first.more).toBe(true);
      expect(first.records.map((r) => `${r.type}|${r.id}`)).toEqual([
        "company|z",
        "contact|B",
        "contact|a",
        "contact|b",
      ]);
      expect(first.records[2]).toMatchObject({ deleted: true, seq: 4 });
      const rest = await repo.readRecordPage(id, { type: "contact", id: "b" }, 4);
      expect(rest.records.map((r) => `${r.type}|${r.id}`)).toEqual(["group|g", "history|h1"]);
      expect(rest.more).toBe(false);
      expect(await repo.readRecordPage(id, { type: "history", id: "h1" }, 4)).toEqual({
        records: [],
        more: false,
      });
      expect(await repo.readRecordPage(newId("none"), null, 4)).toEqual({
        records: [],
        more: false,
      });
    });
  });

  describe("snapshots", () => {
    const info = (id: string, epoch: string, chunks: number) =>
      ({ id, epoch, seq: 7, records: 3 * chunks, chunks }) as const;
    const bytes = (length: number, seed = 1) =>
      Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 251);
    const same = (a: Uint8Array[] | null, b: Uint8Array[]) =>
      a !== null && a.length === b.length && a.every((x, i) => Buffer.from(x).equals(b[i]!));

    it("keeps a snapshot's chunks exactly, up to the largest chunk, and reads them by range", async () => {
      const { id, info: db } = await newDatabase();
      expect(await repo.readSnapshot(id)).toBeNull();
      const chunks = [bytes(SNAPSHOT_CHUNK_BYTES), bytes(10, 2), bytes(65_537, 3)];
      await repo.putSnapshot(id, info("a1", db.epoch, 3), chunks);
      expect(await repo.readSnapshot(id)).toEqual(info("a1", db.epoch, 3));
      expect(same(await repo.readSnapshotChunks(id, "a1", 0, 8), chunks)).toBe(true);
      expect(same(await repo.readSnapshotChunks(id, "a1", 1, 1), [chunks[1]!])).toBe(true);
      expect(await repo.readSnapshotChunks(id, "a1", 3, 1)).toBeNull();
      expect(await repo.readSnapshotChunks(id, "zz", 0, 1)).toBeNull();
      expect(await repo.readHead(id)).toMatchObject({ info: { seq: 0 } });
    });

    it("keeps the snapshot it replaced, and deletes the ones before", async () => {
      const { id, info: db } = await newDatabase();
      const [one, two, three, four] = [1, 2, 3, 4].map((seed) => bytes(5, seed)) as [
        Uint8Array,
        Uint8Array,
        Uint8Array,
        Uint8Array,
      ];
      await repo.putSnapshot(id, info("a1", db.epoch, 2), [one, two]);
      await repo.putSnapshot(id, info("b2", db.epoch, 1), [three]);
      expect(same(await repo.readSnapshotChunks(id, "a1", 0, 2), [one, two])).toBe(true);
      await repo.putSnapshot(id, info("c3", db.epoch, 1), [four]);
      expect(await repo.readSnapshot(id)).toEqual(info("c3", db.epoch, 1));
      expect(await repo.readSnapshotChunks(id, "a1", 0, 2)).toBeNull();
      expect(await repo.readSnapshotChunks(id, "a1", 1, 1)).toBeNull();
      expect(same(await repo.readSnapshotChunks(id, "b2", 0, 1), [three])).toBe(true);
    });

    it("refuses a chunk over one entity's size (StorageLimitError)", async () => {
      const { id, info: db } = await newDatabase();
      await expect(
        repo.putSnapshot(id, info("a1", db.epoch, 1), [bytes(16 * 65_536 + 1)]),
      ).rejects.toThrow(StorageLimitError);
      expect(await repo.readSnapshot(id)).toBeNull();
    });
  });

  describe("views", () => {
    it("keeps a view by hash exactly, a filter of any script and size included, and replaces it", async () => {
      const { id } = await newDatabase();
      expect(await repo.readView(id, "h1")).toBeNull();
      const filter: Filter = {
        any: [{ field: "categories", op: "in", value: ["Köln 🧭 王芳 ".repeat(1600)] }],
      };
      const view = { me: "m@contoso.test", filter, subscriptions: ["c1", "c2"] };
      await repo.putView(id, "h1", view);
      expect(await repo.readView(id, "h1")).toEqual(view);
      await repo.putView(id, "h1", { ...view, subscriptions: [] });
      expect((await repo.readView(id, "h1"))?.subscriptions).toEqual([]);
      expect(await repo.readView(id, "h2")).toBeNull();
      expect(await repo.readHead(id)).toMatchObject({ info: { seq: 0 } });
    });
  });

  describe("sync sets", () => {
    it("adds and replaces sync sets, listed by name, without moving the head", async () => {
      const { id } = await newDatabase();
      const h = await head(id);
      const north: Filter = { any: [{ field: "categories", op: "contains", value: "North" }] };
      const south: Filter = { all: [{ field: "country", op: "eq", value: "Österreich" }] };
      for (const name of ["Zürich", "Köln", "Alpha team", "Zebra"])
        await repo.putSyncSet(id, name, north);
      await repo.putSyncSet(id, "Köln", south);
      expect(await repo.getSyncSet(id, "Köln")).toEqual(south);
      expect(await repo.listSyncSets(id)).toEqual([
        { name: "Alpha team", filter: north },
        { name: "Köln", filter: south },
        { name: "Zebra", filter: north },
        { name: "Zürich", filter: north },
      ]);
      expect(await repo.readHead(id)).toEqual(h);
    });

    it("puts a sync set through a head in one transaction, moving its access, or refuses a moved head", async () => {
      const { id } = await newDatabase();
      const h = await head(id);
      const north: Filter = { any: [{ field: "categories", op: "contains", value: "North" }] };
      await repo.putSyncSet(id, "North", north, h);
      const after = await head(id);
      expect(after.info).toEqual({ ...h.info, access: (h.info.access ?? 0) + 1 });
      expect(after.etag).not.toBe(h.etag);
      await expect(repo.putSyncSet(id, "North", { any: [] }, h)).rejects.toThrow(
        ConcurrentCommitError,
      );
      expect(await repo.getSyncSet(id, "North")).toEqual(north);
    });

    it("refuses a filter longer than one property holds (StorageLimitError), keeping the old one", async () => {
      const { id } = await newDatabase();
      const small: Filter = { any: [] };
      await repo.putSyncSet(id, "Big", small);
      const big: Filter = {
        any: [{ field: "categories", op: "in", value: ["x".repeat(33_000)] }],
      };
      await expect(repo.putSyncSet(id, "Big", big)).rejects.toThrow(StorageLimitError);
      expect(await repo.getSyncSet(id, "Big")).toEqual(small);
    });
  });

  describe("commits", () => {
    it("numbers the records after the head, sets viewSeq and bornSeq where asked, and records the client's mid", async () => {
      const { id } = await newDatabase();
      const h = await head(id);
      const done = await repo.commit(
        h,
        [
          {
            ...created(state("contact", "c1", { givenName: "Ann" })),
            born: true,
            viewChanged: true,
          },
          created(state("company", "k1", { name: "Contoso" }, { viewSeq: 7, bornSeq: 7 })),
        ],
        { id: "client-1", lastMid: 5 },
      );
      expect(done.head.info).toEqual({ ...h.info, seq: 2 });
      expect(done.head.etag).not.toBe(h.etag);
      expect(await repo.readHead(id)).toEqual(done.head);
      const c1 = {
        ...state("contact", "c1", { givenName: "Ann" }),
        seq: 1,
        viewSeq: 1,
        bornSeq: 1,
      };
      const k1 = { ...state("company", "k1", { name: "Contoso" }), seq: 2, viewSeq: 7, bornSeq: 7 };
      expect(done.records).toEqual([c1, k1]);
      expect(
        await repo.readRecords(id, [
          { type: "company", id: "k1" },
          { type: "contact", id: "c1" },
          { type: "contact", id: "c1" },
          { type: "contact", id: "never" },
        ]),
      ).toEqual(
        new Map([
          ["company:k1", k1],
          ["contact:c1", c1],
        ]),
      );
      expect(await repo.readClientMid(id, "client-1")).toBe(5);
      expect(await repo.readClientMid(id, "client-2")).toBe(0);
    });

    it("commits a client's mid alone: the seq stays, the ETag moves", async () => {
      const { id } = await newDatabase();
      const h = await head(id);
      const done = await repo.commit(h, [], { id: "client-1", lastMid: 3 });
      expect(done).toEqual({ head: { info: h.info, etag: expect.any(String) }, records: [] });
      expect(done.head.etag).not.toBe(h.etag);
      expect(await repo.readClientMid(id, "client-1")).toBe(3);
      await expect(repo.commit(h, [])).rejects.toThrow(ConcurrentCommitError);
    });

    it("gives each change once at its latest state, in commit order, after a seq, page by page", async () => {
      const { id } = await newDatabase();
      let h = await head(id);
      h = (
        await repo.commit(
          h,
          ["a", "b", "c"].map((x) => created(state("contact", x, { n: x }))),
        )
      ).head;
      // b changes again (seq 4) and is deleted (seq 5): it comes once, as the tombstone.
      h = (
        await repo.commit(h, [
          { state: { ...state("contact", "b", { n: "b2" }), version: 2 }, prevSeq: 2 },
        ])
      ).head;
      await repo.commit(h, [
        {
          state: { ...state("contact", "b", { n: "b2" }), version: 3, deleted: true },
          prevSeq: 4,
        },
      ]);
      const all = await repo.readChanges(id, 0, 10);
      expect(all.records.map((r) => [r.id, r.seq, r.version, r.deleted])).toEqual([
        ["a", 1, 1, false],
        ["c", 3, 1, false],
        ["b", 5, 3, true],
      ]);
      expect(all).toMatchObject({ lastSeq: 5, more: false });
      const { fields: _f, stamps: _s, ...a } = state("contact", "a");
      // The fields as stored JSON text, to send on without parsing; no stamps.
      expect(all.records[0]).toEqual({ ...a, seq: 1, fieldsJson: JSON.stringify({ n: "a" }) });
      expect(await repo.readChanges(id, 1, 1)).toMatchObject({
        records: [expect.objectContaining({ id: "c" })],
        lastSeq: 3,
        more: true,
      });
      expect(await repo.readChanges(id, 3, 1)).toMatchObject({ lastSeq: 5, more: true });
      expect(await repo.readChanges(id, 5, 10)).toEqual({ records: [], lastSeq: 5, more: false });
      // With the head, when it fits: fewer changes than `limit` came.
      const now = await repo.readHead(id);
      expect(await repo.readChangesWithHead(id, 0, 4)).toEqual({ ...all, head: now });
      expect(await repo.readChangesWithHead(id, 0, 3)).toEqual({ ...all, more: true, head: null });
      expect(await repo.readChangesWithHead(id, 0, 2)).toEqual({
        records: all.records.slice(0, 2),
        lastSeq: 3,
        more: true,
        head: null,
      });
      expect(await repo.readChangesWithHead(id, 5, 10)).toEqual({
        records: [],
        lastSeq: 5,
        more: false,
        head: now,
      });
      // Commits leave `access` as it was.
      expect(now!.info.access).toBe(h.info.access);
      expect(
        (await repo.readRecords(id, [{ type: "contact", id: "b" }])).get("contact:b"),
      ).toMatchObject({
        deleted: true,
        version: 3,
      });
    });

    it("refuses a commit based on a record newer than its head (ConcurrentCommitError)", async () => {
      const { id } = await newDatabase();
      const h = await head(id);
      await expect(repo.commit(h, [{ state: state("contact", "c1"), prevSeq: 1 }])).rejects.toThrow(
        ConcurrentCommitError,
      );
      expect(await repo.readHead(id)).toEqual(h);
    });

    it("refuses a commit that takes a stored record for new (ConcurrentCommitError), writing nothing", async () => {
      const { id } = await newDatabase();
      const first = await repo.commit(await head(id), [created(state("contact", "c1"))]);
      const h = first.head;
      const again = [created(state("contact", "c2")), created(state("contact", "c1", { a: 2 }))];
      await expect(repo.commit(h, again, { id: "c", lastMid: 1 })).rejects.toThrow(
        ConcurrentCommitError,
      );
      expect(await repo.readHead(id)).toEqual(h);
      expect(await repo.readClientMid(id, "c")).toBe(0);
      expect([...(await repo.readRecords(id, [{ type: "contact", id: "c2" }])).keys()]).toEqual([]);
      const [c1] = (await repo.readChanges(id, 0, 10)).records;
      expect(c1).toMatchObject({
        id: "c1",
        seq: 1,
        fieldsJson: JSON.stringify(state("contact", "c1").fields),
      });
    });

    it("refuses more operations than commitLimits, a record twice, and a record over 1 MiB (StorageLimitError), writing nothing", async () => {
      const { id } = await newDatabase();
      const h = await head(id);
      // New records take 2 operations each.
      const fit = Math.floor(repo.commitLimits.operations / 2);
      const many = Array.from({ length: fit + 1 }, (_, i) => created(state("contact", `c${i}`)));
      const twice = [created(state("contact", "c1")), created(state("contact", "c1"))];
      const notes = Array.from({ length: 20 }, () => "x".repeat(30_000));
      const heavy = [created(state("history", "h1", { notes }))];
      for (const writes of [many, twice, heavy])
        await expect(repo.commit(h, writes, { id: "c", lastMid: 1 })).rejects.toThrow(
          StorageLimitError,
        );
      expect(await repo.readHead(id)).toEqual(h);
      expect(await repo.readClientMid(id, "c")).toBe(0);
      expect((await repo.readChanges(id, 0, 100)).records).toEqual([]);
      // The most commitLimits allow goes in one commit.
      const full = many.slice(0, fit);
      expect((await repo.commit(h, full)).head.info.seq).toBe(fit);
    });

    it("keeps the link index: links added before the commit (kept if it fails), removed after it", async () => {
      const { id } = await newDatabase();
      const h = await head(id);
      const item = (contactIds: string[]) => state("history", "h1", { kind: "note", contactIds });
      const first = await repo.commit(h, [
        { ...created(item(["c1", "c2"])), linksAdded: ["c1", "c2"] },
      ]);
      expect(await repo.readLinkedHistory(id, "c1")).toEqual(["h1"]);
      expect(await repo.readLinkedHistory(id, "c2")).toEqual(["h1"]);
      await repo.commit(first.head, [
        {
          state: { ...item(["c2", "c3"]), version: 2 },
          prevSeq: 1,
          linksAdded: ["c3"],
          linksRemoved: ["c1"],
        },
      ]);
      expect(await repo.readLinkedHistory(id, "c1")).toEqual([]);
      expect(await repo.readLinkedHistory(id, "c2")).toEqual(["h1"]);
      expect(await repo.readLinkedHistory(id, "c3")).toEqual(["h1"]);
      // A commit that loses the race may leave its new links: readers check the item itself.
      await expect(
        repo.commit(first.head, [
          { state: { ...item(["c4"]), version: 3 }, prevSeq: 1, linksAdded: ["c4"] },
        ]),
      ).rejects.toThrow(ConcurrentCommitError);
      expect(await repo.readLinkedHistory(id, "c4")).toEqual(["h1"]);
      const both = await repo.commit(await head(id), [
        { ...created(state("history", "h0")), linksAdded: ["c2"] },
      ]);
      expect(both.head.info.seq).toBe(3);
      expect((await repo.readLinkedHistory(id, "c2")).sort()).toEqual(["h0", "h1"]);
    });

    it("keeps no reference to what it was given, and gives copies", async () => {
      const { id } = await newDatabase();
      const s = state(
        "contact",
        "c1",
        { emails: [{ address: "ann@x.com" }] },
        {
          stamps: { emails: { at: now, by: "o@contoso.test" } },
        },
      );
      const done = await repo.commit(await head(id), [created(s)]);
      (s.fields.emails as Array<{ address: string }>)[0]!.address = "changed@x.com";
      done.records[0]!.fields.emails = [];
      const read = (await repo.readRecords(id, [{ type: "contact", id: "c1" }])).get("contact:c1")!;
      expect(read.fields).toEqual({ emails: [{ address: "ann@x.com" }] });
      read.fields.emails = [];
      read.stamps.emails!.by = "someone";
      expect(
        (await repo.readRecords(id, [{ type: "contact", id: "c1" }])).get("contact:c1"),
      ).toMatchObject({
        fields: { emails: [{ address: "ann@x.com" }] },
        stamps: { emails: { by: "o@contoso.test" } },
      });
      const member = (await repo.getMembership(id, "o@contoso.test"))!;
      member.subscriptions.push("c1");
      (await repo.readHead(id))!.info.seq = 99;
      expect((await repo.getMembership(id, "o@contoso.test"))?.subscriptions).toEqual([]);
      expect((await repo.readHead(id))?.info.seq).toBe(1);
    });

    it("keeps any Unicode and JSON in fields exactly", async () => {
      const { id } = await newDatabase();
      const fields = {
        givenName: "Renée 王芳 🧭 שלום e\u0301",
        notes: 'quotes " and \\ and \n newlines',
        nested: { list: [1, 2.5, -0.125, true, null, { deep: ["x"] }] },
      };
      await repo.commit(await head(id), [created(state("contact", "u", fields))]);
      expect(
        (await repo.readRecords(id, [{ type: "contact", id: "u" }])).get("contact:u")?.fields,
      ).toEqual(fields);
      expect(JSON.parse((await repo.readChanges(id, 0, 1)).records[0]!.fieldsJson)).toEqual(fields);
    });
  });
});
