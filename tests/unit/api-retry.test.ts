import { DomainError, ErrorCode } from "../../api/src/errors";
import { retryCommit } from "../../api/src/retry";
import { ConcurrentCommitError } from "../../api/src/storage/repository";

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
