/**
 * Bulk actions on the contacts selected in the list, as pure functions (tested without a
 * browser): the local changes one batch of contacts gets, the contacts it leaves as they were
 * and why (nothing to change, or a list at its limit), the group's side of a membership, the
 * undo of a delete, and what was done, in words. bulk-run.ts writes the plans through the engine.
 */
import type { Fields } from "../../../shared/json";
import { FIELDS } from "../../../shared/records";
import type { LocalEdit } from "../../../sync/engine";
import type { ViewRecord } from "../../../sync/view";
import { addMember } from "../../groups/group-members";
import { groupName } from "../contact-list";
import { text, texts } from "../contact-view";

export type BulkAction =
  | { readonly kind: "add-category"; readonly category: string }
  | { readonly kind: "remove-category"; readonly category: string }
  /** `companyName` says it in the outcome; null with `companyId` null (clears the company). */
  | {
      readonly kind: "set-company";
      readonly companyId: string | null;
      readonly companyName: string | null;
    }
  | { readonly kind: "add-to-group"; readonly group: ViewRecord }
  | { readonly kind: "delete" };

const MAX_CATEGORIES = FIELDS.contact.categories.max ?? Infinity;
const MAX_GROUPS = FIELDS.contact.groupIds.max ?? Infinity;
const MAX_MEMBERS = FIELDS.group.memberIds.max ?? Infinity;

/** A category's name as typed, or why it cannot be one (the form's rules: see records.ts). */
export function checkCategory(typed: string): { category: string } | { problem: string } {
  const category = typed.trim();
  if (category === "") return { problem: "Type a category." };
  // The form separates categories with commas: a comma would split this one there.
  if (category.includes(",")) return { problem: "A category cannot contain a comma." };
  if ([...category].length > 100) return { problem: "A category has at most 100 characters." };
  return { category };
}

/** One batch's plan. */
export interface BatchPlan {
  /** The contacts' changes (deletes for a delete). */
  readonly edits: LocalEdit[];
  /** Contacts the action would not change (they have it already, or not at all). */
  readonly unchanged: number;
  /** Contacts left out because a list of theirs is at its limit. */
  readonly full: number;
  /**
   * Adding to a group: the contacts the group's own list (`memberIds`) should name, once their
   * edit (if they have one in `edits`) is saved.
   */
  readonly members: readonly string[];
}

const same = (a: string) => (b: string) => a.toLowerCase() === b.toLowerCase();

/** What `action` changes in `contact`: its changed fields, or why nothing. */
function change(action: BulkAction, contact: ViewRecord): Fields | "unchanged" | "full" {
  const categories = texts(contact.fields.categories);
  switch (action.kind) {
    case "add-category":
      // Categories are unique whatever their case (records.ts).
      if (categories.some(same(action.category))) return "unchanged";
      if (categories.length >= MAX_CATEGORIES) return "full";
      return { categories: [...categories, action.category] };
    case "remove-category": {
      const rest = categories.filter((c) => !same(action.category)(c));
      if (rest.length === categories.length) return "unchanged";
      return { categories: rest.length === 0 ? null : rest };
    }
    case "set-company":
      return text(contact.fields.companyId) === action.companyId
        ? "unchanged"
        : { companyId: action.companyId };
    case "add-to-group":
    case "delete":
      // Planned by `planBatch` itself.
      return "unchanged";
  }
}

/** The plan of `action` for a batch of `contacts` (as the offline copy holds them now). */
export function planBatch(action: BulkAction, contacts: readonly ViewRecord[]): BatchPlan {
  const edits: LocalEdit[] = [];
  const members: string[] = [];
  let unchanged = 0;
  let full = 0;
  for (const contact of contacts) {
    const { id } = contact;
    if (action.kind === "delete") {
      edits.push({ op: "remove", type: "contact", id });
      continue;
    }
    if (action.kind === "add-to-group") {
      // Membership is written on both sides (group-members.ts); a contact either side names is
      // a member already, and gets only its missing side.
      const sides = addMember(action.group, contact);
      if (sides.contact !== null && texts(contact.fields.groupIds).length >= MAX_GROUPS) {
        full++;
        continue;
      }
      if (sides.group === null || sides.contact === null) unchanged++;
      if (sides.contact !== null) {
        edits.push({ op: "update", type: "contact", id, changes: sides.contact });
      }
      if (sides.group !== null) members.push(id);
      continue;
    }
    const changes = change(action, contact);
    if (changes === "unchanged") unchanged++;
    else if (changes === "full") full++;
    else edits.push({ op: "update", type: "contact", id, changes });
  }
  return { edits, unchanged, full, members };
}

/**
 * The group's side of adding `ids` to it: its `memberIds` with them, as far as its limit
 * allows (past it the contacts' own lists alone say so, which readers take too, as the import
 * does); null when there is nothing to add.
 */
export function groupMembers(group: ViewRecord, ids: readonly string[]): Fields | null {
  const current = texts(group.fields.memberIds);
  const memberIds = [...new Set([...current, ...ids])].slice(
    0,
    Math.max(MAX_MEMBERS, current.length),
  );
  return memberIds.length === current.length ? null : { memberIds };
}

/** The undo of deleting `contacts`: each made again, same id and fields (as useEdits' restore). */
export function restoreEdits(contacts: readonly ViewRecord[]): LocalEdit[] {
  return contacts.map((c) => ({
    op: "create",
    type: "contact",
    id: c.id,
    fields: { ...c.fields },
  }));
}

const count = new Intl.NumberFormat();
const contacts = (n: number) => `${count.format(n)} ${n === 1 ? "contact" : "contacts"}`;
/** "1 contact has" / "3 contacts have", and so on. */
const verb = (n: number, one: string, many: string) => `${contacts(n)} ${n === 1 ? one : many}`;

/** A bulk action's tally: contacts changed, left as they were (and why), not written. */
export interface BulkTally {
  readonly changed: number;
  readonly unchanged: number;
  readonly full: number;
  /** Contacts the copy no longer holds (deleted meanwhile). */
  readonly gone: number;
  /** Changes the copy refused, and the first reason given. */
  readonly failed: number;
  readonly reason: string | null;
}

/** What the action did, in words: "Added ‘VIP’ to 37 contacts. 3 contacts had it already." */
export function outcomeText(action: BulkAction, tally: BulkTally): string {
  const { changed: n, unchanged, full } = tally;
  const parts: string[] = [];
  switch (action.kind) {
    case "add-category":
      parts.push(`Added ‘${action.category}’ to ${contacts(n)}.`);
      if (unchanged > 0) parts.push(`${verb(unchanged, "has", "have")} it already.`);
      if (full > 0) {
        parts.push(
          `${verb(full, "was", "were")} left out: ${full === 1 ? "it has" : "they have"} ${MAX_CATEGORIES} categories, the most a contact can have.`,
        );
      }
      break;
    case "remove-category":
      parts.push(`Removed ‘${action.category}’ from ${contacts(n)}.`);
      if (unchanged > 0) parts.push(`${verb(unchanged, "does", "do")} not have it.`);
      break;
    case "set-company":
      parts.push(
        action.companyName === null
          ? `Removed the company from ${contacts(n)}.`
          : `Set the company of ${contacts(n)} to ${action.companyName}.`,
      );
      if (unchanged > 0) {
        parts.push(
          action.companyName === null
            ? `${verb(unchanged, "has", "have")} no company.`
            : `${verb(unchanged, "works", "work")} there already.`,
        );
      }
      break;
    case "add-to-group":
      parts.push(`Added ${contacts(n)} to ${groupName(action.group)}.`);
      if (unchanged > 0) parts.push(`${verb(unchanged, "was a member", "were members")} already.`);
      if (full > 0) {
        parts.push(
          `${verb(full, "was", "were")} left out: ${full === 1 ? "it is" : "they are"} in ${MAX_GROUPS} groups, the most a contact can be in.`,
        );
      }
      break;
    case "delete":
      parts.push(`Deleted ${contacts(n)}.`);
      break;
  }
  if (tally.gone > 0) {
    parts.push(`${verb(tally.gone, "was", "were")} deleted meanwhile.`);
  }
  if (tally.failed > 0) {
    parts.push(`${verb(tally.failed, "could", "could")} not be changed: ${tally.reason ?? ""}`);
  }
  return parts.join(" ");
}
