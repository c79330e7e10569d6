/**
 * Offline Settings, as Business Contact Manager had them, kept per database: how often to sync,
 * whether to sync when the pane opens, what to do when the database cannot be reached, and how
 * conflicts are settled. The controls offer only allowed values; whatever is saved is checked
 * again (here and by the engine) and a refused value is shown on its field.
 */
import {
  Body1,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  tokens,
} from "@fluentui/react-components";
import type { FormEvent } from "react";
import { useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { FormField, SettingsForm } from "./settings-options";
import {
  FREQUENCY_OPTIONS,
  RULE_OPTIONS,
  fieldMessage,
  formFieldOf,
  readSettingsForm,
  settingsForm,
} from "./settings-options";
import { useOfflineSettings } from "./useOfflineSettings";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

export function OfflineSettingsDialog(props: {
  engine: SyncEngine;
  databaseName: string;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { engine, databaseName, onClose } = props;
  const { settings, save } = useOfflineSettings(engine);
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(settings));
  const [invalid, setInvalid] = useState<{ field: FormField; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const set = <K extends FormField>(field: K, value: SettingsForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (invalid?.field === field) setInvalid(null);
  };
  const error = (field: FormField) =>
    invalid?.field === field
      ? { validationState: "error" as const, validationMessage: invalid.message }
      : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = readSettingsForm(form);
    if (!read.ok) {
      setInvalid({ field: read.field, message: read.message });
      return;
    }
    setSaving(true);
    try {
      const outcome = await save(read.settings);
      if (outcome.status === "invalid") {
        const field = formFieldOf(outcome.field);
        setInvalid({ field, message: fieldMessage(field) });
        return;
      }
      onClose();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <WrappingDialogSurface>
        <form onSubmit={(event) => void submit(event)}>
          <DialogBody>
            <DialogTitle>Offline Settings</DialogTitle>
            <DialogContent className={styles.form}>
              <Body1>These settings apply to {databaseName} on this computer.</Body1>
              <Field label="Sync frequency" {...error("frequency")}>
                <Select value={form.frequency} onChange={(_, d) => set("frequency", d.value)}>
                  {FREQUENCY_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field {...error("syncOnOpen")}>
                <Checkbox
                  label="Sync when the pane opens"
                  checked={form.syncOnOpen}
                  onChange={(_, d) => set("syncOnOpen", d.checked === true)}
                />
              </Field>
              <Field label="When the database cannot be reached" {...error("whenUnreachable")}>
                <RadioGroup
                  value={form.whenUnreachable}
                  onChange={(_, d) => set("whenUnreachable", d.value)}
                >
                  <Radio value="auto" label="Switch automatically to my offline copy" />
                  <Radio value="ask" label="Ask me first" />
                </RadioGroup>
              </Field>
              <Field
                label="When a change conflicts with the shared database"
                hint={RULE_OPTIONS.find((o) => o.value === form.conflictRule)?.hint ?? null}
                {...error("conflictRule")}
              >
                <RadioGroup
                  value={form.conflictRule}
                  onChange={(_, d) => set("conflictRule", d.value)}
                >
                  {RULE_OPTIONS.map((o) => (
                    <Radio key={o.value} value={o.value} label={o.label} />
                  ))}
                </RadioGroup>
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={saving}>
                Save
              </Button>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </WrappingDialogSurface>
    </Dialog>
  );
}
