/**
 * A short list of the changes waiting to be sent, kept in localStorage beside the copy
 * (`bcm.unsent|<copy id>`: record, kind of change, when; never a field's value), so that when
 * the host wipes the copy (IndexedDB) but not this list, the pane can say which unsent changes
 * could not be kept. Reads and writes never throw: a host that blocks localStorage loses it.
 */
import type { RecordType } from "../../shared/protocol";

const PREFIX = "bcm.unsent|";
/** At most this many changes are named; the rest are counted. */
export const MAX_NAMED = 20;

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export interface UnsentChange {
  readonly type: RecordType;
  readonly id: string;
  /** The record's name as the copy showed it. */
  readonly name: string;
  readonly op: "create" | "edit" | "delete";
  readonly at: string;
}

export interface UnsentList {
  readonly changes: readonly UnsentChange[];
  /** How many more were waiting. */
  readonly more: number;
}

/** Remembers what waits to be sent now (an empty list forgets it). */
export function rememberUnsent(
  storage: () => StorageLike,
  copyId: string,
  changes: readonly UnsentChange[],
): void {
  try {
    if (changes.length === 0) {
      storage().removeItem(PREFIX + copyId);
      return;
    }
    const list: UnsentList = {
      changes: changes.slice(0, MAX_NAMED),
      more: Math.max(0, changes.length - MAX_NAMED),
    };
    storage().setItem(PREFIX + copyId, JSON.stringify(list));
  } catch {
    // Without the list the pane only cannot name what a wipe lost.
  }
}

/** What was waiting when the copy was last seen, or null. */
export function rememberedUnsent(storage: () => StorageLike, copyId: string): UnsentList | null {
  try {
    const text = storage().getItem(PREFIX + copyId);
    if (text === null) return null;
    const list = JSON.parse(text) as Partial<UnsentList>;
    return Array.isArray(list.changes) && typeof list.more === "number"
      ? (list as UnsentList)
      : null;
  } catch {
    return null;
  }
}

/** "Edited contact Ann Lee (26/11/2026, 09:58)": one lost change in words. */
export function describeUnsent(change: UnsentChange, locale?: string): string {
  const verb = change.op === "create" ? "New" : change.op === "delete" ? "Deleted" : "Edited";
  const when = new Date(change.at).toLocaleString(locale);
  return `${verb} ${change.type === "history" ? "history item" : change.type} ${change.name} (${when})`;
}
