/** A small form to add a note, a phone log or a task to a contact's or a company's history. */
import { Button, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { FormEvent } from "react";
import { useEffect, useId, useRef, useState } from "react";
import { validateFields } from "../../shared/records";
import type { EditOutcome } from "../../sync/engine";
import type { Fields } from "../../shared/json";
import { friendlyMessage } from "../records/form-model";
import { SelectField, TextAreaField, TextField } from "../records/FormControls";
import type { HistoryDraft, HistorySubject, ManualKind } from "./history-view";
import { DRAFT_LABELS, draftFields, emptyDraft } from "./history-view";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: { margin: 0 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

export const FORM_TITLES: Readonly<Record<ManualKind, string>> = {
  note: "New note",
  phone: "New phone log",
  task: "New task",
};

export function HistoryForm(props: {
  readonly kind: ManualKind;
  readonly subject: HistorySubject;
  readonly now: () => number;
  readonly onSubmit: (fields: Fields) => Promise<EditOutcome>;
  readonly onDone: () => void;
}) {
  const { kind, subject, now, onSubmit, onDone } = props;
  const styles = useStyles();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<HistoryDraft>(() => emptyDraft(kind, now()));
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[data-field]")?.focus();
  }, []);

  const set =
    <K extends keyof HistoryDraft>(key: K) =>
    (value: string) => {
      setProblem(null);
      setDraft((d) => ({ ...d, [key]: value }));
    };
  const errorOf = (key: string) =>
    problem !== null && problem.field === key
      ? friendlyMessage(problem.message, problem.field, DRAFT_LABELS[key] ?? key)
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = draftFields(draft, subject, now());
    const checked = validateFields("history", fields, "create");
    const outcome: EditOutcome = checked.ok
      ? await (async () => {
          setSaving(true);
          try {
            return await onSubmit(fields);
          } finally {
            setSaving(false);
          }
        })()
      : { status: "invalid", field: checked.field, message: checked.message };
    if (outcome.status === "invalid") {
      setProblem({ field: outcome.field, message: outcome.message });
      formRef.current
        ?.querySelector<HTMLElement>(`[data-field="${CSS.escape(outcome.field)}"]`)
        ?.focus();
      return;
    }
    onDone();
  };

  return (
    <form
      ref={formRef}
      className={styles.form}
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onDone();
        }
      }}
    >
      <Subtitle2 as="h5" id={headingId} className={styles.heading}>
        {FORM_TITLES[kind]}
      </Subtitle2>
      <TextField
        name="subject"
        label="Subject"
        value={draft.subject}
        onChange={set("subject")}
        error={errorOf}
      />
      {kind !== "task" && (
        <TextField
          name="when"
          label="When"
          type="datetime-local"
          value={draft.when}
          onChange={set("when")}
          error={errorOf}
        />
      )}
      {kind === "phone" && (
        <>
          <SelectField
            name="direction"
            label="Direction"
            value={draft.direction}
            options={[
              { value: "outgoing", label: "I called" },
              { value: "incoming", label: "They called" },
              { value: "", label: "Not said" },
            ]}
            onChange={set("direction")}
            error={errorOf}
          />
          <TextField
            name="durationMinutes"
            label="Duration in minutes"
            type="number"
            value={draft.durationMinutes}
            onChange={set("durationMinutes")}
            error={errorOf}
          />
        </>
      )}
      {kind === "task" && (
        <>
          <TextField
            name="dueDate"
            label="Due date"
            type="date"
            value={draft.dueDate}
            onChange={set("dueDate")}
            error={errorOf}
          />
          <SelectField
            name="priority"
            label="Priority"
            value={draft.priority}
            options={[
              { value: "low", label: "Low" },
              { value: "normal", label: "Normal" },
              { value: "high", label: "High" },
            ]}
            onChange={set("priority")}
            error={errorOf}
          />
        </>
      )}
      <TextAreaField
        name="body"
        label="Details"
        value={draft.body}
        onChange={set("body")}
        error={errorOf}
      />
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={saving}>
          Save
        </Button>
        <Button type="button" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
