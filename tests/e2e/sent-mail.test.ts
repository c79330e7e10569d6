/**
 * E-mail the user sends, linked to contacts by Outlook's send event (OnMessageSend): with the
 * pane closed, while working offline, and not at all once the user turned it off. The harness
 * plays Outlook: it runs commands.html as the event's runtime and shows the event's outcome.
 */
import type { Page } from "playwright-core";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import type { Member } from "../support/db";
import { create, pullAll } from "../support/db";
import {
  accessibilityViolations,
  allSent,
  browserPerFile,
  eventually,
  openNewDatabase,
  pane,
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

const contacts = [
  create("company", "k-fab", { name: "Fabrikam" }),
  create("contact", "renee", {
    givenName: "Renée",
    familyName: "Dubois",
    companyId: "k-fab",
    emails: [{ address: "renee.dubois@fabrikam.com" }],
  }),
];

/** Sends an e-mail from the harness's "New e-mail" form and waits for the event's outcome. */
async function send(page: Page, mail: { to: string; subject: string; body?: string }) {
  await page.getByRole("textbox", { name: "To", exact: true }).fill(mail.to);
  await page.getByRole("textbox", { name: "Subject", exact: true }).fill(mail.subject);
  await page.getByRole("textbox", { name: "Body", exact: true }).fill(mail.body ?? "Hello,");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page
    .getByRole("list", { name: "Send events" })
    .getByText(`Sent “${mail.subject}”: the add-in allowed it`)
    .waitFor({ timeout: 30_000 });
}

/** The history items the shared database holds with `subject`. */
async function historyOnServer(db: string, member: Member, subject: string) {
  const { records } = await pullAll(db, member);
  return [...records.values()].filter((r) => r.type === "history" && r.fields.subject === subject);
}

async function cardHistory(page: Page, subject: string) {
  const frame = pane(page);
  await frame
    .getByRole("list", { name: "Contacts", exact: true })
    .getByRole("button", { name: /Renée Dubois/ })
    .click({ timeout: 30_000 });
  return frame
    .getByRole("article", { name: "Renée Dubois" })
    .getByRole("list", { name: "History" })
    .getByText(subject);
}

test("an e-mail sent with the pane closed is in the contact's history when it opens, once", async () => {
  const { page } = session;
  const { member, db } = await openNewDatabase(session, "sender", contacts);
  await page.getByRole("button", { name: "Close task pane" }).click();
  await pane(page).locator("body").waitFor({ state: "detached" });

  await send(page, {
    to: "Renée Dubois <renee.dubois@fabrikam.com>; someone@elsewhere.example",
    subject: "Pricing for 2027",
    body: "Dear Renée,\n\nplease find our prices for 2027 below.",
  });
  await screenshot(page, "sent-mail-event");

  await page.getByRole("button", { name: "Open task pane" }).click();
  await (await cardHistory(page, "Pricing for 2027")).waitFor({ timeout: 30_000 });
  await allSent(pane(page));
  const [linked, ...more] = await historyOnServer(db, member, "Pricing for 2027");
  expect(more).toEqual([]);
  expect(linked?.id).toMatch(/^s-/);
  expect(linked?.fields).toMatchObject({
    kind: "email",
    direction: "outgoing",
    contactIds: ["renee"],
    companyId: "k-fab",
    snippet: "Dear Renée, please find our prices for 2027 below.",
  });

  // Its sent copy, read in the pane, is that same history item: it gains its message id.
  await page.getByRole("radio", { name: /Pricing for 2027/ }).check();
  await pane(page).getByText("Linked to Renée Dubois").waitFor();
  const withId = await eventually(
    () => historyOnServer(db, member, "Pricing for 2027"),
    (found) => typeof found[0]?.fields.internetMessageId === "string",
  );
  expect(withId.map((r) => r.id)).toEqual([linked?.id]);
  expect(withId[0]?.fields.internetMessageId).toMatch(/^<[0-9a-f]+@/i);
});

test("sent while working offline: in the history at once, in the shared database once back", async () => {
  const { page } = session;
  const { frame, member, db } = await openNewDatabase(session, "offliner", contacts);
  await frame.getByRole("switch", { name: "Work offline" }).check();
  await frame.getByText("Working offline").waitFor();

  await send(page, { to: "renee.dubois@fabrikam.com", subject: "Offline offer" });
  // The pane is open: the send event tells it, and it links the e-mail on its copy.
  await (await cardHistory(page, "Offline offer")).waitFor({ timeout: 30_000 });
  expect(await historyOnServer(db, member, "Offline offer")).toEqual([]);

  await frame.getByRole("switch", { name: "Work offline" }).uncheck();
  await allSent(frame);
  expect(await historyOnServer(db, member, "Offline offer")).toHaveLength(1);
});

test("turned off in the database panel: an e-mail sent leaves no history", async () => {
  const { page } = session;
  const { frame, member, db } = await openNewDatabase(session, "private", contacts);
  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Database…" }).click();
  const panel = frame.getByRole("dialog", { name: "Database" });
  const sentSwitch = panel.getByRole("switch", { name: "Link e-mails I send to my contacts" });
  expect(await sentSwitch.isChecked()).toBe(true);
  await sentSwitch.uncheck();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, "sent-mail-setting");
  await panel.getByRole("button", { name: "Close Database" }).click();
  await page.getByRole("button", { name: "Close task pane" }).click();

  await send(page, { to: "renee.dubois@fabrikam.com", subject: "Not for the record" });
  await page.getByRole("button", { name: "Open task pane" }).click();
  const reopened = pane(page);
  await reopened.getByRole("heading", { name: "private database" }).waitFor({ timeout: 30_000 });

  // The choice stays off; turned on again, the next e-mail is linked, and only that one (the
  // pane links every queued e-mail at once: had the first been queued, it would be there too).
  await reopened.getByRole("button", { name: "Database options" }).click();
  await reopened.getByRole("menuitem", { name: "Database…" }).click();
  const again = reopened
    .getByRole("dialog", { name: "Database" })
    .getByRole("switch", { name: "Link e-mails I send to my contacts" });
  expect(await again.isChecked()).toBe(false);
  await again.check();
  await reopened.getByRole("button", { name: "Close Database" }).click();
  await send(page, { to: "renee.dubois@fabrikam.com", subject: "For the record" });
  const history = await cardHistory(page, "For the record");
  await history.waitFor({ timeout: 30_000 });
  await allSent(reopened);
  expect(await historyOnServer(db, member, "For the record")).toHaveLength(1);
  expect(await historyOnServer(db, member, "Not for the record")).toEqual([]);
  expect(
    await reopened
      .getByRole("article", { name: "Renée Dubois" })
      .getByText("Not for the record")
      .count(),
  ).toBe(0);
});

test("a contact marked 'Do not link e-mails automatically' gets no e-mail, read or sent", async () => {
  const { page } = session;
  const thomas = create("contact", "thomas", {
    givenName: "Thomas",
    familyName: "Becker",
    emails: [{ address: "thomas.becker@fabrikam.com" }],
  });
  const { frame, member, db } = await openNewDatabase(session, "discreet", [...contacts, thomas]);
  // The harness shows an e-mail from Renée: linked as read, until she is marked.
  await frame.getByText("Linked to Renée Dubois").waitFor({ timeout: 30_000 });
  await page.getByRole("radio", { name: "No item selected" }).check();

  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByRole("button", { name: /Renée Dubois/ }).click();
  const card = frame.getByRole("article", { name: "Renée Dubois" });
  await card.getByRole("button", { name: "Edit" }).click();
  const form = frame.getByRole("form", { name: "Edit contact" });
  await form.getByRole("checkbox", { name: "Do not link e-mails automatically" }).check();
  await form.getByRole("button", { name: "Save" }).click();
  await card.getByText("E-mails not linked automatically").waitFor();
  // "Find e-mails" is not offered for her either.
  expect(await card.getByRole("button", { name: "Find e-mails" }).count()).toBe(0);

  await send(page, { to: "renee.dubois@fabrikam.com", subject: "Kept out of the record" });
  // Sent to both after it: linked to Thomas alone, once the pane took the queue.
  await send(page, {
    to: "renee.dubois@fabrikam.com, thomas.becker@fabrikam.com",
    subject: "To both",
  });
  await page.getByRole("radio", { name: /Invoice 2026-1187/ }).check();
  await page.getByRole("radio", { name: /Kept out of the record/ }).check();
  await frame.getByText("This e-mail is not linked to any contact.").waitFor();
  await allSent(frame);
  const both = await eventually(
    () => historyOnServer(db, member, "To both"),
    (found) => found.length === 1,
  );
  expect(both[0]?.fields.contactIds).toEqual(["thomas"]);
  expect(await historyOnServer(db, member, "Kept out of the record")).toEqual([]);
});

test("an e-mail its sender marked private is linked only by hand", async () => {
  const { page } = session;
  const daniel = create("contact", "daniel", {
    givenName: "Daniel",
    familyName: "Okafor",
    emails: [{ address: "daniel.okafor@northwindtraders.com" }],
  });
  const { frame, member, db } = await openNewDatabase(session, "privacy", [daniel]);
  // His invoice e-mail is linked by itself; his private one is not.
  await page.getByRole("radio", { name: /Invoice 2026-1187/ }).check();
  await frame.getByText("Linked to Daniel Okafor").waitFor({ timeout: 30_000 });
  await page.getByRole("radio", { name: /Personal: my leave in January/ }).check();
  await frame
    .getByText("Its sender marked this e-mail private, so it is not linked automatically.")
    .waitFor();
  await frame.getByText("This e-mail is not linked to any contact.").waitFor();
  await allSent(frame);
  expect(await historyOnServer(db, member, "Personal: my leave in January")).toEqual([]);

  await frame.getByRole("button", { name: "Link this e-mail to Daniel Okafor" }).click();
  await frame.getByText("Linked to Daniel Okafor").waitFor();
  await allSent(frame);
  expect(await historyOnServer(db, member, "Personal: my leave in January")).toHaveLength(1);
});
