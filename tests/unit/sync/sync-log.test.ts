/**
 * The sync log (src/sync/sync-log.ts): the engine writes an entry per sync (counts sent and
 * received, conflicts settled and by which rule, changes refused and why), per fault (offline,
 * throttled, quota …) and per connection change, in plain words; the store keeps the last
 * MAX_LOG_ENTRIES; writing one does not make other panes reload the copy; it can be exported.
 */
import { MemoryStore } from "../../../src/store/memory-store";
import { MemoryBroadcastHub } from "../../../src/sync/memory-ports";
import { MAX_LOG_ENTRIES, describeLogEntry, faultOf, logWrites } from "../../../src/sync/sync-log";
import type { SyncLogEntry } from "../../../src/sync/sync-log";
import { ApiError, NetworkError } from "../../../src/sync/transport";
import { StoreError } from "../../../src/sync/store";
import { FakeServer } from "./fake-server";
import { client } from "./engine-helpers";

test("a sync's entry: what was sent and received, conflicts and their rule, refusals and why", async () => {
  const server = new FakeServer();
  const bob = await client(server, "bob@contoso.com");
  await bob.engine.create("contact", { givenName: "Ann", jobTitle: "Buyer" }, "c1");
  await bob.engine.create("contact", { givenName: "Ben" }, "c2");
  await bob.engine.sync();
  const ann = await client(server, "ann@contoso.com", { rule: "shared" });
  await ann.engine.sync();
  await bob.engine.update("contact", "c1", { jobTitle: "Head of Purchasing" });
  await bob.engine.sync();
  await ann.engine.update("contact", "c1", { jobTitle: "Chief Buyer" });
  await ann.engine.update("contact", "c2", { department: "Sales" });
  server.refuse = (m) =>
    m.id === "c2" ? { code: "outside_sync_set", message: "Ben is not in your sync set." } : null;
  await ann.engine.sync();

  const log = await ann.engine.syncLog();
  expect(log).toHaveLength(2);
  const last = log.at(-1)!;
  expect(last).toMatchObject({
    kind: "sync",
    sent: 2,
    received: 1,
    conflicts: [
      {
        type: "contact",
        id: "c1",
        field: "jobTitle",
        decision: "theirs",
        by: "rule",
        rule: "shared",
      },
    ],
    refused: [
      {
        type: "contact",
        id: "c2",
        code: "outside_sync_set",
        message: "Ben is not in your sync set.",
      },
    ],
  });
  expect(describeLogEntry(last)).toBe(
    'Synchronized: 2 changes sent, 1 change received; 1 conflict settled by the rule "the shared database wins"; 1 change refused (Ben is not in your sync set.).',
  );
});

test("each fault is logged in plain words", async () => {
  const server = new FakeServer();
  const a = await client(server, "ann@contoso.com");
  server.failNext("pull", "offline");
  await a.engine.sync().catch(() => undefined);
  server.failNext("pull", new ApiError(429, "busy", "Too many requests"));
  await a.engine.sync().catch(() => undefined);
  server.failNext("pull", new ApiError(503, "storage_unavailable", "Storage down"));
  await a.engine.sync().catch(() => undefined);
  const log = await a.engine.syncLog();
  expect(log.map((e) => (e.kind === "fault" ? e.fault : e.kind))).toEqual([
    "offline",
    "throttled",
    "unavailable",
  ]);
  expect(describeLogEntry(log[0]!)).toMatch(/could not be reached/);
  expect(describeLogEntry(log[1]!)).toMatch(/busy and asked to wait/);
  const quota = new StoreError("full", { cause: new DOMException("full", "QuotaExceededError") });
  expect(faultOf(quota)).toBe("quota");
  expect(faultOf(new NetworkError("x"))).toBe("offline");
  expect(faultOf(new ApiError(404, "not_found", "x"))).toBe("revoked");
});

test("connection changes are logged once each, not the first 'online'", async () => {
  const a = await client(new FakeServer(), "ann@contoso.com");
  await a.engine.logConnection("online");
  await a.engine.logConnection("offline");
  await a.engine.logConnection("offline");
  await a.engine.logConnection("online");
  await a.engine.logConnection("work-offline");
  const log = await a.engine.syncLog();
  expect(log.map((e) => (e.kind === "connection" ? e.state : e.kind))).toEqual([
    "offline",
    "online",
    "work-offline",
  ]);
  expect(log.map(describeLogEntry)).toEqual([
    "The shared database cannot be reached: working with the offline copy.",
    "The shared database can be reached again.",
    "Working offline, as chosen.",
  ]);
});

test(`the log keeps the last ${MAX_LOG_ENTRIES} entries`, () => {
  const entry = (i: number): SyncLogEntry => ({
    kind: "connection",
    at: new Date(Date.UTC(2026, 10, 26) + i * 1000).toISOString(),
    state: "offline",
  });
  let held: string[] = [];
  for (let i = 0; i < MAX_LOG_ENTRIES + 20; i++) {
    for (const w of logWrites(entry(i), held, "abc")) {
      held = w.op === "set" ? [...held, w.key] : held.filter((k) => k !== w.key);
    }
  }
  expect(held).toHaveLength(MAX_LOG_ENTRIES);
  expect(held.sort()[0]).toContain(String(Date.parse(entry(20).at)));
});

test("writing the log does not make other panes reload the copy; it is shared and exportable", async () => {
  const hub = new MemoryBroadcastHub();
  const store = new MemoryStore();
  const server = new FakeServer();
  const a = await client(server, "ann@contoso.com", {
    store,
    extra: { broadcast: hub.endpoint() },
  });
  await a.engine.create("contact", { givenName: "Ann" }, "c1");
  const b = await client(server, "ann@contoso.com", {
    store,
    extra: { broadcast: hub.endpoint() },
  });
  const reloads = () => b.events.filter((e) => e.type === "changed" && e.cause === "reload").length;
  const before = reloads();
  await a.engine.logConnection("offline");
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(reloads()).toBe(before);
  expect(await b.engine.syncLog()).toHaveLength(1);
  const exported = await a.engine.exportSyncLog();
  expect(exported).toMatchObject({
    format: "bcm-sync-log",
    version: 1,
    databaseId: "db1",
    clientId: a.engine.clientId,
    entries: [{ kind: "connection", state: "offline" }],
  });
});

test("a log entry on a new copy claims it for its owner (it opens again)", async () => {
  const store = new MemoryStore();
  const server = new FakeServer();
  const a = await client(server, "ann@contoso.com", { store });
  server.failNext("pull", "offline");
  await a.engine.sync().catch(() => undefined);
  a.engine.close();
  const again = await client(server, "ann@contoso.com", { store });
  expect(await again.engine.syncLog()).toHaveLength(1);
});
