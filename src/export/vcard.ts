/**
 * Contacts as a vCard file, version 3.0 (RFC 2426) or 4.0 (RFC 6350), one card per contact,
 * CRLF line ends, lines folded at 75 octets of UTF-8 without cutting a character in two. The
 * file is UTF-8 (the only charset of 4.0, the usual one of 3.0), so no CHARSET parameter.
 *
 * Text is escaped (`\\`, `\n`, `,`, `;`); structured values (N, ORG, ADR) keep `;` between
 * their parts. Labels the TYPE parameter knows (`work`, `home`, `cell`, `fax`, `pager`, …) are
 * written as TYPE; other labels as Apple's grouped `X-ABLabel`, which Apple, Google and our
 * import read. The primary e-mail address is `PREF` (3.0: `TYPE=pref`; 4.0: `PREF=1`).
 *
 * What a card carries comes back through the import (tests/unit/export/round-trip.test.ts):
 * names, display name (FN), File As (`X-EVOLUTION-FILE-AS`), company and department (ORG), job
 * title, e-mail addresses with labels and the primary mark, phones and addresses with labels,
 * web pages, birthday, notes, and groups and categories as CATEGORIES (which the import reads
 * as categories). User-defined fields are written as labelled `X-BCM-FIELD` properties, which
 * the import keeps in the notes as "Name: value". The owner and do-not-contact flags are lost.
 */
import type { CompanyFields, ContactFields, GroupFields } from "../shared/records";

/** The vCard versions written. */
export type VCardVersion = "3.0" | "4.0";

/** Text escaped for a vCard value (RFC 6350 3.4); `;` too, as in structured values. */
function escape(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/,/g, "\\,")
    .replace(/;/g, "\\;");
}

/**
 * A content line folded at 75 octets (RFC 6350 3.2): CRLF and a space before each further
 * piece, never inside a UTF-8 sequence (a character is not cut; a surrogate pair is one
 * character).
 */
export function fold(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let piece = "";
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (bytes + size > limit) {
      pieces.push(piece);
      piece = "";
      bytes = 0;
      limit = 74; // the leading space of a continuation counts
    }
    piece += ch;
    bytes += size;
  }
  pieces.push(piece);
  return pieces.join("\r\n ");
}

/** Phone labels TYPE knows, and their TYPE words. */
const PHONE_TYPES: Record<string, string> = {
  work: "work,voice",
  home: "home,voice",
  mobile: "cell",
  fax: "work,fax",
  "home fax": "home,fax",
  pager: "pager",
  car: "car",
};
const PLACE_TYPES = new Set(["work", "home"]);

/**
 * The contacts as vCard text, version 3.0 or 4.0. `companiesById` and `groupsById` give the
 * names of the contacts' company and groups.
 */
export function contactsToVCard(
  contacts: readonly ContactFields[],
  companiesById: ReadonlyMap<string, CompanyFields>,
  groupsById: ReadonlyMap<string, GroupFields>,
  version: VCardVersion,
): string {
  return contacts.map((c) => card(c, companiesById, groupsById, version)).join("");
}

function card(
  c: ContactFields,
  companiesById: ReadonlyMap<string, CompanyFields>,
  groupsById: ReadonlyMap<string, GroupFields>,
  version: VCardVersion,
): string {
  const lines: string[] = ["BEGIN:VCARD", `VERSION:${version}`];
  let item = 0;
  /** A property with a label TYPE cannot say: grouped with an X-ABLabel. */
  const labelled = (name: string, value: string, label: string) => {
    item += 1;
    lines.push(`item${item}.${name}:${value}`, `item${item}.X-ABLabel:${escape(label)}`);
  };
  const company = c.companyId ? companiesById.get(c.companyId)?.name : undefined;

  const given = c.givenName ?? "";
  const family = c.familyName ?? "";
  const middle = c.middleName ?? "";
  lines.push(`N:${[family, given, middle, "", ""].map(escape).join(";")}`);
  const fn =
    c.displayName ||
    [given, middle, family].filter((p) => p).join(" ") ||
    company ||
    c.emails?.[0]?.address ||
    "";
  lines.push(`FN:${escape(fn)}`);
  if (c.fileAs) lines.push(`X-EVOLUTION-FILE-AS:${escape(c.fileAs)}`);
  if (company || c.department)
    lines.push(`ORG:${escape(company ?? "")}${c.department ? `;${escape(c.department)}` : ""}`);
  if (c.jobTitle) lines.push(`TITLE:${escape(c.jobTitle)}`);

  for (const e of c.emails ?? []) {
    const types = version === "3.0" ? ["internet"] : [];
    const place = e.label?.toLowerCase();
    if (place && PLACE_TYPES.has(place)) types.push(place);
    if (e.primary && version === "3.0") types.push("pref");
    const params =
      (types.length ? `;TYPE=${types.join(",")}` : "") +
      (e.primary && version === "4.0" ? ";PREF=1" : "");
    if (e.label && !PLACE_TYPES.has(place!)) labelled(`EMAIL${params}`, escape(e.address), e.label);
    else lines.push(`EMAIL${params}:${escape(e.address)}`);
  }
  for (const p of c.phones ?? []) {
    const types = p.label ? PHONE_TYPES[p.label.toLowerCase()] : undefined;
    if (p.label && types === undefined) labelled("TEL", escape(p.number), p.label);
    else lines.push(`TEL${types ? `;TYPE=${types}` : ""}:${escape(p.number)}`);
  }
  for (const a of c.addresses ?? []) {
    const value = ["", "", a.street, a.city, a.region, a.postalCode, a.country]
      .map((part) => escape(part ?? ""))
      .join(";");
    const place = a.label?.toLowerCase();
    if (a.label && !PLACE_TYPES.has(place!)) labelled("ADR", value, a.label);
    else lines.push(`ADR${place ? `;TYPE=${place}` : ""}:${value}`);
  }
  for (const url of c.websites ?? []) lines.push(`URL:${escape(url)}`);
  if (c.birthday)
    lines.push(`BDAY:${version === "4.0" ? c.birthday.replace(/-/g, "") : c.birthday}`);
  if (c.notes) lines.push(`NOTE:${escape(c.notes)}`);
  const categories = [
    ...(c.groupIds ?? []).flatMap((id) => groupsById.get(id)?.name ?? []),
    ...(c.categories ?? []),
  ];
  if (categories.length) lines.push(`CATEGORIES:${[...new Set(categories)].map(escape).join(",")}`);
  for (const [name, value] of Object.entries(c.custom ?? {}))
    labelled("X-BCM-FIELD", escape(String(value.value)), name);
  lines.push("END:VCARD");
  return lines.map((l) => `${fold(l)}\r\n`).join("");
}
