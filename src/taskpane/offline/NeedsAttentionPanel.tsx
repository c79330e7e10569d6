/**
 * Needs attention: the changes the shared database refused, each with the server's reason.
 * A refused value can be corrected and sent again (checked again first: a correction the
 * record's rules refuse is shown on its field); any refused change can be discarded, after a
 * confirmation, since nothing refused is ever dropped silently.
 */
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Switch,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import type { FormEvent } from "react";
import { useId, useState } from "react";
import type { Fields } from "../../shared/json";
import type { EditOutcome, SyncEngine } from "../../sync/engine";
import { describeError } from "../../client/errors";
import type { EditableField } from "./attention-view";
import {
  changeSummary,
  editableFields,
  initialText,
  parseEdited,
  reasonText,
  topField,
} from "./attention-view";
import { PanelDrawer } from "./PanelDrawer";
import { fieldLabel } from "../../shared/records";
import { messageInWords } from "./record-text";
import type { AttentionEntry } from "./useNeedsAttention";
import { useNeedsAttention } from "./useNeedsAttention";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";

const useStyles = makeStyles({
  entry: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, overflowWrap: "anywhere" },
  text: { overflowWrap: "anywhere" },
  detail: { color: tokens.colorNeutralForeground3 },
  buttons: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
  },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export function NeedsAttentionPanel(props: { engine: SyncEngine; onClose: () => void }) {
  const { engine, onClose } = props;
  const { entries, retry, discard } = useNeedsAttention(engine);
  return (
    <PanelDrawer title="Needs attention" onClose={onClose}>
      {entries.length === 0 ? (
        <Body1>Nothing needs your attention: the shared database took every change.</Body1>
      ) : (
        <>
          <Body1>
            {entries.length === 1
              ? "The shared database refused this change. It waits here until you correct it and try again, or discard it."
              : `The shared database refused these ${entries.length} changes. Each waits here until you correct it and try again, or discard it.`}
          </Body1>
          {entries.map((entry) => (
            <AttentionCard
              key={entry.item.id}
              entry={entry}
              onRetry={(corrections) => retry(entry.item.id, corrections)}
              onDiscard={() => discard(entry.item.id)}
            />
          ))}
        </>
      )}
    </PanelDrawer>
  );
}

function AttentionCard(props: {
  entry: AttentionEntry;
  onRetry: (corrections?: Fields) => Promise<EditOutcome>;
  onDiscard: () => Promise<boolean>;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { entry, onRetry, onDiscard } = props;
  const { item, name } = entry;
  const reason = reasonText(item.error);
  const editable = editableFields(item.mutation, item.error);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const tryAgain = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const outcome = await onRetry();
      if (outcome.status === "invalid") setProblem(messageInWords(outcome.field, outcome.message));
      else if (outcome.status === "not_found") setProblem("This change is no longer listed.");
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const discardNow = async () => {
    setBusy(true);
    try {
      await onDiscard();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section className={styles.entry} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        {name}
        {entry.kind !== null && <Caption1 className={styles.detail}> · {entry.kind}</Caption1>}
      </Subtitle2>
      <Caption1 className={styles.text}>{changeSummary(item.mutation)}</Caption1>
      <Text weight="semibold" className={styles.text}>
        {reason.title}
      </Text>
      <Body1 className={styles.text}>
        The database said: {messageInWords(item.error.field, item.error.message)}
      </Body1>
      <Caption1 className={styles.detail}>{reason.advice}</Caption1>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {editing && editable.length > 0 ? (
        <CorrectionForm
          fields={editable}
          named={item.error.field ? topField(item.error.field) : null}
          onCancel={() => setEditing(false)}
          onSubmit={onRetry}
        />
      ) : (
        <div className={styles.buttons}>
          {editable.length > 0 ? (
            <Button disabled={busy} onClick={() => setEditing(true)}>
              Edit
            </Button>
          ) : (
            <Button disabled={busy} onClick={() => void tryAgain()}>
              Try again
            </Button>
          )}
          <Button disabled={busy} onClick={() => setConfirming(true)}>
            Discard
          </Button>
        </div>
      )}
      <Dialog open={confirming} onOpenChange={(_, d) => setConfirming(d.open)}>
        <WrappingDialogSurface>
          <DialogBody>
            <DialogTitle>Discard this change?</DialogTitle>
            <DialogContent>
              {changeSummary(item.mutation)} of {name} is lost; the shared database keeps what it
              has.
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void discardNow()}>
                Discard the change
              </Button>
              <Button onClick={() => setConfirming(false)}>Keep it</Button>
            </DialogActions>
          </DialogBody>
        </WrappingDialogSurface>
      </Dialog>
    </section>
  );
}

/**
 * The refused change's fields, editable (the one the server named first, with its reason),
 * sent again with "Save and try again"; a value the record's rules refuse is shown on its field.
 */
function CorrectionForm(props: {
  fields: readonly EditableField[];
  /** The field the server named, if any. */
  named: string | null;
  onCancel: () => void;
  onSubmit: (corrections: Fields) => Promise<EditOutcome>;
}) {
  const styles = useStyles();
  const { fields, named, onCancel, onSubmit } = props;
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.field, initialText(f)])),
  );
  const [invalid, setInvalid] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const corrections: Fields = {};
    for (const edit of fields) {
      const parsed = parseEdited(edit.kind, texts[edit.field] ?? "");
      if (!parsed.ok) {
        setInvalid({ field: edit.field, message: parsed.message });
        return;
      }
      corrections[edit.field] = parsed.value;
    }
    setBusy(true);
    setInvalid(null);
    try {
      const outcome = await onSubmit(corrections);
      if (outcome.status === "invalid") {
        const field = topField(outcome.field);
        setInvalid({
          field: fields.some((f) => f.field === field) ? field : (fields[0]?.field ?? ""),
          message: messageInWords(outcome.field, outcome.message),
        });
      } else if (outcome.status === "not_found") {
        setInvalid({
          field: fields[0]?.field ?? "",
          message: "This record is not in your copy: it cannot be changed from here.",
        });
      }
    } catch (error) {
      setInvalid({ field: fields[0]?.field ?? "", message: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)}>
      {fields.map((edit) => (
        <FieldEditor
          key={edit.field}
          edit={edit}
          text={texts[edit.field] ?? ""}
          error={invalid?.field === edit.field ? invalid.message : null}
          refused={edit.field === named}
          onChange={(text) => {
            setTexts((t) => ({ ...t, [edit.field]: text }));
            if (invalid?.field === edit.field) setInvalid(null);
          }}
        />
      ))}
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Save and try again
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

function FieldEditor(props: {
  edit: EditableField;
  text: string;
  error: string | null;
  /** The field the server refused. */
  refused: boolean;
  onChange: (text: string) => void;
}) {
  const { edit, text, error, refused, onChange } = props;
  const label = fieldLabel(edit.field);
  const validation = error
    ? { validationState: "error" as const, validationMessage: error }
    : refused
      ? {
          validationState: "warning" as const,
          validationMessage: "The database refused this value.",
        }
      : {};
  switch (edit.kind) {
    case "yesno":
      return (
        <Field {...validation}>
          <Switch
            label={label}
            checked={text === "yes"}
            onChange={(_, d) => onChange(d.checked ? "yes" : "no")}
          />
        </Field>
      );
    case "lines":
    case "json":
      return (
        <Field
          label={label}
          hint={edit.kind === "lines" ? "One item a line." : "As JSON."}
          {...validation}
        >
          <Textarea value={text} resize="vertical" onChange={(_, d) => onChange(d.value)} />
        </Field>
      );
    case "text":
    case "number":
      return (
        <Field label={label} hint="Leave it empty to clear the field." {...validation}>
          <Input
            value={text}
            inputMode={edit.kind === "number" ? "decimal" : "text"}
            onChange={(_, d) => onChange(d.value)}
          />
        </Field>
      );
  }
}
