import { DomainError, ErrorCode } from "../../api/src/errors";
import { problemResponse } from "../../api/src/http";
import { retryCommit, retryRead } from "../../api/src/retry";
import {
  ConcurrentCommitError,
  StorageBusyError,
  StorageUnavailableError,
} from "../../api/src/storage/repository";

/** Records the pauses instead of waiting them out. */
function pauses() {
  const waited: number[] = [];
  return { waited, sleep: (ms: number) => Promise.resolve(void waited.push(ms)) };
}

const lostRace = () => new ConcurrentCommitError("Another change was committed first.");

describe("retryCommit(): a change that lost the race for the head", () => {
  it("is tried again from the start until it commits", async () => {
    const { waited, sleep } = pauses();
    const seen: number[] = [];
    const result = await retryCommit(
      (n) => {
        seen.push(n);
        return n < 3 ? Promise.reject(lostRace()) : Promise.resolve("done");
      },
      { sleep, random: () => 1 },
    );
    expect(result).toBe("done");
    expect(seen).toEqual([1, 2, 3]);
    // Pauses grow with the attempt, each a random share of its cap.
    expect(waited).toEqual([20, 40]);
  });

  it("answers 503 busy once every attempt lost, after a random pause between attempts", async () => {
    const { waited, sleep } = pauses();
    let attempts = 0;
    const failing = retryCommit(
      () => {
        attempts++;
        return Promise.reject(lostRace());
      },
      { attempts: 4, sleep, random: () => 0.5 },
    );
    await expect(failing).rejects.toBeInstanceOf(DomainError);
    await expect(failing).rejects.toMatchObject({ code: "busy" });
    expect(attempts).toBe(4);
    expect(waited).toEqual([10, 20, 40]);
  });

  it("passes any other failure on at once", async () => {
    const { waited, sleep } = pauses();
    const problem = new DomainError(ErrorCode.LastOwner, "Keep an owner.");
    await expect(
      retryCommit(() => Promise.reject(problem), { sleep, random: () => 0.5 }),
    ).rejects.toBe(problem);
    expect(waited).toEqual([]);
  });
});

const throttled = () => new StorageBusyError("503 ServerBusy");
const down = () => new StorageUnavailableError("connection refused");

describe("retryCommit() and retryRead(): storage throttled, timed out or down", () => {
  it("are tried again after jittered pauses that double, and succeed once storage answers", async () => {
    const { waited, sleep } = pauses();
    let calls = 0;
    const result = await retryRead(
      () => (++calls < 4 ? Promise.reject(throttled()) : Promise.resolve("page")),
      { sleep, random: () => 0 },
    );
    expect(result).toBe("page");
    expect(calls).toBe(4);
    // Half of each doubling cap at the lowest jitter, all of it at the highest.
    expect(waited).toEqual([50, 100, 200]);
  });

  it("throttled past the budget: 503 busy, after at most 5 pauses whatever the jitter", async () => {
    for (const random of [() => 0, () => 0.999]) {
      const { waited, sleep } = pauses();
      let calls = 0;
      const failing = retryCommit(
        () => {
          calls++;
          return Promise.reject(throttled());
        },
        { sleep, random },
      );
      await expect(failing).rejects.toMatchObject({ code: ErrorCode.Busy });
      expect(waited.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1_500);
      expect(calls).toBe(waited.length + 1);
      expect(waited.length).toBeLessThanOrEqual(5);
    }
  });

  it("down past the budget: storage_unavailable (the error itself), within the budget given", async () => {
    const { waited, sleep } = pauses();
    const fault = down();
    await expect(
      retryCommit(() => Promise.reject(fault), { sleep, random: () => 0.5, storageBudgetMs: 500 }),
    ).rejects.toBe(fault);
    expect(waited).toEqual([75, 150]);
  });

  it("count storage faults and lost races apart: each within its own limit", async () => {
    const { sleep } = pauses();
    const faults = [throttled(), lostRace(), throttled(), lostRace(), throttled()];
    let calls = 0;
    const result = await retryCommit(
      () => {
        calls++;
        const fault = faults.shift();
        return fault ? Promise.reject(fault) : Promise.resolve("committed");
      },
      { sleep, random: () => 0, attempts: 3 },
    );
    expect(result).toBe("committed");
    expect(calls).toBe(6);
  });
});

describe("the answer to a passing fault", () => {
  it.each([
    [ErrorCode.Busy, "2"],
    [ErrorCode.StorageUnavailable, "5"],
    [ErrorCode.AuthUnavailable, "5"],
  ])("%s is a 503 with Retry-After %s (seconds)", (code, seconds) => {
    const answer = problemResponse(new DomainError(code, "Try again later."));
    expect(answer.status).toBe(503);
    expect((answer.headers as Record<string, string>)["retry-after"]).toBe(seconds);
  });

  it("a refusal that waiting will not cure has no Retry-After", () => {
    const answer = problemResponse(new DomainError(ErrorCode.Forbidden, "Readers cannot push."));
    expect((answer.headers as Record<string, string>)["retry-after"]).toBeUndefined();
  });
});
