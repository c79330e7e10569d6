/**
 * Offline Settings in Chromium against the real stack: the dialog offers only allowed values,
 * refuses one that did not come from it (on its field), and keeps what was saved for the
 * database across a reload of the pane.
 */
import type { BrowserSession } from "../support/browser";
import { openBrowser, screenshot } from "../support/browser";
import { newDatabase, newMember } from "../support/db";
import { accessibilityViolations, openHarness, webUrl } from "../support/pane";

let session: BrowserSession;

beforeAll(async () => {
  session = await openBrowser();
  // The dev server builds the bundle on first use (and again when a file changes): wait for it.
  await session.page.goto(`${webUrl()}/harness.html`, { timeout: 240_000 });
}, 300_000);

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(session.pageErrors).toEqual([]);
});

test("the settings are saved per database, kept across a reload, and a value the form never offered is refused", async () => {
  const owner = await newMember("settings");
  await newDatabase(owner, "Settings database");
  const frame = await openHarness(session, { user: owner.email, userName: "Sam Settings" });
  await frame.getByRole("heading", { name: "Settings database" }).waitFor({ timeout: 60_000 });

  const openSettings = async () => {
    await frame.getByRole("button", { name: "Database options" }).click();
    await frame.getByRole("menuitem", { name: "Offline Settings…" }).click();
    const dialog = frame.getByRole("dialog", { name: "Offline Settings" });
    await dialog.waitFor();
    return dialog;
  };

  let dialog = await openSettings();
  const frequency = dialog.getByRole("combobox", { name: "Sync frequency" });
  // The defaults: every 15 minutes, sync on open, switch by itself, ask me.
  expect(await frequency.inputValue()).toBe("15");
  expect(await dialog.getByRole("checkbox", { name: "Sync when the pane opens" }).isChecked()).toBe(
    true,
  );
  expect(
    await dialog
      .getByRole("radio", { name: "Switch automatically to my offline copy" })
      .isChecked(),
  ).toBe(true);
  expect(await dialog.getByRole("radio", { name: "Ask me", exact: true }).isChecked()).toBe(true);
  const offered = await frequency.locator("option").allInnerTexts();
  expect(offered).toEqual([
    "Only when I choose Sync now",
    "Every minute",
    "Every 5 minutes",
    "Every 15 minutes",
    "Every 30 minutes",
    "Every hour",
  ]);
  await screenshot(session.page, "offline-settings");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);

  // A value the form never offered (a tampered control) is refused on its field.
  await frequency.evaluate((select) => {
    const option = document.createElement("option");
    option.value = "7";
    option.textContent = "Every 7 minutes";
    select.append(option);
  });
  await frequency.selectOption("7");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.getByText("Choose one of the sync frequencies offered.").waitFor();
  await screenshot(session.page, "offline-settings-refused");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);

  await frequency.selectOption({ label: "Every hour" });
  await dialog.getByRole("checkbox", { name: "Sync when the pane opens" }).uncheck();
  await dialog.getByRole("radio", { name: "Ask me first" }).check();
  await dialog.getByRole("radio", { name: "The newest change wins" }).check();
  await dialog.getByText("Whichever change was made later is kept.").waitFor();
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });

  await session.page.reload();
  await frame.getByRole("heading", { name: "Settings database" }).waitFor({ timeout: 60_000 });
  dialog = await openSettings();
  expect(await dialog.getByRole("combobox", { name: "Sync frequency" }).inputValue()).toBe("60");
  expect(await dialog.getByRole("checkbox", { name: "Sync when the pane opens" }).isChecked()).toBe(
    false,
  );
  expect(await dialog.getByRole("radio", { name: "Ask me first" }).isChecked()).toBe(true);
  expect(await dialog.getByRole("radio", { name: "The newest change wins" }).isChecked()).toBe(
    true,
  );

  // Cancel leaves them as they were.
  await dialog.getByRole("combobox", { name: "Sync frequency" }).selectOption("manual");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  dialog = await openSettings();
  expect(await dialog.getByRole("combobox", { name: "Sync frequency" }).inputValue()).toBe("60");
  await dialog.getByRole("button", { name: "Cancel" }).click();
}, 120_000);
