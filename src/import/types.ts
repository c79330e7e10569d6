/**
 * What reading a contact file answers (see `readContactFile` in ./index.ts): the contacts and
 * companies it read, in the record schema of src/shared/records.ts, and the problems it met.
 * Nothing here has an id yet: the pane matches companies and duplicates against the offline
 * copy and gives ids when it writes the import.
 *
 * How the parts fit (for the readers' authors): each reader (`readVcard` in ./vcard.ts,
 * `readCsv` in ./csv.ts) answers a {@link ReaderResult} on text decoded by ./decode.ts; its
 * contacts' fields need not be valid yet. ./index.ts then checks every contact against
 * `ContactFields` (./validate.ts: a part that does not fit is cut or moved to the notes, with a
 * problem; a contact with no name and no e-mail address is left out, with a problem) and makes
 * the companies from the kept contacts' `companyName` (./companies.ts). Readers do neither.
 */
import type { CompanyFields, ContactFields } from "../shared/records";

/** A contact read from the file. */
export interface ImportedContact {
  /** The 1-based line of the file where the contact starts (a CSV row, a vCard's BEGIN). */
  line: number;
  /** The contact's fields, valid against `ContactFields` (no `companyId` or `groupIds`). */
  fields: ContactFields;
  /** The organization's name as the file wrote it, if any: links to a company by name. */
  companyName?: string;
  /** Group or category names from the source's group columns, to make or join groups. */
  groupNames?: string[];
}

/** A company made from the organization names of the file, one per name (case ignored). */
export interface ImportedCompany {
  /** Its fields; `name` is always set. */
  fields: CompanyFields & { name: string };
}

/** A record that could not be read, or a part of one that was left out, and why. */
export interface ImportProblem {
  /** The 1-based line of the file it concerns. */
  line: number;
  /** A sentence for the user, e.g. "Has no name and no e-mail address." */
  reason: string;
  /** Whether the record was left out (true) or read without the part named (false). */
  skipped: boolean;
}

/** Where a CSV column goes; `null` leaves the column out. See ./columns.ts for the targets. */
export type ColumnTarget = string | null;

/** The columns of a CSV file and where each goes, in column order. */
export interface ColumnMapping {
  /** The header row's names, as the file wrote them. */
  headers: string[];
  /** One target per header. */
  targets: ColumnTarget[];
  /** The known column set the headers matched (e.g. "outlook", "google"), or "custom". */
  source: string;
}

/** The answer of `readContactFile`. */
export interface ContactFileResult {
  /** The format read, found from the content. */
  format: "vcard" | "csv";
  /**
   * The text encoding used: a WHATWG encoding label such as "utf-8", "windows-1252",
   * "utf-16le". A file read line by line in two encodings (UTF-8 lines and lines in a legacy
   * code page) names both, UTF-8 first: "utf-8 + windows-1252".
   */
  encoding: string;
  contacts: ImportedContact[];
  companies: ImportedCompany[];
  problems: ImportProblem[];
  /** For CSV only: the mapping used, guessed unless one was given in the options. */
  mapping?: ColumnMapping;
}

/**
 * What one reader answers before ./index.ts validates it: contacts whose fields may not be
 * valid yet, the problems the reader met, and for CSV the mapping it used.
 */
export interface ReaderResult {
  contacts: ImportedContact[];
  problems: ImportProblem[];
  mapping?: ColumnMapping;
}

/** Options of `readContactFile`. */
export interface ReadOptions {
  /** For CSV: the mapping to use instead of the guessed one (the preview's choice). */
  targets?: ColumnTarget[];
  /**
   * Told how far the read has come, every {@link PROGRESS_EVERY} records and at the end: `done`
   * of `total` steps, where each record of the file is two steps (read by its reader, then
   * checked), so `done / total` is the fraction done. For a progress bar.
   */
  onProgress?: (done: number, total: number) => void;
}

/** How many records a reader (and the check after it) reads between two progress calls. */
export const PROGRESS_EVERY = 500;
