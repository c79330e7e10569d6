/**
 * Backup and restore in Chromium against the real stack: an owner backs the database up from
 * the database panel (a file named after it and the day), chooses that file under "Restore
 * from backup…", sees what it holds, restores it into a new database under a new name, and the
 * pane opens it with the contacts. A reader is offered neither.
 */
import { readFileSync } from "node:fs";
import type { FrameLocator } from "playwright-core";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { create, pullAll, share } from "../support/db";
import {
  accessibilityViolations,
  browserPerFile,
  openHarness,
  openNewDatabase,
} from "../support/pane";
import type { BackupFile } from "../../src/shared/protocol";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

async function openDatabasePanel(frame: FrameLocator) {
  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Database…" }).click();
  const panel = frame.getByRole("dialog", { name: "Database" });
  await panel.waitFor();
  return panel;
}

test("back up the database, restore the file into a new database, and see its contacts there", async () => {
  const { frame, member, db } = await openNewDatabase(session, "backup", [
    create("contact", "margaret", { displayName: "Margaret Taylor", jobTitle: "Buyer" }),
    create("company", "contoso", { name: "Contoso" }),
    create("history", "call", { kind: "phone", subject: "First call", contactIds: ["margaret"] }),
  ]);
  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByRole("button", { name: /Margaret Taylor/ }).waitFor({ timeout: 60_000 });
  const reader = await share(db, member, "reader");

  const panel = await openDatabasePanel(frame);
  const [download] = await Promise.all([
    session.page.waitForEvent("download"),
    panel.getByRole("button", { name: "Back up database…" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^backup database backup \d{4}-\d{2}-\d{2}\.bcmbackup\.json$/,
  );
  const text = readFileSync(await download.path(), "utf8");
  const backup = JSON.parse(text) as BackupFile;
  expect(backup).toMatchObject({ format: "bcm-backup", version: 1, database: { id: db } });
  expect(backup.records.map((r) => `${r.type}:${r.id}`).sort()).toEqual([
    "company:contoso",
    "contact:margaret",
    "history:call",
  ]);
  await panel.getByText(/^Saved backup database backup/).waitFor();

  // Restore: the file's preview, a name for the new database, then the new database opens.
  await panel.locator('input[type="file"][aria-label="Backup file to restore"]').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: "application/json",
    buffer: Buffer.from(text),
  });
  const dialog = frame.getByRole("dialog", { name: "Restore from backup" });
  await dialog.getByText("A backup of backup database", { exact: false }).waitFor();
  const counts = dialog.getByRole("list", { name: "Records in the backup" });
  for (const line of ["Contacts: 1", "Companies: 1", "Groups: 0", "History items: 1"])
    await counts.getByText(line).waitFor();
  await dialog
    .getByRole("list", { name: "Members in the backup" })
    .getByText(`${reader.email}, reader`)
    .waitFor();
  const name = dialog.getByRole("textbox", { name: "Name of the new database" });
  expect(await name.inputValue()).toBe("backup database (restored)");
  await screenshot(session.page, "backup-restore-preview");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
  await name.fill("Restored contacts");
  await dialog.getByRole("button", { name: "Restore" }).click();

  await frame
    .getByRole("heading", { name: "Restored contacts", level: 2 })
    .waitFor({ timeout: 60_000 });
  await list.getByRole("button", { name: /Margaret Taylor/ }).waitFor({ timeout: 60_000 });
  const me = await pullAll(db, member);
  expect(me.records.size).toBe(3);

  // The reader sees no backup in the original database's panel.
  const readerFrame = await openHarness(session, { user: reader.email, userName: "Rita Reader" });
  await readerFrame
    .getByRole("list", { name: "Contacts", exact: true })
    .getByRole("button", { name: /Margaret Taylor/ })
    .waitFor({ timeout: 60_000 });
  const readerPanel = await openDatabasePanel(readerFrame);
  await readerPanel.getByRole("heading", { name: "Sharing" }).waitFor();
  expect(await readerPanel.getByRole("button", { name: "Back up database…" }).count()).toBe(0);
  expect(await readerPanel.getByRole("button", { name: "Restore from backup…" }).count()).toBe(0);
});
