/**
 * The connection monitor with jest's fake timers: probe every 5 s online, back off 1 s → 30 s
 * offline, and let real API calls report an outage (or a recovery) at once.
 */
import type { ConnectionStatus } from "../../../src/sync/connection";
import { ConnectionMonitor } from "../../../src/sync/connection";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** A probe whose answers the test sets, counting its calls. */
function scriptedProbe(initial: boolean) {
  let answer = initial;
  const probe = jest.fn(() => Promise.resolve(answer));
  return {
    probe,
    set(value: boolean) {
      answer = value;
    },
  };
}

/** Advances fake time and returns how many probes ran in that span. */
async function probesDuring(ms: number, probe: jest.Mock): Promise<number> {
  const before = probe.mock.calls.length;
  await jest.advanceTimersByTimeAsync(ms);
  return probe.mock.calls.length - before;
}

test("starts checking, goes online on a good probe, and probes every 5 s", async () => {
  const { probe } = scriptedProbe(true);
  const monitor = new ConnectionMonitor(probe);
  expect(monitor.status).toBe("checking");
  monitor.start();
  await jest.advanceTimersByTimeAsync(0);
  expect(monitor.status).toBe("online");
  expect(await probesDuring(4_999, probe)).toBe(0);
  expect(await probesDuring(1, probe)).toBe(1);
  expect(await probesDuring(15_000, probe)).toBe(3);
  monitor.stop();
});

test("offline, it retries after 1, 2, 4, 8, 16 s, then every 30 s", async () => {
  const { probe } = scriptedProbe(false);
  const monitor = new ConnectionMonitor(probe);
  monitor.start();
  await jest.advanceTimersByTimeAsync(0);
  expect(monitor.status).toBe("offline");
  const gaps: number[] = [];
  let last = Date.now();
  probe.mockImplementation(() => {
    gaps.push(Date.now() - last);
    last = Date.now();
    return Promise.resolve(false);
  });
  await jest.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 8_000 + 16_000 + 30_000 + 30_000);
  expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  monitor.stop();
});

test("a good probe after an outage brings it online and resets the backoff", async () => {
  const script = scriptedProbe(false);
  const monitor = new ConnectionMonitor(script.probe);
  monitor.start();
  await jest.advanceTimersByTimeAsync(0 + 1_000 + 2_000);
  script.set(true);
  await jest.advanceTimersByTimeAsync(4_000);
  expect(monitor.status).toBe("online");
  script.set(false);
  await jest.advanceTimersByTimeAsync(5_000);
  expect(monitor.status).toBe("offline");
  expect(await probesDuring(1_000, script.probe)).toBe(1);
  monitor.stop();
});

test("a probe that rejects counts as offline", async () => {
  const monitor = new ConnectionMonitor(() => Promise.reject(new Error("boom")));
  monitor.start();
  await jest.advanceTimersByTimeAsync(0);
  expect(monitor.status).toBe("offline");
  monitor.stop();
});

test("a failed API call reports offline at once, and the retry starts from 1 s", async () => {
  const script = scriptedProbe(true);
  const monitor = new ConnectionMonitor(script.probe);
  monitor.start();
  await jest.advanceTimersByTimeAsync(0);
  script.set(false);
  monitor.reportUnreachable();
  expect(monitor.status).toBe("offline");
  expect(await probesDuring(999, script.probe)).toBe(0);
  expect(await probesDuring(1, script.probe)).toBe(1);
  monitor.stop();
});

test("a successful API call reports online at once", async () => {
  const script = scriptedProbe(false);
  const monitor = new ConnectionMonitor(script.probe);
  monitor.start();
  await jest.advanceTimersByTimeAsync(0);
  monitor.reportReachable();
  expect(monitor.status).toBe("online");
  monitor.stop();
});

test("the answer of a probe overtaken by a report no longer counts", async () => {
  let release: (ok: boolean) => void = () => undefined;
  const monitor = new ConnectionMonitor(
    () => new Promise<boolean>((resolve) => (release = resolve)),
  );
  monitor.start();
  monitor.reportUnreachable();
  release(true);
  await jest.advanceTimersByTimeAsync(0);
  expect(monitor.status).toBe("offline");
  monitor.stop();
});

test("tells subscribers about changes only, until they unsubscribe", async () => {
  const script = scriptedProbe(true);
  const monitor = new ConnectionMonitor(script.probe);
  const seen: ConnectionStatus[] = [];
  const stop = monitor.subscribe((status) => seen.push(status));
  monitor.start();
  await jest.advanceTimersByTimeAsync(10_000);
  monitor.reportUnreachable();
  stop();
  monitor.reportReachable();
  expect(seen).toEqual(["online", "offline"]);
  monitor.stop();
});

test("stop() ends probing; start() again resumes it", async () => {
  const { probe } = scriptedProbe(true);
  const monitor = new ConnectionMonitor(probe);
  monitor.start();
  monitor.start();
  await jest.advanceTimersByTimeAsync(0);
  expect(probe).toHaveBeenCalledTimes(1);
  monitor.stop();
  expect(await probesDuring(60_000, probe)).toBe(0);
  const before = probe.mock.calls.length;
  monitor.start();
  await jest.advanceTimersByTimeAsync(5_000);
  expect(probe.mock.calls.length - before).toBe(2);
  monitor.stop();
});
