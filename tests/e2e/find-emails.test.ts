/**
 * "Find e-mails" on a contact's card, in Chromium against the real stack and a Graph of the
 * test's own (scripts/dev-graph.ts): the messages with the contact in the chosen period become
 * history, once, however often they are found and by whom; Graph's throttling is waited out and
 * its refusals said.
 */
import { FakeGraph, type FakeMessage } from "../../scripts/dev-graph";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import type { Member } from "../support/db";
import { create, pullAll, share } from "../support/db";
import {
  accessibilityViolations,
  allSent,
  browserPerFile,
  openHarness,
  openNewDatabase,
} from "../support/pane";
import type { FrameLocator } from "playwright-core";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

let graph: FakeGraph;
beforeAll(async () => {
  graph = await FakeGraph.start();
});
afterAll(() => graph.close());

const renee = { name: "Renée Dubois", address: "renee.dubois@fabrikam.com" };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** The mailbox of `user`: three e-mails with Renée this quarter, one last year, one without her. */
function mailbox(user: string): FakeMessage[] {
  const me = { name: "Test User", address: user };
  const message = (n: number, fields: Partial<FakeMessage>): FakeMessage => ({
    id: `AAMkAD${n}`,
    internetMessageId: `<msg-${n}@fabrikam.com>`,
    subject: `Message ${n}`,
    from: me,
    to: [],
    receivedDateTime: daysAgo(n),
    sentDateTime: daysAgo(n),
    ...fields,
  });
  return [
    message(3, { subject: "Offer for Lyon", from: renee, to: [me] }),
    message(5, { subject: "Re: Offer for Lyon", to: [renee] }),
    message(8, {
      subject: "Trade fair dates",
      to: [{ name: "", address: "x@contoso.com" }],
      cc: [renee],
    }),
    message(400, { subject: "Last year's order", from: renee, to: [me] }),
    message(9, { subject: "Lunch on Friday", to: [{ name: "", address: "y@contoso.com" }] }),
  ];
}

/** Finds Renée's e-mails from her card (opened from the list unless it is open). */
async function findEmails(frame: FrameLocator, expected: string) {
  const card = frame.getByRole("article", { name: "Renée Dubois" });
  if (!(await card.isVisible())) {
    const list = frame.getByRole("list", { name: "Contacts", exact: true });
    await list.getByRole("button", { name: /Renée Dubois/ }).click({ timeout: 30_000 });
  }
  await card.getByRole("button", { name: "Find e-mails" }).click();
  const dialog = frame.getByRole("dialog", { name: "Find e-mails with Renée Dubois" });
  await dialog.getByRole("radio", { name: "The last 3 months" }).check();
  await dialog.getByRole("button", { name: /Find e-mails|Search again/ }).click();
  await dialog.getByText(expected).waitFor({ timeout: 30_000 });
  return { card, dialog };
}

/** The history items of this test's mailbox (not the harness's selected e-mail, linked as read). */
async function historyOnServer(db: string, member: Member) {
  const { records } = await pullAll(db, member);
  return [...records.values()].filter(
    (r) =>
      r.type === "history" &&
      typeof r.fields.internetMessageId === "string" &&
      r.fields.internetMessageId.startsWith("<msg-"),
  );
}

test("the e-mails with a contact become history once, whoever finds them, throttling waited out", async () => {
  const records = [
    create("company", "k-fab", { name: "Fabrikam" }),
    create("contact", "renee", {
      givenName: "Renée",
      familyName: "Dubois",
      companyId: "k-fab",
      emails: [{ address: "renee.dubois@fabrikam.com" }],
    }),
  ];
  const { frame, member, db } = await openNewDatabase(session, "finder", records, {
    graph: graph.baseUrl,
  });
  graph.setMailbox(member.email, {
    token: `dev-graph:${member.email}`,
    messages: mailbox(member.email),
  });
  // Graph asks to wait once: the search waits and goes on.
  graph.failNext(1, { status: 429, retryAfter: "1" });

  const { card, dialog } = await findEmails(frame, "Found 3 e-mails; 3 new links to Renée Dubois.");
  expect(await accessibilityViolations(session.page)).toEqual([]);
  await screenshot(session.page, "find-emails");
  await dialog.getByRole("button", { name: "Close" }).click();
  const history = card.getByRole("list", { name: "History" });
  for (const subject of ["Offer for Lyon", "Re: Offer for Lyon", "Trade fair dates"])
    await history.getByText(subject, { exact: true }).waitFor();
  expect(await history.getByText("Last year's order").count()).toBe(0);
  await allSent(frame);
  const linked = await historyOnServer(db, member);
  expect(linked).toHaveLength(3);
  for (const r of linked) {
    expect(r.id).toMatch(/^m-/);
    expect(r.fields).toMatchObject({ kind: "email", contactIds: ["renee"], companyId: "k-fab" });
    expect(r.fields.snippet).toBeUndefined();
  }
  expect(linked.find((r) => r.fields.subject === "Offer for Lyon")?.fields.direction).toBe(
    "incoming",
  );
  expect(linked.find((r) => r.fields.subject === "Re: Offer for Lyon")?.fields.direction).toBe(
    "outgoing",
  );

  // Again: nothing new. A colleague whose mailbox holds the same e-mails: still one item each.
  await findEmails(frame, "Found 3 e-mails; 0 new links to Renée Dubois.");
  const colleague = await share(db, member, "editor");
  graph.setMailbox(colleague.email, {
    token: `dev-graph:${colleague.email}`,
    messages: mailbox(colleague.email),
  });
  const theirs = await openHarness(session, { user: colleague.email, graph: graph.baseUrl });
  await findEmails(theirs, "Found 3 e-mails; 0 new links to Renée Dubois.");
  await allSent(theirs);
  expect(await historyOnServer(db, member)).toHaveLength(3);
});

test("Graph's refusal is said, and nothing is linked", async () => {
  const records = [
    create("contact", "renee", {
      givenName: "Renée",
      familyName: "Dubois",
      emails: [{ address: "renee.dubois@fabrikam.com" }],
    }),
  ];
  const { frame, member, db } = await openNewDatabase(session, "refused", records, {
    graph: graph.baseUrl,
  });
  graph.setMailbox(member.email, {
    token: `dev-graph:${member.email}`,
    messages: mailbox(member.email),
  });
  graph.failNext(1, { status: 403, code: "ErrorAccessDenied", message: "Access is denied." });
  const { dialog } = await findEmails(
    frame,
    "Microsoft 365 refused to search your mailbox. Your organization may not allow it; ask your administrator. Found 0 e-mails; 0 new links to Renée Dubois.",
  );
  expect(await accessibilityViolations(session.page)).toEqual([]);
  await dialog.getByRole("button", { name: "Close" }).click();
  await allSent(frame);
  expect(await historyOnServer(db, member)).toEqual([]);
});

test("an owner finds every contact's e-mails in the background, and a reload goes on where it stood", async () => {
  const people = ["anna", "bert", "cleo"].map((name) => ({
    name,
    address: `${name}@fabrikam.com`,
  }));
  const records = people.map((p) =>
    create("contact", `c-${p.name}`, { givenName: p.name, emails: [{ address: p.address }] }),
  );
  const { frame, member, db } = await openNewDatabase(session, "backfill", records, {
    graph: graph.baseUrl,
  });
  const me = { name: "Test User", address: member.email };
  // 180 e-mails: two pages of Graph's answer (100 a page).
  const messages: FakeMessage[] = Array.from({ length: 180 }, (_, i) => ({
    id: `AAMkB${i}`,
    internetMessageId: `<msg-b${i}@fabrikam.com>`,
    subject: `Order ${i}`,
    from: people[i % 3] ?? null,
    to: [me],
    receivedDateTime: daysAgo(1 + (i % 60)),
  }));
  graph.setMailbox(member.email, { token: `dev-graph:${member.email}`, messages });
  // The second page never comes: the pane is closed (reloaded) while it waits.
  graph.failNext(1, { pass: true });
  graph.failNext(1, { stall: true });

  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Database…" }).click();
  const panel = frame.getByRole("dialog", { name: "Database" });
  await panel.getByRole("button", { name: "Find e-mails for every contact" }).click();
  await frame.getByText("Finding e-mails: 0 of 3 contacts searched, 100 linked").first().waitFor();
  expect(await accessibilityViolations(session.page)).toEqual([]);
  await screenshot(session.page, "find-emails-every-contact");
  await allSent(frame);
  expect(await historyOnServer(db, member)).toHaveLength(100);

  const before = graph.requests.length;
  await session.page.reload();
  // It goes on by itself (too fast, maybe, for its status line to be seen): it asks for the
  // page it stood at, and its count goes on from 100 (started anew, it would count the 100
  // linked already as linked already, not as linked).
  const again = await openHarness(session, { user: member.email, graph: graph.baseUrl });
  await again.getByRole("button", { name: "Database options" }).click({ timeout: 30_000 });
  await again.getByRole("menuitem", { name: "Database…" }).click();
  await again
    .getByRole("dialog", { name: "Database" })
    .getByText("The last search is done: 180 e-mails linked, 3 contacts searched.")
    .waitFor({ timeout: 30_000 });
  await allSent(again);
  expect(await historyOnServer(db, member)).toHaveLength(180);
  const resumed = graph.requests.slice(before).find((r) => r.method === "GET");
  expect(resumed?.url).toContain("$skiptoken=");
});
