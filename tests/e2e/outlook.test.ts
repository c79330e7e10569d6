/**
 * The pane beside the Outlook item, in Chromium through the harness and its fake mailbox:
 * contacts and history of the people in the selected e-mail, linking (once, however often),
 * following the selection, "Create contact" for an unknown sender, opening linked items (beside
 * the item and from a contact's card), "Open contact" to the Contacts tab, an e-mail moved to
 * another folder (a new item id) keeping its links, automatic linking, and the ribbon's Work
 * offline command; nothing is linked for a reader, nor before the pane knows the user's role.
 * Each test signs in as a user of its own with a database made and filled
 * through the API; the harness's mailbox holds the sample items.
 */
import type { FrameLocator, Page, Route } from "playwright-core";
import { SAMPLE_ITEMS } from "../../src/harness/sample-data";
import type { SampleItem, SampleMessage } from "../../src/office/fake-mailbox";
import { historyIdForMessage } from "../../src/shared/records";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import type { Member } from "../support/db";
import { Client, create, newDatabase, newMember, pullAll, share } from "../support/db";
import { call } from "../support/http";
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

function sample(subject: string): SampleItem {
  const item = SAMPLE_ITEMS.find((i) => i.subject.startsWith(subject));
  if (!item) throw new Error(`No sample item "${subject}"`);
  return item;
}

function sampleMessage(subject: string): SampleMessage {
  const item = sample(subject);
  if (item.itemType !== "message") throw new Error(`"${subject}" is not an e-mail`);
  return item;
}

/** Outlook's REST form of an item id, as the pane stores it (convertToRestId). */
const restId = (itemId: string) => itemId.replace(/\//g, "-").replace(/\+/g, "_");

const lyon = sampleMessage("RE: Q1 order volumes");
const invoice = sampleMessage("Invoice 2026-1187");
const introduction = sampleMessage("Introduction: Blue Yonder");

const renee = create("contact", "c-renee", {
  displayName: "Renée Dubois",
  givenName: "Renée",
  familyName: "Dubois",
  jobTitle: "Head of Purchasing",
  // Another case than the e-mail's: addresses match regardless of case.
  emails: [
    { address: "renee@home.example", label: "home" },
    { address: "Renee.Dubois@Fabrikam.com", label: "work", primary: true },
  ],
});
const thomas = create("contact", "c-thomas", {
  displayName: "Thomas Becker",
  emails: [{ address: "thomas.becker@fabrikam.com", label: "work", primary: true }],
});
const daniel = create("contact", "c-daniel", {
  displayName: "Daniel Okafor",
  emails: [{ address: "daniel.okafor@northwindtraders.com", label: "work", primary: true }],
});
const fabrikam = create("company", "co-fabrikam", {
  name: "Fabrikam",
  domains: ["fabrikam.com"],
});

/** A user with a database holding `records`, and the harness open on it. */
function paneWith(
  name: string,
  records: ReturnType<typeof create>[],
  options: { autoLink?: boolean } = {},
): Promise<{ frame: FrameLocator; member: Member; db: string }> {
  if (options.autoLink !== false) return openNewDatabase(session, name, records);
  return openNewDatabase(session, name, records, {
    // The page is on the add-in's origin (beforeAll, or the previous test's harness).
    beforeOpening: (db) =>
      session.page.evaluate((key) => localStorage.setItem(key, "false"), `bcm.autoLink.${db}`),
  });
}

async function noSeriousViolations() {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

async function historyIn(db: string, member: Member) {
  const { records } = await pullAll(db, member);
  return [...records.values()].filter((r) => r.type === "history");
}

async function select(subject: string) {
  await session.page.getByRole("radio", { name: new RegExp(`^${subject}`) }).check();
}

test("an e-mail from a contact: card, company, history; linked once however often; the pane follows the selection", async () => {
  const { frame, member, db } = await paneWith(
    "link",
    [
      fabrikam,
      renee,
      thomas,
      daniel,
      create("history", "h-call", {
        kind: "phone",
        subject: "Called about the Q1 forecast",
        when: "2026-11-20T10:00:00Z",
        contactIds: ["c-renee"],
      }),
    ],
    { autoLink: false },
  );
  const sender = frame.getByRole("region", { name: "Sender" });
  const email = frame.getByRole("region", { name: "This e-mail" });

  const card = sender.getByRole("group", { name: "Contact: Renée Dubois" });
  await card.waitFor({ timeout: 30_000 });
  // The company comes from the address's domain.
  await card.getByText("Head of Purchasing, Fabrikam").waitFor();
  await sender.getByText("Called about the Q1 forecast").waitFor();
  await email.getByText("This e-mail is not linked to any contact.").waitFor();
  await screenshot(session.page, "outlook-contact-card");
  await noSeriousViolations();

  await sender.getByRole("button", { name: "Link this e-mail to Renée Dubois" }).click();
  await email.getByText("Linked to Renée Dubois").waitFor();
  await sender.getByText("Linked", { exact: true }).waitFor();
  const recent = sender.getByRole("list", { name: "Recent history of Renée Dubois" });
  await recent.getByRole("listitem").filter({ hasText: lyon.subject }).waitFor();
  expect(await recent.getByRole("listitem").count()).toBe(2);
  // The whole history shows the e-mail's snippet.
  await sender.getByRole("button", { name: "All history of Renée Dubois" }).click();
  const timeline = sender.getByRole("list", { name: "History" });
  const linked = timeline.getByRole("listitem").filter({ hasText: lyon.subject });
  await linked.getByText("Thank you for the figures.", { exact: false }).waitFor();
  await sender.getByRole("button", { name: "Hide history of Renée Dubois" }).click();
  await recent.waitFor();

  // A second contact of the same e-mail joins the same record; offline too, as a change that
  // waits to be sent.
  await allSent(frame);
  const workOffline = frame.getByRole("switch", { name: "Work offline" });
  await workOffline.check();
  await frame.getByText("Working offline").waitFor();
  const recipients = frame.getByRole("list", { name: "Recipients" });
  await recipients.getByRole("button", { name: "Link this e-mail to Thomas Becker" }).click();
  await email.getByText("Linked to Renée Dubois and Thomas Becker").waitFor();
  await frame.getByText("1 change waiting", { exact: false }).waitFor();
  await screenshot(session.page, "outlook-linked");
  await workOffline.uncheck();
  await noSeriousViolations();

  // The screen reader was told of the link; away from the e-mail, it is not told again.
  const told = frame
    .locator('[role="status"][aria-live="polite"]')
    .filter({ hasText: /Linked this e-mail/ });
  await told.waitFor({ state: "attached" });
  // Away and back (ItemChanged): still linked, nothing more to link.
  await select(invoice.subject);
  await sender.getByRole("group", { name: "Contact: Daniel Okafor" }).waitFor();
  await told.waitFor({ state: "detached" });
  await email.getByText("This e-mail is not linked to any contact.").waitFor();
  await select(lyon.subject);
  await email.getByText("Linked to Renée Dubois and Thomas Becker").waitFor();
  expect(await frame.getByRole("button", { name: /^Link this e-mail/ }).count()).toBe(0);

  await allSent(frame);
  const id = await historyIdForMessage(lyon.internetMessageId);
  const history = await eventually(
    () => historyIn(db, member),
    (h) => h.some((r) => r.id === id),
  );
  const emails = history.filter((r) => r.fields.kind === "email");
  expect(emails).toHaveLength(1);
  expect(emails[0]?.id).toBe(id);
  expect(emails[0]?.fields).toMatchObject({
    subject: lyon.subject,
    contactIds: ["c-renee", "c-thomas"],
    companyId: "co-fabrikam",
    direction: "incoming",
    internetMessageId: lyon.internetMessageId,
    conversationId: lyon.conversationId,
    itemIdHint: restId(lyon.itemId),
    linkedBy: member.email.toLowerCase(),
  });

  // An appointment: its organizer, and its attendees.
  await select("Wingtip Toys contract renewal");
  const organizer = frame.getByRole("region", { name: "Organizer" });
  await organizer.getByText("Grace Mitchell").waitFor();
  await organizer.getByRole("button", { name: "Create contact for Grace Mitchell" }).waitFor();
  await frame.getByRole("list", { name: "Attendees" }).getByText("Liam O'Brien").waitFor();
  await screenshot(session.page, "outlook-appointment");
  await noSeriousViolations();

  await select("No item selected");
  await frame.getByText("No item selected").waitFor();
  expect(await frame.getByRole("region", { name: "This e-mail" }).count()).toBe(0);
}, 120_000);

test("an unknown sender becomes a new contact in two clicks, with the company of the domain", async () => {
  const { frame, member, db } = await paneWith("create", [
    create("company", "co-by", {
      name: "Blue Yonder Airlines",
      websites: ["https://www.blueyonderairlines.com"],
    }),
  ]);
  await select(introduction.subject);
  const sender = frame.getByRole("region", { name: "Sender" });
  await sender.getByText("Company: Blue Yonder Airlines").waitFor({ timeout: 30_000 });

  await sender.getByRole("button", { name: "Create contact for Kenji Watanabe" }).click();
  const form = sender.getByRole("form", {
    name: `New contact for ${introduction.from.emailAddress}`,
  });
  expect(await form.getByRole("textbox", { name: "First name" }).inputValue()).toBe("Kenji");
  expect(await form.getByRole("textbox", { name: "Last name" }).inputValue()).toBe("Watanabe");
  expect(
    await form.getByRole("checkbox", { name: "Works at Blue Yonder Airlines" }).isChecked(),
  ).toBe(true);
  await screenshot(session.page, "outlook-create-contact");
  await noSeriousViolations();
  await form.getByRole("button", { name: "Save contact" }).click();

  const card = sender.getByRole("group", { name: "Contact: Kenji Watanabe" });
  await card.getByText("Blue Yonder Airlines").waitFor();
  // Automatic linking is on by default: the new contact's e-mail is linked to it.
  await frame
    .getByRole("region", { name: "This e-mail" })
    .getByText("Linked to Kenji Watanabe")
    .waitFor();
  await screenshot(session.page, "outlook-contact-created");

  await allSent(frame);
  const { records } = await eventually(
    () => pullAll(db, member),
    (pulled) => [...pulled.records.values()].some((r) => r.type === "contact"),
  );
  const contacts = [...records.values()].filter((r) => r.type === "contact");
  expect(contacts).toHaveLength(1);
  expect(contacts[0]?.fields).toEqual({
    givenName: "Kenji",
    familyName: "Watanabe",
    displayName: "Kenji Watanabe",
    fileAs: "Watanabe, Kenji",
    emails: [{ address: introduction.from.emailAddress, label: "work", primary: true }],
    companyId: "co-by",
    owner: member.email.toLowerCase(),
  });
}, 120_000);

test("a linked item opens in Outlook; one Outlook no longer has is reported", async () => {
  const { frame } = await paneWith(
    "open",
    [
      renee,
      create("history", "h-earlier", {
        kind: "email",
        subject: "Earlier e-mail about Lyon",
        when: "2026-11-01T09:00:00Z",
        contactIds: ["c-renee"],
        itemIdHint: restId(lyon.itemId),
      }),
      create("history", "h-gone", {
        kind: "email",
        subject: "An e-mail since deleted",
        when: "2026-10-01T09:00:00Z",
        contactIds: ["c-renee"],
        itemIdHint: "AAMkAGQ5-deleted_item=",
      }),
    ],
    { autoLink: false },
  );
  const sender = frame.getByRole("region", { name: "Sender" });
  const opened = session.page.getByRole("list", { name: "Items the add-in asked Outlook to open" });

  // From the sender's latest items.
  await sender
    .getByRole("list", { name: "Recent history of Renée Dubois" })
    .getByRole("button", { name: "Open in Outlook: Earlier e-mail about Lyon" })
    .click({ timeout: 30_000 });
  await opened.getByText(`Opened e-mail: ${lyon.subject}`).waitFor();

  // From the whole history.
  await sender.getByRole("button", { name: "All history of Renée Dubois" }).click();
  await sender
    .getByRole("list", { name: "History" })
    .getByRole("listitem")
    .filter({ hasText: "An e-mail since deleted" })
    .getByRole("button", { name: "Open in Outlook" })
    .click();
  await sender
    .getByText("Outlook could not find this e-mail; it may have been moved or deleted.")
    .waitFor();
  await opened.getByText("Not found: AAMkAGQ5/deleted+item=").waitFor();
  await screenshot(session.page, "outlook-open-missing");
  await noSeriousViolations();
  await sender.getByRole("button", { name: "Dismiss" }).click();
  expect(
    await sender.getByText("Outlook could not find this e-mail", { exact: false }).count(),
  ).toBe(0);

  // From the contact's card in the Contacts tab, and what Outlook could not find said there.
  await frame
    .getByRole("list", { name: "Contacts", exact: true })
    .getByRole("button", { name: /Renée Dubois/ })
    .click();
  const card = frame.getByRole("article", { name: "Renée Dubois" });
  const cardHistory = card.getByRole("list", { name: "History" });
  await cardHistory
    .getByRole("listitem")
    .filter({ hasText: "Earlier e-mail about Lyon" })
    .getByRole("button", { name: "Open in Outlook" })
    .click();
  // A second time: the first was from the sender's latest items.
  await opened.getByText(`Opened e-mail: ${lyon.subject}`).nth(1).waitFor();
  await cardHistory
    .getByRole("listitem")
    .filter({ hasText: "An e-mail since deleted" })
    .getByRole("button", { name: "Open in Outlook" })
    .click();
  const problem = frame
    .getByText("Outlook could not find this e-mail; it may have been moved or deleted.")
    .last();
  await problem.waitFor();
  await problem.scrollIntoViewIfNeeded();
  await screenshot(session.page, "outlook-open-missing-from-card");
  await noSeriousViolations();
}, 120_000);

test("Open contact beside the e-mail shows the contact's card in the Contacts tab", async () => {
  const { frame } = await paneWith("jump", [renee, fabrikam], { autoLink: false });
  // From another tab, with a search typed in the Contacts tab before.
  const search = frame.getByRole("searchbox", { name: "Search contacts" });
  await search.fill("nobody", { timeout: 30_000 });
  await frame.getByRole("tab", { name: "Companies" }).click();
  await frame
    .getByRole("region", { name: "Sender" })
    .getByRole("group", { name: "Contact: Renée Dubois" })
    .getByRole("button", { name: "Open contact" })
    .click({ timeout: 30_000 });
  const card = frame.getByRole("article", { name: "Renée Dubois" });
  await card.getByRole("heading", { name: "Renée Dubois" }).waitFor();
  expect(await frame.getByRole("tab", { name: "Contacts" }).getAttribute("aria-selected")).toBe(
    "true",
  );
  await screenshot(session.page, "outlook-open-contact");
  await noSeriousViolations();
  // Back goes to the list, on the contact's row.
  await card.getByRole("button", { name: "Back" }).click();
  await frame
    .getByRole("list", { name: "Contacts", exact: true })
    .getByRole("button", { name: /Renée Dubois/ })
    .and(frame.locator(":focus"))
    .waitFor();
}, 120_000);

test("an e-mail moved to another folder keeps its links: selected again under its new item id, it shows them", async () => {
  // Automatic linking off: what shows as linked comes from the record, not from a new link.
  const { frame, member, db } = await paneWith("move", [renee, thomas], { autoLink: false });
  const sender = frame.getByRole("region", { name: "Sender" });
  const email = frame.getByRole("region", { name: "This e-mail" });
  await sender
    .getByRole("button", { name: "Link this e-mail to Renée Dubois" })
    .click({ timeout: 30_000 });
  await email.getByText("Linked to Renée Dubois").waitFor();
  await allSent(frame);

  // Outlook gives the moved e-mail a new item id; its internetMessageId stays.
  await session.page.getByRole("button", { name: "Move to another folder" }).click();
  await frame.getByText("No item selected").waitFor();
  const moved = session.page.getByRole("radio", { name: new RegExp(`^${lyon.subject}`) });
  expect(await moved.getAttribute("value")).not.toBe(lyon.itemId);
  await moved.check();
  await email.getByText("Linked to Renée Dubois").waitFor();
  await sender.getByText("Linked", { exact: true }).waitFor();
  expect(await sender.getByRole("button", { name: /^Link this e-mail/ }).count()).toBe(0);
  // Linking a second contact adds to the same record.
  await frame
    .getByRole("list", { name: "Recipients" })
    .getByRole("button", { name: "Link this e-mail to Thomas Becker" })
    .click();
  await email.getByText("Linked to Renée Dubois and Thomas Becker").waitFor();
  await allSent(frame);
  const history = await eventually(
    () => historyIn(db, member),
    (h) => h.some((r) => (r.fields.contactIds as string[] | undefined)?.length === 2),
  );
  expect(history.map((r) => [r.id, r.fields.contactIds])).toEqual([
    [await historyIdForMessage(lyon.internetMessageId), ["c-renee", "c-thomas"]],
  ]);
}, 120_000);

test("e-mails from contacts are linked automatically, unless the setting is off", async () => {
  const { frame, member, db } = await paneWith("auto", [renee, daniel]);
  const email = frame.getByRole("region", { name: "This e-mail" });
  const setting = email.getByRole("switch", {
    name: "Link e-mails from my contacts automatically",
  });

  // On by default: the selected e-mail from Renée is linked without a click.
  await email.getByText("Linked to Renée Dubois").waitFor({ timeout: 30_000 });
  expect(await setting.isChecked()).toBe(true);
  await screenshot(session.page, "outlook-auto-linked");
  await noSeriousViolations();

  await setting.uncheck();
  await allSent(frame);
  await select(invoice.subject);
  await frame
    .getByRole("region", { name: "Sender" })
    .getByRole("group", { name: "Contact: Daniel Okafor" })
    .waitFor();
  await allSent(frame);
  await email.getByText("This e-mail is not linked to any contact.").waitFor();

  // The choice is kept for this database.
  await session.page.reload();
  await frame.getByRole("heading", { name: "auto database" }).waitFor({ timeout: 30_000 });
  expect(await setting.isChecked()).toBe(false);
  await select(invoice.subject);
  await allSent(frame);
  await email.getByText("This e-mail is not linked to any contact.").waitFor();
  await screenshot(session.page, "outlook-auto-link-off");

  // Switched on again, the e-mail in view is linked.
  await setting.check();
  await email.getByText("Linked to Daniel Okafor").waitFor();
  await allSent(frame);
  const history = await eventually(
    () => historyIn(db, member),
    (h) => h.length >= 2,
  );
  expect(history.map((r) => r.id).sort()).toEqual(
    [
      await historyIdForMessage(lyon.internetMessageId),
      await historyIdForMessage(invoice.internetMessageId),
    ].sort(),
  );
}, 120_000);

/**
 * Holds the pane's `/me` requests until `release()`: the pane opens its copy without the
 * database having said the user's role. `asked` settles once a request is held.
 */
async function holdMe(page: Page) {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held = () => {};
  const asked = new Promise<void>((resolve) => (held = resolve));
  const isMe = (url: URL) => url.pathname.endsWith("/me");
  const handler = async (route: Route) => {
    held();
    await gate;
    // The pane may have given up on it meanwhile (then there is nothing left to answer).
    await route.continue().catch(() => undefined);
  };
  await page.route(isMe, handler);
  return {
    asked,
    release: async () => {
      open();
      await page.unroute(isMe, handler);
    },
  };
}

test("automatic linking waits for the role: never for a reader, for an editor once /me says so", async () => {
  const owner = await newMember("role-owner");
  const db = await newDatabase(owner, "role database");
  const pushed = await new Client(db, owner).push([fabrikam, renee]);
  expect(pushed.body.results.every((r) => r.status === "applied")).toBe(true);
  const member = await share(db, owner, "reader");
  const frame = await openHarness(session, { user: member.email, userName: "Rita Reader" });
  const email = frame.getByRole("region", { name: "This e-mail" });
  const sender = frame.getByRole("region", { name: "Sender" });
  const card = sender.getByRole("group", { name: "Contact: Renée Dubois" });
  const setting = email.getByRole("switch", {
    name: "Link e-mails from my contacts automatically",
  });
  const notLinked = email.getByText("This e-mail is not linked to any contact.");
  /** Beside the e-mail from Renée, nothing offered to link, and nothing linked. */
  const nothingToLink = async () => {
    await card.waitFor({ timeout: 60_000 });
    await notLinked.waitFor();
    expect(await setting.count()).toBe(0);
    expect(await sender.getByRole("button", { name: /^Link this e-mail/ }).count()).toBe(0);
  };

  await frame.getByRole("heading", { name: "role database" }).waitFor({ timeout: 60_000 });
  await nothingToLink();

  // Opened again, the pane shows its copy before /me answers, going by the role /me gave last.
  const first = await holdMe(session.page);
  await session.page.reload();
  await first.asked;
  await nothingToLink();
  await first.release();
  await frame.getByText("You can read this database but not change it.").waitFor();
  await nothingToLink();
  await allSent(frame);

  // Made an editor: until /me says so, the pane still knows a reader, and links nothing.
  const promoted = await call(`/databases/${db}/members/${encodeURIComponent(member.email)}`, {
    method: "PUT",
    token: owner.token,
    body: { role: "editor", syncSet: null },
  });
  expect(promoted.status).toBe(200);
  const second = await holdMe(session.page);
  await session.page.reload();
  await second.asked;
  await nothingToLink();
  expect(await historyIn(db, owner)).toEqual([]);
  await second.release();
  await email.getByText("Linked to Renée Dubois").waitFor({ timeout: 30_000 });
  expect(await setting.isChecked()).toBe(true);
  await allSent(frame);
  const history = await eventually(
    () => historyIn(db, owner),
    (h) => h.length > 0,
  );
  expect(history.map((r) => r.id)).toEqual([await historyIdForMessage(lyon.internetMessageId)]);
}, 120_000);

test("the ribbon's Work offline command switches the pane offline, and back", async () => {
  const { frame } = await paneWith("ribbon", []);
  await frame.getByText("Database online").waitFor({ timeout: 30_000 });
  const button = session.page.getByRole("button", { name: "Work offline", disabled: false });
  await button.click({ timeout: 30_000 });
  await frame.getByText("Working offline").waitFor();
  await screenshot(session.page, "outlook-ribbon-offline");
  await noSeriousViolations();
  await button.click();
  await frame.getByText("Database online").waitFor();
}, 120_000);
