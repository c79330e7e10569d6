/**
 * Form values ↔ record fields for every record form. The form of a type edits the fields of its
 * table (src/shared/records.ts, `FIELDS`) whose kind has a model here, in the table's order; a
 * form holds what the inputs hold (strings, rows), and `formFields` turns it into fields
 * (blank → null, which clears the field).
 *
 * An edit sends only what the user changed: the fields of the form as it is, compared with the
 * fields of the form as it was opened (not with the record), so a value the form cannot show
 * exactly (a label it does not offer, a list it writes another way) is never rewritten unless
 * the user touched it. Validation errors name a path inside `fields` (`emails.1.address`);
 * `errorTarget` finds the control that shows it.
 */
import type { Fields } from "../../shared/json";
import { sameJson } from "../../shared/json";
import type { Json, RecordType } from "../../shared/protocol";
import type { FieldKind, FieldSpec } from "../../shared/records";
import { fieldsOf } from "../../shared/records";

export interface EmailRow {
  readonly address: string;
  readonly label: string;
  readonly primary: boolean;
}

export interface PhoneRow {
  readonly number: string;
  readonly label: string;
}

export interface AddressRow {
  readonly label: string;
  readonly street: string;
  readonly city: string;
  readonly region: string;
  readonly postalCode: string;
  readonly country: string;
}

export const EMPTY_ADDRESS: AddressRow = {
  label: "",
  street: "",
  city: "",
  region: "",
  postalCode: "",
  country: "",
};

/** A single-line input's value as a field: trimmed, and blank clears the field. */
export function line(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** A multi-line input's value as a field: kept as typed, blank clears the field. */
export function block(value: string): string | null {
  return value.trim() === "" ? null : value;
}

/** A field's value for an input. */
export function inputValue(value: Json | undefined): string {
  return typeof value === "string" ? value : "";
}

function rows(value: Json | undefined): Array<Record<string, Json>> {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is Record<string, Json> =>
      typeof item === "object" && item !== null && !Array.isArray(item),
  );
}

export function phoneRows(value: Json | undefined): PhoneRow[] {
  return rows(value).map((p) => ({ number: inputValue(p.number), label: inputValue(p.label) }));
}

export function phonesField(phones: readonly PhoneRow[]): Json {
  const list = phones.flatMap((p) => {
    const number = line(p.number);
    if (number === null) return [];
    const label = line(p.label);
    return [label === null ? { number } : { number, label }];
  });
  return list.length === 0 ? null : list;
}

export function addressRows(value: Json | undefined): AddressRow[] {
  return rows(value).map((a) => ({
    label: inputValue(a.label),
    street: inputValue(a.street),
    city: inputValue(a.city),
    region: inputValue(a.region),
    postalCode: inputValue(a.postalCode),
    country: inputValue(a.country),
  }));
}

export function addressesField(addresses: readonly AddressRow[]): Json {
  const list = addresses.flatMap((a) => {
    const parts: Record<string, Json> = {};
    const put = (name: string, value: string | null) => {
      if (value !== null) parts[name] = value;
    };
    put("street", block(a.street));
    put("city", line(a.city));
    put("region", line(a.region));
    put("postalCode", line(a.postalCode));
    put("country", line(a.country));
    if (Object.keys(parts).length === 0) return [];
    put("label", line(a.label));
    return [parts];
  });
  return list.length === 0 ? null : list;
}

/** One input per text of a list (websites). */
export function textRows(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.map((v) => inputValue(v)) : [];
}

export function textsField(values: readonly string[]): Json {
  const list = values.flatMap((v) => {
    const t = line(v);
    return t === null ? [] : [t];
  });
  return list.length === 0 ? null : list;
}

/** Categories are typed as one text, separated by commas. */
export function categoriesInput(value: Json | undefined): string {
  return Array.isArray(value) ? value.map((v) => inputValue(v)).join(", ") : "";
}

export function categoriesField(value: string): Json {
  const list = value
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "");
  return list.length === 0 ? null : list;
}

/** The fields that differ between the form as opened and as it is now (null clears one). */
export function changedFields(initial: Fields, current: Fields): Fields {
  const changes: Fields = {};
  const names = new Set([...Object.keys(initial), ...Object.keys(current)]);
  for (const name of names) {
    const value = current[name] ?? null;
    if (!sameJson(initial[name] ?? null, value)) changes[name] = value;
  }
  return changes;
}

/** A create sends the fields that hold something. */
export function nonNullFields(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
}

/**
 * The control that shows an error about `field`: the longest control key that is the field or
 * a path above it (`emails.1.address` for `emails.1.address`, `categories` for `categories.2`).
 * Else the field's first segment, which list editors show under the list as a whole.
 */
export function errorTarget(field: string, controls: Iterable<string>): string {
  let best: string | null = null;
  for (const key of controls) {
    if (
      (field === key || field.startsWith(`${key}.`)) &&
      (best === null || key.length > best.length)
    )
      best = key;
  }
  return best ?? field.split(".")[0] ?? field;
}

/**
 * A validation message in the user's words: the path it starts with replaced by the control's
 * label (`emails.0.address must be an e-mail address.` → `E-mail 1 must be an e-mail address.`).
 */
export function friendlyMessage(message: string, field: string, label: string): string {
  const rest = field !== "" && message.startsWith(`${field} `) ? message.slice(field.length) : null;
  if (rest !== null) return `${label}${rest}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** For each list field, the form rows that became list items (blank rows are left out). */
export type KeptRows = Readonly<Record<string, readonly number[]>>;

export function keptRows<R>(rows: readonly R[], blank: (row: R) => boolean): number[] {
  return rows.flatMap((row, i) => (blank(row) ? [] : [i]));
}

export const blankPhone = (p: PhoneRow) => line(p.number) === null;
export const blankAddress = (a: AddressRow) => addressesField([a]) === null;
export const blankText = (t: string) => line(t) === null;

/** A field path with its list index turned back into the form's row (`emails.0` → `emails.2`). */
export function formPath(field: string, kept: KeptRows): string {
  const [name, index, ...rest] = field.split(".");
  if (name === undefined || index === undefined || !/^\d+$/.test(index)) return field;
  const row = kept[name]?.[Number(index)];
  return row === undefined ? field : [name, String(row), ...rest].join(".");
}

function emailRows(value: Json | undefined): EmailRow[] {
  return rows(value).map((e) => ({
    address: inputValue(e.address),
    label: inputValue(e.label),
    primary: e.primary === true,
  }));
}

function emailsField(emails: readonly EmailRow[]): Json {
  const list = emails.flatMap((e) => {
    const address = line(e.address);
    if (address === null) return [];
    const entry: Record<string, Json> = { address };
    const label = line(e.label);
    if (label !== null) entry.label = label;
    if (e.primary) entry.primary = true;
    return [entry];
  });
  return list.length === 0 ? null : list;
}

/** The ways of reaching a contact that "Do not contact" offers, each a checkbox. */
export interface Refusals {
  readonly call: boolean;
  readonly email: boolean;
  readonly mail: boolean;
  readonly link: boolean;
}

function refusalsInput(value: Json | undefined): Refusals {
  const refused = (way: string) =>
    typeof value === "object" && value !== null && !Array.isArray(value) && value[way] === true;
  return {
    call: refused("call"),
    email: refused("email"),
    mail: refused("mail"),
    link: refused("link"),
  };
}

/** A member's address, lower-cased: sync-set filters compare it so (records.md). */
function memberField(value: string): Json {
  const address = line(value);
  return address === null ? null : address.toLowerCase();
}

/**
 * Domains typed as one text, separated by commas or spaces, sent lower-cased: the database
 * refuses any other case rather than changing it (records.md).
 */
function domainsField(value: string): Json {
  const list = value
    .split(/[\s,]+/)
    .filter((d) => d !== "")
    .map((d) => d.toLowerCase());
  return list.length === 0 ? null : list;
}

/** How a form holds the fields of one kind. */
interface KindModel<V> {
  /** The form's value for a field's value. */
  readonly input: (value: Json | undefined) => V;
  /** The field for the form's value. */
  readonly field: (value: V) => Json;
  /** For a list, the form rows that became items, and each row's controls and labels. */
  readonly rows?: {
    readonly kept: (value: V) => number[];
    readonly labels: (name: string, item: string, value: V) => Array<[string, string]>;
  };
}

const kind = <V>(model: KindModel<V>): KindModel<unknown> => model as KindModel<unknown>;

/** `Phone 1`, `Phone 1 label`…: a row's controls, named by the field's word for one item. */
function rowLabels(parts: Record<string, string>) {
  return (name: string, item: string, value: readonly unknown[]) =>
    value.flatMap((_, i) =>
      Object.entries(parts).map(([part, words]): [string, string] => [
        part === "" ? `${name}.${i}` : `${name}.${i}.${part}`,
        `${item} ${i + 1}${words}`,
      ]),
    );
}

/** The kinds a form edits; a field of any other kind is kept as it is. */
const KINDS: Partial<Record<FieldKind, KindModel<unknown>>> = {
  line: kind({ input: inputValue, field: line }),
  text: kind({ input: inputValue, field: block }),
  date: kind({ input: inputValue, field: line }),
  company: kind({ input: inputValue, field: line }),
  member: kind({ input: inputValue, field: memberField }),
  categories: kind({ input: categoriesInput, field: categoriesField }),
  domains: kind({ input: categoriesInput, field: domainsField }),
  refusals: kind<Refusals>({
    input: refusalsInput,
    field: (r) => (r.call || r.email || r.mail || r.link ? { ...r } : null),
  }),
  emails: kind<readonly EmailRow[]>({
    input: emailRows,
    field: emailsField,
    rows: {
      kept: (v) => keptRows(v, (e) => line(e.address) === null),
      labels: rowLabels({ address: "", label: " label" }),
    },
  }),
  phones: kind<readonly PhoneRow[]>({
    input: phoneRows,
    field: phonesField,
    rows: {
      kept: (v) => keptRows(v, blankPhone),
      labels: rowLabels({ number: "", label: " label" }),
    },
  }),
  addresses: kind<readonly AddressRow[]>({
    input: addressRows,
    field: addressesField,
    rows: {
      kept: (v) => keptRows(v, blankAddress),
      labels: rowLabels({
        label: " label",
        street: " street",
        city: " city",
        region: " region",
        postalCode: " postal code",
        country: " country",
      }),
    },
  }),
  websites: kind<readonly string[]>({
    input: textRows,
    field: textsField,
    rows: { kept: (v) => keptRows(v, blankText), labels: rowLabels({ "": "" }) },
  }),
};

/** A form's values: each edited field's value as its inputs hold it, by field name. */
export type FormValues = Readonly<Record<string, unknown>>;

/** The fields a type's form edits, in the order it shows them. */
export function formFieldsOf(type: RecordType): Array<[name: string, spec: FieldSpec]> {
  return fieldsOf(type).filter(([, spec]) => KINDS[spec.kind] !== undefined);
}

function modelOf(spec: FieldSpec): KindModel<unknown> {
  const model = KINDS[spec.kind];
  if (model === undefined) throw new Error(`A form cannot edit a field of kind ${spec.kind}.`);
  return model;
}

/** The form for a record's fields (an empty form for `{}`). */
export function formValues(type: RecordType, fields: Readonly<Fields>): FormValues {
  return Object.fromEntries(
    formFieldsOf(type).map(([name, spec]) => [name, modelOf(spec).input(fields[name])]),
  );
}

/** The fields a form stands for; a blank value is null (it clears the field). */
export function formFields(type: RecordType, values: FormValues): Fields {
  return Object.fromEntries(
    formFieldsOf(type).map(([name, spec]) => [name, modelOf(spec).field(values[name])]),
  );
}

/** The form rows behind each list field's items, to show an error on the right row. */
export function formKeptRows(type: RecordType, values: FormValues): KeptRows {
  return Object.fromEntries(
    formFieldsOf(type).flatMap(([name, spec]) => {
      const rows = modelOf(spec).rows;
      return rows ? [[name, rows.kept(values[name])]] : [];
    }),
  );
}

/** The label of the control showing each field path, for messages and focus. */
export function formLabels(type: RecordType, values: FormValues): Map<string, string> {
  return new Map(
    formFieldsOf(type).flatMap(([name, spec]): Array<[string, string]> => [
      [name, spec.label],
      ...(modelOf(spec).rows?.labels(name, spec.item ?? spec.label, values[name]) ?? []),
    ]),
  );
}
