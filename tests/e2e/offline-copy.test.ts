/**
 * The offline copy in Chromium's IndexedDB, end to end (issue 4): make the copy, work offline,
 * edit three contacts and add one, reload (the changes are still there, still pending), go
 * online: they reach the shared database, and a colleague's pane shows them.
 */
import type { FrameLocator } from "playwright-core";
import type { BrowserSession } from "../support/browser";
import { openBrowser, screenshot } from "../support/browser";
import { Client, create, newDatabase, newMember, pullAll, share } from "../support/db";
import { accessibilityViolations, openHarness, pane } from "../support/pane";

const sessions: BrowserSession[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

const PEOPLE = [
  ["p1", "Ana", "Lima"],
  ["p2", "Bruno", "Costa"],
  ["p3", "Carla", "Dias"],
] as const;

async function editJobTitle(frame: FrameLocator, name: string, jobTitle: string): Promise<void> {
  await frame.getByRole("list", { name: "Contacts" }).getByText(name).click();
  await frame.getByRole("button", { name: "Edit" }).click();
  await frame.getByRole("textbox", { name: "Job title" }).fill(jobTitle);
  await frame.getByRole("button", { name: "Save" }).click();
  await frame.getByRole("button", { name: "Back" }).click();
}

// Two browsers, a reload and two syncs: longer than the default.
jest.setTimeout(180_000);

test("offline edits survive a reload, then reach the shared database and a colleague", async () => {
  const owner = await newMember("owner");
  const db = await newDatabase(owner, "Offline team");
  await new Client(db, owner).push(
    PEOPLE.map(([id, givenName, familyName]) =>
      create("contact", id, {
        givenName,
        familyName,
        displayName: `${givenName} ${familyName}`,
      }),
    ),
  );

  const session = await openBrowser();
  sessions.push(session);
  let frame = await openHarness(session, { user: owner.email, userName: "Olivia Owner" });
  const list = () => frame.getByRole("list", { name: "Contacts" });
  // The offline copy: made by the first sync.
  await list().getByText("Carla Dias").waitFor({ timeout: 60_000 });
  await frame.getByText("No changes waiting").waitFor();

  await frame.getByRole("switch", { name: "Work offline" }).check();
  await frame.getByText("Working offline").waitFor();
  for (const [, givenName, familyName] of PEOPLE) {
    await editJobTitle(frame, `${givenName} ${familyName}`, `Buyer (${givenName})`);
  }
  await frame.getByRole("button", { name: "New contact" }).click();
  await frame.getByRole("textbox", { name: "First name" }).fill("Diego");
  await frame.getByRole("textbox", { name: "Last name" }).fill("Reyes");
  await frame.getByRole("button", { name: "Add an e-mail address" }).click();
  await frame
    .getByRole("textbox", { name: "E-mail 1", exact: true })
    .fill("diego.reyes@example.com");
  await frame.getByRole("button", { name: "Save" }).click();
  await frame.getByRole("button", { name: "Back" }).click();
  await frame.getByText("4 changes waiting").waitFor();
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
  await screenshot(session.page, "offline-copy-pending");

  // The shared database has none of it yet.
  const before = await pullAll(db, owner);
  expect(before.records.size).toBe(3);

  // A reload: the outbox and the view come back from IndexedDB, still offline, still pending.
  await session.page.reload();
  frame = pane(session.page);
  await frame.getByText("Working offline").waitFor({ timeout: 30_000 });
  await frame.getByText("4 changes waiting").waitFor();
  await list().getByText("Diego Reyes").waitFor();
  await list().getByText("Ana Lima").click();
  await frame.getByRole("definition").getByText("Buyer (Ana)").waitFor();
  await frame.getByRole("button", { name: "Back" }).click();

  // Online again: the loop syncs at once.
  await frame.getByRole("switch", { name: "Work offline" }).uncheck();
  await frame.getByText("No changes waiting").waitFor({ timeout: 30_000 });
  const after = await pullAll(db, owner);
  const contacts = [...after.records.values()].filter((r) => !r.deleted);
  expect(contacts).toHaveLength(4);
  for (const [id, givenName] of PEOPLE) {
    expect(after.records.get(`contact:${id}`)?.fields.jobTitle).toBe(`Buyer (${givenName})`);
  }
  const diego = contacts.find((r) => r.fields.givenName === "Diego");
  expect(diego?.fields.familyName).toBe("Reyes");
  expect(diego?.updatedBy).toBe(owner.email);

  // A colleague's pane, in its own browser profile, makes its own copy and sees all of it.
  const colleague = await share(db, owner, "editor");
  const other = await openBrowser();
  sessions.push(other);
  const theirs = await openHarness(other, { user: colleague.email, userName: "Colin League" });
  const theirList = theirs.getByRole("list", { name: "Contacts" });
  await theirList.getByText("Diego Reyes").waitFor({ timeout: 30_000 });
  await theirList.getByText("Bruno Costa").click();
  await theirs.getByRole("definition").getByText("Buyer (Bruno)").waitFor();
  await screenshot(other.page, "offline-copy-colleague");
});

test("the ribbon's Sync now syncs the database the pane opened, and says what it received", async () => {
  const owner = await newMember("owner");
  const db = await newDatabase(owner, "Ribbon team");
  const session = await openBrowser();
  sessions.push(session);
  const { page } = session;
  const frame = await openHarness(session, { user: owner.email, userName: "Olivia Owner" });
  await frame.getByRole("heading", { name: "No contacts yet" }).waitFor({ timeout: 60_000 });
  await frame.getByText(/Last synced at /).waitFor();

  // A colleague adds a contact; the pane would only see it at its next scheduled sync.
  const colleague = await share(db, owner, "editor");
  await new Client(db, colleague).push([
    create("contact", "ribbon-1", { displayName: "Rita Ribbon" }),
  ]);

  await page.getByRole("button", { name: "Sync now", disabled: false }).click({ timeout: 30_000 });
  const notifications = page.getByRole("list", { name: "Notifications on the selected item" });
  await notifications
    .getByText('Business Contact Manager: synced "Ribbon team". Sent 0 changes, received 1 change.')
    .waitFor({ timeout: 30_000 });
  // The function file synced the copy the pane shows: the pane reloads it on its broadcast.
  await frame.getByRole("list", { name: "Contacts" }).getByText("Rita Ribbon").waitFor();
  await screenshot(page, "ribbon-sync-now");
  expect(session.pageErrors).toEqual([]);
});
