/**
 * A commit that lost the race for a database's head (another commit moved its ETag first:
 * `ConcurrentCommitError`) is tried again from the start a few times, each after a random pause
 * that grows, so that competing requests spread out; then it fails `busy` (a 503, never a 500).
 */
import type { Deps } from "./deps";
import { DomainError, ErrorCode } from "./errors";
import { ConcurrentCommitError } from "./storage/repository";

/** The pauses' sleep and jitter (`Deps` has both), and how many times `attempt` runs at most. */
export type RetryOptions = Pick<Deps, "sleep" | "random"> & { attempts?: number };

/**
 * Runs `attempt` (given its number, from 1) until it does not fail with a lost race. Each
 * attempt must read what it decides on (the head first, then the rows) anew.
 */
export async function retryCommit<T>(
  attempt: (n: number) => Promise<T>,
  { attempts = 8, sleep, random }: RetryOptions,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof ConcurrentCommitError)) throw err;
      if (n >= attempts) {
        throw new DomainError(
          ErrorCode.Busy,
          "The database is busy with other changes; try again in a moment.",
        );
      }
      await sleep(random() * Math.min(500, 10 * 2 ** n));
    }
  }
}
