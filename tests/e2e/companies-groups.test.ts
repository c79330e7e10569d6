/**
 * The Companies and Groups tabs in Chromium against the real stack: a company's contacts and
 * history, a new company, a group's members added and removed (both sides of the membership
 * reaching the shared database). One browser for the file; each test has a user of its own.
 */
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { create, pullAll } from "../support/db";
import {
  accessibilityViolations,
  browserPerFile,
  eventually,
  openNewDatabase,
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

async function noSeriousViolations() {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

const records = [
  create("company", "k-fab", {
    name: "Fabrikam",
    industry: "Manufacturing",
    domains: ["fabrikam.com"],
  }),
  create("company", "k-lit", { name: "Litware" }),
  create("contact", "renee", {
    displayName: "Renée Dubois",
    jobTitle: "Head of Purchasing",
    companyId: "k-fab",
    groupIds: ["g-news"],
  }),
  create("contact", "thomas", { displayName: "Thomas Becker", companyId: "k-fab" }),
  create("contact", "wang", { displayName: "Wang Fang", companyId: "k-lit" }),
  create("group", "g-news", { name: "Newsletter", memberIds: ["renee"] }),
  create("history", "h-offer", {
    kind: "email",
    subject: "Offer for Q1",
    when: "2026-11-20T09:00:00.000Z",
    companyId: "k-fab",
    itemIdHint: "AAMkAGI2",
  }),
  create("history", "h-call", {
    kind: "phone",
    subject: "Call with Thomas",
    when: "2026-11-24T15:00:00.000Z",
    contactIds: ["thomas"],
  }),
];

test("a company shows its contacts and its history; a contact opens from it; a new company", async () => {
  const { frame } = await openNewDatabase(session, "companies", records);
  await frame.getByRole("tab", { name: "Companies" }).click();
  const companies = frame.getByRole("list", { name: "Companies", exact: true });
  await companies.getByRole("button", { name: /Fabrikam/ }).waitFor({ timeout: 30_000 });
  await screenshot(session.page, "companies-list");
  await noSeriousViolations();

  await frame.getByRole("searchbox", { name: "Search companies" }).fill("manuf");
  await frame.getByText("1 of 2 companies").waitFor();
  await companies.getByRole("button", { name: /Fabrikam/ }).click();

  const card = frame.getByRole("article", { name: "Fabrikam" });
  const people = card.getByRole("list", { name: "Contacts at Fabrikam" });
  expect(await people.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Renée Dubois"),
    expect.stringContaining("Thomas Becker"),
  ]);
  // Its history: its own e-mail and its contacts' items, newest first. The e-mail names an
  // Outlook item, which this user's mailbox does not hold: the pane says so.
  const history = card.getByRole("list", { name: "History" });
  expect(await history.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Call with Thomas"),
    expect.stringContaining("Offer for Q1"),
  ]);
  await history
    .getByRole("listitem")
    .filter({ hasText: "Offer for Q1" })
    .getByRole("button", { name: "Open in Outlook" })
    .click();
  await frame
    .getByText("Outlook could not find this e-mail; it may have been moved or deleted.")
    .waitFor();
  await screenshot(session.page, "companies-card");
  await noSeriousViolations();
  await frame.getByRole("button", { name: "Dismiss" }).click();

  await people.getByRole("button", { name: /Thomas Becker/ }).click();
  const contact = frame.getByRole("article", { name: "Thomas Becker" });
  await contact.getByRole("definition").getByText("Fabrikam", { exact: true }).waitFor();
  await contact.getByRole("button", { name: "Back" }).click();
  await card.getByRole("heading", { name: "Fabrikam" }).waitFor();
  await card.getByRole("button", { name: "Back" }).click();

  await frame.getByRole("button", { name: "New company" }).click();
  const form = frame.getByRole("form", { name: "New company" });
  await form.getByRole("button", { name: "Save" }).click();
  await form.getByText("Name is required to create a company.").waitFor();
  await form.getByRole("textbox", { name: "Name" }).fill("Contoso");
  await form.getByRole("textbox", { name: "Domains" }).fill("contoso.com, not a domain");
  await form.getByRole("button", { name: "Save" }).click();
  await form.getByText(/^Domains must be a lower-case domain name/).waitFor();
  await screenshot(session.page, "companies-new-invalid");
  await noSeriousViolations();
  await form.getByRole("textbox", { name: "Domains" }).fill("Contoso.com");
  await form.getByRole("button", { name: "Save" }).click();
  const created = frame.getByRole("article", { name: "Contoso" });
  await created.getByText("contoso.com").waitFor();
  await created.getByText("No contacts at this company yet.", { exact: false }).waitFor();
});

test("a group's members: added from a search, removed, written on both sides", async () => {
  const { frame, member, db } = await openNewDatabase(session, "groups", records);
  await frame.getByRole("tab", { name: "Groups" }).click();
  const groups = frame.getByRole("list", { name: "Groups", exact: true });
  await groups.getByRole("button", { name: /Newsletter/ }).waitFor({ timeout: 30_000 });
  await screenshot(session.page, "groups-list");
  await noSeriousViolations();

  // A new group, then back to the list.
  await frame.getByRole("button", { name: "New group" }).click();
  const form = frame.getByRole("form", { name: "New group" });
  await form.getByRole("textbox", { name: "Name" }).fill("Trade show 2026");
  await form.getByRole("textbox", { name: "Description" }).fill("People we met at the stand.");
  await screenshot(session.page, "groups-new");
  await noSeriousViolations();
  await form.getByRole("button", { name: "Save" }).click();
  const created = frame.getByRole("article", { name: "Trade show 2026" });
  await created.getByText("No members yet.", { exact: false }).waitFor();
  await created.getByRole("button", { name: "Back" }).click();

  await groups.getByRole("button", { name: /Newsletter/ }).click();

  const card = frame.getByRole("article", { name: "Newsletter" });
  const members = card.getByRole("list", { name: "Members of Newsletter" });
  expect(await members.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Renée Dubois"),
  ]);

  await card.getByRole("searchbox", { name: "Find a contact to add" }).fill("wang");
  await card.getByRole("button", { name: "Add Wang Fang to Newsletter" }).click();
  await members.getByRole("listitem").filter({ hasText: "Wang Fang" }).waitFor();
  await card.getByText("Wang Fang added.").waitFor();
  await screenshot(session.page, "groups-card");
  await noSeriousViolations();

  await card.getByRole("button", { name: "Remove Renée Dubois from Newsletter" }).click();
  await members.getByRole("listitem").filter({ hasText: "Renée Dubois" }).waitFor({
    state: "detached",
  });
  expect(await members.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Wang Fang"),
  ]);

  // The Contacts tab filters by the group.
  await card.getByRole("button", { name: "Back" }).click();
  await groups.getByRole("button", { name: /Newsletter.*1 member/ }).waitFor();
  await frame.getByRole("tab", { name: "Contacts" }).click();
  await frame.getByRole("button", { name: "Filters" }).click();
  await frame
    .getByRole("combobox", { name: "Filter by group" })
    .selectOption({ label: "Newsletter" });
  const contacts = frame.getByRole("list", { name: "Contacts", exact: true });
  await frame.getByText("1 of 3 contacts").waitFor();
  expect(await contacts.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Wang Fang"),
  ]);
  await screenshot(session.page, "contacts-filtered-by-group");
  await noSeriousViolations();

  const copy = await eventually(
    () => pullAll(db, member),
    (c) =>
      JSON.stringify(c.records.get("group:g-news")?.fields.memberIds) === '["wang"]' &&
      c.records.get("contact:renee")?.fields.groupIds === undefined &&
      JSON.stringify(c.records.get("contact:wang")?.fields.groupIds) === '["g-news"]',
  );
  expect(copy.records.get("group:g-news")?.fields.memberIds).toEqual(["wang"]);
  expect(copy.records.get("contact:wang")?.fields.groupIds).toEqual(["g-news"]);
  expect(copy.records.get("contact:renee")?.fields.groupIds).toBeUndefined();
});
