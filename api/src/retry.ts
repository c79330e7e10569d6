/**
 * Trying again what failed for a passing reason, within a budget, so that a request rides out a
 * short fault instead of failing at once, and nothing is tried forever:
 *
 * - A commit that lost the race for a database's head (another commit moved its ETag first:
 *   `ConcurrentCommitError`) is tried again from the start a few times (`attempts`), each after
 *   a random pause that grows, so that competing requests spread out; then it fails `busy`.
 * - Table Storage throttling or timing out (`StorageBusyError`: 503 ServerBusy, 429, 500
 *   OperationTimedOut, no answer in time) or not answering (`StorageUnavailableError`) is tried
 *   again after jittered pauses that double, until the pauses would pass `storageBudgetMs`;
 *   then it fails `busy` (throttled) or `storage_unavailable`. Both are 503s with `Retry-After`
 *   (http.ts): the client comes back later, and nothing was applied twice.
 *
 * Only work that is safe to run again may be given: each attempt must read what it decides on
 * (the head first, then the rows) anew, so that a write that timed out but was applied is seen
 * as done (a push's mutations then read as duplicates by their mids). A write not covered so
 * (making a database) is never wrapped.
 */
import type { Deps } from "./deps";
import { DomainError, ErrorCode } from "./errors";
import {
  ConcurrentCommitError,
  StorageBusyError,
  StorageUnavailableError,
} from "./storage/repository";

/** The pauses' sleep and jitter (`Deps` has both), and the budgets. */
export type RetryOptions = Pick<Deps, "sleep" | "random"> & {
  /** How many times a commit that lost the race runs at most. */
  attempts?: number;
  /** How long the pauses after storage faults may add up to, at most. */
  storageBudgetMs?: number;
};

/** The first pause after a storage fault (before jitter); each following one doubles. */
const STORAGE_PAUSE_MS = 100;
/** What storage faults may cost a request in pauses, by default (the SDK's own retries come on top). */
export const STORAGE_BUDGET_MS = 1_500;

/**
 * Runs `attempt` (given its number, from 1) until it does not fail with a lost race or a
 * passing storage fault, within the budgets above.
 */
export async function retryCommit<T>(
  attempt: (n: number) => Promise<T>,
  { attempts = 8, storageBudgetMs = STORAGE_BUDGET_MS, sleep, random }: RetryOptions,
): Promise<T> {
  let races = 0;
  let storageFaults = 0;
  let paused = 0;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (err instanceof ConcurrentCommitError) {
        races++;
        if (races >= attempts) throw busy();
        await sleep(random() * Math.min(500, 10 * 2 ** races));
      } else if (err instanceof StorageUnavailableError) {
        // Half of a doubling cap, plus a random share of the other half: throttled requests of
        // many clients spread out, and the budget bounds the count (5 pauses at most by default).
        const cap = STORAGE_PAUSE_MS * 2 ** storageFaults++;
        const pause = cap / 2 + (random() * cap) / 2;
        if (paused + pause > storageBudgetMs) throw err instanceof StorageBusyError ? busy() : err;
        paused += pause;
        await sleep(pause);
      } else {
        throw err;
      }
    }
  }
}

/** A read tried again on passing storage faults, within the same budget (it never loses a race). */
export function retryRead<T>(read: () => Promise<T>, options: RetryOptions): Promise<T> {
  return retryCommit(() => read(), options);
}

function busy(): DomainError {
  return new DomainError(
    ErrorCode.Busy,
    "The database is busy with other changes; try again in a moment.",
  );
}
