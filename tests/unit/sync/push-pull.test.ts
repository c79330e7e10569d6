/**
 * A push that pulls too (docs/sync-protocol.md, "Push"): a complete copy's sync of local edits
 * is one request, whose answer brings the other members' changes; an older server's answer
 * without the page, a page with more after it, a copy being made, and an outbox of several
 * requests each fall back to what a sync always did.
 */
import { FakeServer, client } from "./engine-helpers";

const ANN = "ann@contoso.com";
const BOB = "bob@contoso.com";

async function twoCopies(pageSize?: number) {
  const server = new FakeServer();
  const extra = pageSize === undefined ? {} : { extra: { pageSize } };
  const ann = await client(server, ANN, extra);
  const bob = await client(server, BOB);
  await ann.engine.create("contact", { givenName: "Ann" }, "a1");
  await ann.engine.sync();
  await bob.engine.sync();
  return { server, ann, bob };
}

const requestsOf = (
  server: FakeServer,
  user: string,
  since: { pushes: number; pulls: number },
) => ({
  pushes: server.pushes.filter((p) => p.user === user).slice(since.pushes),
  pulls: server.pulls.filter((p) => p.user === user).length - since.pulls,
});
const countsOf = (server: FakeServer, user: string) => ({
  pushes: server.pushes.filter((p) => p.user === user).length,
  pulls: server.pulls.filter((p) => p.user === user).length,
});

test("a sync of local edits is one request, and brings the others' changes with it", async () => {
  const { server, ann, bob } = await twoCopies();
  await bob.engine.create("contact", { givenName: "Bob" }, "b1");
  await bob.engine.sync();
  const before = countsOf(server, ANN);
  await ann.engine.update("contact", "a1", { jobTitle: "Buyer" });

  const summary = await ann.engine.sync();

  const { pushes, pulls } = requestsOf(server, ANN, before);
  expect(pushes.map((p) => p.pull)).toEqual([{ cursor: expect.any(String), limit: 1000 }]);
  // The pull answered with the push is the only one: no request of its own.
  expect(pulls).toBe(1);
  expect(summary.pull.changes).toBeGreaterThan(0);
  expect(ann.engine.get("contact", "b1")?.fields.givenName).toBe("Bob");
  expect(ann.engine.get("contact", "a1")?.fields.jobTitle).toBe("Buyer");
  // Nothing new since: the next sync, with nothing to push, is one pull that changes nothing.
  const again = countsOf(server, ANN);
  await ann.engine.sync();
  expect(requestsOf(server, ANN, again)).toEqual({ pushes: [], pulls: 1 });
});

test("an older server answers without the page: the client pulls on its own", async () => {
  const { server, ann, bob } = await twoCopies();
  server.pullsWithPush = false;
  await bob.engine.create("contact", { givenName: "Bob" }, "b1");
  await bob.engine.sync();
  const before = countsOf(server, ANN);
  await ann.engine.update("contact", "a1", { jobTitle: "Buyer" });
  await ann.engine.sync();
  const { pushes, pulls } = requestsOf(server, ANN, before);
  expect(pushes).toHaveLength(1);
  expect(pulls).toBe(1);
  expect(ann.engine.get("contact", "b1")?.fields.givenName).toBe("Bob");
});

test("a page with more after it: the pull goes on from its cursor", async () => {
  const { server, ann, bob } = await twoCopies(2);
  for (let i = 0; i < 5; i++) await bob.engine.create("contact", { givenName: `B${i}` }, `b${i}`);
  await bob.engine.sync();
  const before = countsOf(server, ANN);
  await ann.engine.update("contact", "a1", { jobTitle: "Buyer" });
  await ann.engine.sync();
  const { pushes, pulls } = requestsOf(server, ANN, before);
  expect(pushes).toHaveLength(1);
  // Six changes, two a page: the push's page, then two pulls of their own.
  expect(pulls).toBe(3);
  expect(
    ann.engine
      .records("contact")
      .map((c) => c.id)
      .sort(),
  ).toEqual(["a1", "b0", "b1", "b2", "b3", "b4"]);
});

test("a copy being made, and all but the last request of a long push, carry no pull", async () => {
  const server = new FakeServer();
  const ann = await client(server, ANN);
  // No copy yet: the first sync pushes, then makes the copy with pulls of its own.
  await ann.engine.create("contact", { givenName: "Ann" }, "a1");
  await ann.engine.sync();
  expect(server.pushes.map((p) => p.pull)).toEqual([undefined]);

  for (let i = 0; i < 501; i++) await ann.engine.create("contact", { givenName: `N${i}` }, `n${i}`);
  const before = countsOf(server, ANN);
  await ann.engine.sync();
  const { pushes, pulls } = requestsOf(server, ANN, before);
  expect(pushes.map((p) => [p.mutations.length, p.pull !== undefined])).toEqual([
    [500, false],
    [1, true],
  ]);
  expect(pulls).toBe(1);
  expect(ann.engine.records("contact")).toHaveLength(502);
});
