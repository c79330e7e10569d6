/**
 * Records leaving a member's view leave the copy: the in-memory server answers with the API's own
 * pages and views (fake-server.ts), so these runs go through `removed` after a cursor (a filter
 * field edited by someone else), through the difference's pages, and through 410 and the
 * re-download's sweep (the member's sync set or its filter changed, and more than 4 pages with
 * it). Each check reopens the engine on the same store too: what left is gone from the copy,
 * not only from memory.
 */
import type { Filter } from "../../../src/shared/protocol";
import { SyncEngine } from "../../../src/sync/engine";
import { FakeServer, client, ownerOf, type Client } from "./engine-helpers";

const ANN = "ann@contoso.com";
const BOB = "bob@contoso.com";
const AT = "2026-11-26T08:00:00.000Z";

const category = (value: string): Filter => ({
  all: [{ field: "categories", op: "eq", value }],
});

/** Bob creates a contact (he has no sync set: he sees everything). */
function create(server: FakeServer, id: string, categories: string[]) {
  return server.write(BOB, "c-bob", {
    op: "upsert",
    type: "contact",
    id,
    baseVersion: null,
    fields: { givenName: id, categories },
    at: AT,
  });
}

/** Bob sets a contact's categories. */
function recategorize(server: FakeServer, id: string, categories: string[]) {
  const current = server.record("contact", id)!;
  return server.write(BOB, "c-bob", {
    op: "upsert",
    type: "contact",
    id,
    baseVersion: current.version,
    base: { categories: current.fields.categories ?? null },
    fields: { categories },
    at: AT,
  });
}

/** The contact ids the list shows, and those a reopened engine on the same store shows. */
async function held(
  c: Client,
  server: FakeServer,
): Promise<{ list: string[]; reopened: string[] }> {
  const reopened = await SyncEngine.open({
    owner: ownerOf(ANN),
    store: c.store,
    transport: server.as(ANN),
  });
  const ids = (e: SyncEngine) =>
    e
      .records("contact")
      .map((r) => r.id)
      .sort();
  return { list: ids(c.engine), reopened: ids(reopened) };
}

/** Ann with sync set "mine" (categories Mine), holding c1 (Mine) but not c2 (Other). */
async function annWithSyncSet(pageSize = 100) {
  const server = new FakeServer();
  server.setSyncSet("mine", category("Mine"));
  server.setSyncSet("other", category("Other"));
  create(server, "c1", ["Mine"]);
  create(server, "c2", ["Other"]);
  server.setMember(ANN, { syncSet: "mine" });
  const ann = await client(server, ANN, { extra: { pageSize } });
  await ann.engine.sync();
  expect(await held(ann, server)).toEqual({ list: ["c1"], reopened: ["c1"] });
  return { server, ann };
}

test("a contact whose filter field someone else edited leaves the copy through `removed`", async () => {
  const { server, ann } = await annWithSyncSet();
  recategorize(server, "c1", ["Other"]);
  create(server, "c3", ["Mine"]);
  const summary = await ann.engine.sync();
  expect(summary.pull.restarted).toBe(false);
  expect(server.pulls.at(-1)?.removed).toEqual(["contact:c1"]);
  expect(ann.engine.get("contact", "c1")).toBeNull();
  expect(await held(ann, server)).toEqual({ list: ["c3"], reopened: ["c3"] });
  // Back in the view: it comes back with its new state.
  recategorize(server, "c1", ["Mine", "Other"]);
  await ann.engine.sync();
  expect(await held(ann, server)).toEqual({ list: ["c1", "c3"], reopened: ["c1", "c3"] });
});

test("a history item leaves with the contact it is linked to", async () => {
  const { server, ann } = await annWithSyncSet();
  server.write(BOB, "c-bob", {
    op: "upsert",
    type: "history",
    id: "h1",
    baseVersion: null,
    fields: { kind: "note", subject: "Called", contactIds: ["c1"] },
    at: AT,
  });
  await ann.engine.sync();
  expect(ann.engine.get("history", "h1")).not.toBeNull();
  recategorize(server, "c1", ["Other"]);
  await ann.engine.sync();
  expect(ann.engine.get("history", "h1")).toBeNull();
  expect(ann.engine.records("history")).toEqual([]);
});

const viewChanges = [
  ["another sync set", (server: FakeServer) => server.setMember(ANN, { syncSet: "other" })],
  ["its filter edited", (server: FakeServer) => server.setSyncSet("mine", category("Other"))],
] as const;

test.each(viewChanges)(
  "with %s, the member's view changes: the difference comes in one page",
  async (_what, change) => {
    const { server, ann } = await annWithSyncSet();
    change(server);
    const summary = await ann.engine.sync();
    expect(summary.pull).toMatchObject({ restarted: false, pages: 1, changes: 2 });
    expect(server.pulls.at(-1)?.removed).toEqual(["contact:c1"]);
    expect(await held(ann, server)).toEqual({ list: ["c2"], reopened: ["c2"] });
  },
);

test.each(viewChanges)(
  "with %s and a difference larger than a page: it comes in pages",
  async (_what, change) => {
    const { server, ann } = await annWithSyncSet(1);
    change(server);
    const summary = await ann.engine.sync();
    expect(summary.pull).toMatchObject({ restarted: false, pages: 2, changes: 2 });
    expect(await held(ann, server)).toEqual({ list: ["c2"], reopened: ["c2"] });
  },
);

test.each(viewChanges)(
  "with %s and a difference of more than 4 pages: 410, and the re-download sweeps what left",
  async (_what, change) => {
    const { server, ann } = await annWithSyncSet(1);
    for (const id of ["c3", "c4", "c5", "c6"]) create(server, id, ["Other"]);
    change(server);
    const summary = await ann.engine.sync();
    expect(summary.pull.restarted).toBe(true);
    const now = ["c2", "c3", "c4", "c5", "c6"];
    expect(await held(ann, server)).toEqual({ list: now, reopened: now });
  },
);

test("a subscription added and removed: the contact outside the sync set comes and goes", async () => {
  const { server, ann } = await annWithSyncSet();
  server.setMember(ANN, { subscriptions: ["c2"] });
  const added = await ann.engine.sync();
  expect(added.pull).toMatchObject({ restarted: false, pages: 1, changes: 1 });
  expect(await held(ann, server)).toEqual({ list: ["c1", "c2"], reopened: ["c1", "c2"] });
  server.setMember(ANN, { subscriptions: [] });
  const summary = await ann.engine.sync();
  expect(summary.pull).toMatchObject({ restarted: false, pages: 1, changes: 1 });
  expect(await held(ann, server)).toEqual({ list: ["c1"], reopened: ["c1"] });
});

test("my own edit that takes a contact out of my view drops it; my pending change to another stays", async () => {
  const { server, ann } = await annWithSyncSet();
  create(server, "c3", ["Mine"]);
  await ann.engine.sync();
  await ann.engine.update("contact", "c1", { categories: ["Other"] });
  // The push's answer alone drops it: the pull after it fails (and the push answers none).
  server.pullsWithPush = false;
  server.failNext("pull", "offline");
  await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
  expect(server.record("contact", "c1")?.fields.categories).toEqual(["Other"]);
  await ann.engine.update("contact", "c3", { jobTitle: "CFO" });
  expect(await held(ann, server)).toEqual({ list: ["c3"], reopened: ["c3"] });
  expect(ann.engine.outbox).toHaveLength(1);
});
