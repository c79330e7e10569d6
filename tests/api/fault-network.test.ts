/**
 * Network faults between the client and the API (tests/support/fault-proxy.ts), each on a push
 * and on a pull: the real sync engine on the memory store, over HTTP through the proxy, against
 * the local host on Azurite. Each test proves that no acknowledged edit is lost (the server's
 * `lastMid` covers every answered mid), none is applied twice (each record's version counts its
 * changes exactly), both clients converge to the server's state with nothing left waiting, and
 * the sync log says what happened in plain words.
 *
 * The faults here are set by rule, so every run is the same; the proxy's seed (printed) only
 * matters for the random-rate test at the end: BCM_FAULT_SEED=<seed> replays it.
 */
import { faultSeed, FaultProxy, FAULTS, type Fault } from "../support/fault-proxy";
import { newDatabase, newMember, share } from "../support/db";
import { apiUrl } from "../support/http";
import {
  isClean,
  openClient,
  serverLastMid,
  syncUntilDone,
  verdict,
  type SimClient,
} from "../support/sync-clients";
import { loopForEngine, type LoopOutcome } from "../../src/sync/loop";
import { ApiError, NetworkError } from "../../src/sync/transport";

const SEED = faultSeed();
/** The client gives up after this long; the proxy's `delay` holds a request longer. */
const CLIENT_TIMEOUT_MS = 4_000;
const DELAY_MS = 5_000;

let proxy: FaultProxy;
beforeAll(async () => {
  process.stdout.write(`fault-network: seed ${SEED} (BCM_FAULT_SEED=${SEED} replays it)\n`);
  const target = new URL(apiUrl());
  proxy = await FaultProxy.start({ target: target.origin, seed: SEED, delayMs: DELAY_MS });
});
afterAll(() => proxy.close());

const proxiedApi = () => `${proxy.url}${new URL(apiUrl()).pathname}`;

/** An editor's engine through the proxy, the owner's engine straight to the API, three contacts shared. */
async function scene() {
  const owner = await newMember("owner");
  const db = await newDatabase(owner, "Faults");
  const editor = await share(db, owner, "editor");
  const a = await openClient("editor", editor, db, proxiedApi(), { timeoutMs: CLIENT_TIMEOUT_MS });
  const b = await openClient("owner", owner, db, apiUrl());
  await a.engine.updateSettings({ conflictRule: "newest" });
  for (const id of ["c1", "c2"])
    await a.engine.create("contact", { givenName: id, familyName: "Initial" }, id);
  await syncUntilDone(a);
  await syncUntilDone(b);
  // The owner changes one field of c1 while the editor changes another (no conflict: merged).
  await b.engine.update("contact", "c1", { jobTitle: "Buyer" });
  await syncUntilDone(b);
  await a.engine.update("contact", "c1", { familyName: "Edited" });
  await a.engine.update("contact", "c2", { givenName: "Second" });
  await a.engine.create("contact", { givenName: "Third" }, "c3");
  return { db, owner, editor, a, b };
}

/** What the sync log must say of each fault (the words of src/sync/sync-log.ts). */
const WORDS: Record<Fault, RegExp | null> = {
  drop: /could not be reached/,
  "drop-response": /could not be reached/,
  delay: /could not be reached/,
  "cut-request": /could not be reached/,
  "cut-response": /could not be reached/,
  "429": /busy and asked to wait/,
  "503": /busy and asked to wait/,
  "500": /not available at the moment/,
  repeat: null, // Nothing to tell: the sync succeeds.
};

/** Waits until the proxy forwarded a request it held back (`delay`), so its effect is in. */
async function heldRequestsLanded(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 500));
}

async function expectConverged(db: string, clients: SimClient[], c2GivenName: string) {
  for (const client of clients) await syncUntilDone(client);
  const v = await verdict(db, clients);
  expect(v).toEqual({ lost: [], duplicated: [], diverged: [], unsent: [], unexplained: [] });
  const [a, b] = clients as [SimClient, SimClient];
  // Exactly once: every change counted in its record's version, and all of the editor's mids in.
  const versions = Object.fromEntries(b.engine.records("contact").map((r) => [r.id, r.version]));
  expect(versions).toMatchObject({ c1: 3, c3: 1 });
  expect(await serverLastMid(db, a.member, a.engine.clientId)).toBe(5);
  expect(b.engine.get("contact", "c1")?.fields).toMatchObject({
    givenName: "c1",
    familyName: "Edited",
    jobTitle: "Buyer",
  });
  // After the owner's later change of c2, the owner's value stays (newest wins): the editor's
  // mutation applied again after it would have undone it.
  expect(b.engine.get("contact", "c2")?.fields.givenName).toBe(c2GivenName);
  for (const client of clients) {
    expect(client.engine.inbox).toEqual([]);
    expect(client.engine.needsAttention).toEqual([]);
  }
}

describe.each(["push", "pull"] as const)("on a %s", (phase) => {
  test.each(FAULTS.map((f) => [f]))(
    "%s: nothing lost or applied twice, both converge, and the log says what happened",
    async (fault) => {
      const { db, a, b } = await scene();
      if (phase === "pull") {
        // A sync that pushes pulls in the same request (a fault there is a push's): the pull
        // faulted here is a catch-up's, with the editor's changes sent and a new one to bring.
        await syncUntilDone(a);
        await b.engine.create("contact", { givenName: "Fourth" }, "c4");
        await syncUntilDone(b);
      }
      proxy.rule({ match: (r) => r.path.endsWith(`/${phase}`), fault });
      let first: unknown = null;
      await a.engine.sync().catch((error: unknown) => (first = error));
      // A push given up on for time is halved and sent again at once (src/sync/push.ts): the
      // sync succeeds, and the request held back lands later, changing nothing.
      if (fault === "repeat" || (fault === "delay" && phase === "push")) {
        expect(first).toBeNull();
      } else {
        expect(first).toBeInstanceOf(
          fault === "429" || fault === "503" || fault === "500" ? ApiError : NetworkError,
        );
        const log = await a.engine.syncLog();
        const said = log.filter((e) => e.kind === "fault").map((e) => e.message);
        expect(said.at(-1)).toMatch(WORDS[fault]!);
      }
      if (fault === "429" || fault === "503") {
        expect(first).toMatchObject({ retryAfterMs: 1_000 });
      }
      // Before the editor tries again, the owner changes what the editor's push changed.
      await syncUntilDone(b);
      await b.engine.update("contact", "c2", { givenName: "Owner's choice" });
      await syncUntilDone(b);
      if (fault === "delay") {
        // The client sends again before the request it gave up on reaches the server: that one
        // then arrives second, and must change nothing.
        await syncUntilDone(a);
        await heldRequestsLanded();
      }
      await expectConverged(db, [a, b], "Owner's choice");
    },
  );
});

test("the loop waits out Retry-After, then syncs by itself", async () => {
  const { db, a, b } = await scene();
  proxy.rule({ match: (r) => r.path.endsWith("/push"), fault: "503", times: 2 });
  const outcomes: LoopOutcome[] = [];
  const { loop, dispose } = loopForEngine(a.engine, { minBackoffMs: 50, random: () => 0 });
  const synced = new Promise<void>((resolve) =>
    loop.subscribe((event) => {
      if (event.type !== "outcome") return;
      outcomes.push(event.outcome);
      if (event.outcome.status === "synced") resolve();
    }),
  );
  loop.start({ syncNow: true });
  await synced;
  dispose();
  // Without Retry-After the loop would have come back after 25 ms, then 50 ms.
  expect(outcomes.map((o) => (o.status === "failed" ? o.retryInMs : o.status))).toEqual([
    1_000,
    1_000,
    "synced",
  ]);
  await expectConverged(db, [a, b], "Second");
});

test(`random faults at a seeded rate (seed ${SEED}): the same guarantees`, async () => {
  const { db, a, b } = await scene();
  proxy.setRate(0.5, FAULTS);
  try {
    for (let i = 0; i < 6; i++) {
      await a.engine.update("contact", "c3", { jobTitle: `Round ${i}` });
      await a.engine.sync().catch(() => undefined);
    }
  } finally {
    proxy.setRate(0);
  }
  await heldRequestsLanded();
  for (const client of [a, b]) await syncUntilDone(client);
  const v = await verdict(db, [a, b]);
  expect(isClean(v) ? [] : [v, proxy.log]).toEqual([]);
  expect(b.engine.get("contact", "c3")?.fields.jobTitle).toBe("Round 5");
});
