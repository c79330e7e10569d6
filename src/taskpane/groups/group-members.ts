/**
 * Group membership as changes to records. Membership is written on both sides: the group's
 * `memberIds` (the group's list) and the contact's `groupIds` (what sync-set filters read, so a
 * member's copy can follow a group). Reading takes either side (`groupMemberIds`), so a member
 * that another client wrote on one side only still shows; adding or removing writes both.
 */
import type { Fields } from "../../shared/json";
import type { ViewRecord } from "../../sync/view";
import type { ContactEntry } from "../contacts/contact-list";
import { groupMemberIds, sortKey } from "../contacts/contact-list";
import { text, texts } from "../contacts/contact-view";
import { haystack } from "../records/search-index";

export interface MembershipChanges {
  /** Changes to the group's fields; null when it already says so. */
  readonly group: Fields | null;
  /** Changes to the contact's fields; null when it already says so. */
  readonly contact: Fields | null;
}

function withId(list: readonly string[], id: string): string[] | null {
  return list.includes(id) ? null : [...list, id];
}

function withoutId(list: readonly string[], id: string): string[] | null | "unchanged" {
  if (!list.includes(id)) return "unchanged";
  const rest = list.filter((x) => x !== id);
  return rest.length === 0 ? null : rest;
}

export function addMember(group: ViewRecord, contact: ViewRecord): MembershipChanges {
  const members = withId(texts(group.fields.memberIds), contact.id);
  const groups = withId(texts(contact.fields.groupIds), group.id);
  return {
    group: members === null ? null : { memberIds: members },
    contact: groups === null ? null : { groupIds: groups },
  };
}

export function removeMember(group: ViewRecord, contact: ViewRecord): MembershipChanges {
  const members = withoutId(texts(group.fields.memberIds), contact.id);
  const groups = withoutId(texts(contact.fields.groupIds), group.id);
  return {
    group: members === "unchanged" ? null : { memberIds: members },
    contact: groups === "unchanged" ? null : { groupIds: groups },
  };
}

export interface GroupEntry {
  readonly id: string;
  readonly record: ViewRecord;
  readonly name: string;
  readonly description: string | null;
  readonly memberCount: number;
  readonly haystack: string;
  readonly nameKey: string;
}

/** Every group's entry, by name, with its members counted from both sides. */
export function groupEntries(
  groups: readonly ViewRecord[],
  contacts: readonly ContactEntry[],
): GroupEntry[] {
  const byGroup = new Map<string, Set<string>>();
  for (const group of groups) byGroup.set(group.id, new Set(texts(group.fields.memberIds)));
  for (const contact of contacts) {
    for (const id of contact.groupIds) byGroup.get(id)?.add(contact.id);
  }
  const present = new Set(contacts.map((c) => c.id));
  return groups
    .map((record) => {
      const name = text(record.fields.name) ?? "Unnamed group";
      const description = text(record.fields.description);
      const members = [...(byGroup.get(record.id) ?? [])].filter((id) => present.has(id));
      return {
        id: record.id,
        record,
        name,
        description,
        memberCount: members.length,
        haystack: haystack([name, description ?? ""]),
        nameKey: sortKey(name),
      };
    })
    .sort((a, b) =>
      a.nameKey < b.nameKey
        ? -1
        : a.nameKey > b.nameKey
          ? 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0,
    );
}

/** The group's members among the contacts of the copy, in the contacts' order. */
export function membersOf(group: ViewRecord, contacts: readonly ContactEntry[]): ContactEntry[] {
  const ids = groupMemberIds(group, group.id, contacts);
  return contacts.filter((c) => ids.has(c.id));
}
