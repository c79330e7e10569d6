/**
 * Process faults, each in the middle of a request: Azurite killed (SIGKILL) in the middle of a
 * push and of a pull and started again on the same data folder; the API process killed in the
 * middle of a push and started again; Table Storage throttling. A private stack: Azurite keeping
 * its data in a folder, the fault proxy between the local host and Azurite (which times each
 * kill: the request that triggers it), and the local host. The real sync engine on the memory
 * store calls the host. Each test proves: nothing acknowledged lost, nothing applied twice, both
 * clients converge, and what the user is told.
 */
import { FaultProxy, faultSeed, type ProxiedRequest } from "../support/fault-proxy";
import { newDatabase, newMember, share } from "../support/db";
import { call, signIn, useApi } from "../support/http";
import { startApiHost, startAzurite, type Running } from "../support/stack";
import {
  openClient,
  serverLastMid,
  syncUntilDone,
  verdict,
  type SimClient,
} from "../support/sync-clients";

const SEED = faultSeed();
let azurite: Awaited<ReturnType<typeof startAzurite>>;
let storage: FaultProxy;
let api: Running;
/** The host's port, to start it again where clients reach it. */
let apiPort = "";
/** What to do with the next storage request that matches, before or after Azurite answers it. */
let trap: {
  match: (r: ProxiedRequest) => boolean;
  when: "before" | "after";
  run: () => Promise<void>;
} | null = null;

async function startHost(port = "0"): Promise<Running> {
  const host = await startApiHost({
    storageConnection: azurite.connectionString.replace(
      `:${azurite.port}/`,
      `:${new URL(storage.url).port}/`,
    ),
    env: { BCM_DEV_KEY_FILE: process.env.BCM_TEST_DEV_KEY_FILE ?? "", BCM_API_PORT: port },
  });
  useApi(host.url, (email) => signIn(email, host.url));
  return host;
}

function spring(r: ProxiedRequest, when: "before" | "after"): Promise<void> | void {
  if (!trap || trap.when !== when || !trap.match(r)) return;
  const { run } = trap;
  trap = null;
  return run();
}

beforeAll(async () => {
  process.stdout.write(`fault-processes: seed ${SEED} (BCM_FAULT_SEED=${SEED} replays it)\n`);
  azurite = await startAzurite();
  storage = await FaultProxy.start({
    target: `http://127.0.0.1:${azurite.port}`,
    seed: SEED,
    retryAfterSeconds: 0,
    onRequest: (r) => spring(r, "before"),
    onAnswered: (r) => spring(r, "after"),
  });
  api = await startHost();
  apiPort = new URL(api.url).port;
}, 120_000);

afterAll(async () => {
  await api?.close();
  await storage?.close();
  await azurite?.dispose();
});

/** A storage transaction: a commit (records, the client's mid and the head, in one batch). */
const isCommit = (r: ProxiedRequest) => r.method === "POST" && r.path.includes("$batch");
/** A storage read. */
const isRead = (r: ProxiedRequest) => r.method === "GET";

/**
 * Azurite saves its data to its folder every 5 s, and on a clean stop: a clean restart makes
 * sure what was acknowledged so far survives the crash the test then causes.
 */
async function persist(): Promise<void> {
  await azurite.stop();
  await azurite.start();
}

/** An editor (newest wins) and the owner; c1, c2 made and synced; c2 then edited by the editor. */
async function scene() {
  const owner = await newMember("owner");
  const db = await newDatabase(owner, "Crashes");
  const editor = await share(db, owner, "editor");
  const a = await openClient("editor", editor, db, api.url);
  const b = await openClient("owner", owner, db, api.url);
  await a.engine.updateSettings({ conflictRule: "newest" });
  for (const id of ["c1", "c2"]) await a.engine.create("contact", { givenName: id }, id);
  await syncUntilDone(a);
  await syncUntilDone(b);
  await b.engine.update("contact", "c1", { jobTitle: "Buyer" });
  await syncUntilDone(b);
  await a.engine.update("contact", "c2", { familyName: "Edited" });
  await a.engine.create("contact", { givenName: "Third" }, "c3");
  return { db, a, b };
}

/** The first sync's failure said in the sync log's words, or null when it succeeded. */
async function firstSync(client: SimClient): Promise<string | null> {
  try {
    await client.engine.sync();
    return null;
  } catch {
    const log = await client.engine.syncLog();
    return log.filter((e) => e.kind === "fault").at(-1)?.message ?? "nothing logged";
  }
}

async function expectConverged(db: string, clients: [SimClient, SimClient]) {
  for (const client of clients) await syncUntilDone(client);
  const [a, b] = clients;
  expect(await verdict(db, clients)).toEqual({
    lost: [],
    duplicated: [],
    diverged: [],
    unsent: [],
    unexplained: [],
  });
  const versions = Object.fromEntries(b.engine.records("contact").map((r) => [r.id, r.version]));
  expect(versions).toEqual({ c1: 2, c2: 2, c3: 1 });
  expect(await serverLastMid(db, a.member, a.engine.clientId)).toBe(4);
  expect(b.engine.get("contact", "c2")?.fields).toMatchObject({ familyName: "Edited" });
  for (const client of clients) {
    expect(client.engine.inbox).toEqual([]);
    expect(client.engine.needsAttention).toEqual([]);
  }
}

test("Azurite killed while it commits a push, started again on the same data", async () => {
  const { db, a, b } = await scene();
  await persist();
  // Azurite applies the commit in memory, then dies before it answers or saves it.
  storage.rule({ match: isCommit, fault: "drop-response" });
  trap = { match: isCommit, when: "after", run: () => azurite.kill() };
  const said = await firstSync(a);
  expect(trap).toBeNull();
  // Storage stayed down past the API's retries: the client is told, in words, and keeps its changes.
  expect(said).toMatch(/not available at the moment\. Your changes are kept/);
  expect(a.engine.outbox.length).toBe(2);
  await azurite.start();
  await expectConverged(db, [a, b]);
}, 120_000);

test("Azurite killed in the middle of a pull, started again on the same data", async () => {
  const { db, a, b } = await scene();
  await syncUntilDone(a);
  await syncUntilDone(b);
  expect(await b.engine.update("contact", "c3", { jobTitle: "Seller" })).toMatchObject({
    status: "saved",
  });
  await syncUntilDone(b);
  await persist();
  trap = { match: isRead, when: "before", run: () => azurite.kill() };
  const said = await firstSync(a);
  expect(trap).toBeNull();
  expect(said).toMatch(/not available at the moment/);
  await azurite.start();
  await syncUntilDone(a);
  expect(a.engine.get("contact", "c3")?.fields.jobTitle).toBe("Seller");
  expect(await verdict(db, [a, b])).toEqual({
    lost: [],
    duplicated: [],
    diverged: [],
    unsent: [],
    unexplained: [],
  });
}, 120_000);

test("the API process killed while its push commits, started again", async () => {
  const { db, a, b } = await scene();
  // The host dies as its commit reaches storage: the commit lands, nobody answers the client.
  trap = { match: isCommit, when: "before", run: () => api.kill!() };
  const said = await firstSync(a);
  expect(said).toMatch(/could not be reached/);
  api = await startHost(apiPort);
  await expectConverged(db, [a, b]);
}, 120_000);

test("storage throttling: retried within a budget, then 503 busy with Retry-After", async () => {
  const { db, a, b } = await scene();
  // Four throttled answers: more than the storage SDK's own 3 tries, fewer than the API's.
  storage.rule({ match: isCommit, fault: "503", times: 4 });
  expect(await firstSync(a)).toBeNull();
  await expectConverged(db, [a, b]);

  // Throttled for good: a bounded number of tries, then a 503 `busy` the client waits out.
  storage.setRate(1, ["503"]);
  const before = storage.total;
  let reply;
  try {
    reply = await call(`/databases/${db}/pull`, {
      token: a.member.token,
      body: { cursor: null, limit: 10 },
    });
  } finally {
    storage.setRate(0);
  }
  expect(reply.status).toBe(503);
  expect(reply.body).toMatchObject({ error: { code: "busy" } });
  expect(reply.headers.get("retry-after")).toBe("2");
  // Nothing retries forever: the SDK's 3 tries of each read (two at once at most) in each of
  // at most 6 of the API's attempts.
  expect(storage.total - before).toBeLessThanOrEqual(36);
}, 120_000);
