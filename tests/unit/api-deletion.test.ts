/**
 * How much of a deleted database's removal one request does (api/src/members/deletion.ts): until
 * nothing is left or its budget is spent, and a storage fault ends it early without failing the
 * request. The removal itself is in tests/api/database-manage.test.ts and the repository
 * contract.
 */
import type { Deps } from "../../api/src/deps";
import { purge } from "../../api/src/members/deletion";
import { MemoryRepository } from "../../api/src/storage/memory-repository";
import { StorageUnavailableError } from "../../api/src/storage/repository";

/** Deps whose repository purges `rounds` times before it is done, each call taking `stepMs`. */
function deps(rounds: number, stepMs: number, fail?: Error) {
  let t = 0;
  const calls: number[] = [];
  const repo = new MemoryRepository();
  repo.purgeDatabase = (_db, limit) => {
    calls.push(limit);
    t += stepMs;
    if (fail && calls.length === 2) return Promise.reject(fail);
    return Promise.resolve({ more: calls.length < rounds });
  };
  const d: Deps = {
    repo,
    now: () => new Date(t),
    random: () => 0,
    sleep: () => Promise.resolve(),
  };
  return { d, calls };
}

it("removes until nothing is left, within the budget", async () => {
  const { d, calls } = deps(5, 100);
  await purge(d, "db", 10_000);
  expect(calls).toHaveLength(5);
});

it("stops once the budget is spent, leaving the rest for a later request", async () => {
  const { d, calls } = deps(1000, 1_000);
  await purge(d, "db", 5_000);
  expect(calls).toHaveLength(5);
});

it("ends early when storage does not answer, without failing", async () => {
  const { d, calls } = deps(10, 1, new StorageUnavailableError("down"));
  await expect(purge(d, "db", 10_000)).resolves.toBeUndefined();
  expect(calls).toHaveLength(2);
});

it("fails on any other error (a database not deleted, say)", async () => {
  const { d } = deps(10, 1, new Error("Database db is not deleted: it is not purged."));
  await expect(purge(d, "db", 10_000)).rejects.toThrow(/not deleted/);
});
