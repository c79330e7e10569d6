/**
 * The small ports through which the sync engine reaches what it cannot do itself: time,
 * randomness, cross-pane locks and cross-pane messages. Browser adapters live in src/browser/
 * (Web Locks, BroadcastChannel); in-process ones in memory-ports.ts serve tests and a pane
 * whose browser lacks those APIs.
 */
import type { Json } from "../shared/protocol";
import type { Timers } from "./connection";

export type { Timers } from "./connection";

/** Milliseconds since the epoch, like `Date.now`. */
export type Clock = () => number;

/** A number in [0, 1), like `Math.random`. */
export type Random = () => number;

/**
 * Named exclusive locks shared by every pane and command of the add-in's origin (Web Locks).
 *
 * Contract: `request(name, task)` waits until no other holder of `name` runs, then runs `task`
 * and holds the lock until the promise it returned settles; it resolves or rejects as `task`
 * did. Requests for one name are granted in the order they were made. A lock is not
 * re-entrant: a task must not request the lock it holds.
 */
export interface Locks {
  request<T>(name: string, task: () => Promise<T>): Promise<T>;
  /** Runs `task` under the lock only if nobody holds it now; null (not run) otherwise. */
  tryRequest<T>(name: string, task: () => Promise<T>): Promise<T | null>;
}

/**
 * Messages to the other panes and commands of the same origin (BroadcastChannel).
 *
 * Contract: `post` delivers a copy of `message` (JSON) to every subscriber of every other
 * endpoint on the same channel, later (never synchronously) and never to its own subscribers;
 * delivery is best effort (a closed pane misses it). What arrives is untrusted: validate it.
 */
export interface Broadcast {
  post(message: Json): void;
  /** Calls `listener` with each message from another endpoint until the returned function is called. */
  subscribe(listener: (message: unknown) => void): () => void;
}

/** The ports an engine and its loop take, all optional but the ones with no sensible default. */
export interface SystemPorts {
  readonly now: Clock;
  readonly random: Random;
  readonly timers: Timers;
}

/** The global clock, `Math.random` and the global timers. */
export const systemPorts: SystemPorts = {
  now: () => Date.now(),
  random: () => Math.random(),
  timers: {
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
};

/** `n` random bytes from a `Random` (for ids such as the client id's ULID). */
export function randomBytes(random: Random, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(random() * 256) & 255);
}
