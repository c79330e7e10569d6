/**
 * The import bench's file: the 10,000 test contacts (bench/data.ts) written as Outlook writes
 * its contacts' CSV, by the export's own writer (src/export), as bytes the import reads.
 */
import { contactsToOutlookCsv } from "../src/export/outlook-csv";
import type { CompanyFields, ContactFields, GroupFields } from "../src/shared/records";
import type { BenchRecord } from "./data";

export function outlookCsvOf(records: readonly BenchRecord[]): Uint8Array {
  const companies = new Map<string, CompanyFields>();
  const contacts: ContactFields[] = [];
  for (const record of records) {
    if (record.type === "company") companies.set(record.id, record.fields);
    else contacts.push(record.fields);
  }
  const csv = contactsToOutlookCsv(contacts, companies, new Map<string, GroupFields>());
  return new TextEncoder().encode(csv);
}
