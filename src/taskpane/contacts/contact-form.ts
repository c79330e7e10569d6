/**
 * The contact form's values and their fields. The form edits every field but `groupIds` (the
 * Groups tab manages membership) and `custom` (user-defined fields are shown on the card and
 * kept as they are).
 */
import type { Fields } from "../../shared/json";
import type { Json } from "../../shared/protocol";
import type { AddressRow, KeptRows, PhoneRow } from "../records/form-model";
import {
  addressesField,
  addressRows,
  blankAddress,
  blankPhone,
  blankText,
  block,
  categoriesField,
  categoriesInput,
  inputValue,
  keptRows,
  line,
  phoneRows,
  phonesField,
  textRows,
  textsField,
} from "../records/form-model";

export interface EmailRow {
  readonly address: string;
  readonly label: string;
  readonly primary: boolean;
}

export interface ContactFormValues {
  readonly displayName: string;
  readonly givenName: string;
  readonly middleName: string;
  readonly familyName: string;
  readonly fileAs: string;
  /** A company id, or "" for none. */
  readonly companyId: string;
  readonly jobTitle: string;
  readonly department: string;
  readonly emails: readonly EmailRow[];
  readonly phones: readonly PhoneRow[];
  readonly addresses: readonly AddressRow[];
  readonly websites: readonly string[];
  readonly categories: string;
  readonly birthday: string;
  readonly owner: string;
  readonly doNotCall: boolean;
  readonly doNotEmail: boolean;
  readonly doNotMail: boolean;
  readonly notes: string;
}

function emailRows(value: Json | undefined): EmailRow[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e) =>
    typeof e === "object" && e !== null && !Array.isArray(e)
      ? [
          {
            address: inputValue(e.address),
            label: inputValue(e.label),
            primary: e.primary === true,
          },
        ]
      : [],
  );
}

/** The form for a contact's fields (an empty form for `{}`). */
export function contactFormValues(fields: Readonly<Fields>): ContactFormValues {
  const dnc = fields.doNotContact;
  const refused = (way: string) =>
    typeof dnc === "object" && dnc !== null && !Array.isArray(dnc) && dnc[way] === true;
  return {
    displayName: inputValue(fields.displayName),
    givenName: inputValue(fields.givenName),
    middleName: inputValue(fields.middleName),
    familyName: inputValue(fields.familyName),
    fileAs: inputValue(fields.fileAs),
    companyId: inputValue(fields.companyId),
    jobTitle: inputValue(fields.jobTitle),
    department: inputValue(fields.department),
    emails: emailRows(fields.emails),
    phones: phoneRows(fields.phones),
    addresses: addressRows(fields.addresses),
    websites: textRows(fields.websites),
    categories: categoriesInput(fields.categories),
    birthday: inputValue(fields.birthday),
    owner: inputValue(fields.owner),
    doNotCall: refused("call"),
    doNotEmail: refused("email"),
    doNotMail: refused("mail"),
    notes: inputValue(fields.notes),
  };
}

/** The fields a form stands for; a blank value is null (it clears the field). */
export function contactFormFields(form: ContactFormValues): Fields {
  const emails = form.emails.flatMap((e) => {
    const address = line(e.address);
    if (address === null) return [];
    const entry: Record<string, Json> = { address };
    const label = line(e.label);
    if (label !== null) entry.label = label;
    if (e.primary) entry.primary = true;
    return [entry];
  });
  const anyRefused = form.doNotCall || form.doNotEmail || form.doNotMail;
  const owner = line(form.owner);
  return {
    displayName: line(form.displayName),
    givenName: line(form.givenName),
    middleName: line(form.middleName),
    familyName: line(form.familyName),
    fileAs: line(form.fileAs),
    companyId: line(form.companyId),
    jobTitle: line(form.jobTitle),
    department: line(form.department),
    emails: emails.length === 0 ? null : emails,
    phones: phonesField(form.phones),
    addresses: addressesField(form.addresses),
    websites: textsField(form.websites),
    categories: categoriesField(form.categories),
    birthday: line(form.birthday),
    // Sync-set filters compare the owner with a member's lower-cased address (records.md).
    owner: owner === null ? null : owner.toLowerCase(),
    doNotContact: anyRefused
      ? { call: form.doNotCall, email: form.doNotEmail, mail: form.doNotMail }
      : null,
    notes: block(form.notes),
  };
}

/** The label of the control showing each field path, for messages and focus. */
export function contactControlLabels(form: ContactFormValues): Map<string, string> {
  const labels = new Map<string, string>([
    ["displayName", "Display name"],
    ["givenName", "First name"],
    ["middleName", "Middle name"],
    ["familyName", "Last name"],
    ["fileAs", "File as"],
    ["companyId", "Company"],
    ["jobTitle", "Job title"],
    ["department", "Department"],
    ["emails", "E-mail addresses"],
    ["phones", "Phone numbers"],
    ["addresses", "Addresses"],
    ["websites", "Websites"],
    ["categories", "Categories"],
    ["birthday", "Birthday"],
    ["owner", "Owner"],
    ["doNotContact", "Do not contact"],
    ["notes", "Notes"],
  ]);
  form.emails.forEach((_, i) => {
    labels.set(`emails.${i}.address`, `E-mail ${i + 1}`);
    labels.set(`emails.${i}.label`, `E-mail ${i + 1} label`);
  });
  addListLabels(labels, form.phones.length, form.addresses.length, form.websites.length);
  return labels;
}

/** Labels of the phone, address and website controls (the company form has them too). */
export function addListLabels(
  labels: Map<string, string>,
  phones: number,
  addresses: number,
  websites: number,
): void {
  for (let i = 0; i < phones; i++) {
    labels.set(`phones.${i}.number`, `Phone ${i + 1}`);
    labels.set(`phones.${i}.label`, `Phone ${i + 1} label`);
  }
  for (let i = 0; i < addresses; i++) {
    const n = i + 1;
    labels.set(`addresses.${i}.label`, `Address ${n} label`);
    labels.set(`addresses.${i}.street`, `Address ${n} street`);
    labels.set(`addresses.${i}.city`, `Address ${n} city`);
    labels.set(`addresses.${i}.region`, `Address ${n} region`);
    labels.set(`addresses.${i}.postalCode`, `Address ${n} postal code`);
    labels.set(`addresses.${i}.country`, `Address ${n} country`);
  }
  for (let i = 0; i < websites; i++) labels.set(`websites.${i}`, `Website ${i + 1}`);
}

/** The form rows behind each list field's items, to show an error on the right row. */
export function contactKeptRows(form: ContactFormValues): KeptRows {
  return {
    emails: keptRows(form.emails, (e) => line(e.address) === null),
    phones: keptRows(form.phones, blankPhone),
    addresses: keptRows(form.addresses, blankAddress),
    websites: keptRows(form.websites, blankText),
  };
}
