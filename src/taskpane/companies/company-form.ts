/** The company form's values and their fields (every company field). */
import type { Fields } from "../../shared/json";
import type { Json } from "../../shared/protocol";
import { addListLabels } from "../contacts/contact-form";
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

export interface CompanyFormValues {
  readonly name: string;
  readonly industry: string;
  /** Domains typed as one text, separated by commas or spaces. */
  readonly domains: string;
  readonly phones: readonly PhoneRow[];
  readonly addresses: readonly AddressRow[];
  readonly websites: readonly string[];
  readonly categories: string;
  readonly owner: string;
  readonly notes: string;
}

export function companyFormValues(fields: Readonly<Fields>): CompanyFormValues {
  return {
    name: inputValue(fields.name),
    industry: inputValue(fields.industry),
    domains: Array.isArray(fields.domains)
      ? fields.domains.map((d) => inputValue(d)).join(", ")
      : "",
    phones: phoneRows(fields.phones),
    addresses: addressRows(fields.addresses),
    websites: textRows(fields.websites),
    categories: categoriesInput(fields.categories),
    owner: inputValue(fields.owner),
    notes: inputValue(fields.notes),
  };
}

/**
 * The fields of a company form. Domains are sent lower-cased: the database refuses any other
 * case rather than changing it (records.md).
 */
export function companyFormFields(form: CompanyFormValues): Fields {
  const domains: Json[] = form.domains
    .split(/[\s,]+/)
    .filter((d) => d !== "")
    .map((d) => d.toLowerCase());
  const owner = line(form.owner);
  return {
    name: line(form.name),
    industry: line(form.industry),
    domains: domains.length === 0 ? null : domains,
    phones: phonesField(form.phones),
    addresses: addressesField(form.addresses),
    websites: textsField(form.websites),
    categories: categoriesField(form.categories),
    owner: owner === null ? null : owner.toLowerCase(),
    notes: block(form.notes),
  };
}

export function companyKeptRows(form: CompanyFormValues): KeptRows {
  return {
    phones: keptRows(form.phones, blankPhone),
    addresses: keptRows(form.addresses, blankAddress),
    websites: keptRows(form.websites, blankText),
  };
}

export function companyControlLabels(form: CompanyFormValues): Map<string, string> {
  const labels = new Map<string, string>([
    ["name", "Name"],
    ["industry", "Industry"],
    ["domains", "Domains"],
    ["phones", "Phone numbers"],
    ["addresses", "Addresses"],
    ["websites", "Websites"],
    ["categories", "Categories"],
    ["owner", "Owner"],
    ["notes", "Notes"],
  ]);
  addListLabels(labels, form.phones.length, form.addresses.length, form.websites.length);
  return labels;
}
