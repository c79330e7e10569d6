/**
 * The choices of the Offline Settings dialog, in words, and the form's values read back into
 * settings: a form offers only these, and `readSettingsForm` refuses anything else (a value
 * that did not come from the form) naming the field, before the engine checks it again.
 */
import type { ConflictRule, OfflineSettings } from "../../sync/settings";
import { OfflineSettings as OfflineSettingsSchema } from "../../sync/settings";

export const FREQUENCY_OPTIONS: ReadonlyArray<{ value: string; label: string }> = [
  { value: "manual", label: "Only when I choose Sync now" },
  { value: "1", label: "Every minute" },
  { value: "5", label: "Every 5 minutes" },
  { value: "15", label: "Every 15 minutes" },
  { value: "30", label: "Every 30 minutes" },
  { value: "60", label: "Every hour" },
];

export const RULE_OPTIONS: ReadonlyArray<{ value: ConflictRule; label: string; hint: string }> = [
  {
    value: "ask",
    label: "Ask me",
    hint: "Conflicts wait in the conflict list until you choose.",
  },
  {
    value: "mine",
    label: "My change wins",
    hint: "Your value is sent again over the shared one.",
  },
  {
    value: "shared",
    label: "The shared database wins",
    hint: "The shared value stays; your change is dropped.",
  },
  {
    value: "newest",
    label: "The newest change wins",
    hint: "Whichever change was made later is kept.",
  },
];

/** The form's values as text, as the controls hold them. */
export interface SettingsForm {
  readonly frequency: string;
  readonly syncOnOpen: boolean;
  /** "auto" or "ask". */
  readonly whenUnreachable: string;
  readonly conflictRule: string;
}

export function settingsForm(settings: OfflineSettings): SettingsForm {
  return {
    frequency: String(settings.frequency),
    syncOnOpen: settings.syncOnOpen,
    whenUnreachable: settings.autoSwitchOffline ? "auto" : "ask",
    conflictRule: settings.conflictRule,
  };
}

export type FormField = keyof SettingsForm;

const MESSAGES: Record<FormField, string> = {
  frequency: "Choose one of the sync frequencies offered.",
  syncOnOpen: "Choose whether to sync when the pane opens.",
  whenUnreachable: "Choose what happens when the database cannot be reached.",
  conflictRule: "Choose one of the conflict rules offered.",
};

/** Which form field an engine settings field is shown on. */
export function formFieldOf(settingsField: string): FormField {
  switch (settingsField) {
    case "autoSwitchOffline":
      return "whenUnreachable";
    case "syncOnOpen":
    case "conflictRule":
      return settingsField;
    default:
      return "frequency";
  }
}

/** The message shown on a form field that holds a value the settings do not allow. */
export function fieldMessage(field: FormField): string {
  return MESSAGES[field];
}

/** The form read back as settings, or the first field holding a value they do not allow. */
export function readSettingsForm(
  form: SettingsForm,
): { ok: true; settings: OfflineSettings } | { ok: false; field: FormField; message: string } {
  const unreachable =
    form.whenUnreachable === "auto" ? true : form.whenUnreachable === "ask" ? false : null;
  if (unreachable === null) {
    return { ok: false, field: "whenUnreachable", message: fieldMessage("whenUnreachable") };
  }
  const parsed = OfflineSettingsSchema.safeParse({
    frequency: form.frequency === "manual" ? "manual" : Number(form.frequency),
    syncOnOpen: form.syncOnOpen,
    autoSwitchOffline: unreachable,
    conflictRule: form.conflictRule,
  });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const field = formFieldOf(String(parsed.error.issues[0]?.path[0] ?? "frequency"));
  return { ok: false, field, message: fieldMessage(field) };
}
