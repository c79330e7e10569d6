/**
 * Every release opens the local copies earlier releases wrote: each fixture under
 * tests/fixtures/local-copy/v<N>/ (written by that release's code, write-fixture.ts) is loaded
 * into a store and opened with today's engine, which upgrades it to today's layout, keeps what
 * the user made (outbox, conflicts, refused changes, settings, client id) and syncs it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MemoryStore } from "../../../src/store/memory-store";
import { SyncEngine } from "../../../src/sync/engine";
import { SCHEMA_KEY } from "../../../src/sync/keys";
import { MemoryLocks } from "../../../src/sync/memory-ports";
import { SCHEMA_VERSION } from "../../../src/sync/migrations";
import type { CopyOwner } from "../../../src/sync/owner";
import type { StoredValue } from "../../../src/sync/store";
import { FakeServer } from "../sync/fake-server";

const FIXTURES = join(__dirname, "../../fixtures/local-copy");

interface Fixture {
  readonly schemaVersion: number;
  readonly owner: CopyOwner;
  readonly entries: Array<[string, StoredValue]>;
}

const fixtures = readdirSync(FIXTURES)
  .filter((dir) => /^v\d+$/.test(dir))
  .map(
    (dir) =>
      [dir, JSON.parse(readFileSync(join(FIXTURES, dir, "copy.json"), "utf8")) as Fixture] as const,
  );

test("a fixture is kept for today's layout or an earlier one", () => {
  expect(fixtures.length).toBeGreaterThan(0);
  for (const [, fixture] of fixtures)
    expect(fixture.schemaVersion).toBeLessThanOrEqual(SCHEMA_VERSION);
});

describe.each(fixtures)("the copy written by layout %s", (_dir, fixture) => {
  async function opened() {
    const store = new MemoryStore();
    await store.apply(fixture.entries.map(([key, value]) => ({ op: "set", key, value }) as const));
    const server = new FakeServer();
    const engine = await SyncEngine.open({
      owner: fixture.owner,
      store,
      transport: server.as(fixture.owner.user),
      locks: new MemoryLocks(),
    });
    return { store, server, engine };
  }

  const stored = (key: string) => fixture.entries.find(([k]) => k === key)?.[1];
  const prefixed = (prefix: string) => fixture.entries.filter(([k]) => k.startsWith(prefix));

  test("opens, upgraded to today's layout, with everything the user made", async () => {
    const { store, engine } = await opened();
    expect(await store.get(SCHEMA_KEY)).toBe(SCHEMA_VERSION);
    expect(engine.clientId).toBe((stored("sync:client") as { clientId: string }).clientId);
    expect(engine.outbox.map((e) => e.mutation)).toEqual(
      prefixed("outbox:").map(([, v]) => (v as { mutation: unknown }).mutation),
    );
    expect(engine.inbox).toHaveLength(prefixed("inbox:").length);
    expect(engine.needsAttention).toHaveLength(prefixed("attention:").length);
    expect(engine.settings).toEqual(stored("sync:settings"));
    expect(engine.quarantine).toEqual([]);
    // The records the copy held are shown (those kept as segments, or downloaded again).
    expect(engine.records("contact").length).toBeGreaterThan(0);
  });

  test("sends its unsent changes under its client id, every one once", async () => {
    const { server, engine } = await opened();
    const pending = engine.outbox.length;
    // A server that never saw this copy: the mids are renumbered after its lastMid (mid_gap).
    await engine.sync().catch(() => undefined);
    const sent = server.pushes.filter((p) => p.clientId === engine.clientId && p.mutations.length);
    expect(sent.length).toBeGreaterThan(0);
    expect(server.lastMid(engine.clientId)).toBe(pending);
    expect(engine.outbox).toEqual([]);
  });
});
