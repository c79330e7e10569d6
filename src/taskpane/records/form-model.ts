/**
 * Form values ↔ record fields, shared by the contact and company forms. A form holds strings
 * as the inputs do; `toFields` turns them into fields (blank → null, which clears the field).
 *
 * An edit sends only what the user changed: the fields of the form as it is, compared with the
 * fields of the form as it was opened (not with the record), so a value the form cannot show
 * exactly (a label it does not offer, a list it writes another way) is never rewritten unless
 * the user touched it. Validation errors name a path inside `fields` (`emails.1.address`);
 * `errorTarget` finds the control that shows it.
 */
import type { Fields } from "../../shared/json";
import { sameJson } from "../../shared/json";
import type { Json } from "../../shared/protocol";

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
