/**
 * Labelled inputs for the record forms. Each control carries `data-field` (the path inside
 * `fields` it edits) so that a form can move focus to the control a validation error names; the
 * error shows under the control and is tied to it (`aria-invalid`, `aria-describedby`).
 */
import type { InputProps } from "@fluentui/react-components";
import {
  Button,
  Field,
  Input,
  makeStyles,
  Select,
  Subtitle2,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons/svg/add";
import { Delete20Regular } from "@fluentui/react-icons/svg/delete";
import type { ReactNode } from "react";
import { useId } from "react";

const useStyles = makeStyles({
  fieldset: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: "none",
    minWidth: 0,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  row: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  rowActions: { display: "flex", justifyContent: "flex-end" },
  add: { alignSelf: "flex-start" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Errors by control key, as a form shows them. */
export type ErrorOf = (key: string) => string | undefined;

function fieldState(error: string | undefined) {
  return error === undefined ? {} : { validationState: "error" as const, validationMessage: error };
}

export function TextField(props: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: ErrorOf;
  readonly type?: InputProps["type"];
  readonly required?: boolean;
  readonly hint?: string;
  readonly autoComplete?: string;
}) {
  const { name, label, value, onChange, error, type = "text" } = props;
  return (
    <Field
      label={label}
      required={props.required ?? false}
      {...(props.hint === undefined ? {} : { hint: props.hint })}
      {...fieldState(error(name))}
    >
      <Input
        data-field={name}
        type={type}
        value={value}
        autoComplete={props.autoComplete ?? "off"}
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
}

export function TextAreaField(props: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: ErrorOf;
  readonly rows?: number;
}) {
  const { name, label, value, onChange, error } = props;
  return (
    <Field label={label} {...fieldState(error(name))}>
      <Textarea
        data-field={name}
        value={value}
        rows={props.rows ?? 3}
        resize="vertical"
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
}

export function SelectField(props: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: ErrorOf;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}) {
  const { name, label, value, onChange, error, options } = props;
  return (
    <Field label={label} {...fieldState(error(name))}>
      <Select data-field={name} value={value} onChange={(_, data) => onChange(data.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Label choices, with the current value kept when it is the user's own word. */
export function labelOptions(choices: readonly string[], current: string) {
  const values = current === "" || choices.includes(current) ? choices : [...choices, current];
  return [
    { value: "", label: "No label" },
    ...values.map((v) => ({ value: v, label: v.charAt(0).toUpperCase() + v.slice(1) })),
  ];
}

/**
 * A titled list of rows (e-mail addresses, phones…) with Add and Remove buttons; an error about
 * the list as a whole (`emails`) shows under its title.
 */
export function ListEditor<R>(props: {
  readonly name: string;
  readonly title: string;
  /** "e-mail address": for "Add an e-mail address" and "Remove e-mail address 2". */
  readonly itemName: string;
  readonly article?: "a" | "an";
  readonly rows: readonly R[];
  readonly onChange: (rows: R[]) => void;
  readonly empty: R;
  readonly error: ErrorOf;
  readonly max: number;
  readonly renderRow: (row: R, index: number, update: (row: R) => void) => ReactNode;
}) {
  const { name, title, itemName, rows, onChange, empty, error, max, renderRow } = props;
  const styles = useStyles();
  const legendId = useId();
  const listError = error(name);
  return (
    <fieldset className={styles.fieldset} aria-labelledby={legendId}>
      <Subtitle2 as="h4" id={legendId} className={styles.legend}>
        {title}
      </Subtitle2>
      {listError !== undefined && (
        <span className={styles.error} role="alert">
          {listError}
        </span>
      )}
      {rows.map((row, i) => (
        <div key={i} className={styles.row}>
          {renderRow(row, i, (next) => onChange(rows.map((r, j) => (j === i ? next : r))))}
          <div className={styles.rowActions}>
            <Button
              appearance="subtle"
              size="small"
              icon={<Delete20Regular />}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              Remove {itemName} {i + 1}
            </Button>
          </div>
        </div>
      ))}
      {rows.length < max && (
        <Button
          className={styles.add}
          appearance="secondary"
          size="small"
          icon={<Add20Regular />}
          onClick={() => onChange([...rows, empty])}
        >
          Add {props.article ?? "a"} {itemName}
        </Button>
      )}
    </fieldset>
  );
}
