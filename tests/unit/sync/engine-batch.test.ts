/**
 * `SyncEngine.applyAll`: many local changes (an import's chunk, an undo) as one store batch and
 * one "changed" event, each planned as `create`, `update` and `remove` plan it.
 */
import { SyncEngine } from "../../../src/sync/engine";
import type { LocalEdit } from "../../../src/sync/engine";
import { OUTBOX_PREFIX } from "../../../src/sync/keys";

import { FakeServer, client, ownerOf } from "./engine-helpers";

const ANN = "ann@contoso.com";

const creates = (n: number, from = 0): LocalEdit[] =>
  Array.from({ length: n }, (_, i) => ({
    op: "create",
    type: "contact",
    id: `c${from + i}`,
    fields: { givenName: `Person ${from + i}` },
  }));

describe("applyAll", () => {
  test("writes every change in one store batch with one event, in order, and survives a reopen", async () => {
    const ann = await client(new FakeServer(), ANN);
    await ann.engine.create("contact", { givenName: "First" }, "c-first");
    const apply = jest.spyOn(ann.store, "apply");
    ann.events.length = 0;

    const outcomes = await ann.engine.applyAll(creates(300));

    expect(outcomes).toHaveLength(300);
    expect(outcomes.every((o) => o.status === "saved")).toBe(true);
    expect(apply).toHaveBeenCalledTimes(1);
    expect(ann.events.filter((e) => e.type === "changed")).toHaveLength(1);
    expect(ann.engine.outbox.map((e) => e.mutation.mid)).toEqual(
      Array.from({ length: 301 }, (_, i) => i + 1),
    );
    expect(ann.engine.outbox[300]?.mutation).toMatchObject({ id: "c299", baseVersion: null });
    expect(ann.engine.get("contact", "c150")?.fields).toEqual({ givenName: "Person 150" });
    expect(await ann.store.entries(OUTBOX_PREFIX)).toHaveLength(301);

    const reopened = await SyncEngine.open({
      owner: ownerOf(ANN),
      store: ann.store,
      transport: new FakeServer().as(ANN),
    });
    expect(reopened.records("contact")).toHaveLength(301);
  });

  test("answers an invalid edit and a second edit of one record, and still writes the rest", async () => {
    const ann = await client(new FakeServer(), ANN);
    const outcomes = await ann.engine.applyAll([
      { op: "create", type: "contact", id: "c1", fields: { givenName: "Ann" } },
      { op: "create", type: "company", id: "k1", fields: {} },
      { op: "create", type: "contact", id: "bad id!", fields: {} },
      { op: "update", type: "contact", id: "c1", changes: { jobTitle: "CFO" } },
      { op: "update", type: "contact", id: "nobody", changes: { jobTitle: "CFO" } },
      { op: "create", type: "contact", id: "c2", fields: { givenName: "Bo" } },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      "saved",
      "invalid",
      "invalid",
      "invalid",
      "not_found",
      "saved",
    ]);
    expect(outcomes[1]).toMatchObject({ field: "name" });
    expect(outcomes[3]).toMatchObject({ field: "id" });
    expect(ann.engine.outbox.map((e) => e.mutation.id)).toEqual(["c1", "c2"]);
  });

  test("updates and deletes carry the same base and versions as one by one, and reach the server", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await ann.engine.applyAll(creates(5));
    await ann.engine.sync();
    expect(server.record("contact", "c3")).toMatchObject({ version: 1 });

    await ann.engine.applyAll([
      { op: "update", type: "contact", id: "c1", changes: { jobTitle: "CFO" } },
      { op: "remove", type: "contact", id: "c2" },
      { op: "update", type: "contact", id: "c3", changes: { givenName: "Person 3" } },
    ]);
    expect(ann.engine.outbox.map((e) => e.mutation)).toMatchObject([
      { op: "upsert", id: "c1", baseVersion: 1, base: { jobTitle: null } },
      { op: "delete", id: "c2", baseVersion: 1 },
    ]);
    await ann.engine.sync();
    expect(server.record("contact", "c1")).toMatchObject({
      version: 2,
      fields: { jobTitle: "CFO" },
    });
    expect(server.record("contact", "c2")).toBeUndefined();
    expect(
      ann.engine
        .records("contact")
        .map((r) => r.id)
        .sort(),
    ).toEqual(["c0", "c1", "c3", "c4"]);
  });

  test("a delete of records still waiting to be sent takes them out of the outbox", async () => {
    const ann = await client(new FakeServer(), ANN);
    await ann.engine.applyAll(creates(3));
    await ann.engine.applyAll(creates(3).map((e) => ({ op: "remove", type: e.type, id: e.id })));
    // The last create folds away with its delete; the earlier ones are chained deletes.
    expect(ann.engine.records("contact")).toEqual([]);
  });
});
