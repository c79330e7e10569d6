/**
 * Finding the e-mails of every contact: batches of contacts, each page linked as it comes, where
 * it stands kept after every page so that a stopped or reloaded pane goes on from there.
 */
import { FakeGraph, type FakeMessage } from "../../../../scripts/dev-graph";
import { GraphMail } from "../../../../src/client/graph-mail";
import type { BackfillState } from "../../../../src/taskpane/history/backfill";
import {
  BATCH_ADDRESSES,
  newBackfill,
  readBackfill,
  runBackfill,
  saveBackfill,
} from "../../../../src/taskpane/history/backfill";
import { client } from "../../sync/engine-helpers";
import { FakeServer } from "../../sync/fake-server";

const ME = { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" };
const TOKEN = "dev-graph:megan";
const CONTACTS = 50;
const address = (i: number) => `person${i}@fabrikam.com`;
const now = Date.parse("2026-12-05T12:00:00Z");

/** Two e-mails with each contact, one of them copying the next contact; one e-mail a year old. */
function mailbox(): FakeMessage[] {
  const me = { name: ME.displayName, address: ME.emailAddress };
  const at = (days: number) => new Date(now - days * 86_400_000).toISOString();
  return Array.from({ length: CONTACTS }, (_, i) => [
    {
      id: `in${i}`,
      internetMessageId: `<in${i}@fabrikam.com>`,
      subject: `From ${i}`,
      from: { name: `Person ${i}`, address: address(i) },
      to: [me],
      receivedDateTime: at(1 + (i % 20)),
    },
    {
      id: `out${i}`,
      internetMessageId: `<out${i}@contoso.com>`,
      subject: `To ${i}`,
      from: me,
      to: [{ name: "", address: address(i) }],
      cc: [{ name: "", address: address((i + 1) % CONTACTS) }],
      receivedDateTime: at(2 + (i % 20)),
    },
  ])
    .flat()
    .concat([
      {
        id: "old",
        internetMessageId: "<old@fabrikam.com>",
        subject: "Last year",
        from: { name: "", address: address(0) },
        to: [me],
        receivedDateTime: at(400),
      },
    ]);
}

let graph: FakeGraph;
beforeAll(async () => {
  graph = await FakeGraph.start({ mailboxes: { megan: { token: TOKEN, messages: mailbox() } } });
});
afterAll(() => graph.close());

async function setUp() {
  const megan = await client(new FakeServer(), ME.emailAddress);
  for (let i = 0; i < CONTACTS; i++) {
    const id = `c${String(i).padStart(3, "0")}`;
    await megan.engine.create(
      "contact",
      { givenName: `Person ${i}`, emails: [{ address: address(i) }] },
      id,
    );
  }
  await megan.engine.create("contact", { givenName: "No address" }, "c999");
  const mail = new GraphMail({
    baseUrl: graph.baseUrl,
    token: () => Promise.resolve(TOKEN),
    wait: () => Promise.resolve(),
    pageSize: 10,
  });
  return { engine: megan.engine, mail };
}

function linkedTo(engine: Awaited<ReturnType<typeof setUp>>["engine"], subject: string) {
  return engine.records("history").find((r) => r.fields.subject === subject)?.fields.contactIds;
}

test("every contact's e-mails in the period, each linked to every contact among its people", async () => {
  const { engine, mail } = await setUp();
  const states: BackfillState[] = [];
  const first = newBackfill(engine, now, 90);
  expect(first).toMatchObject({ searched: 0, total: CONTACTS, status: "running" });
  const end = await runBackfill({
    engine,
    graph: mail,
    user: ME,
    state: first,
    onProgress: (s) => states.push(s),
    stopped: () => false,
  });
  expect(end).toMatchObject({ status: "done", searched: CONTACTS, total: CONTACTS, next: null });
  expect(engine.records("history")).toHaveLength(CONTACTS * 2);
  expect(linkedTo(engine, "From 7")).toEqual(["c007"]);
  expect(linkedTo(engine, "To 7")).toEqual(["c007", "c008"]);
  // Found by two batches (c019's and c020's): one item, both contacts.
  expect(linkedTo(engine, "To 19")).toEqual(["c019", "c020"]);
  expect(linkedTo(engine, "Last year")).toBeUndefined();
  // Changes made: an item each, and one more for each e-mail copying a contact of a later batch
  // (To 19, To 39, and To 49, which copies person 0).
  expect(end.linked).toBe(CONTACTS * 2 + 3);
  // Kept after every page: more progress reports than batches.
  expect(states.length).toBeGreaterThan(CONTACTS / BATCH_ADDRESSES);
});

test("stopped, kept, and resumed from where it stood: the same result, nothing twice", async () => {
  const { engine, mail } = await setUp();
  const kept = new Map<string, string>();
  const storage = () => ({
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => void kept.set(k, v),
    removeItem: (k: string) => void kept.delete(k),
  });
  let pages = 0;
  const stopped = await runBackfill({
    engine,
    graph: mail,
    user: ME,
    state: newBackfill(engine, now, 90),
    onProgress: (s) => {
      pages += 1;
      saveBackfill(storage, engine.copyId, s);
    },
    stopped: () => pages >= 3,
  });
  expect(stopped.status).toBe("stopped");
  const saved = readBackfill(storage, engine.copyId);
  expect(saved).toEqual(stopped);
  const before = engine.records("history").length;
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThan(CONTACTS * 2);

  const requests = graph.requests.length;
  const resumed = await runBackfill({
    engine,
    graph: mail,
    user: ME,
    state: { ...saved!, status: "running" },
    onProgress: () => undefined,
    stopped: () => false,
  });
  expect(resumed).toMatchObject({ status: "done", searched: CONTACTS });
  expect(engine.records("history")).toHaveLength(CONTACTS * 2);
  // Resumed at the page it stood at, not from the first contact.
  expect(graph.requests[requests]?.url).toContain("skiptoken");
});

test("Graph's refusal ends it as failed, with the reason in words", async () => {
  const { engine, mail } = await setUp();
  graph.failNext(1, { status: 403, code: "ErrorAccessDenied", message: "Access is denied." });
  const end = await runBackfill({
    engine,
    graph: mail,
    user: ME,
    state: newBackfill(engine, now, 90),
    onProgress: () => undefined,
    stopped: () => false,
  });
  expect(end.status).toBe("failed");
  expect(end.problem).toMatch(/Microsoft 365 refused to search your mailbox/);
});
