/**
 * Defines or changes a sync set: a name and a filter built from conditions (field, operator,
 * value), all or any of which a contact must meet, as the protocol's `Filter` allows. Company
 * and group conditions offer the records by name, the others the values the copy's contacts
 * have; a condition, or a whole filter, that no contact of the copy meets is pointed out, and
 * the number the set would hold is said. `$me` stands for the member's own address.
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
  Radio,
  RadioGroup,
  Select,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular, Delete20Regular } from "@fluentui/react-icons";
import type { FormEvent } from "react";
import { useDeferredValue, useId, useMemo, useState } from "react";
import type { Json } from "../../shared/protocol";
import type { SyncEngine } from "../../sync/engine";
import { useRecords } from "../useRecords";
import type { Filter, SyncSetInfo } from "../../shared/protocol";
import { SyncSetName } from "../../shared/protocol";
import type { ConditionDraft, FilterDraft } from "./filter-draft";
import {
  EMPTY_CONDITION,
  FIELD_OPTIONS,
  ID_FIELDS,
  OP_OPTIONS,
  draftMatches,
  draftOf,
  isFilterField,
  isFilterOp,
  offeredValues,
  readDraft,
} from "./filter-draft";
import type { SharingResult } from "./useSharing";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  condition: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  conditionHead: { display: "flex", alignItems: "center", justifyContent: "space-between" },
  row: { display: "flex", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
  detail: { color: tokens.colorNeutralForeground3 },
  add: { alignSelf: "flex-start" },
});

export interface RecordOption {
  readonly id: string;
  readonly name: string;
}

export function SyncSetEditor(props: {
  /** The set to change; null for a new one. */
  syncSet: SyncSetInfo | null;
  existingNames: readonly string[];
  companies: readonly RecordOption[];
  groups: readonly RecordOption[];
  /** The copy, whose contacts give the values conditions offer and what a draft holds. */
  engine: SyncEngine;
  onSave: (name: string, filter: Filter) => Promise<SharingResult>;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { syncSet, existingNames, companies, groups, engine, onSave, onClose } = props;
  const records = useRecords(engine, "contact");
  const contacts = useMemo(() => records.map((r) => r.fields), [records]);
  const [name, setName] = useState(syncSet?.name ?? "");
  const [draft, setDraft] = useState<FilterDraft>(() =>
    syncSet ? draftOf(syncSet.filter) : { match: "all", conditions: [EMPTY_CONDITION] },
  );
  const [nameError, setNameError] = useState<string | null>(null);
  const [conditionError, setConditionError] = useState<{ index: number; message: string } | null>(
    null,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Counting reads every contact of the copy: typing does not wait for it.
  const counted = useDeferredValue(draft);
  const matches = useMemo(() => draftMatches(counted, contacts), [counted, contacts]);

  const setCondition = (index: number, change: Partial<ConditionDraft>) => {
    setDraft((d) => ({
      ...d,
      conditions: d.conditions.map((c, i) => {
        if (i !== index) return c;
        const next = { ...c, ...change };
        // A company or group is chosen from a list, one at a time; switching between those and
        // text fields leaves no value that means nothing in the other.
        const op = ID_FIELDS.has(next.field) && next.op === "in" ? "eq" : next.op;
        const switched =
          change.field !== undefined && ID_FIELDS.has(change.field) !== ID_FIELDS.has(c.field);
        return { ...next, op, value: switched ? "" : next.value };
      }),
    }));
    if (conditionError?.index === index) setConditionError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const checkedName = SyncSetName.safeParse(name.trim());
    if (!checkedName.success) {
      setNameError(`The name ${checkedName.error.issues[0]?.message ?? "is not valid"}.`);
      return;
    }
    if (!syncSet && existingNames.includes(checkedName.data)) {
      setNameError("A sync set has this name already: change that one instead.");
      return;
    }
    setNameError(null);
    const read = readDraft(draft);
    if (!read.ok) {
      if (read.index >= 0) setConditionError({ index: read.index, message: read.message });
      else setProblem(read.message);
      return;
    }
    setSaving(true);
    try {
      const result = await onSave(checkedName.data, read.filter);
      if (result.ok) onClose();
      else if (result.field === "name") setNameError(result.message);
      else setProblem(result.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <WrappingDialogSurface>
        <form onSubmit={(event) => void submit(event)}>
          <DialogBody>
            <DialogTitle>{syncSet ? `Sync set ${syncSet.name}` : "New sync set"}</DialogTitle>
            <DialogContent className={styles.form}>
              <Body1>
                A sync set chooses the contacts a member&apos;s copy holds. Companies and groups go
                to every member; history goes with its contacts.
              </Body1>
              <Field
                label="Name"
                required={!syncSet}
                validationState={nameError ? "error" : "none"}
                validationMessage={nameError}
              >
                <Input
                  value={name}
                  readOnly={syncSet !== null}
                  maxLength={64}
                  onChange={(_, d) => {
                    setName(d.value);
                    setNameError(null);
                  }}
                />
              </Field>
              <Field label="A contact is in the set when it meets">
                <RadioGroup
                  value={draft.match}
                  onChange={(_, d) =>
                    setDraft((f) => ({ ...f, match: d.value === "any" ? "any" : "all" }))
                  }
                >
                  <Radio value="all" label="All of these conditions" />
                  <Radio value="any" label="Any of these conditions" />
                </RadioGroup>
              </Field>
              {draft.conditions.map((condition, index) => (
                <ConditionRow
                  key={index}
                  index={index}
                  condition={condition}
                  error={conditionError?.index === index ? conditionError.message : null}
                  matching={matches.conditions[index] ?? null}
                  contacts={contacts}
                  options={
                    condition.field === "companyId"
                      ? companies
                      : condition.field === "groupIds"
                        ? groups
                        : null
                  }
                  onChange={(change) => setCondition(index, change)}
                  onRemove={() => {
                    setDraft((d) => ({
                      ...d,
                      conditions: d.conditions.filter((_, i) => i !== index),
                    }));
                    setConditionError(null);
                  }}
                />
              ))}
              {draft.conditions.length === 0 && (
                <Caption1 className={styles.detail}>
                  {draft.match === "all"
                    ? "No conditions: every contact is in the set."
                    : "No conditions: no contact is in the set (only subscriptions)."}
                </Caption1>
              )}
              <Button
                className={styles.add}
                icon={<Add20Regular />}
                disabled={draft.conditions.length >= 20}
                onClick={() =>
                  setDraft((d) => ({ ...d, conditions: [...d.conditions, EMPTY_CONDITION] }))
                }
              >
                Add a condition
              </Button>
              {matches.filter === 0 ? (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    No contact in your copy meets these conditions: the set would hold only the
                    contacts each member subscribes to.
                  </MessageBarBody>
                </MessageBar>
              ) : (
                matches.filter !== null && (
                  <Caption1 role="status">
                    {matches.filter} of {contacts.length} contacts in your copy are in this set.
                  </Caption1>
                )
              )}
              <Caption1 className={styles.detail}>
                Write $me for the member&apos;s own e-mail address (for the owner, say). For
                &quot;is one of&quot;, separate the values with commas. Case does not count.
              </Caption1>
              {problem && (
                <MessageBar intent="error">
                  <MessageBarBody>{problem}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={saving}>
                Save sync set
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </WrappingDialogSurface>
    </Dialog>
  );
}

function ConditionRow(props: {
  index: number;
  condition: ConditionDraft;
  error: string | null;
  /** How many contacts of the copy meet the condition; null when that is not known. */
  matching: number | null;
  contacts: readonly Readonly<Record<string, Json>>[];
  /** The records to choose from, for a company or group condition. */
  options: readonly RecordOption[] | null;
  onChange: (change: Partial<ConditionDraft>) => void;
  onRemove: () => void;
}) {
  const styles = useStyles();
  const { index, condition, error, matching, contacts, options, onChange, onRemove } = props;
  const n = index + 1;
  const listId = useId();
  const ops = options ? OP_OPTIONS.filter((o) => o.value !== "in") : OP_OPTIONS;
  // Offered while a text field is chosen; the list changes only with the field.
  const values = useMemo(
    () => (options ? [] : offeredValues(contacts, condition.field)),
    [options, contacts, condition.field],
  );
  const validation = error
    ? { validationState: "error" as const, validationMessage: error }
    : matching === 0
      ? {
          validationState: "warning" as const,
          validationMessage: "No contact in your copy has this value.",
        }
      : {};
  return (
    <div className={styles.condition} role="group" aria-label={`Condition ${n}`}>
      <div className={styles.conditionHead}>
        <Caption1>Condition {n}</Caption1>
        <Button
          appearance="subtle"
          size="small"
          icon={<Delete20Regular />}
          aria-label={`Remove condition ${n}`}
          onClick={onRemove}
        />
      </div>
      <div className={styles.row}>
        <Select
          className={styles.grow}
          aria-label={`Field of condition ${n}`}
          value={condition.field}
          onChange={(_, d) => {
            if (isFilterField(d.value)) onChange({ field: d.value });
          }}
        >
          {FIELD_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
        <Select
          className={styles.grow}
          aria-label={`Operator of condition ${n}`}
          value={condition.op}
          onChange={(_, d) => {
            if (isFilterOp(d.value)) onChange({ op: d.value });
          }}
        >
          {ops.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </div>
      <Field {...validation}>
        {options ? (
          <Select
            aria-label={`Value of condition ${n}`}
            value={condition.value}
            onChange={(_, d) => onChange({ value: d.value })}
          >
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
            {condition.value !== "" && !options.some((o) => o.id === condition.value) && (
              <option value={condition.value}>{condition.value}</option>
            )}
          </Select>
        ) : (
          <>
            <Input
              aria-label={`Value of condition ${n}`}
              value={condition.value}
              maxLength={condition.op === "in" ? 26_000 : 256}
              list={listId}
              onChange={(_, d) => onChange({ value: d.value })}
            />
            <datalist id={listId}>
              {values.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
          </>
        )}
      </Field>
    </div>
  );
}
