/**
 * Contacts as a CSV file in Outlook's English column set (the 92 columns of Outlook's own
 * export, in its order: src/import/columns.ts holds them once, for the import and this
 * export), which Outlook's import wizard, Outlook.com and Google Contacts all map by name.
 *
 * What the columns carry comes back through the import (tests/unit/export/round-trip.test.ts):
 * first, middle and last name, company, department, job title, up to three e-mail addresses
 * (the primary one first), the phones whose label has an Outlook column (`work` and `home`
 * twice, `mobile`, `fax`, `home fax`, `other fax`, `pager`, `main`, `company`, `assistant`,
 * `callback`, `car`, `isdn`, `radio`, `tty`, `telex`; any other label goes to Other Phone while
 * it is free), one address each for `work`, `home` and `other` (another label takes Other while
 * it is free), the first web page, the birthday, the notes, the groups and categories (both in
 * Categories, which the import reads as categories), and the user-defined fields named like an
 * Outlook column (Spouse, Hobby, User 1, …).
 *
 * Lost: the display name and File As (Outlook's export has no column for them), e-mail
 * labels, what does not fit the columns above, other user-defined fields, the owner and
 * do-not-contact flags.
 */
import { OUTLOOK_COLUMNS, headerKey } from "../import/columns";
import type { CompanyFields, ContactFields, GroupFields } from "../shared/records";
import { toCsv } from "./csv-text";

const HEADERS = OUTLOOK_COLUMNS.map(([header]) => header);
const INDEX = new Map(HEADERS.map((h, i) => [h, i]));

/** The columns of each target, in order: `phone:work` → Business Phone, Business Phone 2. */
const COLUMNS_OF = new Map<string, number[]>();
OUTLOOK_COLUMNS.forEach(([, target], i) => {
  if (target !== null) COLUMNS_OF.set(target, [...(COLUMNS_OF.get(target) ?? []), i]);
});
const columnsOf = (target: string): number[] => COLUMNS_OF.get(target) ?? [];

/** The columns that become user-defined fields on import, by header key. */
const CUSTOM_COLUMNS = new Map(
  OUTLOOK_COLUMNS.flatMap(([header, target], i) =>
    target === "custom:" ? [[headerKey(header), i] as const] : [],
  ),
);

/** `M/D/YYYY`, as English Outlook writes dates. */
function outlookDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${Number(m)}/${Number(d)}/${y}`;
}

/**
 * The contacts as Outlook CSV text (with a UTF-8 byte order mark, CRLF: see ./csv-text.ts).
 * `companiesById` and `groupsById` give the names of the contacts' company and groups.
 */
export function contactsToOutlookCsv(
  contacts: readonly ContactFields[],
  companiesById: ReadonlyMap<string, CompanyFields>,
  groupsById: ReadonlyMap<string, GroupFields>,
): string {
  return toCsv(
    HEADERS,
    contacts.map((c) => outlookRow(c, companiesById, groupsById)),
  );
}

function outlookRow(
  c: ContactFields,
  companiesById: ReadonlyMap<string, CompanyFields>,
  groupsById: ReadonlyMap<string, GroupFields>,
): string[] {
  const row = HEADERS.map(() => "");
  const set = (header: string, value: string | null | undefined) => {
    if (value) row[INDEX.get(header)!] = value;
  };
  /** Puts a value in the first free column of the list; false when all are taken. */
  const fill = (columns: readonly number[], value: string): boolean => {
    const free = columns.find((i) => row[i] === "");
    if (free === undefined) return false;
    row[free] = value;
    return true;
  };

  set("First Name", c.givenName);
  set("Middle Name", c.middleName);
  set("Last Name", c.familyName);
  set("Company", c.companyId ? companiesById.get(c.companyId)?.name : undefined);
  set("Department", c.department);
  set("Job Title", c.jobTitle);
  set("Notes", c.notes);
  if (c.birthday) set("Birthday", outlookDate(c.birthday));
  if (c.websites?.[0]) fill(columnsOf("website"), c.websites[0]);

  const emails = [...(c.emails ?? [])].sort(
    (a, b) => Number(b.primary ?? 0) - Number(a.primary ?? 0),
  );
  for (const e of emails) fill(columnsOf("email"), e.address);

  for (const p of c.phones ?? []) {
    const own = p.label ? columnsOf(`phone:${p.label}`) : [];
    if (!fill(own, p.number)) fill(columnsOf("phone:other"), p.number);
  }

  for (const a of c.addresses ?? []) {
    const label = a.label && columnsOf(`address:${a.label}.city`).length ? a.label : "other";
    const [street = "", street2 = "", ...rest] = (a.street ?? "").split("\n");
    const parts: [string, string | null | undefined][] = [
      ["street", street],
      ["street2", street2],
      ["street3", rest.join("\n")],
      ["city", a.city],
      ["region", a.region],
      ["postalCode", a.postalCode],
      ["country", a.country],
    ];
    // An address goes whole into a label's columns, or not at all when they are taken.
    if (parts.some(([part]) => columnsOf(`address:${label}.${part}`).some((i) => row[i] !== "")))
      continue;
    for (const [part, value] of parts)
      if (value) fill(columnsOf(`address:${label}.${part}`), value);
  }

  const categories = [
    ...(c.groupIds ?? []).flatMap((id) => groupsById.get(id)?.name ?? []),
    ...(c.categories ?? []),
  ];
  set("Categories", [...new Set(categories)].join(";"));

  for (const [name, value] of Object.entries(c.custom ?? {})) {
    const column = CUSTOM_COLUMNS.get(headerKey(name));
    if (column !== undefined && row[column] === "") row[column] = String(value.value);
  }
  return row;
}
