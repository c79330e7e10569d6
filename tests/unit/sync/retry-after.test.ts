/**
 * Throttling on the client's side: `ApiClient` reads `Retry-After` into the `ApiError`, and the
 * sync loop (under jest's fake timers, with scripted randomness) waits at least that long,
 * jittered upwards, never beyond its longest backoff; a 429 is retried like a 503, a throttled
 * database is not taken for an offline one, and the pane says so in words.
 */
import { ApiClient, retryAfterMs, type FetchLike } from "../../../src/client/api-client";
import { describeError } from "../../../src/client/errors";
import { SyncLoop } from "../../../src/sync/loop";
import { ApiError, isThrottled, isUnreachable, NetworkError } from "../../../src/sync/transport";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const SECOND = 1_000;

/** A loop whose syncs take 100 ms and fail with the scripted errors, in order, then succeed. */
function loopFailingWith(errors: Error[], random: () => number) {
  const calls: number[] = [];
  const loop = new SyncLoop({
    sync: async () => {
      calls.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 100));
      const error = errors.shift();
      if (error) throw error;
      return "ok";
    },
    frequency: () => "manual",
    now: () => Date.now(),
    random,
    timers: {
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    minBackoffMs: 1_000,
    maxBackoffMs: 60_000,
  });
  /** The waits between one attempt's end and the next one's start. */
  const gaps = () => calls.slice(1).map((at, i) => at - calls[i]! - 100);
  return { loop, calls, gaps };
}

const throttled = (status: number, retryAfterSeconds?: number) =>
  new ApiError(status, status === 429 ? "http_error" : "busy", "busy", undefined, {
    retryAfterMs: retryAfterSeconds === undefined ? undefined : retryAfterSeconds * SECOND,
  });

test("the loop waits at least Retry-After, jittered upwards, on a 429 and on a 503", async () => {
  // Jitter 0: exactly Retry-After (the backoff alone would wait 0.5 s, then 1 s).
  const low = loopFailingWith([throttled(429, 7), throttled(503, 3)], () => 0);
  low.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(60 * SECOND);
  expect(low.gaps()).toEqual([7_000, 3_000]);
  expect(low.loop.state).toBe("idle");
  low.loop.stop();

  // Jitter near 1: up to half as long again, so that clients told the same do not all return at once.
  const high = loopFailingWith([throttled(503, 4)], () => 0.999);
  high.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(60 * SECOND);
  expect(high.gaps()).toEqual([5_998]);
  high.loop.stop();
});

test("a Retry-After shorter than the backoff leaves the backoff; a huge one is capped", async () => {
  const t = loopFailingWith(
    [new NetworkError("no answer"), new NetworkError("no answer"), throttled(503, 1)],
    () => 0,
  );
  t.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(60 * SECOND);
  // Backoffs 0.5 s, 1 s, then 2 s (the third failure's ceiling of 4 s, halved) beats 1 s asked.
  expect(t.gaps()).toEqual([500, 1_000, 2_000]);
  t.loop.stop();

  const day = loopFailingWith([throttled(429, 86_400)], () => 0);
  day.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(2 * 60 * SECOND);
  expect(day.gaps()).toEqual([60_000]);
  day.loop.stop();
});

test("a 429 without Retry-After backs off like any retryable failure", async () => {
  const t = loopFailingWith([throttled(429), throttled(429)], () => 0);
  t.loop.start({ syncNow: true });
  await jest.advanceTimersByTimeAsync(60 * SECOND);
  expect(t.gaps()).toEqual([500, 1_000]);
  t.loop.stop();
});

test("throttled is not offline: the database answered", () => {
  expect(isThrottled(throttled(429))).toBe(true);
  expect(isThrottled(throttled(503, 2))).toBe(true);
  expect(isUnreachable(throttled(429))).toBe(false);
  expect(isThrottled(new ApiError(503, "storage_unavailable", "down"))).toBe(false);
  expect(isThrottled(new NetworkError("no answer"))).toBe(false);
});

describe("ApiClient reads Retry-After", () => {
  function answering(status: number, headers: Record<string, string>): FetchLike {
    return () =>
      Promise.resolve({
        status,
        headers: new Headers(headers),
        text: () =>
          Promise.resolve(JSON.stringify({ error: { code: "busy", message: "Busy; try later." } })),
      });
  }

  test("into the error of a refused push", async () => {
    const api = new ApiClient({
      baseUrl: "http://api.invalid/api",
      fetch: answering(503, { "retry-after": "2" }),
    });
    const refused = api.push("db", { clientId: "c-1", mutations: [] });
    await expect(refused).rejects.toMatchObject({ status: 503, code: "busy", retryAfterMs: 2_000 });
  });

  test("only in its delay-seconds form", () => {
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs(" 0 ")).toBe(0);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:00 GMT")).toBeUndefined();
    expect(retryAfterMs("-1")).toBeUndefined();
    expect(retryAfterMs("1.5")).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  test("absent: no wait asked", async () => {
    const api = new ApiClient({ baseUrl: "http://api.invalid/api", fetch: answering(429, {}) });
    const refused = api.pull("db", null, 10);
    await expect(refused).rejects.toMatchObject({ status: 429, retryAfterMs: undefined });
  });
});

test("the pane's words: busy is not a refusal, nor is the server's own failure", () => {
  expect(describeError(throttled(429))).toBe(
    "The database is busy and asked to wait. It is tried again shortly; your changes are kept.",
  );
  expect(describeError(throttled(503, 2))).toMatch(/^The database is busy/);
  expect(describeError(new ApiError(500, "internal", "The server could not answer."))).toBe(
    "The database failed to answer (a fault on its side). Try again in a moment; your changes are kept.",
  );
  expect(describeError(new ApiError(403, "forbidden", "Readers cannot push."))).toBe(
    "The database refused the request: Readers cannot push.",
  );
});
