/** The Offline Settings form: its choices, and values read back (anything else refused by field). */
import { DEFAULT_SETTINGS } from "../../../src/sync/settings";
import {
  FREQUENCY_OPTIONS,
  RULE_OPTIONS,
  formFieldOf,
  readSettingsForm,
  settingsForm,
} from "../../../src/taskpane/offline/settings-options";

test("the form offers exactly the frequencies and rules the settings allow", () => {
  expect(FREQUENCY_OPTIONS.map((o) => o.value)).toEqual(["manual", "1", "5", "15", "30", "60"]);
  expect(RULE_OPTIONS.map((o) => o.value)).toEqual(["ask", "mine", "shared", "newest"]);
  for (const o of FREQUENCY_OPTIONS) {
    expect(readSettingsForm({ ...settingsForm(DEFAULT_SETTINGS), frequency: o.value }).ok).toBe(
      true,
    );
  }
});

test("settings go to the form and back unchanged", () => {
  const settings = {
    frequency: 60,
    syncOnOpen: false,
    autoSwitchOffline: false,
    conflictRule: "newest",
  } as const;
  expect(settingsForm(settings)).toEqual({
    frequency: "60",
    syncOnOpen: false,
    whenUnreachable: "ask",
    conflictRule: "newest",
  });
  expect(readSettingsForm(settingsForm(settings))).toEqual({ ok: true, settings });
  expect(readSettingsForm(settingsForm(DEFAULT_SETTINGS))).toEqual({
    ok: true,
    settings: DEFAULT_SETTINGS,
  });
});

test("a value the form never offered is refused on its field", () => {
  const form = settingsForm(DEFAULT_SETTINGS);
  expect(readSettingsForm({ ...form, frequency: "7" })).toMatchObject({
    ok: false,
    field: "frequency",
  });
  expect(readSettingsForm({ ...form, frequency: "" })).toMatchObject({ field: "frequency" });
  expect(readSettingsForm({ ...form, conflictRule: "loudest" })).toMatchObject({
    ok: false,
    field: "conflictRule",
  });
  expect(readSettingsForm({ ...form, whenUnreachable: "maybe" })).toMatchObject({
    ok: false,
    field: "whenUnreachable",
  });
  expect(formFieldOf("autoSwitchOffline")).toBe("whenUnreachable");
  expect(formFieldOf("conflictRule")).toBe("conflictRule");
});
