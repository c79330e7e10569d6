/** Conflict rules (decide), what "mine wins" sends back, and how a push is cut into requests. */
import { decide, mineWins } from "../../../src/sync/conflicts";
import { nextBatch } from "../../../src/sync/outbox";
import type { ConflictItem, OutboxEntry } from "../../../src/sync/state";

const base: ConflictItem = {
  mid: 4,
  type: "contact",
  id: "c1",
  op: "upsert",
  field: "jobTitle",
  base: "Buyer",
  mine: "CFO",
  theirs: "COO",
  theirsAt: "2026-11-26T10:00:00.000Z",
  theirsBy: "bob@contoso.com",
  at: "2026-11-26T09:00:00.000Z",
  version: 7,
};

describe("decide", () => {
  test.each([
    ["ask", base, "ask"],
    ["mine", base, "mine"],
    ["shared", base, "theirs"],
    ["newest", base, "theirs"],
    ["newest", { ...base, at: "2026-11-26T11:00:00.000Z" }, "mine"],
    // Instants, not strings: 10:30+01:00 is 09:30Z, before theirs.
    ["newest", { ...base, at: "2026-11-26T10:30:00.000+01:00" }, "theirs"],
    // A tie keeps the shared value; an unknown theirsAt is older than anything.
    ["newest", { ...base, at: base.theirsAt! }, "theirs"],
    ["newest", { ...base, theirsAt: null }, "mine"],
  ] as const)("%s → %s", (rule, conflict, expected) => {
    expect(decide(rule, conflict)).toBe(expected);
  });
});

describe("mineWins", () => {
  test("field conflicts of one mutation: one edit, based on their values, at my change's time", () => {
    expect(
      mineWins([base, { ...base, field: "notes", base: null, mine: "x", theirs: "y" }]),
    ).toEqual([
      {
        op: "upsert",
        type: "contact",
        id: "c1",
        baseVersion: 7,
        base: { jobTitle: "COO", notes: "y" },
        fields: { jobTitle: "CFO", notes: "x" },
        at: base.at,
      },
    ]);
  });

  test("my delete against their edit: delete the version they made", () => {
    const whole = { ...base, field: "*", op: "delete" as const, mine: null, theirs: { a: 1 } };
    expect(mineWins([whole])).toEqual([
      { op: "delete", type: "contact", id: "c1", baseVersion: 7, at: base.at },
    ]);
  });

  test("my edit against their delete: bring it back with what I last saw and my change", () => {
    const whole: ConflictItem = {
      ...base,
      field: "*",
      mine: { jobTitle: "CFO", notes: null },
      theirs: null,
      version: null,
      restore: { givenName: "Ann", jobTitle: "Buyer", notes: "old" },
    };
    expect(mineWins([whole])).toEqual([
      {
        op: "upsert",
        type: "contact",
        id: "c1",
        baseVersion: null,
        fields: { givenName: "Ann", jobTitle: "CFO" },
        at: base.at,
      },
    ]);
  });
});

describe("nextBatch", () => {
  const edit = (mid: number, id: string): OutboxEntry => ({
    mutation: {
      mid,
      op: "upsert",
      type: "contact",
      id,
      baseVersion: 1,
      base: {},
      fields: { notes: "x" },
      at: base.at,
    },
  });
  const chainedDelete = (mid: number, id: string): OutboxEntry => ({
    mutation: { mid, op: "delete", type: "contact", id, baseVersion: 1, at: base.at },
    chained: true,
  });

  test("at most 500 mutations, from the start", () => {
    const outbox = Array.from({ length: 1200 }, (_, i) => edit(i + 1, `c${i}`));
    expect(nextBatch(outbox).map((e) => e.mutation.mid)).toEqual(
      outbox.slice(0, 500).map((e) => e.mutation.mid),
    );
    expect(nextBatch(outbox, 3)).toHaveLength(3);
  });

  test("stops before a chained delete whose record is earlier in the same request", () => {
    const outbox = [edit(1, "a"), edit(2, "b"), chainedDelete(3, "a"), edit(4, "c")];
    expect(nextBatch(outbox).map((e) => e.mutation.mid)).toEqual([1, 2]);
    expect(nextBatch(outbox.slice(2)).map((e) => e.mutation.mid)).toEqual([3, 4]);
  });

  test("keeps a request under about 3 MiB", () => {
    const big = (mid: number): OutboxEntry => ({
      mutation: {
        ...edit(mid, `c${mid}`).mutation,
        fields: { notes: "x".repeat(30_000) },
      } as OutboxEntry["mutation"],
    });
    const outbox = Array.from({ length: 200 }, (_, i) => big(i + 1));
    const batch = nextBatch(outbox);
    expect(batch.length).toBeGreaterThan(10);
    expect(batch.length).toBeLessThan(200);
    expect(JSON.stringify(batch.map((e) => e.mutation)).length).toBeLessThan(4 * 1024 * 1024);
  });
});
