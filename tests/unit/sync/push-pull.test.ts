/**
 * A push that pulls too (docs/sync-protocol.md, "Push"): a complete copy's sync of local edits
 * is one request, whose answer brings the other members' changes; an older server's answer
 * without the page, a page with more after it, a copy being made, and an outbox of several
 * requests each fall back to what a sync always did.
 */
import { FakeServer, client } from "./engine-helpers";

const ANN = "ann@contoso.com";
const BOB = "bob@contoso.com";

/** What `user` asked the server for since `from` (indexes in its logs). */
function requestsOf(server: FakeServer, user: string, from = { pushes: 0, pulls: 0 }) {
  return {
    pushes: server.pushes.filter((p) => p.user === user).slice(from.pushes),
    pulls: server.pulls.filter((p) => p.user === user).slice(from.pulls),
  };
}

/**
 * Ann and Bob with copies of one contact of Ann's; Bob then makes `bobMakes` contacts and syncs,
 * and Ann edits hers and syncs: what that sync asked for.
 */
async function annSyncsAfterBob(
  bobMakes: number,
  options: { pageSize?: number; olderServer?: boolean } = {},
) {
  const server = new FakeServer();
  const { pageSize } = options;
  const ann = await client(server, ANN, pageSize === undefined ? {} : { extra: { pageSize } });
  const bob = await client(server, BOB);
  await ann.engine.create("contact", { givenName: "Ann" }, "a1");
  await ann.engine.sync();
  await bob.engine.sync();
  server.pullsWithPush = !options.olderServer;
  for (let i = 0; i < bobMakes; i++)
    await bob.engine.create("contact", { givenName: `B${i}` }, `b${i}`);
  await bob.engine.sync();
  const { pushes, pulls } = requestsOf(server, ANN);
  const from = { pushes: pushes.length, pulls: pulls.length };
  await ann.engine.update("contact", "a1", { jobTitle: "Buyer" });
  const summary = await ann.engine.sync();
  return { server, ann, summary, ...requestsOf(server, ANN, from) };
}

const contactIds = (c: Awaited<ReturnType<typeof client>>) =>
  c.engine
    .records("contact")
    .map((r) => r.id)
    .sort();

test("a sync of local edits is one request, and brings the others' changes with it", async () => {
  const { server, ann, summary, pushes, pulls } = await annSyncsAfterBob(1);
  expect(pushes.map((p) => p.pull)).toEqual([{ cursor: expect.any(String), limit: 1000 }]);
  // The pull answered with the push is the only one: no request of its own.
  expect(pulls.map((p) => p.via)).toEqual(["push"]);
  expect(summary.pull.changes).toBeGreaterThan(0);
  expect(contactIds(ann)).toEqual(["a1", "b0"]);
  expect(ann.engine.get("contact", "a1")?.fields.jobTitle).toBe("Buyer");
  // Nothing new since: the next sync, with nothing to push, is one pull that changes nothing.
  const before = requestsOf(server, ANN);
  await ann.engine.sync();
  const after = requestsOf(server, ANN, {
    pushes: before.pushes.length,
    pulls: before.pulls.length,
  });
  expect({ pushes: after.pushes.length, pulls: after.pulls.map((p) => p.via) }).toEqual({
    pushes: 0,
    pulls: ["pull"],
  });
});

test("an older server answers without the page: the client pulls on its own", async () => {
  const { ann, pushes, pulls } = await annSyncsAfterBob(1, { olderServer: true });
  expect(pushes).toHaveLength(1);
  expect(pulls.map((p) => p.via)).toEqual(["pull"]);
  expect(contactIds(ann)).toEqual(["a1", "b0"]);
});

test("a page with more after it: the pull goes on from its cursor", async () => {
  const { ann, pushes, pulls } = await annSyncsAfterBob(5, { pageSize: 2 });
  expect(pushes).toHaveLength(1);
  // Six changes, two a page: the push's page, then two pulls of their own.
  expect(pulls.map((p) => p.via)).toEqual(["push", "pull", "pull"]);
  expect(contactIds(ann)).toEqual(["a1", "b0", "b1", "b2", "b3", "b4"]);
});

test("a copy being made, and all but the last request of a long push, carry no pull", async () => {
  const server = new FakeServer();
  const ann = await client(server, ANN);
  // No copy yet: the first sync pushes, then makes the copy with pulls of its own.
  await ann.engine.create("contact", { givenName: "Ann" }, "a1");
  await ann.engine.sync();
  expect(server.pushes.map((p) => p.pull)).toEqual([undefined]);

  for (let i = 0; i < 501; i++) await ann.engine.create("contact", { givenName: `N${i}` }, `n${i}`);
  const from = { pushes: server.pushes.length, pulls: server.pulls.length };
  await ann.engine.sync();
  const { pushes, pulls } = requestsOf(server, ANN, from);
  expect(pushes.map((p) => [p.mutations.length, p.pull !== undefined])).toEqual([
    [500, false],
    [1, true],
  ]);
  expect(pulls.map((p) => p.via)).toEqual(["push"]);
  expect(ann.engine.records("contact")).toHaveLength(502);
});
