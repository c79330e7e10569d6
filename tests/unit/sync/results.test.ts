import { readPushResponse } from "../../../src/sync/results";
import { ServerState } from "../../../src/sync/server-state";
import type { OutboxEntry } from "../../../src/sync/state";
import type { MutationResult } from "../../../src/shared/protocol";

const NOW = "2026-12-05T12:00:00.000Z";

const entry = (mid: number, id: string): OutboxEntry => ({
  mutation: {
    op: "upsert",
    type: "contact",
    id,
    baseVersion: 1,
    base: { givenName: "Ann" },
    fields: { givenName: "Anna" },
    at: NOW,
    mid,
  },
});

function read(results: MutationResult[]) {
  const sent = results.map((r) => entry(r.mid, `c${r.mid}`));
  return readPushResponse(
    sent,
    { lastMid: results.length, results },
    sent,
    ServerState.empty(),
    NOW,
  );
}

describe("a push's answer whose conflicts the server left out (the record is outside the view)", () => {
  it("lists the change as needing attention, with the server's reason, instead of dropping it", () => {
    const error = { code: "outside_sync_set", message: "Part of this change could not apply." };
    const outcome = read([
      { mid: 1, status: "conflict", error },
      { mid: 2, status: "partial", error },
    ]);
    expect(outcome.rejected.map((r) => [r.mutation.mid, r.error])).toEqual([
      [1, error],
      [2, error],
    ]);
    expect(outcome.conflicts).toEqual([]);
    expect([...outcome.answered]).toEqual([1, 2]);
    expect(outcome.gone).toEqual(["contact:c1", "contact:c2"]);
  });

  it("says why itself when an older server sent no reason", () => {
    const outcome = read([{ mid: 1, status: "conflict" }]);
    expect(outcome.rejected[0]?.error.code).toBe("outside_sync_set");
    expect(outcome.rejected[0]?.error.message).toMatch(/outside your sync set/);
  });

  it("still settles conflicts that come with the answer, and drops an applied record out of view", () => {
    const outcome = read([
      {
        mid: 1,
        status: "conflict",
        record: {
          type: "contact",
          id: "c1",
          version: 2,
          deleted: false,
          updatedAt: NOW,
          updatedBy: "bo@contoso.test",
          fields: { givenName: "Annie" },
        },
        conflicts: [
          {
            field: "givenName",
            base: "Ann",
            mine: "Anna",
            theirs: "Annie",
            theirsAt: NOW,
            theirsBy: "bo@contoso.test",
          },
        ],
      },
      { mid: 2, status: "applied" },
    ]);
    expect(outcome.rejected).toEqual([]);
    expect(outcome.conflicts.map((c) => [c.id, c.field, c.theirs])).toEqual([
      ["c1", "givenName", "Annie"],
    ]);
    expect(outcome.gone).toEqual(["contact:c2"]);
  });
});
