/**
 * The CSV reader: text (decoded by ./decode.ts) to contacts, through a column mapping guessed
 * from the header row (./columns.ts) or given by the preview.
 *
 * papaparse splits the records (RFC 4180: quoted fields with separators, doubled quotes, tabs
 * and line breaks; the separator guessed among comma, semicolon and tab). Line breaks are
 * made `\n` first, CRLF and a lone CR alike, so records split the same whatever the file
 * used, values carry `\n`, and the line of a record is the number of `\n` before it plus one:
 * the physical line where it starts, also when a quoted value spans lines.
 *
 * This reader does not validate: ./index.ts checks each contact against the record schema and
 * makes the companies. It reports what only it can tell: rows with too few or too many values,
 * dates it cannot read, a mapping given with targets it does not know, malformed quoting.
 */
import Papa from "papaparse";
import type {
  ContactFields,
  CustomValue,
  EmailEntry,
  PhoneEntry,
  PostalAddress,
} from "../shared/records";
import {
  dayFirst,
  guessMapping,
  parseTarget,
  type AddressPart,
  type ParsedTarget,
} from "./columns";
import {
  PROGRESS_EVERY,
  type ColumnTarget,
  type ImportProblem,
  type ImportedContact,
  type ReadOptions,
  type ReaderResult,
} from "./types";

/** Reads a CSV file with a header row. See the file's header for what it does and does not. */
export function readCsv(text: string, options: ReadOptions = {}): ReaderResult {
  const rows = splitRows(text.replace(/\r\n?/g, "\n"));
  const problems: ImportProblem[] = rows.problems;
  const header = rows.records.find((r) => !blank(r.values));
  if (header === undefined) {
    problems.push({
      line: 1,
      reason: "The file holds no header row and no contacts.",
      skipped: true,
    });
    return { contacts: [], problems };
  }
  const headers = header.values.map((h) => h.trim());
  const guessed = guessMapping(headers);
  const targets = headers.map((_, i) =>
    options.targets ? (options.targets[i] ?? null) : (guessed.targets[i] ?? null),
  );
  const columns = compile(headers, targets, guessed.targets, header.line, problems);
  const mapping = { headers, targets, source: guessed.source };

  const records = rows.records.filter((r) => r.line > header.line && !blank(r.values));
  for (const column of columns)
    if (column.target.kind === "field" && column.target.field === "birthday")
      column.dayFirst = dateOrder(
        records.map((r) => r.values[column.index] ?? ""),
        guessed.source,
      );

  const contacts: ImportedContact[] = [];
  for (const [i, record] of records.entries()) {
    if (i % PROGRESS_EVERY === 0) options.onProgress?.(i, records.length);
    if (record.values.length !== headers.length) {
      const extra = record.values.slice(headers.length);
      if (record.values.length < headers.length || !blank(extra))
        problems.push({
          line: record.line,
          reason:
            `This row has ${record.values.length} values where the header row has ${headers.length}: ` +
            (record.values.length < headers.length
              ? "the missing ones were read as empty."
              : "the values past the last column were left out."),
          skipped: false,
        });
    }
    const contact = readRow(record, columns, problems);
    if (contact) contacts.push(contact);
  }
  options.onProgress?.(records.length, records.length);
  return { contacts, problems, mapping };
}

/** A record of the file: its values and the line where it starts. */
interface CsvRecord {
  line: number;
  values: string[];
}

function blank(values: readonly string[]): boolean {
  return values.every((v) => v.trim() === "");
}

/**
 * The separator of a file: the one of comma, semicolon (Windows Live Mail, Excel in much of
 * Europe) and tab that its header row holds most of, quoted text aside; a comma when it holds
 * none (one column). The header row decides because values may hold any of them, and
 * papaparse's guess from the first rows chose wrong on files whose values hold semicolons.
 */
function separatorOf(text: string): string {
  const header = (/^[ \t]*\S.*$/m.exec(text)?.[0] ?? "").replace(/"[^"]*"/g, "");
  let best = ",";
  let most = 0;
  for (const sep of [",", ";", "\t"]) {
    const count = header.split(sep).length - 1;
    if (count > most) [best, most] = [sep, count];
  }
  return best;
}

/** Splits LF-only text into records with papaparse, each with the line where it starts. */
function splitRows(text: string): { records: CsvRecord[]; problems: ImportProblem[] } {
  const records: CsvRecord[] = [];
  const problems: ImportProblem[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    newline: "\n",
    delimiter: separatorOf(text),
    step(result) {
      const values = result.data;
      records.push({ line, values });
      for (const error of result.errors)
        problems.push({
          line,
          reason: `The quoting is broken here (${error.message}): the values may be cut or joined.`,
          skipped: false,
        });
      const end = result.meta.cursor;
      for (let i = text.indexOf("\n", start); i !== -1 && i < end; i = text.indexOf("\n", i + 1))
        line += 1;
      start = end;
    },
  });
  return { records, problems };
}

/** A column to read: where its values go. */
interface Column {
  index: number;
  header: string;
  target: ParsedTarget;
  /** For a `notes` column that is not the file's own notes: its values are headed by its name. */
  headed: boolean;
  /** For a birthday column: whether its dates put the day first. */
  dayFirst: boolean;
}

/** The columns that go somewhere, with their targets taken apart. */
function compile(
  headers: readonly string[],
  targets: readonly ColumnTarget[],
  guessed: readonly ColumnTarget[],
  headerLine: number,
  problems: ImportProblem[],
): Column[] {
  const columns: Column[] = [];
  headers.forEach((header, index) => {
    const target = targets[index] ?? null;
    if (target === null) return;
    const parsed = parseTarget(target);
    if (parsed === null) {
      problems.push({
        line: headerLine,
        reason: `The column “${header}” was left out: “${target}” names no field.`,
        skipped: false,
      });
      return;
    }
    columns.push({
      index,
      header,
      target: parsed,
      headed: guessed[index] !== "notes",
      dayFirst: false,
    });
  });
  return columns;
}

/** Google joins several values of one cell with ` ::: `. */
const MULTI = /\s*:::\s*/;

/** Labels written as words we keep lower-case, so that "Work" and "work" are one label. */
const KNOWN_LABELS = new Set(["work", "home", "mobile", "other", "main", "pager", "fax"]);
/** Google's words for fax numbers, as the labels the Outlook columns give. */
const GOOGLE_FAX: Record<string, string> = {
  "work fax": "fax",
  "home fax": "home fax",
  "other fax": "other fax",
};

/** A label cell: its label, and whether it marks the primary entry (Google's `* Work`). */
function readLabel(raw: string | undefined): { label: string | null; primary: boolean } {
  const text = (raw ?? "").trim();
  const primary = text.startsWith("*");
  const label = text.replace(/^\*\s*/, "");
  const lower = label.toLowerCase();
  if (label === "") return { label: null, primary };
  return { label: KNOWN_LABELS.has(lower) ? lower : (GOOGLE_FAX[lower] ?? label), primary };
}

/** The parts of one postal address while a row is read. */
type AddressDraft = { label: string | null } & Partial<Record<AddressPart, string>>;

/** Reads one row into a contact, or nothing when the row holds nothing that goes anywhere. */
function readRow(
  record: CsvRecord,
  columns: readonly Column[],
  problems: ImportProblem[],
): ImportedContact | null {
  const { line, values } = record;
  const text: Partial<
    Record<
      | "givenName"
      | "middleName"
      | "familyName"
      | "displayName"
      | "fileAs"
      | "jobTitle"
      | "department"
      | "name"
      | "namePrefix"
      | "nameSuffix"
      | "companyName",
      string
    >
  > = {};
  const notes: string[] = [];
  const emails: EmailEntry[] = [];
  const phones: PhoneEntry[] = [];
  const websites: string[] = [];
  const groups: string[] = [];
  const categories: string[] = [];
  const custom: Record<string, CustomValue> = {};
  const addresses = new Map<string, AddressDraft>();
  const birth: { date?: string; year?: string; month?: string; day?: string } = {};

  const labels = new Map<string, { label: string | null; primary: boolean }>();
  for (const { target, index } of columns)
    if (target.kind === "label")
      labels.set(`${target.of}#${target.slot}`, readLabel(values[index]));
  const labelOf = (kind: string, fixed: string | null, slot: number | null) =>
    slot === null
      ? { label: fixed, primary: false }
      : (labels.get(`${kind}#${slot}`) ?? { label: null, primary: false });

  for (const column of columns) {
    const value = (values[column.index] ?? "").trim();
    if (value === "") continue;
    const { target } = column;
    switch (target.kind) {
      case "label":
        break;
      case "custom": {
        const name = target.name ?? column.header;
        const before = custom[name];
        custom[name] = {
          type: "text",
          value: before ? `${before.value as string}\n${value}` : value,
        };
        break;
      }
      case "email": {
        const { label, primary } = labelOf("email", target.label, target.slot);
        value.split(MULTI).forEach((address, i) => {
          if (address === "") return;
          const entry: EmailEntry = { address };
          if (label !== null) entry.label = label;
          if (primary && i === 0 && !emails.some((e) => e.primary)) entry.primary = true;
          emails.push(entry);
        });
        break;
      }
      case "phone": {
        const { label } = labelOf("phone", target.label, target.slot);
        for (const number of value.split(MULTI))
          if (number !== "") phones.push(label === null ? { number } : { number, label });
        break;
      }
      case "website":
        websites.push(...value.split(MULTI).filter((w) => w !== ""));
        break;
      case "address": {
        const key = target.slot === null ? `:${target.label ?? ""}` : `#${target.slot}`;
        const draft = addresses.get(key) ?? {
          label: labelOf("address", target.label, target.slot).label,
        };
        draft[target.part] = draft[target.part] ? `${draft[target.part]}\n${value}` : value;
        addresses.set(key, draft);
        break;
      }
      case "field":
        switch (target.field) {
          case "notes":
            notes.push(column.headed ? `${column.header}: ${value}` : value);
            break;
          case "groups":
          case "categories":
            for (const name of groupNames(value))
              if (
                !(target.field === "groups" ? groups : categories).some(
                  (g) => g.toLowerCase() === name.toLowerCase(),
                )
              )
                (target.field === "groups" ? groups : categories).push(name);
            break;
          case "birthday": {
            const date = readDate(value, column.dayFirst);
            if (date.ok) {
              if (date.date !== null) birth.date = date.date;
            } else
              problems.push({
                line,
                reason: `The birthday “${value}” (column “${column.header}”) ${date.why}: it was left out.`,
                skipped: false,
              });
            break;
          }
          case "birthYear":
            birth.year = value;
            break;
          case "birthMonth":
            birth.month = value;
            break;
          case "birthDay":
            birth.day = value;
            break;
          default: {
            const before = text[target.field];
            text[target.field] = before ? `${before} ${value}` : value;
          }
        }
    }
  }

  const fields: ContactFields = {};
  let { givenName, familyName, displayName } = text;
  const { middleName, name, namePrefix, nameSuffix } = text;
  if (name !== undefined) {
    displayName ??= name;
    if (givenName === undefined && familyName === undefined)
      ({ givenName, familyName } = splitName(name));
  }
  if (displayName === undefined && (namePrefix !== undefined || nameSuffix !== undefined))
    displayName = [namePrefix, givenName, middleName, familyName, nameSuffix]
      .filter((p) => p !== undefined)
      .join(" ");
  if (givenName !== undefined) fields.givenName = givenName;
  if (middleName !== undefined) fields.middleName = middleName;
  if (familyName !== undefined) fields.familyName = familyName;
  if (displayName !== undefined) fields.displayName = displayName;
  if (text.fileAs !== undefined) fields.fileAs = text.fileAs;
  if (text.jobTitle !== undefined) fields.jobTitle = text.jobTitle;
  if (text.department !== undefined) fields.department = text.department;
  if (emails.length) fields.emails = emails;
  if (phones.length) fields.phones = phones;
  const postal = [...addresses.values()].flatMap((draft) => toAddress(draft) ?? []);
  if (postal.length) fields.addresses = postal;
  if (websites.length) fields.websites = websites;
  if (categories.length) fields.categories = categories;
  if (notes.length) fields.notes = notes.join("\n");
  const birthday = birth.date ?? birthFromParts(birth, line, problems);
  if (birthday !== undefined) fields.birthday = birthday;
  if (Object.keys(custom).length) fields.custom = custom;

  const contact: ImportedContact = { line, fields };
  if (text.companyName !== undefined) contact.companyName = text.companyName;
  if (groups.length) contact.groupNames = groups;
  return Object.keys(fields).length || contact.companyName !== undefined || contact.groupNames
    ? contact
    : null;
}

/** Group names of a cell: `;` or ` ::: ` between them; Google's own groups left out. */
function groupNames(value: string): string[] {
  return value
    .split(/\s*(?::::|;)\s*/)
    .filter((g) => !/^\*\s*(mycontacts|starred)$/i.test(g))
    .map((g) => g.replace(/^\*\s*/, "").trim())
    .filter((g) => g !== "");
}

/** "Margaret S. Taylor" → given "Margaret S.", family "Taylor"; "Taylor, Margaret" too. */
function splitName(name: string): { givenName?: string; familyName?: string } {
  const comma = /^([^,]+),\s*(.+)$/.exec(name);
  if (comma) return { familyName: comma[1]!.trim(), givenName: comma[2]!.trim() };
  const words = name.split(/\s+/);
  if (words.length === 1) return { givenName: name };
  return { givenName: words.slice(0, -1).join(" "), familyName: words[words.length - 1]! };
}

/** An address from its parts: the lines of the street joined, the whole address if alone. */
function toAddress(draft: AddressDraft): PostalAddress | null {
  const lines = [draft.street, draft.street2, draft.street3, draft.extended, draft.poBox].filter(
    (l) => l !== undefined,
  );
  const hasParts =
    lines.length > 0 || draft.city || draft.region || draft.postalCode || draft.country;
  const street = lines.length ? lines.join("\n") : hasParts ? undefined : draft.formatted;
  const address: PostalAddress = {};
  if (draft.label !== null) address.label = draft.label;
  if (street !== undefined) address.street = street;
  if (draft.city !== undefined) address.city = draft.city;
  if (draft.region !== undefined) address.region = draft.region;
  if (draft.postalCode !== undefined) address.postalCode = draft.postalCode;
  if (draft.country !== undefined) address.country = draft.country;
  return Object.keys(address).some((k) => k !== "label") ? address : null;
}

/** Thunderbird's three birthday columns as one date. */
function birthFromParts(
  birth: { year?: string; month?: string; day?: string },
  line: number,
  problems: ImportProblem[],
): string | undefined {
  const { year, month, day } = birth;
  if (year === undefined && month === undefined && day === undefined) return undefined;
  const written = [year, month, day].map((p) => p ?? "?").join("-");
  if (year === undefined || month === undefined || day === undefined) {
    problems.push({
      line,
      reason: `The birthday ${written} misses a part: it was left out.`,
      skipped: false,
    });
    return undefined;
  }
  const date = calendarDate(Number(year), Number(month), Number(day));
  if (date === null)
    problems.push({
      line,
      reason: `The birthday ${written} is not a date: it was left out.`,
      skipped: false,
    });
  return date ?? undefined;
}

/** `YYYY-MM-DD` for a date that exists, else null. */
function calendarDate(year: number, month: number, day: number): string | null {
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999) return null;
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Outlook writes `0/0/00` (and `00.00.0000`) for no birthday. */
const NO_DATE = /^0{1,2}[/.-]0{1,2}[/.-]0{2,4}$/;
/** Two numbers and a year, in either order, with `/`, `.` or `-` between them. */
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s.*)?$/;
/** The year first: ISO `1980-01-15`, Japanese `1980/01/15`, with a time after it or not. */
const YEAR_FIRST = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[T\s].*)?$/;

type DateRead = { ok: true; date: string | null } | { ok: false; why: string };

/**
 * A date as a program wrote it: `1/15/1980` (month first), `15.01.1980` or `15/01/1980` (day
 * first), `1980-01-15`, `1980/1/15`. Two-digit years are 1930–2029. Google's `--01-15` (no
 * year) cannot be stored.
 */
function readDate(value: string, dayFirst: boolean): DateRead {
  if (NO_DATE.test(value)) return { ok: true, date: null };
  if (/^--\d{1,2}-\d{1,2}$/.test(value)) return { ok: false, why: "has no year" };
  let y: number, m: number, d: number;
  const iso = YEAR_FIRST.exec(value);
  const numeric = NUMERIC.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    const year = numeric[3]!;
    y = year.length === 2 ? (Number(year) < 30 ? 2000 : 1900) + Number(year) : Number(year);
    // A dot means the day comes first in every locale that writes one.
    [d, m] = dayFirst || value.includes(".") ? [a, b] : [b, a];
  } else return { ok: false, why: "is not a date this reader knows" };
  const date = calendarDate(y, m, d);
  return date === null ? { ok: false, why: "is not a date that exists" } : { ok: true, date };
}

/**
 * Whether the numeric dates of a column put the day first: a first number over 12 says so, a
 * second number over 12 says not; the file's known set decides when no date tells.
 */
function dateOrder(values: readonly string[], source: string): boolean {
  for (const value of values) {
    const m = NUMERIC.exec(value.trim());
    if (!m || value.includes(".")) continue;
    if (Number(m[1]) > 12) return true;
    if (Number(m[2]) > 12) return false;
  }
  return dayFirst(source);
}
