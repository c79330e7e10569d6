/**
 * A member's view of a database: which records their copy holds. A member with no sync set
 * sees everything. With one, a contact is in view when it matches the set's filter or is on
 * the member's subscription list; companies and groups are in every view; a history item is
 * in view when it is linked to no contact, or to a contact in view.
 *
 * A tombstone keeps the fields views read (`viewProjection`), never sent, so that it is judged
 * by the record's last state: it goes only where the record was.
 */
import { createHash } from "node:crypto";
import { filterMatches } from "../../../src/shared/filter";
import type { Filter, Json } from "../../../src/shared/protocol";
import { FILTERS } from "../../../src/shared/records";
import type { Membership, StoredRecord } from "../storage/repository";

export interface View {
  filter: Filter | null;
  subscriptions: ReadonlySet<string>;
  me: string;
  /** Changes whenever what the view selects changes: cursors carry it. */
  hash: string;
}

export function makeView(member: Membership, filter: Filter | null): View {
  return viewOf({ me: member.email, filter, subscriptions: member.subscriptions });
}

/** The view a definition makes (`ViewDefinition`, or none: every record). */
export function viewOf({
  me,
  filter,
  subscriptions,
}: {
  me: string;
  filter: Filter | null;
  subscriptions: readonly string[];
}): View {
  const sorted = [...new Set(subscriptions)].sort();
  const hash = filter
    ? createHash("sha256")
        .update(JSON.stringify([me, filter, sorted]))
        .digest("base64url")
        .slice(0, 12)
    : "all";
  return { filter, subscriptions: new Set(sorted), me, hash };
}

/** The contact fields filters read (`country` is read from `addresses`). */
export const VIEW_FIELDS = [...new Set(FILTERS.map((f) => f.field))];

export function contactInView(view: View, contact: Pick<StoredRecord, "id" | "fields">): boolean {
  if (!view.filter || view.subscriptions.has(contact.id)) return true;
  return filterMatches(view.filter, contact.fields, view.me);
}

/** The contacts a history item is linked to. */
export function linkedContactIds(record: Pick<StoredRecord, "type" | "fields">): string[] {
  const ids = record.type === "history" ? record.fields.contactIds : undefined;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

/**
 * Whether `record` is in view; `contact` finds the current state of a linked contact (a
 * history item is judged by its contacts).
 */
export function inView(
  view: View,
  record: StoredRecord,
  contact: (id: string) => StoredRecord | undefined,
): boolean {
  if (!view.filter) return true;
  return byContacts(view, record, (id) => {
    const c = contact(id);
    return c !== undefined && !c.deleted && contactInView(view, c);
  });
}

/**
 * A contact by the filter, a history item by whether it is linked to no contact or to one that
 * `contactIn` accepts, companies and groups always.
 */
function byContacts(
  view: View,
  record: StoredRecord,
  contactIn: (contactId: string) => boolean,
): boolean {
  switch (record.type) {
    case "contact":
      return contactInView(view, record);
    case "history": {
      const ids = linkedContactIds(record);
      return ids.length === 0 || ids.some(contactIn);
    }
    default:
      return true;
  }
}

/**
 * What a tombstone keeps of a record: the fields views read (a contact's filter fields, of its
 * addresses only the countries; a history item's links). Sent to nobody: a tombstone goes out
 * with `"fields": {}`. Kept so that a delete reaches only the members in whose view the record
 * was, and nobody learns of a record outside their view by its tombstone.
 */
export function viewProjection(
  record: Pick<StoredRecord, "type" | "fields">,
): Record<string, Json> {
  if (record.type === "history") {
    const ids = linkedContactIds(record);
    return ids.length ? { contactIds: ids } : {};
  }
  if (record.type !== "contact") return {};
  const kept: Record<string, Json> = {};
  for (const field of VIEW_FIELDS) {
    const value = record.fields[field];
    if (value === undefined) continue;
    kept[field] =
      field === "addresses" && Array.isArray(value)
        ? value.flatMap((a) =>
            a && typeof a === "object" && !Array.isArray(a) && typeof a.country === "string"
              ? [{ country: a.country }]
              : [],
          )
        : value;
  }
  return kept;
}

/**
 * Whether `record` may have been in the view at some moment after the change `since`: the
 * server's rule for what a member's copy can hold (docs/sync-protocol.md, clarification 5). Exact
 * when nothing a view reads changed since (`viewSeq`), or only the record's creation (`bornSeq`,
 * and for a record brought back, its delete before `since`: `diedSeq`);
 * otherwise yes, since the state in between is not kept. A history item is judged by its links
 * and by whether any linked contact may have been in view; a tombstone by its last state, and not
 * at all when it was deleted before `since`.
 */
export function mayHaveBeenInView(
  view: View,
  record: StoredRecord,
  since: number,
  contact: (id: string) => StoredRecord | undefined,
): boolean {
  if (!view.filter) return true;
  if (record.deleted && record.seq <= since) return false;
  const steady =
    record.viewSeq > 0 &&
    (record.viewSeq <= since ||
      (record.bornSeq > since &&
        record.viewSeq === record.bornSeq &&
        (record.diedSeq ?? 0) <= since));
  if (!steady) return true;
  return byContacts(view, record, (id) => {
    const c = contact(id);
    return c !== undefined && mayHaveBeenInView(view, c, since, contact);
  });
}
