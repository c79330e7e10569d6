/**
 * What an export saves: the file's text, type and name for a choice of records and format,
 * from the offline copy's records (so it works offline). The writers are src/export's.
 */
import type { VCardVersion } from "../../export";
import { companiesToCsv, contactsToOutlookCsv, contactsToVCard, groupsToCsv } from "../../export";
import type { CompanyFields, ContactFields, GroupFields } from "../../shared/records";
import type { ViewRecord } from "../../sync/view";
import { contactName } from "../contacts/contact-view";
import { exportFileName } from "../database/export-file";

/** The formats a contact export can take. */
export type ContactFormat = "outlook-csv" | "vcard-3.0" | "vcard-4.0";

export type ExportChoice =
  | { readonly what: "contacts"; readonly format: ContactFormat }
  | { readonly what: "companies" | "groups" };

export interface ExportRecords {
  readonly contacts: readonly ViewRecord[];
  readonly companies: readonly ViewRecord[];
  readonly groups: readonly ViewRecord[];
}

/** Contacts a list offers to export: those it shows, or those selected in it. */
export interface ListedContacts {
  readonly contacts: readonly ViewRecord[];
  readonly selected?: boolean;
}

export interface ExportFile {
  readonly name: string;
  readonly type: string;
  readonly text: string;
}

const byId = <F>(records: readonly ViewRecord[]) =>
  new Map(records.map((r) => [r.id, r.fields as F]));

/** The file of `choice` (contacts: those of `contacts`, which may be a filtered list). */
export function exportFile(
  choice: ExportChoice,
  records: ExportRecords,
  contacts: readonly ViewRecord[],
  databaseName: string,
  date: Date,
): ExportFile {
  const name = (what: string, extension: string) =>
    exportFileName(databaseName, date, what, extension);
  if (choice.what === "contacts") {
    const fields = contacts.map((c) => c.fields as ContactFields);
    const companies = byId<CompanyFields>(records.companies);
    const groups = byId<GroupFields>(records.groups);
    if (choice.format === "outlook-csv") {
      return {
        name: name("contacts", "csv"),
        type: "text/csv;charset=utf-8",
        text: contactsToOutlookCsv(fields, companies, groups),
      };
    }
    const version: VCardVersion = choice.format === "vcard-3.0" ? "3.0" : "4.0";
    return {
      name: name("contacts", "vcf"),
      type: "text/vcard;charset=utf-8",
      text: contactsToVCard(fields, companies, groups, version),
    };
  }
  if (choice.what === "companies") {
    return {
      name: name("companies", "csv"),
      type: "text/csv;charset=utf-8",
      text: companiesToCsv(records.companies.map((c) => c.fields as CompanyFields)),
    };
  }
  const contactsById = new Map(records.contacts.map((c) => [c.id, c]));
  return {
    name: name("groups", "csv"),
    type: "text/csv;charset=utf-8",
    text: groupsToCsv(
      records.groups.map((g) => g.fields as GroupFields),
      (id) => {
        const contact = contactsById.get(id);
        return contact && contactName(contact.fields);
      },
    ),
  };
}
