/**
 * Companies and groups as CSV files (UTF-8 with a byte order mark, CRLF: ./csv-text.ts), one
 * row each, lists joined by "; " and a postal address written on one line.
 */
import type { CompanyFields, GroupFields, PostalAddress } from "../shared/records";
import { toCsv } from "./csv-text";

const list = (items: readonly string[] | null | undefined) => (items ?? []).join("; ");

/** A postal address on one line, its label in front: "work: 1 Main St, Redmond, WA 98052". */
function addressLine(a: PostalAddress): string {
  const place = [a.postalCode, a.city].filter((p) => p).join(" ");
  const parts = [a.street?.replace(/\n/g, ", "), place, a.region, a.country].filter((p) => p);
  return (a.label ? `${a.label}: ` : "") + parts.join(", ");
}

/** The companies as CSV: name, domains, industry, phones, addresses, web pages, categories, notes, owner. */
export function companiesToCsv(companies: readonly CompanyFields[]): string {
  return toCsv(
    [
      "Name",
      "Domains",
      "Industry",
      "Phones",
      "Addresses",
      "Web Pages",
      "Categories",
      "Notes",
      "Owner",
    ],
    companies.map((c) => [
      c.name ?? "",
      list(c.domains),
      c.industry ?? "",
      list(c.phones?.map((p) => (p.label ? `${p.label}: ${p.number}` : p.number))),
      list(c.addresses?.map(addressLine)),
      list(c.websites),
      list(c.categories),
      c.notes ?? "",
      c.owner ?? "",
    ]),
  );
}

/**
 * The groups as CSV: name, description, how many members, and the members' names as
 * `memberName` gives them (ids it does not know are left out).
 */
export function groupsToCsv(
  groups: readonly GroupFields[],
  memberName: (contactId: string) => string | undefined,
): string {
  return toCsv(
    ["Name", "Description", "Member Count", "Members"],
    groups.map((g) => [
      g.name ?? "",
      g.description ?? "",
      String(g.memberIds?.length ?? 0),
      list(g.memberIds?.flatMap((id) => memberName(id) ?? [])),
    ]),
  );
}
