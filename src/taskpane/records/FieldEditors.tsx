/**
 * One editor per kind of field (src/shared/records.ts, `FieldKind`): the record forms show each
 * field of their type's table with the editor of its kind, labelled as the table says.
 */
import { Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import type { FieldSpec } from "../../shared/records";
import type { AddressRow, EmailRow, PhoneRow, Refusals } from "./form-model";
import { EMPTY_ADDRESS } from "./form-model";
import type { ErrorOf } from "./FormControls";
import { labelOptions, ListEditor, SelectField, TextAreaField, TextField } from "./FormControls";

const useStyles = makeStyles({
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: "none",
  },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
});

const EMAIL_LABELS = ["work", "home", "other"];
const PHONE_LABELS = ["work", "mobile", "home", "fax", "other"];
const PLACE_LABELS = ["work", "home", "other"];

/** What a form offers for fields that name another record: the companies, by name. */
export interface FieldChoices {
  readonly companies: readonly { readonly value: string; readonly label: string }[];
}

interface EditorProps<V> {
  readonly name: string;
  readonly spec: FieldSpec;
  readonly value: V;
  readonly onChange: (value: V) => void;
  readonly error: ErrorOf;
  readonly choices: FieldChoices;
}

/** The editor of one field, by its kind. */
export function FieldEditor(props: EditorProps<unknown>) {
  const { name, spec, error } = props;
  const text = { name, label: spec.label, error, value: props.value as string };
  const onText = props.onChange as (value: string) => void;
  const hint = spec.hint === undefined ? {} : { hint: spec.hint };
  switch (spec.kind) {
    case "line":
    case "categories":
    case "domains":
      return <TextField {...text} {...hint} required={spec.required === true} onChange={onText} />;
    case "member":
      return <TextField {...text} {...hint} type="email" onChange={onText} />;
    case "date":
      return <TextField {...text} type="date" onChange={onText} />;
    case "text":
      return <TextAreaField {...text} rows={4} onChange={onText} />;
    case "company":
      return <CompanySelect {...text} companies={props.choices.companies} onChange={onText} />;
    case "emails":
      return <EmailsEditor {...(props as EditorProps<readonly EmailRow[]>)} />;
    case "phones":
      return <PhonesEditor {...(props as EditorProps<readonly PhoneRow[]>)} />;
    case "addresses":
      return <AddressesEditor {...(props as EditorProps<readonly AddressRow[]>)} />;
    case "websites":
      return <WebsitesEditor {...(props as EditorProps<readonly string[]>)} />;
    case "refusals":
      return <RefusalsEditor {...(props as EditorProps<Refusals>)} />;
    default:
      return null;
  }
}

function CompanySelect(props: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: ErrorOf;
  readonly companies: FieldChoices["companies"];
}) {
  const { value, companies } = props;
  const options = [{ value: "", label: "No company" }, ...companies];
  if (value !== "" && !companies.some((c) => c.value === value)) {
    options.push({ value, label: "A company not in this copy" });
  }
  return <SelectField {...props} options={options} />;
}

function EmailsEditor(props: EditorProps<readonly EmailRow[]>) {
  const { name, spec, value: rows, onChange, error } = props;
  return (
    <ListEditor<EmailRow>
      name={name}
      title={spec.label}
      itemName="e-mail address"
      article="an"
      rows={rows}
      onChange={onChange}
      empty={{ address: "", label: "work", primary: rows.length === 0 }}
      error={error}
      max={spec.max ?? 0}
      renderRow={(row, i, update) => (
        <>
          <TextField
            name={`${name}.${i}.address`}
            label={`E-mail ${i + 1}`}
            type="email"
            value={row.address}
            onChange={(address) => update({ ...row, address })}
            error={error}
          />
          <SelectField
            name={`${name}.${i}.label`}
            label={`E-mail ${i + 1} label`}
            value={row.label}
            options={labelOptions(EMAIL_LABELS, row.label)}
            onChange={(label) => update({ ...row, label })}
            error={error}
          />
          <Checkbox
            label={`E-mail ${i + 1} is the primary address`}
            checked={row.primary}
            onChange={(_, data) => {
              // At most one address is primary: choosing one clears the others.
              const checked = data.checked === true;
              onChange(
                rows.map((e, j) => ({
                  ...e,
                  primary: j === i ? checked : checked ? false : e.primary,
                })),
              );
            }}
          />
        </>
      )}
    />
  );
}

function PhonesEditor(props: EditorProps<readonly PhoneRow[]>) {
  const { name, spec, error } = props;
  return (
    <ListEditor
      name={name}
      title={spec.label}
      itemName="phone number"
      rows={props.value}
      onChange={props.onChange}
      empty={{ number: "", label: "work" }}
      error={error}
      max={spec.max ?? 0}
      renderRow={(row, i, update) => (
        <>
          <TextField
            name={`${name}.${i}.number`}
            label={`Phone ${i + 1}`}
            type="tel"
            value={row.number}
            onChange={(number) => update({ ...row, number })}
            error={error}
          />
          <SelectField
            name={`${name}.${i}.label`}
            label={`Phone ${i + 1} label`}
            value={row.label}
            options={labelOptions(PHONE_LABELS, row.label)}
            onChange={(label) => update({ ...row, label })}
            error={error}
          />
        </>
      )}
    />
  );
}

function AddressesEditor(props: EditorProps<readonly AddressRow[]>) {
  const { name, spec, error } = props;
  return (
    <ListEditor
      name={name}
      title={spec.label}
      itemName="address"
      article="an"
      rows={props.value}
      onChange={props.onChange}
      empty={{ ...EMPTY_ADDRESS, label: "work" }}
      error={error}
      max={spec.max ?? 0}
      renderRow={(row, i, update) => {
        const n = i + 1;
        const key = (part: string) => `${name}.${i}.${part}`;
        return (
          <>
            <SelectField
              name={key("label")}
              label={`Address ${n} label`}
              value={row.label}
              options={labelOptions(PLACE_LABELS, row.label)}
              onChange={(label) => update({ ...row, label })}
              error={error}
            />
            <TextAreaField
              name={key("street")}
              label={`Address ${n} street`}
              value={row.street}
              rows={2}
              onChange={(street) => update({ ...row, street })}
              error={error}
            />
            <TextField
              name={key("city")}
              label={`Address ${n} city`}
              value={row.city}
              onChange={(city) => update({ ...row, city })}
              error={error}
            />
            <TextField
              name={key("postalCode")}
              label={`Address ${n} postal code`}
              value={row.postalCode}
              onChange={(postalCode) => update({ ...row, postalCode })}
              error={error}
            />
            <TextField
              name={key("region")}
              label={`Address ${n} region`}
              value={row.region}
              onChange={(region) => update({ ...row, region })}
              error={error}
            />
            <TextField
              name={key("country")}
              label={`Address ${n} country`}
              value={row.country}
              onChange={(country) => update({ ...row, country })}
              error={error}
            />
          </>
        );
      }}
    />
  );
}

function WebsitesEditor(props: EditorProps<readonly string[]>) {
  const { name, spec, error } = props;
  return (
    <ListEditor
      name={name}
      title={spec.label}
      itemName="website"
      rows={props.value}
      onChange={props.onChange}
      empty=""
      error={error}
      max={spec.max ?? 0}
      renderRow={(row, i, update) => (
        <TextField
          name={`${name}.${i}`}
          label={`Website ${i + 1}`}
          type="url"
          value={row}
          onChange={update}
          error={error}
        />
      )}
    />
  );
}

const REFUSALS: ReadonlyArray<[keyof Refusals, string]> = [
  ["call", "Do not call"],
  ["email", "Do not e-mail"],
  ["mail", "Do not send mail"],
  ["link", "Do not link e-mails automatically"],
];

/** "Do not contact": one checkbox per way of reaching the contact. */
function RefusalsEditor(props: EditorProps<Refusals>) {
  const styles = useStyles();
  const { name, spec, value, onChange } = props;
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>{spec.label}</legend>
      {REFUSALS.map(([way, label]) => (
        <Checkbox
          key={way}
          data-field={name}
          label={label}
          checked={value[way]}
          onChange={(_, data) => onChange({ ...value, [way]: data.checked === true })}
        />
      ))}
    </fieldset>
  );
}
