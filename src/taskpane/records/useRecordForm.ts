/**
 * The state of a record form: its values, what they change, inline validation with the same
 * schema the engine and the server use (`validateFields`), and saving. A problem shows on the
 * control it is about once the user left that control or tried to save, and follows the values
 * as they are typed; a failed save moves focus to that control. An `invalid` outcome from the
 * engine is shown the same way.
 */
import type { FocusEvent, RefObject } from "react";
import { useMemo, useRef, useState } from "react";
import type { Fields } from "../../shared/json";
import type { RecordType } from "../../shared/protocol";
import { validateFields } from "../../shared/records";
import type { EditOutcome } from "../../sync/engine";
import type { KeptRows } from "./form-model";
import { changedFields, errorTarget, formPath, friendlyMessage, nonNullFields } from "./form-model";

interface Problem {
  /** The path inside `fields`, as validation named it. */
  readonly field: string;
  readonly message: string;
}

export interface RecordFormModel<V> {
  readonly toFields: (values: V) => Fields;
  readonly keptRows: (values: V) => KeptRows;
  /** Each control's key (a path inside `fields`) and label. */
  readonly labels: (values: V) => ReadonlyMap<string, string>;
}

export interface RecordForm<V> {
  readonly values: V;
  readonly setValues: (update: (values: V) => V) => void;
  /** The error to show on a control, by its key. */
  readonly errorOf: (key: string) => string | undefined;
  /** A problem no control shows (the form shows it above its buttons). */
  readonly formError: string | null;
  readonly saving: boolean;
  /** Whether the values change anything. */
  readonly dirty: boolean;
  readonly formRef: RefObject<HTMLFormElement | null>;
  readonly onBlur: (event: FocusEvent<HTMLFormElement>) => void;
  /** Validates, then hands the changed fields to `submit`; false when nothing was saved. */
  readonly save: (submit: (fields: Fields) => Promise<EditOutcome>) => Promise<EditOutcome | null>;
}

export function useRecordForm<V>(
  type: RecordType,
  mode: "create" | "update",
  initial: V,
  model: RecordFormModel<V>,
): RecordForm<V> {
  const [values, setValuesState] = useState(initial);
  const [opened] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [engineProblem, setEngineProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const initialFields = useMemo(() => model.toFields(opened), [model, opened]);
  const fields = model.toFields(values);
  const changes = mode === "create" ? nonNullFields(fields) : changedFields(initialFields, fields);
  const checked = validateFields(type, changes, mode);
  const kept = model.keptRows(values);
  const problem: Problem | null = checked.ok
    ? engineProblem
    : { field: checked.field, message: checked.message };
  const labels = model.labels(values);
  const target =
    problem === null ? null : errorTarget(formPath(problem.field, kept), labels.keys());
  const targetLabel = target === null ? null : (labels.get(target) ?? null);
  const message =
    problem === null || target === null
      ? null
      : friendlyMessage(problem.message, problem.field, targetLabel ?? target);
  const shown = target !== null && (attempted || touched.has(target) || engineProblem !== null);

  const focusTarget = (key: string) => {
    const form = formRef.current;
    if (!form) return;
    const control =
      form.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`) ??
      form.querySelector<HTMLElement>(`[data-field^="${CSS.escape(`${key}.`)}"]`);
    control?.focus();
  };

  return {
    values,
    setValues: (update) => {
      setEngineProblem(null);
      setValuesState(update);
    },
    errorOf: (key) =>
      shown && key === target && targetLabel !== null ? (message ?? undefined) : undefined,
    formError: shown && targetLabel === null ? message : null,
    saving,
    dirty: Object.keys(changes).length > 0,
    formRef,
    onBlur: (event) => {
      const key = event.target instanceof HTMLElement ? event.target.dataset.field : undefined;
      if (key !== undefined && !touched.has(key)) setTouched(new Set([...touched, key]));
    },
    save: async (submit) => {
      setAttempted(true);
      if (!checked.ok) {
        if (target !== null) focusTarget(target);
        return null;
      }
      setSaving(true);
      try {
        const outcome = await submit(changes);
        if (outcome.status === "invalid") {
          const engineTarget = errorTarget(formPath(outcome.field, kept), labels.keys());
          setEngineProblem({ field: outcome.field, message: outcome.message });
          focusTarget(engineTarget);
        }
        return outcome;
      } finally {
        setSaving(false);
      }
    },
  };
}
