/** What the contact list shows of a contact record, and in which order. */
import type { WireRecord } from "../../shared/protocol";

export interface ContactRow {
  readonly id: string;
  readonly name: string;
  readonly jobTitle: string | null;
  readonly email: string | null;
}

/** The name to show: `displayName`, else given and family name, else the e-mail address. */
export function toContactRow(record: Pick<WireRecord, "id" | "fields">): ContactRow {
  const { fields } = record;
  const text = (value: unknown): string | null =>
    typeof value === "string" && value.trim() !== "" ? value.trim() : null;
  const email = primaryEmail(fields.emails);
  const fullName = [text(fields.givenName), text(fields.familyName)].filter(Boolean).join(" ");
  return {
    id: record.id,
    name: text(fields.displayName) ?? (fullName || email || "Unnamed contact"),
    jobTitle: text(fields.jobTitle),
    email,
  };
}

function primaryEmail(emails: unknown): string | null {
  if (!Array.isArray(emails)) return null;
  const addresses = emails.filter(
    (e): e is { address: string; primary?: unknown } =>
      typeof e === "object" &&
      e !== null &&
      typeof (e as { address?: unknown }).address === "string",
  );
  return (addresses.find((e) => e.primary === true) ?? addresses[0])?.address ?? null;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Contacts sorted by the name shown, as a person reads it (accents and case aside). */
export function sortContacts(rows: readonly ContactRow[]): ContactRow[] {
  return [...rows].sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}
