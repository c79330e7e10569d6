/**
 * The exports: contacts as Outlook CSV and as vCard 3.0 or 4.0, companies and groups as CSV.
 * Pure functions from records to the file's text, for the pane to download; they work offline
 * since they read only what they are given.
 */
export { contactsToOutlookCsv } from "./outlook-csv";
export { contactsToVCard, type VCardVersion } from "./vcard";
export { companiesToCsv, groupsToCsv } from "./records-csv";
