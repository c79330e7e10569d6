/**
 * The company list's model: one entry per company (name, industry, domains, search haystack,
 * sort key), in name order, and a company's contacts.
 */
import type { ViewRecord } from "../../sync/view";
import type { ContactEntry } from "../contacts/contact-list";
import { companyName, sortKey } from "../contacts/contact-list";
import { phonesOf, text, texts } from "../contacts/contact-view";
import { haystack } from "../records/search-index";

export interface CompanyEntry {
  readonly id: string;
  readonly record: ViewRecord;
  readonly name: string;
  readonly industry: string | null;
  readonly domains: readonly string[];
  readonly haystack: string;
  readonly nameKey: string;
}

export function companyEntry(record: ViewRecord): CompanyEntry {
  const name = companyName(record);
  const domains = texts(record.fields.domains);
  const industry = text(record.fields.industry);
  const phones = phonesOf(record.fields).map((p) => p.number);
  return {
    id: record.id,
    record,
    name,
    industry,
    domains,
    haystack: haystack(
      [name, industry ?? "", ...domains, ...phones, ...texts(record.fields.categories)],
      phones,
    ),
    nameKey: sortKey(name),
  };
}

/** Every company's entry, by name (ties by id). */
export function companyEntries(companies: readonly ViewRecord[]): CompanyEntry[] {
  return companies
    .map(companyEntry)
    .sort((a, b) =>
      a.nameKey < b.nameKey
        ? -1
        : a.nameKey > b.nameKey
          ? 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0,
    );
}

/** The contacts whose `companyId` is the company, in the order given. */
export function contactsOf(entries: readonly ContactEntry[], companyId: string): ContactEntry[] {
  return entries.filter((e) => e.companyId === companyId);
}
