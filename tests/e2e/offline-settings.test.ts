/**
 * Offline Settings in Chromium against the real stack: the dialog offers only allowed values,
 * refuses one that did not come from it (on its field), and keeps what was saved for the
 * database across a reload of the pane. When the database stops answering, the pane goes on with
 * its offline copy by itself or asks first, as the settings say, and says when it is back.
 */
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { accessibilityViolations, apiUrl, browserPerFile, openNewDatabase } from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

test("the settings are saved per database, kept across a reload, and a value the form never offered is refused", async () => {
  const { frame } = await openNewDatabase(session, "Settings", [], { userName: "Sam Settings" });

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

test("when the database stops answering the pane switches to its copy, or asks first, and says when it is back", async () => {
  const { frame } = await openNewDatabase(session, "Unreachable", [], {
    userName: "Uma Unreachable",
  });
  const api = `${apiUrl()}/**`;
  const cutOff = () => session.page.route(api, (route) => route.abort("connectionrefused"));
  const reconnect = () => session.page.unroute(api);
  const status = frame.getByRole("status").first();
  const restored = frame.getByText("Connectivity to your shared database has been restored.");

  // The default: switch by itself.
  await cutOff();
  await frame
    .getByText("Connectivity to your shared database has been lost. You are now working offline.")
    .waitFor();
  expect(await status.innerText()).toContain("Database offline");
  await reconnect();
  await restored.waitFor();
  expect(await status.innerText()).toContain("Database online");
  await frame.getByRole("button", { name: "Dismiss the connection message" }).click();
  await restored.waitFor({ state: "detached" });

  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Offline Settings…" }).click();
  const dialog = frame.getByRole("dialog", { name: "Offline Settings" });
  await dialog.getByRole("radio", { name: "Ask me first" }).check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });

  // Asked: keep trying leaves the pane trying…
  const question = frame.getByText(
    "Connectivity to your shared database has been lost. Work offline with the copy on this computer, or keep trying to reach the database?",
  );
  await cutOff();
  await question.waitFor();
  await screenshot(session.page, "connection-lost-ask");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
  await frame.getByRole("button", { name: "Keep trying" }).click();
  await question.waitFor({ state: "detached" });
  expect(await status.innerText()).toContain("Database offline");
  await reconnect();
  await restored.waitFor();

  // …and "Work offline" turns the switch on, which stays on when the database is back.
  await cutOff();
  await question.waitFor();
  await frame.getByRole("button", { name: "Work offline" }).click();
  await question.waitFor({ state: "detached" });
  expect(await frame.getByRole("switch", { name: "Work offline" }).isChecked()).toBe(true);
  expect(await status.innerText()).toContain("Working offline");
  await reconnect();
  await frame.getByRole("switch", { name: "Work offline" }).uncheck();
  await frame.getByText("Database online").waitFor({ timeout: 30_000 });
}, 180_000);
