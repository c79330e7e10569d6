/**
 * What the domain (`sync/`, `members/`, `retry.ts`) is given instead of reaching for it: the
 * repository port, the clock, randomness and sleep. `services.ts` makes the real ones, which the
 * routes pass in; a test can pass its own.
 */
import type { Repository } from "./storage/repository";

export interface Deps {
  repo: Repository;
  /** The clock. */
  now: () => Date;
  /** A number in [0, 1): the jitter of pauses. */
  random: () => number;
  /** Waits `ms` milliseconds. */
  sleep: (ms: number) => Promise<void>;
}
