/**
 * The task pane in Chromium, inside the browser harness, against the real stack: the one the
 * e2e global setup starts (`npm start` on free ports, with its sample database), and for the
 * offline test a private Azurite and API host that the test stops and starts.
 */
import { TableRepository } from "../../api/src/storage/table-repository";
import { SAMPLE_DATABASE_NAME, seedSampleDatabase } from "../../scripts/seed";
import { SAMPLE_CONTACTS } from "../../src/harness/sample-data";
import type { BrowserSession } from "../support/browser";
import { openBrowser, screenshot } from "../support/browser";
import { accessibilityViolations, apiUrl, openHarness, webUrl } from "../support/pane";
import { startApiHost, startAzurite } from "../support/stack";

/** The sample contacts' names, in the order the pane sorts them. */
const sampleNames = SAMPLE_CONTACTS.map(({ fields }) =>
  typeof fields.displayName === "string" ? fields.displayName : "",
).sort(new Intl.Collator(undefined, { sensitivity: "base", numeric: true }).compare);

let session: BrowserSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

test("the harness runs the pane: online, the sender of the selected e-mail, the shared contacts", async () => {
  session = await openBrowser();
  const { page } = session;
  // No ?api=: the pane uses the API URL the dev server built into it.
  const frame = await openHarness(session);

  await frame.getByText("Database online").waitFor({ timeout: 30_000 });
  const sender = frame.getByRole("region", { name: "Sender" });
  await sender.getByText("Renée Dubois").waitFor();
  await sender.getByText("renee.dubois@fabrikam.com").waitFor();

  await frame.getByRole("heading", { name: SAMPLE_DATABASE_NAME }).waitFor({ timeout: 30_000 });
  const contacts = frame.getByRole("list", { name: "Contacts", exact: true });
  await contacts.getByText(sampleNames[0] ?? "").waitFor({ timeout: 30_000 });
  // The list's rows come as it measures its height: on a loaded machine the first ones show
  // before the rest (the full run once counted 5 of 10 here).
  await contacts.getByText(sampleNames.at(-1) ?? "").waitFor();
  const items = contacts.getByRole("listitem");
  expect(await items.count()).toBe(sampleNames.length);
  const shown = await items.allInnerTexts();
  sampleNames.forEach((name, i) => expect(shown[i]).toContain(name));

  // The copy is made: the status bar offers "Sync now" and has nothing waiting to be sent.
  await frame.getByRole("button", { name: "Sync now" }).waitFor();
  await frame.getByText("No changes waiting", { exact: false }).waitFor({ timeout: 30_000 });
  expect(await frame.getByText(/\d+ changes? waiting/).count()).toBe(0);

  // "Work offline" stops syncing until it is switched off again.
  const workOffline = frame.getByRole("switch", { name: "Work offline" });
  await workOffline.check();
  await frame.getByText("Working offline").waitFor();
  expect(await frame.getByRole("button", { name: "Sync now" }).isDisabled()).toBe(true);
  await workOffline.uncheck();
  await frame.getByText("Database online").waitFor();

  // The pane follows Outlook's selection (ItemChanged).
  await page.getByRole("radio", { name: /Invoice 2026-1187/ }).check();
  await sender.getByText("daniel.okafor@northwindtraders.com").waitFor();
  await page.getByRole("radio", { name: /Wingtip Toys contract renewal/ }).check();
  await frame.getByRole("region", { name: "Organizer" }).getByText("Grace Mitchell").waitFor();
  await page.getByRole("radio", { name: "No item selected" }).check();
  await frame.getByText("No item selected").waitFor();

  await screenshot(page, "pane-online");

  expect(await accessibilityViolations(page)).toEqual([]);
  expect(session.pageErrors).toEqual([]);
});

test("with Windows high contrast (forced colours) the pane takes Fluent's high-contrast theme", async () => {
  session = await openBrowser();
  await session.page.emulateMedia({ forcedColors: "active" });
  const frame = await openHarness(session);
  await frame.getByRole("heading", { name: SAMPLE_DATABASE_NAME }).waitFor({ timeout: 30_000 });
  // The theme's colours are the provider's CSS variables: black behind, where light is white.
  const background = await frame
    .locator(".fui-FluentProvider")
    .first()
    .evaluate((e) => getComputedStyle(e).getPropertyValue("--colorNeutralBackground1").trim());
  expect(background).toBe("#000000");
  await screenshot(session.page, "pane-high-contrast");
  // Under forced colours the browser draws with the system's colours (the cards' links are
  // rgb(0, 0, 159) on white here), so the page's own contrast no longer decides; axe still
  // flags those links, which have ample contrast as drawn.
  expect(await accessibilityViolations(session.page, "minor", ["color-contrast"])).toEqual([]);
  expect(session.pageErrors).toEqual([]);
});

test("the ribbon commands run from the function file, complete, and notify on the item", async () => {
  session = await openBrowser();
  const { page } = session;
  await openHarness(session);
  // As in Outlook, the function file (commands.html) loads when a command is first used.
  expect(page.frames().some((f) => f.url().includes("/commands.html"))).toBe(false);
  await page.getByRole("button", { name: "Work offline" }).click();
  const runs = page.getByRole("list", { name: "Command runs" });
  await runs.getByText(/Work offline at .*: completed\(\) called/).waitFor({ timeout: 15_000 });
  const notifications = page.getByRole("list", { name: "Notifications on the selected item" });
  await notifications
    .getByText("Business Contact Manager: Work offline is on.", { exact: false })
    .waitFor();

  await page.getByRole("button", { name: "Sync now", disabled: false }).click();
  await runs.getByText(/Sync now at .*: completed\(\) called/).waitFor({ timeout: 15_000 });
  // One notification of ours per item: the new one replaces the last.
  await notifications
    .getByText("Work offline is on, so nothing was synchronized", { exact: false })
    .waitFor();
  expect(await notifications.getByRole("listitem").count()).toBe(1);

  const recorded = await page
    .frames()
    .find((f) => f.url().includes("/commands.html"))
    ?.evaluate(() => [
      localStorage.getItem("bcm.command.toggleWorkOffline.lastRun"),
      localStorage.getItem("bcm.command.syncNow.lastRun"),
    ]);
  expect(recorded?.every((time) => time !== null && !Number.isNaN(Date.parse(time)))).toBe(true);

  await screenshot(page, "pane-commands");
  expect(session.pageErrors).toEqual([]);
});

/** A private Azurite and API host, so that a test can stop storage without touching the shared stack. */
async function withPrivateStack(
  options: { seed: boolean },
  run: (stack: {
    apiUrl: string;
    azurite: Awaited<ReturnType<typeof startAzurite>>;
  }) => Promise<void>,
): Promise<void> {
  const azurite = await startAzurite();
  let api: Awaited<ReturnType<typeof startApiHost>> | undefined;
  try {
    if (options.seed) {
      await seedSampleDatabase(
        new TableRepository({ connectionString: azurite.connectionString, tablePrefix: "bcm" }),
      );
    }
    api = await startApiHost({ storageConnection: azurite.connectionString, webOrigin: webUrl() });
    await run({ apiUrl: api.url, azurite });
  } finally {
    await api?.close();
    await azurite.dispose();
  }
}

test("offline: the pane says so, keeps working from its copy, and comes back online", async () => {
  await withPrivateStack({ seed: true }, async ({ apiUrl: privateApi, azurite }) => {
    session = await openBrowser();
    const { page } = session;
    const frame = await openHarness(session, { api: privateApi });
    const sender = frame.getByRole("region", { name: "Sender" });

    // The first copy is made while the other test files load this machine: generous waits
    // (how fast it is, is the bench's to say).
    await frame.getByText("Database online").waitFor({ timeout: 60_000 });
    const contacts = frame.getByRole("list", { name: "Contacts", exact: true });
    await contacts.getByText("Thomas Becker").waitFor({ timeout: 60_000 });
    await sender.getByText("Renée Dubois").waitFor();

    // How soon the pane notices is the bench's to measure; here, that it does.
    await azurite.stop();
    await frame.getByText("Database offline").waitFor();
    await sender.getByText("Renée Dubois").waitFor();
    await sender.getByText("renee.dubois@fabrikam.com").waitFor();
    await screenshot(page, "pane-offline");

    // A fresh start while offline: the contacts come from the copy in IndexedDB.
    await page.reload();
    await frame.getByText("Database offline").waitFor({ timeout: 30_000 });
    await frame.getByText("Showing the copy on this computer").waitFor();
    for (const name of sampleNames)
      await contacts.getByRole("listitem").filter({ hasText: name }).waitFor();
    await sender.getByText("Renée Dubois").waitFor();
    await screenshot(page, "pane-offline-reloaded");

    await azurite.start();
    // Retries back off to at most 30 s between probes.
    await frame.getByText("Database online").waitFor({ timeout: 40_000 });
    await screenshot(page, "pane-back-online");
    expect(session.pageErrors).toEqual([]);
  });
}, 180_000);

test("a user with no database is told what to do, and can create one", async () => {
  await withPrivateStack({ seed: false }, async ({ apiUrl: privateApi }) => {
    session = await openBrowser();
    const { page } = session;
    const frame = await openHarness(session, { api: privateApi });

    await frame
      .getByRole("heading", { name: "No shared database yet" })
      .waitFor({ timeout: 30_000 });
    expect(await accessibilityViolations(page)).toEqual([]);
    const name = frame.getByRole("textbox", { name: "Database name" });
    const create = frame.getByRole("button", { name: "Create a database", disabled: false });
    await name.fill("   ");
    await create.click();
    await frame.getByText("The name must not be empty.").waitFor();

    await name.fill("Contoso partners");
    await create.click();
    await frame.getByRole("heading", { name: "Contoso partners" }).waitFor({ timeout: 30_000 });
    await frame.getByRole("button", { name: "Add your first contact" }).waitFor();
    await screenshot(page, "pane-database-created");

    // The choice is remembered: a reload shows the same database.
    await page.reload();
    await frame.getByRole("heading", { name: "Contoso partners" }).waitFor({ timeout: 30_000 });
    expect(session.pageErrors).toEqual([]);
  });
}, 120_000);
