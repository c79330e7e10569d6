/**
 * The browser's storage failing under the engine (a memory store with a fault, as IndexedDB
 * aborts a transaction with QuotaExceededError): an edit is refused whole, with words that say
 * why, and never half saved; a pulled page that cannot be written is asked for again; a store
 * wiped while changes wait opens as a fresh copy that is downloaded again.
 */
import { describeError } from "../../../src/client/errors";
import { MemoryStore } from "../../../src/store/memory-store";
import type { StoreWrite } from "../../../src/sync/store";
import { StoreError, isQuotaExceeded } from "../../../src/sync/store";
import { FakeServer } from "./fake-server";
import { client } from "./engine-helpers";

const ALICE = "alice@contoso.com";
const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

function faultyStore() {
  const when = { fail: (_writes: readonly StoreWrite[]) => false };
  const store = new MemoryStore({ fault: (writes) => (when.fail(writes) ? quota() : null) });
  return { store, when };
}

test("an edit the store has no room for is refused whole: nothing in the view, outbox or store", async () => {
  const server = new FakeServer();
  const { store, when } = faultyStore();
  const a = await client(server, ALICE, { store });
  await a.engine.create("contact", { givenName: "Ann" }, "c1");
  const before = await store.entries("");
  when.fail = () => true;

  const failure = await a.engine
    .update("contact", "c1", { jobTitle: "Buyer" })
    .catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(StoreError);
  expect(isQuotaExceeded(failure)).toBe(true);
  expect(describeError(failure)).toMatch(/Not saved: the storage .* is full/);
  expect(a.engine.get("contact", "c1")?.fields).toEqual({ givenName: "Ann" });
  expect(a.engine.outbox).toHaveLength(1);
  expect(await store.entries("")).toEqual(before);

  // Reopened: the same, and the edit goes in once there is room.
  when.fail = () => false;
  a.engine.close();
  const b = await client(server, ALICE, { store });
  expect(b.engine.get("contact", "c1")?.fields).toEqual({ givenName: "Ann" });
  expect((await b.engine.update("contact", "c1", { jobTitle: "Buyer" })).status).toBe("saved");
});

test("a pulled page the store has no room for is asked for again; the log says the storage is full", async () => {
  const server = new FakeServer();
  for (let i = 0; i < 6; i++) {
    server.write("bob@contoso.com", "c-bob", {
      op: "upsert",
      type: "contact",
      id: `b${i}`,
      baseVersion: null,
      fields: { givenName: `B${i}` },
      at: "2026-11-26T08:00:00.000Z",
    });
  }
  const { store, when } = faultyStore();
  const a = await client(server, ALICE, { store, extra: { pageSize: 2 } });
  await a.engine.create("contact", { givenName: "Mine" }, "mine");
  // The second page's batch (records and the cursor after them) finds the storage full.
  let pages = 0;
  when.fail = (writes) =>
    writes.some((w) => w.op === "set" && w.key === "sync:cursor") && ++pages === 2;

  await expect(a.engine.sync()).rejects.toBeInstanceOf(StoreError);
  const kept = await store.get("sync:cursor");
  const asked = server.pulls.length;
  expect(a.engine.records("contact")).toHaveLength(3); // the first page and mine
  expect(a.engine.outbox).toEqual([]); // the push before it was written
  const log = await a.engine.syncLog();
  expect(log.at(-1)).toMatchObject({ kind: "fault", fault: "quota" });

  await a.engine.sync();
  expect(server.pulls[asked]?.cursor).toBe(kept);
  expect(a.engine.records("contact")).toHaveLength(7);
});

test("a store wiped while changes wait opens as a fresh copy, made again by the next sync", async () => {
  const server = new FakeServer();
  const store = new MemoryStore();
  const a = await client(server, ALICE, { store });
  await a.engine.create("contact", { givenName: "Shared" }, "s1");
  await a.engine.sync();
  await a.engine.update("contact", "s1", { jobTitle: "Unsent" });
  a.engine.close();
  // The browser clears the add-in's storage.
  await store.apply((await store.keys()).map((key) => ({ op: "delete", key }) as const));

  const b = await client(server, ALICE, { store });
  expect(b.engine.fresh).toBe(true);
  expect(b.engine.outbox).toEqual([]);
  await b.engine.sync();
  expect(b.engine.get("contact", "s1")?.fields).toEqual({ givenName: "Shared" });
});
