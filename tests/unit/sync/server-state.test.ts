/**
 * The server state's log of segments: one store key per batch of changes, replayed in order,
 * compacted when it grows, and readable after a compaction cut short.
 */
import type { WireRecord } from "../../../src/shared/protocol";
import { SEGMENT_PREFIX, segmentKey } from "../../../src/sync/keys";
import { SEGMENT_RECORDS, ServerState } from "../../../src/sync/server-state";
import { StoreError } from "../../../src/sync/store";
import { MemoryStore } from "../../../src/store/memory-store";

function contact(
  id: string,
  version = 1,
  fields: WireRecord["fields"] = { givenName: id },
): WireRecord {
  return {
    type: "contact",
    id,
    version,
    deleted: false,
    updatedAt: "2026-11-26T10:00:00.000Z",
    updatedBy: "ann@contoso.com",
    fields,
  };
}

async function write(
  state: ServerState,
  store: MemoryStore,
  put: WireRecord[],
  gone: string[] = [],
) {
  const staged = state.stage({ put, gone });
  await store.apply(staged.writes);
  staged.commit();
  return staged.writes;
}

const segments = async (store: MemoryStore) =>
  (await store.keys()).filter((k) => k.startsWith(SEGMENT_PREFIX));

test("each batch is one segment; reading replays them, later wins, tombstones and gone keys delete", async () => {
  const store = new MemoryStore();
  const state = ServerState.empty();
  const writes = await write(state, store, [contact("a"), contact("b"), contact("c")]);
  expect(writes).toHaveLength(1);
  await write(state, store, [
    contact("a", 2, { givenName: "A2" }),
    { ...contact("b", 2), deleted: true, fields: {} },
  ]);
  await write(state, store, [], ["contact:c", "contact:never-held"]);
  expect(await segments(store)).toEqual([segmentKey(0), segmentKey(1), segmentKey(2)]);
  const read = await ServerState.load(store);
  expect(read.records().map((r) => [r.id, r.version, r.fields])).toEqual([
    ["a", 2, { givenName: "A2" }],
  ]);
  expect(state.records()).toEqual(read.records());
  expect(read.get("contact:a")?.version).toBe(2);
  expect(read.has("contact:b")).toBe(false);
});

test("a record twice in one batch (a snapshot page and the changes after it): the later wins", async () => {
  const store = new MemoryStore();
  const state = ServerState.empty();
  const tombstone = { ...contact("b", 2), deleted: true, fields: {} };
  await write(state, store, [contact("a", 1), contact("b"), contact("a", 3), tombstone]);
  expect(state.get("contact:a")?.version).toBe(3);
  expect(state.has("contact:b")).toBe(false);
  const read = await ServerState.load(store);
  expect(read.keys()).toEqual(["contact:a"]);
  expect(read.get("contact:a")?.version).toBe(3);
});

test("a batch that changes nothing writes nothing", async () => {
  const store = new MemoryStore();
  const state = ServerState.empty();
  expect(await write(state, store, [], ["contact:x"])).toEqual([]);
  expect(await store.keys()).toEqual([]);
});

test("the log is compacted when it holds much more than the live records", async () => {
  const store = new MemoryStore();
  const state = ServerState.empty();
  for (let i = 0; i < 40; i++)
    await write(state, store, [contact("a", i + 1), contact(`x${i}`)], [`contact:x${i}`]);
  const held = await segments(store);
  expect(held.length).toBeLessThan(20);
  const read = await ServerState.load(store);
  expect(read.records().map((r) => [r.id, r.version])).toEqual([["a", 40]]);
});

test("a compaction writes the live records in segments of at most SEGMENT_RECORDS", async () => {
  const store = new MemoryStore();
  const state = ServerState.empty();
  const many = Array.from({ length: SEGMENT_RECORDS + 10 }, (_, i) => contact(`c${i}`));
  await write(state, store, many);
  // Rewrite every record twice: the log holds three times the live records, which compacts it.
  await write(
    state,
    store,
    many.map((r) => ({ ...r, version: 2 })),
  );
  await write(
    state,
    store,
    many.map((r) => ({ ...r, version: 3 })),
  );
  const held = await segments(store);
  expect(held).toHaveLength(2);
  const last = (await store.get(held[1]!)) as { from?: number; records: unknown[] };
  expect(last.from).toBe(Number(held[0]!.slice(SEGMENT_PREFIX.length)));
  expect((await ServerState.load(store)).size).toBe(SEGMENT_RECORDS + 10);
});

test("a compaction cut short (a store without atomic batches) still reads correctly", async () => {
  const store = new MemoryStore();
  const state = ServerState.empty();
  const many = Array.from({ length: SEGMENT_RECORDS + 1 }, (_, i) => contact(`m${i}`));
  await write(state, store, many);
  // Small batches until the next one is a compaction: then apply only part of its writes.
  for (let v = 2; ; v++) {
    const staged = state.stage({ put: [contact("m0", v)], gone: [] });
    const sets = staged.writes.filter((w) => w.op === "set");
    if (!staged.writes.some((w) => w.op === "delete")) {
      await store.apply(staged.writes);
      staged.commit();
      continue;
    }
    expect(sets.length).toBe(2);
    const expected = (await ServerState.load(store)).records().length;
    // Only the first new segment: the old log and it replay to the same records.
    await store.apply(sets.slice(0, 1));
    let read = await ServerState.load(store);
    expect(read.size).toBe(expected);
    expect(read.get("contact:m0")?.version).toBe(v);
    // All new segments but not the deletes of the old ones: replay starts at the new ones.
    await store.apply(sets);
    read = await ServerState.load(store);
    expect(read.size).toBe(expected);
    expect(read.get("contact:m0")?.version).toBe(v);
    break;
  }
});

test("a segment that is not one is a StoreError", async () => {
  const store = new MemoryStore();
  await store.set(segmentKey(0), { records: [{ type: "contact" }], gone: [] });
  await expect(ServerState.load(store)).rejects.toBeInstanceOf(StoreError);
  await store.set(segmentKey(0), { records: [], gone: [1] });
  await expect(ServerState.load(store)).rejects.toBeInstanceOf(StoreError);
});
