/**
 * What the conflict inbox shows of the conflicts waiting for the user: grouped by record, each
 * field side by side (mine, shared, who wrote the shared value and when), and the conflicts of
 * a record as a whole (`"*"`: one side deleted it, the other changed it) said in words.
 */
import type { Json, RecordType } from "../../shared/protocol";
import type { ConflictItem } from "../../sync/state";
import { fieldLabel } from "../../shared/records";
import { recordKind, recordName, typeName, valueText } from "./record-text";

export interface ConflictGroup {
  readonly key: string;
  readonly type: RecordType;
  readonly id: string;
  /** The record's name, as the copy shows it, else as either side last had it. */
  readonly name: string;
  /** What it is: "Contact", "Phone log" (`recordKind`). */
  readonly kind: string;
  readonly items: readonly ConflictItem[];
}

type FieldsLookup = (type: RecordType, id: string) => Readonly<Record<string, Json>> | null;

/** The inbox grouped by record, in the order the conflicts came; each group names its record. */
export function groupConflicts(
  items: readonly ConflictItem[],
  fieldsOf: FieldsLookup,
): ConflictGroup[] {
  const groups = new Map<string, { type: RecordType; id: string; items: ConflictItem[] }>();
  for (const item of items) {
    const key = `${item.type}:${item.id}`;
    const group = groups.get(key);
    if (group) group.items.push(item);
    else groups.set(key, { type: item.type, id: item.id, items: [item] });
  }
  return [...groups].map(([key, group]) => {
    const fields = knownFields(group, fieldsOf);
    return {
      key,
      ...group,
      name: recordName(group.type, group.id, fields),
      kind: recordKind(group.type, fields),
    };
  });
}

/** The record's fields: the copy's view, else what the shared side holds, else what I last saw. */
function knownFields(
  group: { type: RecordType; id: string; items: readonly ConflictItem[] },
  fieldsOf: FieldsLookup,
): Readonly<Record<string, Json>> | null {
  const viewed = fieldsOf(group.type, group.id);
  if (viewed) return viewed;
  for (const item of group.items) {
    if (isFields(item.theirs)) return item.theirs;
    if (item.restore) return { ...item.restore, ...(isFields(item.mine) ? item.mine : {}) };
  }
  return null;
}

/** The field's name, or "The whole contact" for a `"*"` conflict. */
export function conflictFieldLabel(item: Pick<ConflictItem, "field" | "type">): string {
  return item.field === "*" ? `The whole ${typeName(item.type)}` : fieldLabel(item.field);
}

/**
 * "Changed by ann@contoso.com on 26 Nov 2026, 10:00" (or "deleted by" for a `"*"` conflict of a
 * record deleted since). Either part may be unknown: the server says what it knows.
 */
export function whoAndWhen(
  item: Pick<ConflictItem, "field" | "theirs" | "theirsAt" | "theirsBy">,
  locale?: string,
): string {
  const verb = item.field === "*" && item.theirs === null ? "Deleted" : "Changed";
  const by = item.theirsBy ? ` by ${item.theirsBy}` : " by another member";
  const at = item.theirsAt === null ? null : new Date(item.theirsAt);
  const when =
    at === null || Number.isNaN(at.getTime())
      ? ""
      : ` on ${at.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" })}`;
  return `${verb}${by}${when}`;
}

/** My side and the shared side of a field conflict, as text. */
export function sides(item: Pick<ConflictItem, "field" | "mine" | "theirs">): {
  readonly mine: string;
  readonly shared: string;
} {
  return { mine: valueText(item.mine, item.field), shared: valueText(item.theirs, item.field) };
}

/**
 * A conflict over the record as a whole, in words: what I did, what happened in the shared
 * database, and what each answer does.
 */
export function wholeRecordText(item: Pick<ConflictItem, "op" | "type" | "mine" | "theirs">): {
  readonly what: string;
  readonly keepMine: string;
  readonly useShared: string;
} {
  const type = typeName(item.type);
  if (item.op === "delete") {
    return {
      what: `You deleted this ${type}, but it was changed in the shared database after the version you deleted.`,
      keepMine: `Keep mine deletes it for everyone.`,
      useShared: `Use shared keeps it, with the changes.`,
    };
  }
  const changed = isFields(item.mine) ? Object.keys(item.mine).map(fieldLabel) : [];
  const yours = changed.length > 0 ? ` (${changed.join(", ")})` : "";
  if (item.theirs === null) {
    return {
      what: `You changed this ${type}${yours}, but it was deleted from the shared database.`,
      keepMine: `Keep mine brings it back with your changes.`,
      useShared: `Use shared leaves it deleted.`,
    };
  }
  return {
    what: `You changed this ${type}${yours}, but it was replaced in the shared database.`,
    keepMine: `Keep mine sends your changes again.`,
    useShared: `Use shared keeps the shared version.`,
  };
}

function isFields(value: Json | undefined): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
