/**
 * The copy's layout version (src/sync/migrations.ts): an older copy is upgraded in one batch
 * before it is read, never failing to open and never losing what the user made; a copy a newer
 * release wrote is refused without a write; and an engine whose copy a newer pane upgraded
 * meanwhile stops and asks for a reload, writing nothing more.
 */
import { MemoryStore } from "../../../src/store/memory-store";
import { SyncEngine } from "../../../src/sync/engine";
import type { EngineEvent } from "../../../src/sync/engine";
import { CURSOR_KEY, SCHEMA_KEY } from "../../../src/sync/keys";
import { MemoryBroadcastHub, MemoryLocks } from "../../../src/sync/memory-ports";
import { CopyVersionError, SCHEMA_VERSION, storedVersion } from "../../../src/sync/migrations";
import { ownerWrite } from "../../../src/sync/owner";
import { FakeServer } from "./fake-server";
import { client, ownerOf } from "./engine-helpers";

const OWNER = ownerOf("alice@contoso.com");

async function storeWith(entries: Record<string, unknown>): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.apply([
    ownerWrite(OWNER),
    ...Object.entries(entries).map(([key, value]) => ({
      op: "set" as const,
      key,
      value: value as never,
    })),
  ]);
  return store;
}

const pending = {
  mutation: {
    mid: 1,
    op: "upsert",
    type: "contact",
    id: "c1",
    baseVersion: null,
    fields: { givenName: "Ann" },
    at: "2026-11-26T09:00:00.000Z",
  },
};

test("a copy's version: its mark, else told by its keys", () => {
  expect(storedVersion([], undefined)).toBe(SCHEMA_VERSION);
  expect(storedVersion(["contact:c1", "sync:cursor"], undefined)).toBe(0);
  expect(storedVersion(["rec:000000000000", "sync:cursor"], undefined)).toBe(1);
  expect(storedVersion(["sync:schema"], 7)).toBe(7);
});

test("a copy of the first layout (one key per record) is downloaded again, its outbox kept", async () => {
  const store = await storeWith({
    "contact:c9": { type: "contact", id: "c9", version: 1, deleted: false, fields: {} },
    [CURSOR_KEY]: "old-cursor",
    "outbox:000000000001": pending,
    "sync:client": { clientId: "c-old", nextMid: 2, sentMid: 0, rev: 3 },
  });
  const server = new FakeServer();
  const engine = await SyncEngine.open({
    owner: OWNER,
    store,
    transport: server.as("alice@contoso.com"),
    locks: new MemoryLocks(),
  });
  expect(await store.get(SCHEMA_KEY)).toBe(SCHEMA_VERSION);
  expect(await store.get("contact:c9")).toBeUndefined();
  expect(await store.get(CURSOR_KEY)).toBeUndefined();
  expect(engine.clientId).toBe("c-old");
  expect(engine.outbox.map((e) => e.mutation.id)).toEqual(["c1"]);
  await engine.sync();
  expect(server.pulls[0]?.cursor).toBeNull();
  expect(server.record("contact", "c1")?.fields).toEqual({ givenName: "Ann" });
});

test("a copy of layout 1 gets the mark and nothing else changes", async () => {
  const store = await storeWith({ "outbox:000000000001": pending, [CURSOR_KEY]: "kept" });
  const before = await store.entries("");
  await SyncEngine.open({
    owner: OWNER,
    store,
    transport: new FakeServer().as("a"),
    locks: new MemoryLocks(),
  });
  expect(await store.entries("")).toEqual(
    [...before, [SCHEMA_KEY, SCHEMA_VERSION]].sort(([a], [b]) => (a < b ? -1 : 1)),
  );
});

test("a new copy's first write carries the mark", async () => {
  const store = new MemoryStore();
  const { engine } = await client(new FakeServer(), "alice@contoso.com", { store });
  await engine.create("contact", { givenName: "Ann" });
  expect(await store.get(SCHEMA_KEY)).toBe(SCHEMA_VERSION);
});

test("a copy a newer release wrote is refused, and nothing is written to it", async () => {
  const store = await storeWith({
    [SCHEMA_KEY]: SCHEMA_VERSION + 1,
    "outbox:000000000001": pending,
  });
  const before = await store.entries("");
  await expect(
    SyncEngine.open({
      owner: OWNER,
      store,
      transport: new FakeServer().as("a"),
      locks: new MemoryLocks(),
    }),
  ).rejects.toBeInstanceOf(CopyVersionError);
  expect(await store.entries("")).toEqual(before);
});

describe("an older pane and a newer pane at once", () => {
  test("the older engine stops when the newer one says so, and writes nothing more", async () => {
    const hub = new MemoryBroadcastHub();
    const store = new MemoryStore();
    const server = new FakeServer();
    const { engine } = await client(server, "alice@contoso.com", {
      store,
      extra: { broadcast: hub.endpoint() },
    });
    await engine.create("contact", { givenName: "Ann" }, "c1");
    const events: EngineEvent[] = [];
    engine.subscribe((e) => events.push(e));
    // The newer release upgrades the copy and tells the other panes.
    await store.set(SCHEMA_KEY, SCHEMA_VERSION + 1);
    hub
      .endpoint()
      .post({ kind: "bcm-sync", copy: engine.copyId, rev: 99, schema: SCHEMA_VERSION + 1 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toContainEqual({ type: "outdated" });
    expect(engine.outdated).toBe(true);
    const before = await store.entries("");
    await expect(engine.update("contact", "c1", { givenName: "Anne" })).rejects.toBeInstanceOf(
      CopyVersionError,
    );
    await expect(engine.sync()).rejects.toBeInstanceOf(CopyVersionError);
    expect(await store.entries("")).toEqual(before);
    expect(server.pushes).toEqual([]);
  });

  test("...and also without the message: its next change finds the newer mark first", async () => {
    const store = new MemoryStore();
    const { engine } = await client(new FakeServer(), "alice@contoso.com", { store });
    await engine.create("contact", { givenName: "Ann" }, "c1");
    await store.set(SCHEMA_KEY, SCHEMA_VERSION + 1);
    const before = await store.entries("");
    await expect(engine.update("contact", "c1", { givenName: "Anne" })).rejects.toBeInstanceOf(
      CopyVersionError,
    );
    expect(engine.outdated).toBe(true);
    expect(await store.entries("")).toEqual(before);
  });
});
