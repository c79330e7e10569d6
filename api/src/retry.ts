/**
 * A commit that lost the race for a database's head (another commit moved its ETag first:
 * `ConcurrentCommitError`) is tried again from the start a few times, each after a random pause
 * that grows, so that competing requests spread out; then the answer is 503 `busy`, never 500.
 */
import { DomainError, ErrorCode } from "./errors";
import { ConcurrentCommitError } from "./storage/repository";

export interface RetryOptions {
  /** How many times `attempt` runs at most (default 8). */
  attempts?: number;
  /** Waits `ms` milliseconds: injected so that a test need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1): the jitter of each pause. */
  random?: () => number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (given its number, from 1) until it does not fail with a lost race. Each
 * attempt must read what it decides on (the head first, then the rows) anew.
 */
export async function retryCommit<T>(
  attempt: (n: number) => Promise<T>,
  { attempts = 8, sleep = sleepFor, random = Math.random }: RetryOptions = {},
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
