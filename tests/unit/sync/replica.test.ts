/**
 * Pull-all into the local store, against a small in-memory server that keeps the protocol's
 * promises (records in commit order, each once at its latest state; tombstones; `removed`).
 * What the copy holds is read back through `readRecords`, as the task pane reads it.
 */
import fc from "fast-check";
import type { PullResponse, RecordType, WireRecord } from "../../../src/shared/protocol";
import { CURSOR_KEY, pullAll, readRecords, recordKey } from "../../../src/sync/replica";
import { SEGMENT_PREFIX, SWEEP_KEY } from "../../../src/sync/keys";
import { StoreError } from "../../../src/sync/store";
import type { Transport } from "../../../src/sync/transport";
import { ApiError, NetworkError } from "../../../src/sync/transport";
import { MemoryStore } from "../../../src/store/memory-store";

type Change =
  | { readonly kind: "record"; readonly record: WireRecord }
  | { readonly kind: "removed"; readonly type: RecordType; readonly id: string };

/** A database's change index: one entry per record, at the sequence number of its last change. */
class FakeServer implements Pick<Transport, "pull"> {
  readonly #latest = new Map<string, { seq: number; change: Change }>();
  #seq = 0;
  #versions = new Map<string, number>();
  readonly calls: Array<{ cursor: string | null; limit: number }> = [];
  /** Cursors below this have expired (410). */
  oldestServable = 0;
  failAfterCalls = Infinity;

  upsert(type: RecordType, id: string, fields: WireRecord["fields"]): void {
    this.#write({ kind: "record", record: this.#record(type, id, false, fields) });
  }

  delete(type: RecordType, id: string): void {
    this.#write({ kind: "record", record: this.#record(type, id, true, {}) });
  }

  /** The record leaves this member's sync set. */
  evict(type: RecordType, id: string): void {
    this.#write({ kind: "removed", type, id });
  }

  /** What a member's full copy must hold: live records in the set. */
  live(): Map<string, WireRecord> {
    const live = new Map<string, WireRecord>();
    for (const [key, { change }] of this.#latest) {
      if (change.kind === "record" && !change.record.deleted) live.set(key, change.record);
    }
    return live;
  }

  pull(_databaseId: string, cursor: string | null, limit: number): Promise<PullResponse> {
    this.calls.push({ cursor, limit });
    if (this.calls.length > this.failAfterCalls) return Promise.reject(new NetworkError("down"));
    const after = cursor === null ? 0 : Number(cursor);
    if (cursor !== null && after < this.oldestServable) {
      return Promise.reject(new ApiError(410, "cursor_expired", "Start again"));
    }
    const pending = [...this.#latest.values()]
      .filter((e) => e.seq > after)
      .sort((a, b) => a.seq - b.seq);
    const batch = pending.slice(0, limit);
    const last = batch.at(-1)?.seq ?? after;
    return Promise.resolve({
      records: batch.flatMap((e) => (e.change.kind === "record" ? [e.change.record] : [])),
      removed: batch.flatMap((e) =>
        e.change.kind === "removed" ? [{ type: e.change.type, id: e.change.id }] : [],
      ),
      cursor: String(last),
      more: pending.length > batch.length,
      epoch: "e1",
    });
  }

  #record(
    type: RecordType,
    id: string,
    deleted: boolean,
    fields: WireRecord["fields"],
  ): WireRecord {
    const key = recordKey(type, id);
    const version = (this.#versions.get(key) ?? 0) + 1;
    this.#versions.set(key, version);
    return {
      type,
      id,
      version,
      deleted,
      updatedAt: "2026-11-26T10:00:00.000Z",
      updatedBy: "ann@contoso.com",
      fields,
    };
  }

  #write(change: Change): void {
    const key =
      change.kind === "record"
        ? recordKey(change.record.type, change.record.id)
        : recordKey(change.type, change.id);
    this.#latest.set(key, { seq: ++this.#seq, change });
  }
}

/** Every record the copy holds, by `type:id`. */
async function held(store: MemoryStore): Promise<Map<string, WireRecord>> {
  const entries = new Map<string, WireRecord>();
  for (const type of ["contact", "company", "group", "history"] as const) {
    for (const record of await readRecords(store, type)) {
      entries.set(recordKey(record.type, record.id), record);
    }
  }
  return entries;
}

test("pulls every page until `more` is false, keeping the records and the cursor", async () => {
  const server = new FakeServer();
  for (let i = 0; i < 5; i++) server.upsert("contact", `c${i}`, { displayName: `Contact ${i}` });
  server.upsert("company", "fabrikam", { name: "Fabrikam" });
  const store = new MemoryStore();

  const result = await pullAll(server, store, "db1", 2);

  expect(result).toEqual({ pages: 3, changes: 6, cursor: "6", restarted: false });
  expect(server.calls).toEqual([
    { cursor: null, limit: 2 },
    { cursor: "2", limit: 2 },
    { cursor: "4", limit: 2 },
  ]);
  expect(await store.get(CURSOR_KEY)).toBe("6");
  const records = await held(store);
  expect(records.get("contact:c3")).toMatchObject({ fields: { displayName: "Contact 3" } });
  expect(records.get("company:fabrikam")).toMatchObject({ type: "company" });
  // One store key per page, not one per record.
  expect((await store.keys()).filter((k) => k.startsWith(SEGMENT_PREFIX))).toHaveLength(3);
});

test("resumes from the kept cursor, and a pull with nothing new changes nothing", async () => {
  const server = new FakeServer();
  server.upsert("contact", "a", { displayName: "A" });
  const store = new MemoryStore();
  await pullAll(server, store, "db1");
  server.upsert("contact", "b", { displayName: "B" });
  await pullAll(server, store, "db1");
  expect(server.calls.at(-1)).toEqual({ cursor: "1", limit: 1000 });
  const quiet = await pullAll(server, store, "db1");
  expect(quiet).toEqual({ pages: 1, changes: 0, cursor: "2", restarted: false });
  expect([...(await held(store)).keys()]).toEqual(["contact:a", "contact:b"]);
});

test("tombstones and `removed` delete the local record; removing one never held is harmless", async () => {
  const server = new FakeServer();
  server.upsert("contact", "a", { displayName: "A" });
  server.upsert("contact", "b", { displayName: "B" });
  const store = new MemoryStore();
  await pullAll(server, store, "db1");
  server.delete("contact", "a");
  server.evict("contact", "b");
  server.evict("contact", "never-held");
  await pullAll(server, store, "db1");
  expect(await held(store)).toEqual(new Map());
});

test("a pull cut short keeps the pages it applied and resumes after the last one", async () => {
  const server = new FakeServer();
  for (let i = 0; i < 5; i++) server.upsert("contact", `c${i}`, { displayName: `C${i}` });
  const store = new MemoryStore();
  server.failAfterCalls = 2;
  await expect(pullAll(server, store, "db1", 2)).rejects.toBeInstanceOf(NetworkError);
  expect(await store.get(CURSOR_KEY)).toBe("4");
  expect((await held(store)).size).toBe(4);
  server.failAfterCalls = Infinity;
  await pullAll(server, store, "db1", 2);
  expect(server.calls.at(-1)).toEqual({ cursor: "4", limit: 2 });
  expect((await held(store)).size).toBe(5);
});

test("an expired cursor (410) downloads the copy again and sweeps what it did not bring", async () => {
  const server = new FakeServer();
  server.upsert("contact", "a", { displayName: "A" });
  server.upsert("contact", "b", { displayName: "B" });
  const store = new MemoryStore();
  await pullAll(server, store, "db1");
  // Behind this client's back: b deleted, and the server forgot the history that says so.
  server.delete("contact", "b");
  server.oldestServable = 3;
  await store.set(CURSOR_KEY, "2");

  const result = await pullAll(server, store, "db1");

  expect(result.restarted).toBe(true);
  expect(server.calls.slice(-2).map((c) => c.cursor)).toEqual(["2", null]);
  expect([...(await held(store)).keys()]).toEqual(["contact:a"]);
  expect(await store.get(SWEEP_KEY)).toBeUndefined();
});

test("a re-download cut short keeps the copy readable and resumes, then sweeps", async () => {
  const server = new FakeServer();
  for (let i = 0; i < 4; i++) server.upsert("contact", `c${i}`, { displayName: `C${i}` });
  const store = new MemoryStore();
  await pullAll(server, store, "db1");
  server.delete("contact", "c0");
  server.oldestServable = 100;
  server.failAfterCalls = server.calls.length + 2; // the 410, then one page of the re-download
  await expect(pullAll(server, store, "db1", 2)).rejects.toBeInstanceOf(NetworkError);
  // Mid-way, the old copy is still all there, and the unseen records are marked.
  expect((await held(store)).size).toBe(4);
  expect(await store.get(SWEEP_KEY)).toEqual(["contact:c0", "contact:c3"]);
  server.failAfterCalls = Infinity;
  server.oldestServable = 0;
  const result = await pullAll(server, store, "db1", 2);
  expect(result.restarted).toBe(true);
  expect([...(await held(store)).keys()].sort()).toEqual([
    "contact:c1",
    "contact:c2",
    "contact:c3",
  ]);
});

test("other errors are not retried", async () => {
  const store = new MemoryStore();
  const refusing: Pick<Transport, "pull"> = {
    pull: () => Promise.reject(new ApiError(404, "not_found", "No such database")),
  };
  await expect(pullAll(refusing, store, "db1")).rejects.toMatchObject({ code: "not_found" });
  expect(await store.keys()).toEqual([]);
});

describe("readRecords", () => {
  test("gives the records of one type", async () => {
    const server = new FakeServer();
    server.upsert("contact", "a", { displayName: "A" });
    server.upsert("company", "x", { name: "X" });
    const store = new MemoryStore();
    await pullAll(server, store, "db1");
    const contacts = await readRecords(store, "contact");
    expect(contacts.map((r) => r.id)).toEqual(["a"]);
  });

  test("rejects with a StoreError when the copy holds something that is not a record", async () => {
    const store = new MemoryStore();
    await store.set(`${SEGMENT_PREFIX}000000000000`, { records: [{ hello: "world" }], gone: [] });
    await expect(readRecords(store, "contact")).rejects.toBeInstanceOf(StoreError);
  });
});

test("property: after any history and any partial pulls, a full pull holds exactly the server's live records", async () => {
  const op = fc.oneof(
    fc.record({
      kind: fc.constant("upsert" as const),
      id: fc.integer({ min: 0, max: 6 }),
      name: fc.string({ maxLength: 8 }),
    }),
    fc.record({ kind: fc.constant("delete" as const), id: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ kind: fc.constant("evict" as const), id: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ kind: fc.constant("pull" as const), limit: fc.integer({ min: 1, max: 4 }) }),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(op, { maxLength: 40 }),
      fc.integer({ min: 1, max: 5 }),
      async (ops, finalLimit) => {
        const server = new FakeServer();
        const store = new MemoryStore();
        for (const step of ops) {
          if (step.kind === "upsert")
            server.upsert("contact", `c${step.id}`, { displayName: step.name });
          else if (step.kind === "delete") server.delete("contact", `c${step.id}`);
          else if (step.kind === "evict") server.evict("contact", `c${step.id}`);
          else await pullAll(server, store, "db1", step.limit);
        }
        await pullAll(server, store, "db1", finalLimit);
        expect(await held(store)).toEqual(server.live());
      },
    ),
    { numRuns: 200 },
  );
});
