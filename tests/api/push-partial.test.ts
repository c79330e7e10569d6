/**
 * A push larger than one storage transaction commits in several (`commitLimits` each).
 * Here the second of them fails after the first committed: through a wrapper of the repository
 * port around Table Storage on Azurite and around the memory repository. Whatever failed, every
 * mutation is applied once, the client's `lastMid` is the last one committed, and sending the
 * same request again finishes the rest: the committed part comes back `duplicate`.
 */
import { applyPush } from "../../api/src/sync/push";
import { makeView } from "../../api/src/sync/view";
import type { Deps } from "../../api/src/deps";
import { MemoryRepository } from "../../api/src/storage/memory-repository";
import {
  ConcurrentCommitError,
  StorageUnavailableError,
  type Repository,
} from "../../api/src/storage/repository";
import { TableRepository } from "../../api/src/storage/table-repository";
import type { Mutation } from "../../src/shared/protocol";

const OWNER = "owner@contoso.test";
const AT = "2026-11-26T10:00:00.000Z";
let made = 0;

/**
 * `repo` whose commits numbered (from 1) as `fails` says run `fault` instead; the others go
 * through.
 */
function failingCommit(
  repo: Repository,
  fails: (n: number) => boolean,
  fault: (...args: Parameters<Repository["commit"]>) => ReturnType<Repository["commit"]>,
): Repository {
  let commits = 0;
  const commit: Repository["commit"] = (...args) =>
    fails(++commits) ? fault(...args) : repo.commit(...args);
  // Every other member of the port is the repository's own, called on it.
  return new Proxy(repo, {
    get(target, key) {
      if (key === "commit") return commit;
      const value = Reflect.get(target, key) as unknown;
      return typeof value === "function"
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

const unavailable = () =>
  Promise.reject(new StorageUnavailableError("Table Storage did not answer."));

/**
 * 73 mutations, more than two transactions: creates of c1…c70, an edit of c5 (in the first
 * transaction), a bad mutation (rejected), an edit of c50 (in the second).
 */
function mutations(): Mutation[] {
  const creates: Mutation[] = Array.from({ length: 70 }, (_, i) => ({
    mid: i + 1,
    op: "upsert",
    type: "contact",
    id: `c${i + 1}`,
    baseVersion: null,
    fields: { givenName: `N${i + 1}` },
    at: AT,
  }));
  const edit = (mid: number, id: string): Mutation => ({
    mid,
    op: "upsert",
    type: "contact",
    id,
    baseVersion: 1,
    base: { jobTitle: null },
    fields: { jobTitle: "CFO" },
    at: AT,
  });
  const bad = { mid: 72, op: "upsert", type: "contact", id: "bad id!" } as unknown as Mutation;
  return [...creates, edit(71, "c5"), bad, edit(73, "c50")];
}

describe.each<[string, () => Repository]>([
  [
    "Table Storage",
    () =>
      new TableRepository({
        connectionString: process.env.BCM_TEST_STORAGE!,
        tablePrefix: "partial",
      }),
  ],
  ["the memory repository", () => new MemoryRepository()],
])("a push whose second transaction fails, on %s", (_name, create) => {
  let repo: Repository;
  let db: string;
  const clientId = "c-partial";
  beforeEach(async () => {
    repo = create();
    db = `partial${Date.now().toString(36)}${++made}`;
    await repo.createDatabase({ id: db, name: "Team", owner: OWNER, now: AT });
  });

  const deps = (r: Repository): Deps => ({
    repo: r,
    now: () => new Date(AT),
    random: () => 0.5,
    sleep: () => Promise.resolve(),
  });
  const push = (r: Repository) =>
    applyPush(deps(r), {
      db,
      user: OWNER,
      view: makeView(
        { db, email: OWNER, oid: null, role: "owner", syncSet: null, subscriptions: [] },
        null,
      ),
      clientId,
      mutations: mutations(),
    });

  /** The change index as a pull from the start reads it: each record's id, in commit order. */
  async function changeIndex(): Promise<string[]> {
    const page = await repo.readChanges(db, 0, 1000);
    return page.records.map((r) => r.id);
  }

  /** Each record once in the change index, c5 and c50 edited once. */
  async function expectAppliedOnce(others: string[] = []) {
    const ids = await changeIndex();
    expect(new Set(ids).size).toBe(ids.length);
    const contacts = Array.from({ length: 70 }, (_, i) => `c${i + 1}`);
    expect([...ids].sort()).toEqual([...contacts, ...others].sort());
    const read = await repo.readRecords(db, [
      { type: "contact", id: "c5" },
      { type: "contact", id: "c50" },
    ]);
    expect([...read.values()].map((r) => [r.id, r.version, r.fields.jobTitle])).toEqual([
      ["c5", 2, "CFO"],
      ["c50", 2, "CFO"],
    ]);
  }

  test("storage down from the second transaction on: the request fails, lastMid is the first transaction's, a retry finishes it", async () => {
    // The first transaction: as many creates as fit (2 operations each).
    const limit = Math.floor(repo.commitLimits.operations / 2);
    await expect(push(failingCommit(repo, (n) => n >= 2, unavailable))).rejects.toThrow();
    expect(await repo.readClientMid(db, clientId)).toBe(limit);
    expect(await changeIndex()).toEqual(Array.from({ length: limit }, (_, i) => `c${i + 1}`));

    const again = await push(repo);
    expect(again.lastMid).toBe(73);
    const byStatus = (status: string) =>
      again.results.filter((r) => r.status === status).map((r) => r.mid);
    expect(byStatus("duplicate")).toEqual(Array.from({ length: limit }, (_, i) => i + 1));
    expect(byStatus("rejected")).toEqual([72]);
    expect(byStatus("applied")).toHaveLength(73 - limit - 1);
    expect(await repo.readClientMid(db, clientId)).toBe(73);
    await expectAppliedOnce();
    // Once more: everything is a duplicate, nothing changes.
    const third = await push(repo);
    expect(third.results.every((r) => r.status === "duplicate")).toBe(true);
    await expectAppliedOnce();
  });

  test("the second transaction failing once: the request fails or finishes, and each mutation applies once", async () => {
    // Whether a passing storage fault is ridden out inside the request is retry.ts's choice;
    // either way nothing applies twice, and the same request sent again finishes it.
    const first = await push(failingCommit(repo, (n) => n === 2, unavailable)).catch(() => null);
    const answer = first ?? (await push(repo));
    expect(answer.lastMid).toBe(73);
    expect(answer.results.map((r) => r.mid)).toEqual(Array.from({ length: 73 }, (_, i) => i + 1));
    expect(answer.results.filter((r) => r.status === "rejected").map((r) => r.mid)).toEqual([72]);
    expect(await repo.readClientMid(db, clientId)).toBe(73);
    await expectAppliedOnce();
  });

  test("another writer getting in first: the push re-reads and goes on from where it stopped", async () => {
    // Before the second transaction, another client commits a record of its own.
    const raced = failingCommit(
      repo,
      (n) => n === 2,
      async (head, writes, client) => {
        const other = await repo.readHead(db);
        await repo.commit(other!, [
          {
            state: {
              type: "company",
              id: "k1",
              version: 1,
              deleted: false,
              updatedAt: AT,
              updatedBy: "other@contoso.test",
              fields: { name: "Contoso" },
              stamps: {},
              viewSeq: 0,
              bornSeq: 0,
            },
            prevSeq: null,
            born: true,
          },
        ]);
        const answer = repo.commit(head, writes, client);
        await expect(answer).rejects.toThrow(ConcurrentCommitError);
        return answer;
      },
    );
    const answer = await push(raced);
    expect(answer.lastMid).toBe(73);
    expect(answer.results.map((r) => r.mid)).toEqual(Array.from({ length: 73 }, (_, i) => i + 1));
    expect(answer.results.filter((r) => r.status !== "applied").map((r) => r.mid)).toEqual([72]);
    expect(await repo.readClientMid(db, clientId)).toBe(73);
    await expectAppliedOnce(["k1"]);
  });
});
