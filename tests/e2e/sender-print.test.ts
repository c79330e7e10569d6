/**
 * Create contact from an e-mail's sender, and print and reports, in Chromium through the harness
 * against the real stack: the company found by the sender's domain, or a new one named from an
 * unknown domain, created with the contact; the job title and phone numbers of the sender's
 * signature offered one by one and saved only when used (never a recipient's, never from the
 * quoted message); "Print list" printing every contact of the search (more than the virtual
 * list renders) with the print stylesheet hiding the pane's chrome; a contact's card printed
 * with its whole history; the reports' counts for a known data set. Each test signs in as a user
 * of its own with a database made and filled through the API.
 */
import type { FrameLocator } from "playwright-core";
import { SAMPLE_ITEMS } from "../../src/harness/sample-data";
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
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

async function noSeriousViolations() {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

function sampleMessage(subject: string) {
  const item = SAMPLE_ITEMS.find((i) => i.subject.startsWith(subject));
  if (item?.itemType !== "message") throw new Error(`No sample e-mail "${subject}"`);
  return item;
}

const delivery = sampleMessage("RE: Delivery address");
const introduction = sampleMessage("Introduction: Blue Yonder");

async function select(subject: string) {
  await session.page.getByRole("radio", { name: new RegExp(`^${subject}`) }).check();
}

async function recordsIn(db: string, member: Member, type: string) {
  const { records } = await pullAll(db, member);
  return [...records.values()].filter((r) => r.type === type);
}

test("a sender's contact: the company found by domain, a signature's job title and one phone used", async () => {
  const { frame, member, db } = await openNewDatabase(session, "sender", [
    create("company", "co-fab", { name: "Fabrikam", domains: ["fabrikam.com"] }),
  ]);
  await select(delivery.subject);
  const sender = frame.getByRole("region", { name: "Sender" });
  await sender.getByText("Company: Fabrikam").waitFor({ timeout: 30_000 });
  await sender.getByRole("button", { name: "Create contact for Élodie Martin" }).click();
  const form = sender.getByRole("form", { name: `New contact for ${delivery.from.emailAddress}` });
  expect(await form.getByRole("checkbox", { name: "Works at Fabrikam" }).isChecked()).toBe(true);

  const offers = form.getByRole("group", { name: "From the e-mail's signature" });
  await offers.waitFor();
  // The sender's own signature, not Megan's in the quoted message below it.
  expect(await offers.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Job title: Logistics Manager"),
    expect.stringContaining("Phone (work): +33 4 72 10 45 99"),
    expect.stringContaining("Phone (mobile): +33 6 45 12 78 30"),
  ]);
  // Nothing is filled in before "Use".
  expect(await form.getByRole("textbox", { name: "Job title" }).inputValue()).toBe("");
  await screenshot(session.page, "sender-create-offers");
  await noSeriousViolations();

  await offers.getByRole("button", { name: "Use job title Logistics Manager" }).click();
  expect(await form.getByRole("textbox", { name: "Job title" }).inputValue()).toBe(
    "Logistics Manager",
  );
  await offers.getByRole("button", { name: "Use Phone (work): +33 4 72 10 45 99" }).click();
  const chosen = form.getByRole("list", { name: "Phone numbers" });
  expect(await chosen.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Phone (work): +33 4 72 10 45 99"),
  ]);
  // Used offers leave the list of offers; the mobile number stays offered, unused.
  expect(await offers.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Phone (mobile): +33 6 45 12 78 30"),
  ]);
  await form.getByRole("button", { name: "Save contact" }).click();

  const card = sender.getByRole("group", { name: "Contact: Élodie Martin" });
  await card.getByText("Logistics Manager, Fabrikam").waitFor();
  await allSent(frame);
  const contacts = await eventually(
    () => recordsIn(db, member, "contact"),
    (found) => found.length === 1,
  );
  expect(contacts[0]?.fields).toMatchObject({
    displayName: "Élodie Martin",
    jobTitle: "Logistics Manager",
    companyId: "co-fab",
    phones: [{ number: "+33 4 72 10 45 99", label: "work" }],
  });
  expect(await recordsIn(db, member, "company")).toHaveLength(1);
}, 120_000);

test("an unknown domain: a new company named from it, created with the contact; nothing from the signature without Use; no offers for a recipient", async () => {
  const { frame, member, db } = await openNewDatabase(session, "newco");
  await select(introduction.subject);
  const sender = frame.getByRole("region", { name: "Sender" });
  await sender.getByText("Not in your contacts").waitFor({ timeout: 30_000 });
  await sender.getByRole("button", { name: "Create contact for Kenji Watanabe" }).click();
  const form = sender.getByRole("form", {
    name: `New contact for ${introduction.from.emailAddress}`,
  });
  const newCompany = form.getByRole("checkbox", { name: "New company: Blueyonderairlines" });
  expect(await newCompany.isChecked()).toBe(true);
  const companyName = form.getByRole("textbox", { name: "Company name" });
  expect(await companyName.inputValue()).toBe("Blueyonderairlines");
  await companyName.fill("Blue Yonder Airlines");
  await form.getByRole("checkbox", { name: "New company: Blue Yonder Airlines" }).waitFor();
  // Offered, but not used.
  await form
    .getByRole("group", { name: "From the e-mail's signature" })
    .getByText("Job title: Cargo Sales")
    .waitFor();
  await screenshot(session.page, "sender-new-company");
  await noSeriousViolations();
  await form.getByRole("button", { name: "Save contact" }).click();
  await sender.getByRole("group", { name: "Contact: Kenji Watanabe" }).waitFor();
  await allSent(frame);

  const companies = await eventually(
    () => recordsIn(db, member, "company"),
    (found) => found.length === 1,
  );
  expect(companies[0]?.fields).toMatchObject({
    name: "Blue Yonder Airlines",
    domains: ["blueyonderairlines.com"],
  });
  const contacts = await recordsIn(db, member, "contact");
  expect(contacts).toHaveLength(1);
  expect(contacts[0]?.fields.companyId).toBe(companies[0]?.id);
  expect(contacts[0]?.fields).not.toHaveProperty("jobTitle");
  expect(contacts[0]?.fields).not.toHaveProperty("phones");

  // A recipient wrote no part of the e-mail: their form offers nothing from it, where the
  // sender's form of the same e-mail does.
  await select(delivery.subject);
  await sender.getByRole("button", { name: "Create contact for Élodie Martin" }).click();
  await sender.getByRole("group", { name: "From the e-mail's signature" }).waitFor();
  const recipients = frame.getByRole("region", { name: "Recipients" });
  await recipients.getByRole("button", { name: "Create contact for Renée Dubois" }).click();
  const theirs = recipients.getByRole("form", { name: /^New contact for renee\.dubois/ });
  await theirs.getByRole("checkbox", { name: "New company: Fabrikam" }).waitFor();
  expect(await theirs.getByRole("group", { name: "From the e-mail's signature" }).count()).toBe(0);
}, 120_000);

/** The pane's chrome, which print hides: its tabs, its status bar. */
function chrome(frame: FrameLocator) {
  return {
    tabs: frame.locator('[role="tab"]'),
    status: frame.locator('[role="status"]', { hasText: /Database (online|offline)/ }),
  };
}

async function printMedia(media: "print" | "screen") {
  await session.page.emulateMedia({ media });
}

const people = Array.from({ length: 240 }, (_, i) =>
  create("contact", `p${String(i).padStart(3, "0")}`, {
    displayName: `Person ${String(i).padStart(3, "0")}`,
    emails: [{ address: `person${i}@fabrikam.com`, label: "work", primary: true }],
    phones: [{ number: `+1 555 01${String(i).padStart(2, "0")}`, label: "work" }],
    companyId: "co-fab",
  }),
);

test("Print list prints every contact of the search, in order, with the pane's chrome hidden", async () => {
  const { frame } = await openNewDatabase(session, "print", [
    create("company", "co-fab", { name: "Fabrikam" }),
    create("contact", "renee", { displayName: "Renée Dubois" }),
    ...people,
  ]);
  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await frame.getByText("241 contacts").waitFor({ timeout: 30_000 });
  await frame.getByRole("searchbox", { name: "Search contacts" }).fill("person");
  await frame.getByText("240 of 241 contacts").waitFor();
  // The virtual list renders only the rows in view.
  expect(await list.getByRole("listitem").count()).toBeLessThan(60);

  await frame.getByRole("button", { name: "Print list…" }).click();
  const panel = frame.getByRole("dialog", { name: "Print contacts" });
  const table = panel.getByRole("table", { name: "Contacts" });
  await table.waitFor();
  await panel.getByText("print database: contacts").waitFor();
  await panel.getByText("Search “person” · sorted by name").waitFor();
  await panel.getByText("240 contacts").waitFor();
  await noSeriousViolations();

  const { tabs, status } = chrome(frame);
  expect(await tabs.first().isVisible()).toBe(true);
  expect(await status.isVisible()).toBe(true);
  await printMedia("print");
  try {
    await screenshot(session.page, "print-list");
    expect(await tabs.first().isVisible()).toBe(false);
    expect(await status.isVisible()).toBe(false);
    expect(await panel.locator("button", { hasText: /^Print$/ }).isVisible()).toBe(false);
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(240);
    const names = await rows.locator("td:first-child").allInnerTexts();
    expect(names).toEqual(people.map((p) => p.fields.displayName as unknown as string));
    expect(await rows.last().isVisible()).toBe(true);
    expect(await rows.last().innerText()).toContain("+1 555 01239");
    expect(await rows.first().innerText()).toContain("Fabrikam");
    expect(await rows.first().innerText()).toContain("person0@fabrikam.com");
  } finally {
    await printMedia("screen");
  }

  // "Print" hands the document to the browser's print.
  await frame.locator("body").evaluate(() => {
    const counted = window as unknown as { printed?: number };
    window.print = () => {
      counted.printed = (counted.printed ?? 0) + 1;
    };
  });
  await panel.getByRole("button", { name: "Print", exact: true }).click();
  expect(
    await frame.locator("body").evaluate(() => (window as unknown as { printed?: number }).printed),
  ).toBe(1);
  await panel.getByRole("button", { name: "Close Print contacts" }).click();
  await panel.waitFor({ state: "detached" });
}, 120_000);

test("a contact's card prints with its whole history", async () => {
  const history = Array.from({ length: 60 }, (_, i) =>
    create("history", `h${String(i).padStart(2, "0")}`, {
      kind: i % 2 === 0 ? "phone" : "note",
      subject: `Call number ${i}`,
      when: new Date(Date.UTC(2026, 5, 1, 9, i)).toISOString(),
      ...(i === 0 ? { body: "The first call of all, its whole text printed." } : {}),
      contactIds: ["renee"],
    }),
  );
  const { frame } = await openNewDatabase(session, "printcard", [
    create("contact", "renee", {
      displayName: "Renée Dubois",
      jobTitle: "Head of Purchasing",
      phones: [{ number: "+33 4 72 10 45 80", label: "work" }],
    }),
    ...history,
  ]);
  await frame
    .getByRole("list", { name: "Contacts", exact: true })
    .getByRole("button", { name: /Renée Dubois/ })
    .click({ timeout: 30_000 });
  const card = frame.getByRole("article", { name: "Renée Dubois" });
  await card.getByRole("button", { name: "Print", exact: true }).click();
  const panel = frame.getByRole("dialog", { name: "Print Renée Dubois" });
  const items = panel.getByRole("list", { name: "History" }).getByRole("listitem");
  await items.first().waitFor();
  await noSeriousViolations();
  // The card's own buttons: behind the panel (and hidden from screen readers by it), not gone.
  const back = frame.locator("article button", { hasText: "Back" });
  expect(await back.isVisible()).toBe(true);
  await printMedia("print");
  try {
    await screenshot(session.page, "print-contact");
    // The timeline shows 50 at a time; the print has all of them, newest first.
    expect(await items.count()).toBe(60);
    expect(await items.first().innerText()).toContain("Call number 59");
    expect(await items.last().innerText()).toContain("The first call of all, its whole text");
    await panel.getByText("+33 4 72 10 45 80").waitFor();
    expect(await chrome(frame).tabs.first().isVisible()).toBe(false);
    expect(await back.isVisible()).toBe(false);
  } finally {
    await printMedia("screen");
  }
}, 120_000);

test("reports count contacts by category and this month's history by kind", async () => {
  const now = Date.now();
  const day = 24 * 60 * 60 * 1000;
  const item = (id: string, kind: string, when: number) =>
    create("history", id, { kind, subject: id, when: new Date(when).toISOString() });
  const { frame } = await openNewDatabase(session, "reports", [
    create("contact", "a", { displayName: "A", categories: ["Customer", "Key account"] }),
    create("contact", "b", { displayName: "B", categories: ["Customer"] }),
    create("contact", "c", { displayName: "C", categories: ["customer"] }),
    create("contact", "d", { displayName: "D", categories: ["Supplier"] }),
    create("contact", "e", { displayName: "E" }),
    create("contact", "f", { displayName: "F" }),
    item("h1", "email", now),
    item("h2", "email", now - 1000),
    item("h3", "appointment", now),
    item("h4", "phone", now),
    // Long before this month, in any time zone.
    item("h5", "email", now - 40 * day),
    item("h6", "note", now - 70 * day),
  ]);
  await frame.getByText("6 contacts").waitFor({ timeout: 30_000 });
  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Reports…" }).click();
  const panel = frame.getByRole("dialog", { name: "Reports" });
  const rows = async (name: RegExp) =>
    panel.getByRole("table", { name }).locator("tbody tr").allInnerTexts();
  const clean = (texts: string[]) => texts.map((t) => t.replace(/\s+/g, " ").trim());
  await panel.getByRole("table", { name: /Contacts by category/ }).waitFor();
  expect(clean(await rows(/Contacts by category/))).toEqual([
    "Customer 3",
    "Key account 1",
    "Supplier 1",
    "No category 2",
  ]);
  expect(clean(await rows(/History this month by kind/))).toEqual([
    "E-mails 2",
    "Appointments 1",
    "Phone logs 1",
    "Notes 0",
    "Tasks 0",
    "Files 0",
  ]);
  await screenshot(session.page, "reports");
  await noSeriousViolations();
  await printMedia("print");
  try {
    await screenshot(session.page, "reports-print");
    expect(await chrome(frame).tabs.first().isVisible()).toBe(false);
    expect(await panel.getByRole("table", { name: /Contacts by category/ }).isVisible()).toBe(true);
  } finally {
    await printMedia("screen");
  }
}, 120_000);
