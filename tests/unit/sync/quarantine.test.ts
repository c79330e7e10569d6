/**
 * Entries of a copy that cannot be read (damaged, or a newer pane's format) are set aside in the
 * quarantine, unchanged and exportable, instead of failing the whole copy: everything else opens
 * and keeps working (src/sync/quarantine.ts).
 */
import { MemoryStore } from "../../../src/store/memory-store";
import { CURSOR_KEY, QUARANTINE_PREFIX } from "../../../src/sync/keys";
import type { StoredValue } from "../../../src/sync/store";
import { FakeServer } from "./fake-server";
import { client } from "./engine-helpers";

const ALICE = "alice@contoso.com";

async function withCopy() {
  const server = new FakeServer();
  const store = new MemoryStore();
  const a = await client(server, ALICE, { store });
  for (const id of ["c1", "c2", "c3"]) await a.engine.create("contact", { givenName: id }, id);
  await a.engine.sync();
  return { server, store, a };
}

test("an unreadable outbox entry is set aside; the changes after it are still sent", async () => {
  const { server, store, a } = await withCopy();
  await a.engine.update("contact", "c1", { jobTitle: "One" });
  await a.engine.update("contact", "c2", { jobTitle: "Two" });
  await a.engine.update("contact", "c3", { jobTitle: "Three" });
  const [, second] = a.engine.outbox;
  const key = `outbox:${String(second!.mutation.mid).padStart(12, "0")}`;
  // A newer pane's format: an op this code does not know.
  const damaged = { mutation: { ...second!.mutation, op: "merge" } } as unknown as StoredValue;
  await store.set(key, damaged);
  a.engine.close();

  const b = await client(server, ALICE, { store });
  expect(b.engine.outbox.map((e) => e.mutation.id)).toEqual(["c1", "c3"]);
  expect(b.engine.quarantine).toEqual([expect.objectContaining({ key, value: damaged })]);
  expect(await store.get(key)).toBeUndefined();
  await b.engine.sync();
  expect(b.engine.outbox).toEqual([]);
  expect(server.record("contact", "c1")?.fields.jobTitle).toBe("One");
  expect(server.record("contact", "c2")?.fields.jobTitle).toBeUndefined();
  expect(server.record("contact", "c3")?.fields.jobTitle).toBe("Three");
  expect((await b.engine.syncLog()).map((e) => e.kind)).toContain("quarantine");
});

test("an unreadable segment is set aside and the records are downloaded again", async () => {
  const { server, store, a } = await withCopy();
  const [segment] = await store.entries("rec:");
  await store.set(segment![0], { records: "damaged" });
  a.engine.close();

  const b = await client(server, ALICE, { store });
  expect(b.engine.quarantine.map((q) => q.key)).toEqual([segment![0]]);
  expect(await store.get(CURSOR_KEY)).toBeUndefined();
  const pulled = server.pulls.length;
  await b.engine.sync();
  expect(server.pulls[pulled]?.cursor).toBeNull();
  expect(
    b.engine
      .records("contact")
      .map((r) => r.id)
      .sort(),
  ).toEqual(["c1", "c2", "c3"]);
});

test("a damaged conflict, refused change or client record does not stop the copy from opening", async () => {
  const { server, store, a } = await withCopy();
  await store.apply([
    { op: "set", key: "inbox:000000000009:jobTitle", value: { mid: "nine" } },
    { op: "set", key: "attention:000000000009-000000000001", value: 42 },
    { op: "set", key: "sync:client", value: { clientId: "" } },
  ]);
  a.engine.close();
  const b = await client(server, ALICE, { store });
  expect(b.engine.quarantine.map((q) => q.key).sort()).toEqual([
    "attention:000000000009-000000000001",
    "inbox:000000000009:jobTitle",
    "sync:client",
  ]);
  expect(b.engine.inbox).toEqual([]);
  expect(b.engine.needsAttention).toEqual([]);
  expect(b.engine.clientId).not.toBe(a.engine.clientId);
  expect(b.engine.records("contact")).toHaveLength(3);
  const edited = await b.engine.update("contact", "c1", { jobTitle: "Still works" });
  expect(edited.status).toBe("saved");
  await b.engine.sync();
  expect(server.record("contact", "c1")?.fields.jobTitle).toBe("Still works");
});

test("what was set aside can be exported, then deleted", async () => {
  const { server, store, a } = await withCopy();
  await store.set("outbox:000000000050", { mutation: "garbled" });
  a.engine.close();
  const b = await client(server, ALICE, { store });
  const exported = b.engine.exportQuarantine();
  expect(exported).toMatchObject({ format: "bcm-quarantine", version: 1, databaseId: "db1" });
  expect(exported.entries).toEqual([
    expect.objectContaining({ key: "outbox:000000000050", value: { mutation: "garbled" } }),
  ]);
  await b.engine.clearQuarantine();
  expect(b.engine.quarantine).toEqual([]);
  expect(await store.entries(QUARANTINE_PREFIX)).toEqual([]);
  b.engine.close();
  const c = await client(server, ALICE, { store });
  expect(c.engine.quarantine).toEqual([]);
});
