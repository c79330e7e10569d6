/**
 * The database panel in Chromium against the real stack: the user's databases (create a second
 * one, switch between them), the offline copy (export the changes not sent yet as a file; drop
 * refused while changes would be lost, then dropped anyway and downloaded again), and a copy
 * that the browser removed, which the pane says and downloads again.
 */
import { readFileSync } from "node:fs";
import type { FrameLocator } from "playwright-core";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { create, pullAll } from "../support/db";
import { copyId, copyOwner } from "../../src/sync/owner";
import {
  accessibilityViolations,
  apiUrl,
  browserPerFile,
  openHarness,
  openNewDatabase,
  webUrl,
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

async function noSeriousViolations() {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

/** A user of the test's own with a database holding one contact, and the pane open on it. */
async function paneWithDatabase(name: string) {
  const {
    member: owner,
    db,
    frame,
  } = await openNewDatabase(
    session,
    name,
    [create("contact", "margaret", { displayName: "Margaret Taylor", jobTitle: "Buyer" })],
    { userName: "Dana Base" },
  );
  await frame
    .getByRole("list", { name: "Contacts", exact: true })
    .getByRole("button", { name: /Margaret Taylor/ })
    .waitFor({ timeout: 60_000 });
  return { owner, db, frame };
}

async function openDatabasePanel(frame: FrameLocator) {
  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Database…" }).click();
  const panel = frame.getByRole("dialog", { name: "Database" });
  await panel.waitFor();
  return panel;
}

async function setWorkOffline(frame: FrameLocator, on: boolean) {
  const toggle = frame.getByRole("switch", { name: "Work offline" });
  if (on) await toggle.check();
  else await toggle.uncheck();
  await frame.getByText(on ? "Working offline" : "Database online").waitFor();
}

async function editJobTitle(frame: FrameLocator, value: string) {
  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByRole("button", { name: /Margaret Taylor/ }).click();
  const card = frame.getByRole("article", { name: "Margaret Taylor" });
  await card.getByRole("button", { name: "Edit" }).click();
  const form = frame.getByRole("form", { name: "Edit contact" });
  await form.getByRole("textbox", { name: "Job title", exact: true }).fill(value);
  await form.getByRole("button", { name: "Save" }).click();
  await form.waitFor({ state: "detached" });
  await card.getByRole("button", { name: "Back" }).click();
}

test("a second database is created, and the user switches between the two", async () => {
  const { frame } = await paneWithDatabase("switch");
  let panel = await openDatabasePanel(frame);
  const databases = panel.getByRole("list", { name: "Your databases" });
  await databases
    .getByRole("listitem")
    .filter({ hasText: "switch database" })
    .getByText("Open now")
    .waitFor();
  await panel.getByRole("heading", { name: "Offline copy on this computer" }).waitFor();
  await panel.getByText("The copy is complete", { exact: false }).waitFor({ timeout: 60_000 });
  await screenshot(session.page, "database-panel");
  await noSeriousViolations();

  await panel.getByRole("textbox", { name: "Database name" }).fill("Second database");
  await panel.getByRole("button", { name: "Create a database" }).click();
  // The new database is open: the list marks it, and offers to open the first one.
  await databases.getByRole("button", { name: "Open switch database" }).waitFor({
    timeout: 60_000,
  });
  await databases
    .getByRole("listitem")
    .filter({ hasText: "Second database" })
    .getByText("Open now")
    .waitFor();
  expect(await databases.getByRole("listitem").count()).toBe(2);
  await screenshot(session.page, "database-panel-two");
  await panel.getByRole("button", { name: "Close Database" }).click();
  await frame.getByRole("heading", { name: "Second database", level: 2 }).waitFor();

  panel = await openDatabasePanel(frame);
  await panel
    .getByRole("list", { name: "Your databases" })
    .getByRole("button", { name: "Open switch database" })
    .click();
  await panel.waitFor({ state: "detached" });
  await frame.getByRole("heading", { name: "switch database", level: 2 }).waitFor();
  await frame.getByRole("button", { name: /Margaret Taylor/ }).waitFor();

  panel = await openDatabasePanel(frame);
  await panel
    .getByRole("list", { name: "Your databases" })
    .getByRole("button", { name: "Open Second database" })
    .click();
  await frame.getByRole("heading", { name: "Second database", level: 2 }).waitFor();
  await frame.getByText("No contacts", { exact: false }).first().waitFor({ timeout: 60_000 });
}, 180_000);

test("export the changes not sent, drop refused while they would be lost, then dropped anyway and downloaded again", async () => {
  const { owner, db, frame } = await paneWithDatabase("export");
  await frame.getByText("No changes waiting").waitFor({ timeout: 60_000 });
  await setWorkOffline(frame, true);
  await editJobTitle(frame, "Head of Purchasing");
  await frame.getByText("1 change waiting", { exact: false }).waitFor();

  const panel = await openDatabasePanel(frame);
  await panel.getByText("Not in the shared database yet: 1 change waiting to be sent.").waitFor();

  // Dropping would lose the change: refused, with the choice to export first or drop anyway.
  await panel.getByRole("button", { name: "Drop offline copy" }).click();
  let dialog = frame.getByRole("dialog", { name: "Drop the offline copy?" });
  await screenshot(session.page, "database-drop-confirm");
  await noSeriousViolations();
  await dialog.getByRole("button", { name: "Drop the copy" }).click();
  dialog = frame.getByRole("dialog", { name: "Changes would be lost" });
  await dialog.getByText("1 change waiting to be sent", { exact: false }).waitFor();
  await dialog.getByRole("button", { name: "Export first" }).waitFor();
  await screenshot(session.page, "database-drop-refused");
  await noSeriousViolations();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });

  // Export: a JSON file named after the database and the day, holding the change.
  const [download] = await Promise.all([
    session.page.waitForEvent("download"),
    panel.getByRole("button", { name: "Export changes" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^export-database-changes-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    format: string;
    databaseId: string;
    pending: Array<{ id: string; fields: Record<string, unknown> }>;
  };
  expect(exported).toMatchObject({ format: "bcm-offline-changes", databaseId: db });
  expect(exported.pending).toMatchObject([
    { id: "margaret", fields: { jobTitle: "Head of Purchasing" } },
  ]);
  await panel.getByRole("button", { name: "Close Database" }).click();

  // A later change is not in the file: dropping is refused again; "Drop anyway" drops it.
  await editJobTitle(frame, "Chief Buyer");
  const again = await openDatabasePanel(frame);
  await again.getByRole("button", { name: "Drop offline copy" }).click();
  await frame
    .getByRole("dialog", { name: "Drop the offline copy?" })
    .getByRole("button", { name: "Drop the copy" })
    .click();
  await frame
    .getByRole("dialog", { name: "Changes would be lost" })
    .getByRole("button", { name: "Drop anyway" })
    .click();
  await again.getByText("The offline copy was dropped", { exact: false }).waitFor();
  await again.getByText("The shared database has every change made here.").waitFor();
  // Working offline, the copy waits for the next sync.
  await again.getByText("The copy is made by the next sync", { exact: false }).waitFor();
  await again.getByRole("progressbar", { name: "Offline copy progress" }).waitFor();
  await screenshot(session.page, "database-dropped");
  await noSeriousViolations();
  await again.getByRole("button", { name: "Close Database" }).click();

  await setWorkOffline(frame, false);
  const card = frame.getByRole("button", { name: /Margaret Taylor/ });
  await card.getByText("Buyer", { exact: true }).waitFor({ timeout: 60_000 });
  await frame.getByText("No changes waiting").waitFor({ timeout: 60_000 });
  const server = await pullAll(db, owner);
  expect(server.records.get("contact:margaret")?.fields.jobTitle).toBe("Buyer");
}, 180_000);

test("a copy the browser removed is announced and downloaded again", async () => {
  const { owner, db, frame } = await paneWithDatabase("vanished");
  await frame.getByText("No changes waiting").waitFor({ timeout: 60_000 });

  // Leave the pane, and remove the copy as a browser clearing its storage would.
  await session.page.goto(`${webUrl()}/support.html`);
  const deleted = await session.page.evaluate(
    (name) =>
      new Promise<string>((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve("deleted");
        request.onerror = () => resolve("failed");
        request.onblocked = () => resolve("blocked");
      }),
    // The owner's copy of the database (src/sync/owner.ts).
    `bcm-copy-${await copyId(copyOwner(apiUrl(), owner.email, db))}`,
  );
  expect(deleted).toBe("deleted");

  const reopened = await openHarness(session, { user: owner.email, userName: "Dana Base" });
  await reopened
    .getByText(/The offline copy on this computer was removed by Outlook or the browser/)
    .first()
    .waitFor({ timeout: 60_000 });
  await reopened.getByText("has been downloaded again", { exact: false }).waitFor({
    timeout: 60_000,
  });
  await reopened.getByRole("button", { name: /Margaret Taylor/ }).waitFor();
  await screenshot(session.page, "database-copy-vanished");
  await noSeriousViolations();
  await reopened.getByRole("button", { name: "Dismiss" }).click();
  expect(await reopened.getByText(/removed by Outlook or the browser/).count()).toBe(0);
}, 180_000);
