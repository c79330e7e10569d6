/**
 * The sync loop with jest's fake timers: its states, the debounce of a burst of changes, the
 * user's schedule, capped and jittered backoff, offline and back, "Sync now", one sync at a time.
 */
import type { LoopEvent, LoopState } from "../../../src/sync/loop";
import { SyncLoop } from "../../../src/sync/loop";
import type { SyncFrequency } from "../../../src/sync/settings";
import { ApiError, NetworkError } from "../../../src/sync/transport";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const MINUTE = 60_000;

/** A sync the test controls: each call takes `durationMs` and fails with the next scripted error. */
function scriptedSync(durationMs = 100) {
  /** Scripted outcomes of the next syncs: an error to throw, or undefined for success. */
  const failures: Array<Error | undefined> = [];
  let running = 0;
  let overlapped = false;
  const calls: number[] = [];
  const sync = jest.fn(async () => {
    calls.push(Date.now());
    running += 1;
    if (running > 1) overlapped = true;
    try {
      await new Promise((resolve) => setTimeout(resolve, durationMs));
      const failure = failures.shift();
      if (failure) throw failure;
      return "ok";
    } finally {
      running -= 1;
    }
  });
  return { sync, failures, calls, overlapped: () => overlapped };
}

function makeLoop(
  options: { frequency?: SyncFrequency; random?: () => number; durationMs?: number } = {},
) {
  const script = scriptedSync(options.durationMs);
  let frequency: SyncFrequency = options.frequency ?? "manual";
  const loop = new SyncLoop({
    sync: script.sync,
    frequency: () => frequency,
    now: () => Date.now(),
    random: options.random ?? (() => 0.5),
    timers: {
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    debounceMs: 2_000,
    maxWaitMs: 10_000,
    minBackoffMs: 1_000,
    maxBackoffMs: 60_000,
  });
  const states: LoopState[] = [];
  const events: LoopEvent[] = [];
  loop.subscribe((event) => {
    events.push(event);
    if (event.type === "state") states.push(event.state);
  });
  return {
    loop,
    ...script,
    states,
    events,
    setFrequency: (f: SyncFrequency) => {
      frequency = f;
    },
  };
}

test("starts idle and, on a schedule, syncs every period after the last sync", async () => {
  const t = makeLoop({ frequency: 5 });
  const start = Date.now();
  t.loop.start();
  expect(t.loop.state).toBe("idle");
  await jest.advanceTimersByTimeAsync(5 * MINUTE - 1);
  expect(t.sync).not.toHaveBeenCalled();
  await jest.advanceTimersByTimeAsync(1);
  expect(t.loop.state).toBe("syncing");
  await jest.advanceTimersByTimeAsync(100);
  expect(t.loop.state).toBe("idle");
  await jest.advanceTimersByTimeAsync(5 * MINUTE + 100);
  expect(t.calls.map((at) => at - start)).toEqual([5 * MINUTE, 10 * MINUTE + 100]);
  expect(t.states).toEqual(["idle", "syncing", "idle", "syncing", "idle"]);
  t.loop.stop();
});

test("manual: no scheduled syncs; changing the schedule takes effect from now", async () => {
  const t = makeLoop({ frequency: "manual" });
  t.loop.start();
  await jest.advanceTimersByTimeAsync(120 * MINUTE);
  expect(t.sync).not.toHaveBeenCalled();
  t.setFrequency(1);
  t.loop.reschedule();
  await jest.advanceTimersByTimeAsync(MINUTE);
  expect(t.sync).toHaveBeenCalledTimes(1);
  t.loop.stop();
});

test("'sync when the pane opens' syncs at start", async () => {
  const t = makeLoop();
  t.loop.start({ syncNow: true });
  expect(t.loop.state).toBe("syncing");
  await jest.advanceTimersByTimeAsync(100);
  expect(t.sync).toHaveBeenCalledTimes(1);
  expect(t.events).toContainEqual({ type: "outcome", outcome: { status: "synced", result: "ok" } });
  t.loop.stop();
});

test("a burst of changes makes one sync, once the burst has been quiet for the debounce", async () => {
  const t = makeLoop();
  t.loop.start();
  for (let i = 0; i < 5; i++) {
    t.loop.notifyChange();
    expect(t.loop.state).toBe("waiting");
    await jest.advanceTimersByTimeAsync(1_000);
  }
  expect(t.sync).not.toHaveBeenCalled();
  await jest.advanceTimersByTimeAsync(1_000);
  expect(t.sync).toHaveBeenCalledTimes(1);
  await jest.advanceTimersByTimeAsync(60 * MINUTE);
  expect(t.sync).toHaveBeenCalledTimes(1);
  t.loop.stop();
});

test("a burst that never pauses still syncs maxWaitMs after its first change", async () => {
  const t = makeLoop();
  t.loop.start();
  const start = Date.now();
  for (let i = 0; i < 30; i++) {
    t.loop.notifyChange();
    await jest.advanceTimersByTimeAsync(500);
  }
  expect(t.calls[0]! - start).toBe(10_000);
  t.loop.stop();
});

test("changes made during a sync make another sync after it, debounced", async () => {
  const t = makeLoop({ durationMs: 1_000 });
  t.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(500);
  t.loop.notifyChange();
  await jest.advanceTimersByTimeAsync(500);
  expect(t.loop.state).toBe("waiting");
  await jest.advanceTimersByTimeAsync(2_000);
  expect(t.sync).toHaveBeenCalledTimes(2);
  expect(t.overlapped()).toBe(false);
  t.loop.stop();
});

test("no answer: backs off 1, 2, 4, 8 … s, jittered, capped, and resets after a success", async () => {
  const t = makeLoop({ random: () => 0 }); // jitter × 0.5: the lowest waits
  for (let i = 0; i < 9; i++) t.failures.push(new NetworkError("no answer"));
  t.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(10 * MINUTE);
  const gaps = t.calls.slice(1).map((at, i) => at - t.calls[i]! - 100);
  expect(gaps).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  expect(t.loop.state).toBe("idle");
  const failed = t.events.filter((e) => e.type === "outcome" && e.outcome.status === "failed");
  expect(failed[0]).toEqual({
    type: "outcome",
    outcome: { status: "failed", error: expect.any(NetworkError), retryInMs: 500 },
  });
  // After the success, a new failure starts from the shortest wait again.
  t.failures.push(new ApiError(503, "storage_unavailable", "down"));
  const before = t.calls.length;
  t.loop.notifyChange();
  await jest.advanceTimersByTimeAsync(2_000 + 100 + 500);
  expect(t.calls.length - before).toBe(2);
  t.loop.stop();
});

test("jitter spreads the wait between half and all of the ceiling", async () => {
  const t = makeLoop({ random: () => 0.999 });
  t.failures.push(new NetworkError("no answer"), new NetworkError("no answer"));
  t.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(MINUTE);
  const gaps = t.calls.slice(1).map((at, i) => at - t.calls[i]! - 100);
  expect(gaps).toEqual([1_000, 1_999]);
  t.loop.stop();
});

test("a failure retrying cannot cure is reported and waits for the next trigger", async () => {
  const t = makeLoop({ frequency: 15 });
  t.failures.push(new ApiError(403, "forbidden", "Readers cannot push"));
  t.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(100);
  expect(t.loop.state).toBe("idle");
  expect(t.events).toContainEqual({
    type: "outcome",
    outcome: { status: "failed", error: expect.any(ApiError), retryInMs: null },
  });
  await jest.advanceTimersByTimeAsync(15 * MINUTE - 1);
  expect(t.sync).toHaveBeenCalledTimes(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(t.sync).toHaveBeenCalledTimes(2);
  t.loop.stop();
});

test("offline: changes wait; back online, it syncs at once", async () => {
  const t = makeLoop({ frequency: 1 });
  t.loop.start({ online: false });
  expect(t.loop.state).toBe("offline");
  t.loop.notifyChange();
  await jest.advanceTimersByTimeAsync(10 * MINUTE);
  expect(t.sync).not.toHaveBeenCalled();
  t.loop.setOnline(true);
  expect(t.loop.state).toBe("syncing");
  await jest.advanceTimersByTimeAsync(100);
  expect(t.sync).toHaveBeenCalledTimes(1);
  // Going offline during backoff cancels the retry.
  t.failures.push(new NetworkError("gone"));
  const attempt = t.loop.syncNow();
  await jest.advanceTimersByTimeAsync(100);
  await expect(attempt).resolves.toMatchObject({ status: "failed" });
  expect(t.loop.state).toBe("backoff");
  t.loop.setOnline(false);
  await jest.advanceTimersByTimeAsync(10 * MINUTE);
  expect(t.sync).toHaveBeenCalledTimes(2);
  t.loop.stop();
});

test("going offline during a sync lets it end, then stays offline", async () => {
  const t = makeLoop({ durationMs: 1_000 });
  t.loop.start({ syncNow: true });
  t.loop.setOnline(false);
  expect(t.loop.state).toBe("syncing");
  await jest.advanceTimersByTimeAsync(1_000);
  expect(t.loop.state).toBe("offline");
  t.loop.stop();
});

test("'Sync now' syncs at once, and during a sync waits for a fresh one after it", async () => {
  const t = makeLoop({ durationMs: 1_000 });
  t.loop.start();
  const first = t.loop.syncNow();
  expect(t.loop.state).toBe("syncing");
  await jest.advanceTimersByTimeAsync(500);
  t.failures.push(undefined, new NetworkError("second one fails"));
  const second = t.loop.syncNow();
  await jest.advanceTimersByTimeAsync(500);
  await expect(first).resolves.toEqual({ status: "synced", result: "ok" });
  expect(t.loop.state).toBe("syncing");
  await jest.advanceTimersByTimeAsync(1_000);
  // The first wait's ceiling is 1 s; random() = 0.5 makes it ¾ of that.
  await expect(second).resolves.toMatchObject({ status: "failed", retryInMs: 750 });
  expect(t.sync).toHaveBeenCalledTimes(2);
  expect(t.overlapped()).toBe(false);
  t.loop.stop();
});

test("'Sync now' during backoff tries at once", async () => {
  const t = makeLoop();
  t.failures.push(new NetworkError("no answer"));
  t.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(100);
  expect(t.loop.state).toBe("backoff");
  const outcome = t.loop.syncNow();
  await jest.advanceTimersByTimeAsync(100);
  await expect(outcome).resolves.toMatchObject({ status: "synced" });
  expect(t.loop.state).toBe("idle");
  t.loop.stop();
});

test("stop: nothing runs any more, and a waiting 'Sync now' resolves 'stopped'", async () => {
  const t = makeLoop({ frequency: 1, durationMs: 1_000 });
  t.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(500);
  const waiting = t.loop.syncNow();
  t.loop.stop();
  await jest.advanceTimersByTimeAsync(500);
  await expect(waiting).resolves.toEqual({ status: "stopped" });
  expect(t.loop.state).toBe("stopped");
  await jest.advanceTimersByTimeAsync(10 * MINUTE);
  expect(t.sync).toHaveBeenCalledTimes(1);
  await expect(t.loop.syncNow()).resolves.toEqual({ status: "stopped" });
  t.loop.notifyChange();
  expect(t.loop.state).toBe("stopped");
});
