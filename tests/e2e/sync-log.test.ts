/**
 * The sync log and the quarantine in Chromium against the real stack: the pane lists its syncs
 * and connection changes in plain words (Database options → Sync log…) and exports them as JSON;
 * an entry of the copy that cannot be read (written here into IndexedDB) is set aside on the next
 * open, the rest of the copy works, and the notice exports it and deletes it.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { create } from "../support/db";
import { accessibilityViolations, apiUrl, browserPerFile, openNewDatabase } from "../support/pane";
import { copyId, copyOwner } from "../../src/sync/owner";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

/** Writes `value` under `key` into the user's copy in IndexedDB, as a damaged entry would be. */
async function writeIntoCopy(page: Page, database: string, key: string, value: unknown) {
  await page.evaluate(
    ([name, k, v]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction("records", "readwrite");
          tx.objectStore("records").put(v, k);
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    [database, key, value] as const,
  );
}

test("the sync log lists syncs and connection changes in words, and exports them", async () => {
  const { frame } = await openNewDatabase(session, "Logged", [
    create("contact", "ada", { givenName: "Ada", familyName: "Log" }),
  ]);
  await frame.getByText("Ada Log").first().waitFor({ timeout: 60_000 });
  const api = `${apiUrl()}/**`;
  await session.page.route(api, (route) => route.abort("connectionrefused"));
  await frame
    .getByText("Connectivity to your shared database has been lost", { exact: false })
    .waitFor();
  await session.page.unroute(api);
  await frame.getByText("Connectivity to your shared database has been restored.").waitFor();

  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Sync log…" }).click();
  const panel = frame.getByRole("dialog", { name: "Sync log" });
  const entries = panel.getByRole("list", { name: "Sync log entries" });
  await entries.getByText("Synchronized: 0 changes sent, 1 change received.").first().waitFor();
  await entries
    .getByText("The shared database cannot be reached: working with the offline copy.")
    .waitFor();
  await entries.getByText("The shared database can be reached again.").waitFor();
  await screenshot(session.page, "sync-log");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);

  const [download] = await Promise.all([
    session.page.waitForEvent("download"),
    panel.getByRole("button", { name: "Export" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^Logged-database-sync-log-\d{4}-\d{2}-\d{2}\.json$/,
  );
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    format: string;
    entries: Array<{ kind: string; state?: string }>;
  };
  expect(exported.format).toBe("bcm-sync-log");
  expect(exported.entries.map((e) => e.state ?? e.kind)).toEqual(
    expect.arrayContaining(["sync", "offline", "online"]),
  );
  await panel.getByRole("button", { name: "Close Sync log" }).click();
});

test("an entry that cannot be read is set aside: the copy works, the notice exports and deletes it", async () => {
  const { frame, member, db } = await openNewDatabase(session, "Damaged", [
    create("contact", "dora", { givenName: "Dora", familyName: "Kept" }),
  ]);
  await frame.getByText("Dora Kept").first().waitFor({ timeout: 60_000 });
  const database = `bcm-copy-${await copyId(copyOwner(apiUrl(), member.email, db))}`;
  await writeIntoCopy(session.page, database, "outbox:000000000099", { mutation: "garbled" });
  await session.page.reload();
  await frame.getByRole("heading", { name: "Damaged database" }).waitFor({ timeout: 60_000 });

  const notice = frame.getByText(
    "1 entry of the offline copy could not be read and was set aside.",
    { exact: false },
  );
  await notice.waitFor();
  await frame.getByText("Dora Kept").first().waitFor();
  await screenshot(session.page, "quarantine-notice");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);

  const [download] = await Promise.all([
    session.page.waitForEvent("download"),
    frame.getByRole("button", { name: "Export", exact: true }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    format: string;
    databaseId: string;
    entries: Array<{ key: string; value: unknown }>;
  };
  expect(exported).toMatchObject({
    format: "bcm-quarantine",
    databaseId: db,
    entries: [{ key: "outbox:000000000099", value: { mutation: "garbled" } }],
  });
  await frame.getByRole("button", { name: "Delete", exact: true }).click();
  await notice.waitFor({ state: "detached" });
});
