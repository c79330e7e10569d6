/**
 * The Contacts tab in Chromium against the real stack: search as you type, the card, the edit
 * form's inline validation, a new contact, delete and undo, and what a reader is (not) offered,
 * in the tabs and beside the e-mail.
 * One browser for the file; each test signs in as a user of its own, with a database made and
 * filled through the API.
 */
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { Client, create, newDatabase, newMember, pullAll, share } from "../support/db";
import {
  accessibilityViolations,
  allSent,
  browserPerFile,
  eventually,
  openHarness,
  openNewDatabase,
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

async function noSeriousViolations() {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

const people = Array.from({ length: 240 }, (_, i) =>
  create("contact", `p${String(i).padStart(3, "0")}`, {
    displayName: `Person ${String(i).padStart(3, "0")}`,
    phones: [{ number: `+1 555 01${String(i).padStart(2, "0")}`, label: "work" }],
  }),
);

test("search as you type finds contacts by a name without accents, by company and by phone; the card shows every field", async () => {
  const { frame } = await openNewDatabase(session, "search", [
    create("company", "k-fab", { name: "Fabrikam" }),
    create("contact", "renee", {
      displayName: "Renée Dubois",
      givenName: "Renée",
      familyName: "Dubois",
      companyId: "k-fab",
      jobTitle: "Head of Purchasing",
      emails: [{ address: "renee.dubois@fabrikam.com", label: "work", primary: true }],
      phones: [{ number: "+33 4 72 10 45 80", label: "work" }],
      websites: ["javascript:alert(1)", "https://fabrikam.example"],
      categories: ["Key account"],
      notes: "Prefers a call before a written quote.",
    }),
    create("contact", "thomas", { displayName: "Thomas Becker", companyId: "k-fab" }),
    ...people,
  ]);

  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await frame.getByText("242 contacts").waitFor({ timeout: 30_000 });
  // Windowed: only the rows in view (and a few around them) are in the page.
  await list.getByRole("listitem").first().waitFor();
  expect(await list.getByRole("listitem").count()).toBeLessThan(60);
  await screenshot(session.page, "contacts-list");
  await noSeriousViolations();

  const search = frame.getByRole("searchbox", { name: "Search contacts" });
  await search.pressSequentially("renee");
  await frame.getByText("1 of 242 contacts").waitFor();
  await list.getByRole("listitem").filter({ hasText: "Renée Dubois" }).waitFor();

  await search.fill("fabrik");
  await frame.getByText("2 of 242 contacts").waitFor();
  expect(await list.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Renée Dubois"),
    expect.stringContaining("Thomas Becker"),
  ]);

  await search.fill("72 10 45");
  await frame.getByText("1 of 242 contacts").waitFor();
  await list.getByRole("listitem").filter({ hasText: "Renée Dubois" }).waitFor();

  await search.fill("5550117");
  await list.getByRole("listitem").filter({ hasText: "Person 017" }).waitFor();

  await search.fill("nobody here");
  await frame.getByRole("heading", { name: "No contacts match “nobody here”" }).waitFor();
  await screenshot(session.page, "contacts-no-match");
  await noSeriousViolations();
  await frame.getByRole("button", { name: "Clear search" }).click();
  await frame.getByText("242 contacts").waitFor();

  // Keyboard: Arrow Down from the search box into the list, Enter opens the card.
  await search.fill("dubois");
  await frame.getByText("1 of 242 contacts").waitFor();
  await search.press("ArrowDown");
  await session.page.keyboard.press("Enter");
  const card = frame.getByRole("article", { name: "Renée Dubois" });
  await card.getByRole("heading", { name: "Renée Dubois" }).waitFor();
  expect(
    await card.getByRole("link", { name: "renee.dubois@fabrikam.com" }).getAttribute("href"),
  ).toBe("mailto:renee.dubois@fabrikam.com");
  expect(await card.getByRole("link", { name: "+33 4 72 10 45 80" }).getAttribute("href")).toBe(
    "tel:+33472104580",
  );
  expect(
    await card.getByRole("link", { name: "https://fabrikam.example" }).getAttribute("href"),
  ).toBe("https://fabrikam.example/");
  // A javascript: website is shown as text, never as a link.
  await card.getByText("javascript:alert(1)").waitFor();
  expect(await card.getByRole("link", { name: "javascript:alert(1)" }).count()).toBe(0);
  expect(await card.locator('a[href^="javascript"]').count()).toBe(0);
  await card.getByText("Fabrikam", { exact: true }).waitFor();
  await card.getByText("Key account").waitFor();
  await card.getByText("Prefers a call before a written quote.").waitFor();
  await screenshot(session.page, "contacts-card");
  await noSeriousViolations();

  // Back: the list as it was, focus on the contact's row.
  await card.getByRole("button", { name: "Back" }).click();
  await frame.getByText("1 of 242 contacts").waitFor();
  expect(await search.inputValue()).toBe("dubois");
  await list
    .getByRole("button", { name: /Renée Dubois/ })
    .and(frame.locator(":focus"))
    .waitFor();
});

test("editing: an invalid e-mail shows its error on the field; fixed and saved, the card shows it", async () => {
  const { frame, member, db } = await openNewDatabase(session, "edit", [
    create("contact", "thomas", { displayName: "Thomas Becker", jobTitle: "Buyer" }),
  ]);
  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByRole("button", { name: /Thomas Becker/ }).click();
  const card = frame.getByRole("article", { name: "Thomas Becker" });
  await card.getByRole("button", { name: "Edit" }).click();

  const form = frame.getByRole("form", { name: "Edit contact" });
  await form.getByRole("button", { name: "Add an e-mail address" }).click();
  const email = form.getByRole("textbox", { name: "E-mail 1", exact: true });
  await email.fill("thomas.becker@");
  await form.getByRole("button", { name: "Save" }).click();
  await form.getByText("E-mail 1 must be an e-mail address.").waitFor();
  expect(await email.getAttribute("aria-invalid")).toBe("true");
  // Focus moved to the field in error.
  await email.and(frame.locator(":focus")).waitFor();
  await screenshot(session.page, "contacts-edit-invalid");
  await noSeriousViolations();

  // The error follows the typing: fixed, it goes away before saving.
  await email.fill("thomas.becker@fabrikam.com");
  await form.getByText("E-mail 1 must be an e-mail address.").waitFor({ state: "detached" });
  await form.getByRole("textbox", { name: "Job title" }).fill("Procurement Specialist");
  await form.getByRole("button", { name: "Save" }).click();

  await card.getByRole("link", { name: "thomas.becker@fabrikam.com" }).waitFor();
  await card.getByText("Procurement Specialist").first().waitFor();

  // The change reaches the shared database.
  await allSent(frame);
  const pulled = await eventually(
    () => pullAll(db, member),
    (copy) => copy.records.get("contact:thomas")?.fields.jobTitle === "Procurement Specialist",
  );
  expect(pulled.records.get("contact:thomas")?.fields).toEqual({
    displayName: "Thomas Becker",
    jobTitle: "Procurement Specialist",
    emails: [{ address: "thomas.becker@fabrikam.com", label: "work", primary: true }],
  });
});

test("a first contact from the empty state; deleted, then brought back by Undo with the same id", async () => {
  const { frame, member, db } = await openNewDatabase(session, "first", []);
  await frame.getByRole("heading", { name: "No contacts yet" }).waitFor();
  await screenshot(session.page, "contacts-empty");
  await noSeriousViolations();
  await frame.getByRole("button", { name: "Add your first contact" }).click();

  const form = frame.getByRole("form", { name: "New contact" });
  await form.getByRole("textbox", { name: "Display name" }).fill("Ann Lee");
  await form.getByRole("button", { name: "Add an e-mail address" }).click();
  await form.getByRole("textbox", { name: "E-mail 1", exact: true }).fill("ann.lee@contoso.com");
  await form.getByRole("textbox", { name: "Categories" }).fill("VIP, Partner");
  await screenshot(session.page, "contacts-new");
  await noSeriousViolations();
  await form.getByRole("button", { name: "Save" }).click();

  const card = frame.getByRole("article", { name: "Ann Lee" });
  await card.getByRole("link", { name: "ann.lee@contoso.com" }).waitFor();
  await allSent(frame);
  const created = await eventually(
    () => pullAll(db, member),
    (copy) => [...copy.records.values()].some((r) => r.fields.displayName === "Ann Lee"),
  );
  const record = [...created.records.values()].find((r) => r.fields.displayName === "Ann Lee");
  expect(record).toBeDefined();

  await card.getByRole("button", { name: "Delete" }).click();
  await frame.getByRole("heading", { name: "No contacts yet" }).waitFor();
  const undo = frame.getByRole("button", { name: "Undo" });
  await frame.getByText("Contact deleted", { exact: true }).waitFor();
  // The toast slides and fades in: axe reads its colours once it is in place (a trial click
  // waits for the action to stop moving).
  await undo.click({ trial: true });
  await screenshot(session.page, "contacts-deleted-toast");
  await noSeriousViolations();
  await undo.click();

  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByRole("listitem").filter({ hasText: "Ann Lee" }).waitFor();
  await allSent(frame);
  const restored = await eventually(
    () => pullAll(db, member),
    (copy) =>
      copy.records.get(`contact:${record?.id}`)?.deleted === false &&
      (copy.records.get(`contact:${record?.id}`)?.version ?? 0) > (record?.version ?? 0),
  );
  const back = restored.records.get(`contact:${record?.id}`);
  expect(back?.deleted).toBe(false);
  expect(back?.fields).toEqual(record?.fields);
  expect([...restored.records.values()].filter((r) => r.type === "contact")).toHaveLength(1);
});

test("a reader is offered nothing that changes records anywhere, and nothing is linked for them; an editor keeps everything", async () => {
  const owner = await newMember("reader-owner");
  const db = await newDatabase(owner, "Shared to read");
  const pushed = await new Client(db, owner).push([
    create("company", "k-fab", { name: "Fabrikam", domains: ["fabrikam.com"] }),
    create("contact", "ann", { displayName: "Ann Lee", companyId: "k-fab" }),
    // The sender of the e-mail the harness has selected (its recipients are no contacts).
    create("contact", "renee", {
      displayName: "Renée Dubois",
      companyId: "k-fab",
      emails: [{ address: "renee.dubois@fabrikam.com", label: "work", primary: true }],
    }),
    create("group", "g-news", { name: "Newsletter", memberIds: ["ann"] }),
    create("history", "h-task", {
      kind: "task",
      subject: "Send the quote",
      when: "2026-11-20T09:00:00Z",
      contactIds: ["ann", "renee"],
    }),
  ]);
  expect(pushed.body.results.every((r) => r.status === "applied")).toBe(true);
  const reader = await share(db, owner, "reader");
  const frame = await openHarness(session, { user: reader.email, userName: "Rita Reader" });
  await frame.getByRole("heading", { name: "Shared to read" }).waitFor({ timeout: 60_000 });
  await frame.getByText("You can read this database but not change it.").waitFor();
  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByRole("button", { name: /Ann Lee/ }).waitFor({ timeout: 60_000 });
  expect(await frame.getByRole("button", { name: "New contact" }).count()).toBe(0);

  // Beside the e-mail: its sender's card and history, but no link to make (by hand or
  // automatically) and no contact to create for its recipients.
  const email = frame.getByRole("region", { name: "This e-mail" });
  const sender = frame.getByRole("region", { name: "Sender" });
  const recipients = frame.getByRole("region", { name: "Recipients" });
  await sender.getByRole("group", { name: "Contact: Renée Dubois" }).waitFor({ timeout: 60_000 });
  await recipients.getByText("Thomas Becker").waitFor();
  await email.getByText("This e-mail is not linked to any contact.").waitFor();
  expect(await email.getByRole("switch").count()).toBe(0);
  expect(await frame.getByRole("button", { name: /^Link this e-mail/ }).count()).toBe(0);
  expect(await frame.getByRole("button", { name: /^Create contact/ }).count()).toBe(0);
  await sender.getByRole("button", { name: "All history of Renée Dubois" }).click();
  await sender.getByText("Send the quote").first().waitFor();
  expect(await sender.getByRole("checkbox").count()).toBe(0);
  for (const name of ["Add a note", "Log a call", "Add a task"]) {
    expect(await sender.getByRole("button", { name }).count()).toBe(0);
  }
  await screenshot(session.page, "contacts-reader-item");
  await noSeriousViolations();

  await list.getByRole("button", { name: /Ann Lee/ }).click();
  const card = frame.getByRole("article", { name: "Ann Lee" });
  // A task's state is told, not offered to tick.
  await card.getByText("Send the quote").waitFor();
  await card.getByText("Not done yet").waitFor();
  expect(await card.getByRole("checkbox").count()).toBe(0);
  for (const name of ["Edit", "Delete", "Add a note", "Log a call", "Add a task"]) {
    expect(await card.getByRole("button", { name }).count()).toBe(0);
  }
  await screenshot(session.page, "contacts-reader-card");
  await noSeriousViolations();
  await card.getByRole("button", { name: "Back" }).click();

  await frame.getByRole("tab", { name: "Companies" }).click();
  const companies = frame.getByRole("list", { name: "Companies" });
  await companies.getByRole("button", { name: /Fabrikam/ }).click();
  const company = frame.getByRole("article", { name: "Fabrikam" });
  await company.getByText("Send the quote").waitFor();
  for (const name of ["Edit", "Delete", "Add a note", "Log a call", "Add a task"]) {
    expect(await company.getByRole("button", { name }).count()).toBe(0);
  }
  expect(await company.getByRole("checkbox").count()).toBe(0);
  await company.getByRole("button", { name: "Back" }).click();
  expect(await frame.getByRole("button", { name: "New company" }).count()).toBe(0);

  await frame.getByRole("tab", { name: "Groups" }).click();
  await frame
    .getByRole("list", { name: "Groups" })
    .getByRole("button", { name: /Newsletter/ })
    .click();
  const group = frame.getByRole("article", { name: "Newsletter" });
  await group.getByRole("list", { name: "Members of Newsletter" }).getByText("Ann Lee").waitFor();
  expect(await group.getByRole("searchbox", { name: "Find a contact to add" }).count()).toBe(0);
  for (const name of [/^Remove /, "Edit", "Delete"]) {
    expect(await group.getByRole("button", { name }).count()).toBe(0);
  }
  await group.getByRole("button", { name: "Back" }).click();
  expect(await frame.getByRole("button", { name: "New group" }).count()).toBe(0);

  // Nothing was sent, tried or refused in the reader's name: the e-mail is still not linked.
  await allSent(frame);
  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Needs attention (0)" }).waitFor();
  await session.page.keyboard.press("Escape");
  await email.getByText("This e-mail is not linked to any contact.").waitFor();
  const { records } = await pullAll(db, owner);
  expect([...records.values()].filter((r) => r.type === "history").map((r) => r.id)).toEqual([
    "h-task",
  ]);

  // An editor of the same database is offered all of it.
  const editor = await share(db, owner, "editor");
  const theirs = await openHarness(session, { user: editor.email, userName: "Ed Editor" });
  await theirs.getByRole("heading", { name: "Shared to read" }).waitFor({ timeout: 60_000 });
  await theirs.getByRole("button", { name: "New contact" }).waitFor({ timeout: 60_000 });
  expect(await theirs.getByText("You can read this database but not change it.").count()).toBe(0);
  await theirs
    .getByRole("region", { name: "This e-mail" })
    .getByRole("switch", { name: "Link e-mails from my contacts automatically" })
    .waitFor();
  await theirs.getByRole("button", { name: "Create contact for Thomas Becker" }).waitFor();
  await theirs
    .getByRole("list", { name: "Contacts", exact: true })
    .getByRole("button", { name: /Ann Lee/ })
    .click();
  const theirCard = theirs.getByRole("article", { name: "Ann Lee" });
  await theirCard.getByRole("button", { name: "Edit" }).waitFor();
  await theirCard.getByRole("checkbox", { name: "Done: Send the quote" }).waitFor();
}, 180_000);
