/**
 * The conflict inbox and "needs attention" in Chromium against the real stack. With the rule
 * "ask me", a field the user changed while working offline and a colleague changed meanwhile
 * through the API comes back as a conflict: the inbox shows mine against shared, who and when;
 * "Keep mine" sends mine again (the shared database then holds it), and "same choice for all"
 * answers every conflict. An editor's offline edits of contacts an owner moved out of the
 * editor's sync set are refused (`outside_sync_set`): the list shows the reason; one is
 * discarded, the other corrected and sent again once the owner subscribed the editor to it.
 */
import type { FrameLocator } from "playwright-core";
import type { WireRecord } from "../../src/shared/protocol";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import type { Member } from "../support/db";
import { Client, create, edit, newDatabase, newMember, pullAll, share } from "../support/db";
import { call } from "../support/http";
import {
  accessibilityViolations,
  browserPerFile,
  openHarness,
  openNewDatabase,
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

async function noSeriousViolations() {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

/** An owner (the pane's user) and an editor colleague, sharing a database that holds `records`. */
async function sharedDatabase(name: string, records: ReturnType<typeof create>[]) {
  const opened = await openNewDatabase(session, name, records, { userName: "Olga Owner" });
  const colleague = await share(opened.db, opened.member, "editor");
  await opened.frame.getByText("No changes waiting").waitFor({ timeout: 60_000 });
  return { owner: opened.member, colleague, db: opened.db, frame: opened.frame };
}

/** Changes one text field of a contact through the pane's contact form. */
async function editContact(frame: FrameLocator, name: string, label: string, value: string) {
  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByRole("button", { name: new RegExp(name) }).click();
  const card = frame.getByRole("article", { name });
  await card.getByRole("button", { name: "Edit" }).click();
  const form = frame.getByRole("form", { name: "Edit contact" });
  await form.getByRole("textbox", { name: label, exact: true }).fill(value);
  await form.getByRole("button", { name: "Save" }).click();
  await form.waitFor({ state: "detached" });
  await card.getByRole("button", { name: "Back" }).click();
}

async function setWorkOffline(frame: FrameLocator, on: boolean) {
  const toggle = frame.getByRole("switch", { name: "Work offline" });
  if (on) await toggle.check();
  else await toggle.uncheck();
  await frame.getByText(on ? "Working offline" : "Database online").waitFor();
}

/** Polls the shared database (as `member`) until `check` holds for the record `id`. */
async function serverRecord(
  db: string,
  member: Member,
  id: string,
  check: (record: WireRecord | undefined) => boolean,
): Promise<WireRecord | undefined> {
  for (let attempt = 0; ; attempt++) {
    const record = (await pullAll(db, member)).records.get(`contact:${id}`);
    if (check(record) || attempt >= 40) return record;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

test("a field changed offline and by a colleague: the inbox shows both sides, who and when; Keep mine wins on the server", async () => {
  const { owner, colleague, db, frame } = await sharedDatabase("conflict", [
    create("contact", "margaret", { displayName: "Margaret Taylor", jobTitle: "Buyer" }),
  ]);

  await setWorkOffline(frame, true);
  await editContact(frame, "Margaret Taylor", "Job title", "Head of Purchasing");
  await frame.getByText("1 change waiting", { exact: false }).waitFor();
  const theirs = await new Client(db, colleague).push([
    edit("contact", "margaret", 1, { jobTitle: "Buyer" }, { jobTitle: "Chief Buyer" }),
  ]);
  expect(theirs.body.results[0]?.status).toBe("applied");
  await setWorkOffline(frame, false);

  await frame.getByText("1 conflict waits for your answer.").waitFor({ timeout: 60_000 });
  await screenshot(session.page, "conflicts-notice");
  await noSeriousViolations();
  await frame.getByRole("button", { name: "Review conflicts" }).click();
  const panel = frame.getByRole("dialog", { name: "Conflicts" });
  const item = panel
    .getByRole("region", { name: /Margaret Taylor/ })
    .getByRole("group", { name: "Job title" });
  await item.getByText("Head of Purchasing").waitFor();
  await item.getByText("Chief Buyer").waitFor();
  await item.getByText(`Changed by ${colleague.email} on`, { exact: false }).waitFor();
  await screenshot(session.page, "conflicts-inbox");
  await noSeriousViolations();

  await item.getByRole("button", { name: "Keep mine" }).click();
  await panel.getByText("No conflicts wait for your answer.").waitFor();
  await panel.getByRole("button", { name: "Close Conflicts" }).click();
  expect(await frame.getByText("1 conflict waits for your answer.").count()).toBe(0);

  const record = await serverRecord(
    db,
    owner,
    "margaret",
    (r) => r?.fields.jobTitle === "Head of Purchasing",
  );
  expect(record?.fields.jobTitle).toBe("Head of Purchasing");
  await frame.getByText("No changes waiting").waitFor({ timeout: 60_000 });
}, 180_000);

test("two conflicts answered with the same choice for all", async () => {
  const { owner, colleague, db, frame } = await sharedDatabase("same-for-all", [
    create("contact", "renee", { displayName: "Renée Dubois", jobTitle: "Buyer" }),
    create("contact", "thomas", { displayName: "Thomas Becker", department: "Sales" }),
  ]);

  await setWorkOffline(frame, true);
  await editContact(frame, "Renée Dubois", "Job title", "Head of Purchasing");
  await editContact(frame, "Thomas Becker", "Department", "Procurement");
  await frame.getByText("2 changes waiting", { exact: false }).waitFor();
  const theirs = await new Client(db, colleague).push([
    edit("contact", "renee", 1, { jobTitle: "Buyer" }, { jobTitle: "Chief Buyer" }),
    edit("contact", "thomas", 1, { department: "Sales" }, { department: "Marketing" }),
  ]);
  expect(theirs.body.results.map((r) => r.status)).toEqual(["applied", "applied"]);
  await setWorkOffline(frame, false);

  await frame.getByText("2 conflicts wait for your answer.").waitFor({ timeout: 60_000 });
  // The status bar counts them too: it never says "No changes waiting" while they wait.
  await frame.getByRole("status").getByText("2 conflicts to answer", { exact: false }).waitFor();
  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Conflicts (2)" }).click();
  const panel = frame.getByRole("dialog", { name: "Conflicts" });
  await panel
    .getByRole("region", { name: /Thomas Becker/ })
    .getByRole("group", { name: "Department" })
    .getByText("Marketing")
    .waitFor();
  await screenshot(session.page, "conflicts-two");
  await noSeriousViolations();

  await panel
    .getByRole("group", { name: "Use the same choice for all" })
    .getByRole("button", { name: "Keep mine for all" })
    .click();
  await panel.getByText("No conflicts wait for your answer.").waitFor();
  await panel.getByRole("button", { name: "Close Conflicts" }).click();

  const renee = await serverRecord(
    db,
    owner,
    "renee",
    (r) => r?.fields.jobTitle === "Head of Purchasing",
  );
  const thomas = await serverRecord(
    db,
    owner,
    "thomas",
    (r) => r?.fields.department === "Procurement",
  );
  expect([renee?.fields.jobTitle, thomas?.fields.department]).toEqual([
    "Head of Purchasing",
    "Procurement",
  ]);
}, 180_000);

test("changes refused by the shared database: the reason, discard, and edit and try again", async () => {
  const owner = await newMember("attention-owner");
  const db = await newDatabase(owner, "Attention database");
  const customers = { all: [{ field: "categories", op: "contains", value: "Customers" }] };
  const defined = await call(`/databases/${db}/sync-sets/Customers`, {
    method: "PUT",
    token: owner.token,
    body: { filter: customers },
  });
  expect(defined.status).toBe(200);
  const ownerClient = new Client(db, owner);
  await ownerClient.push([
    create("contact", "margaret", {
      displayName: "Margaret Taylor",
      jobTitle: "Buyer",
      categories: ["Customers"],
    }),
    create("contact", "thomas", {
      displayName: "Thomas Becker",
      department: "Sales",
      categories: ["Customers"],
    }),
  ]);
  const editor = await share(db, owner, "editor", "Customers");
  const frame = await openHarness(session, { user: editor.email, userName: "Eddie Editor" });
  await frame.getByRole("heading", { name: "Attention database" }).waitFor({ timeout: 60_000 });
  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByRole("button", { name: /Thomas Becker/ }).waitFor({ timeout: 60_000 });

  // Offline, the editor changes both; meanwhile the owner moves both out of the editor's set.
  await setWorkOffline(frame, true);
  await editContact(frame, "Margaret Taylor", "Job title", "Head of Purchasing");
  await editContact(frame, "Thomas Becker", "Department", "Procurement");
  const moved = await ownerClient.push([
    edit("contact", "margaret", 1, { categories: ["Customers"] }, { categories: ["Partners"] }),
    edit("contact", "thomas", 1, { categories: ["Customers"] }, { categories: ["Partners"] }),
  ]);
  expect(moved.body.results.map((r) => r.status)).toEqual(["applied", "applied"]);
  await setWorkOffline(frame, false);

  await frame
    .getByText("2 changes were refused by the shared database.")
    .waitFor({ timeout: 60_000 });
  await frame.getByRole("button", { name: "Review refused changes" }).click();
  const panel = frame.getByRole("dialog", { name: "Needs attention" });
  const entry = (change: string) => panel.getByRole("region").filter({ hasText: change });
  const jobTitle = entry("Change of Job title");
  const department = entry("Change of Department");
  await jobTitle.getByText("Outside your sync set", { exact: true }).waitFor();
  await jobTitle
    .getByText("The database said: contact margaret is outside your sync set.")
    .waitFor();
  await department.getByText("Outside your sync set", { exact: true }).waitFor();
  await screenshot(session.page, "needs-attention");
  await noSeriousViolations();

  // Discard asks first.
  await department.getByRole("button", { name: "Discard" }).click();
  const confirm = frame.getByRole("dialog", { name: "Discard this change?" });
  await confirm.getByRole("button", { name: "Discard the change" }).waitFor();
  await screenshot(session.page, "needs-attention-discard");
  await noSeriousViolations();
  await confirm.getByRole("button", { name: "Discard the change" }).click();
  await department.waitFor({ state: "detached" });
  await panel.getByRole("button", { name: "Close Needs attention" }).click();

  // The owner subscribes the editor to Margaret: she comes back to the editor's copy.
  const subscribed = await call(
    `/databases/${db}/members/${encodeURIComponent(editor.email)}/subscriptions/margaret`,
    { method: "PUT", token: owner.token },
  );
  expect(subscribed.status).toBe(200);
  await frame.getByRole("button", { name: "Sync now" }).click();
  await list.getByRole("button", { name: /Margaret Taylor/ }).waitFor({ timeout: 60_000 });

  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Needs attention (1)" }).click();
  await jobTitle.getByRole("heading", { name: /Margaret Taylor/ }).waitFor();
  await jobTitle.getByRole("button", { name: "Edit" }).click();
  const field = jobTitle.getByRole("textbox", { name: "Job title" });
  expect(await field.inputValue()).toBe("Head of Purchasing");
  await field.fill("x".repeat(300));
  await jobTitle.getByRole("button", { name: "Save and try again" }).click();
  await jobTitle.getByText("Job title must be at most 256 characters.").waitFor();
  await screenshot(session.page, "needs-attention-edit");
  await noSeriousViolations();
  await field.fill("Head of Buying");
  await jobTitle.getByRole("button", { name: "Save and try again" }).click();
  await panel.getByText("Nothing needs your attention", { exact: false }).waitFor();
  await panel.getByRole("button", { name: "Close Needs attention" }).click();

  const record = await serverRecord(
    db,
    owner,
    "margaret",
    (r) => r?.fields.jobTitle === "Head of Buying",
  );
  expect(record?.fields.jobTitle).toBe("Head of Buying");
  const thomas = await serverRecord(db, owner, "thomas", () => true);
  expect(thomas?.fields.department).toBe("Sales");
}, 180_000);
