/**
 * Whether this browser profile held a complete offline copy of a database once, kept in
 * localStorage beside the copy itself (IndexedDB). When the host clears the copy but not this
 * mark, the pane can say what happened instead of showing an empty copy without a word. Reads
 * and writes never throw: a host that blocks localStorage just loses the mark.
 */

const PREFIX = "bcm.copyComplete|";

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Whether a complete copy of `databaseId` was held here once (and not dropped since). */
export function hadCompleteCopy(storage: () => StorageLike, databaseId: string): boolean {
  try {
    return storage().getItem(PREFIX + databaseId) === "true";
  } catch {
    return false;
  }
}

/** Marks the copy of `databaseId` as complete once. */
export function rememberCompleteCopy(storage: () => StorageLike, databaseId: string): void {
  try {
    storage().setItem(PREFIX + databaseId, "true");
  } catch {
    // Without the mark the pane only cannot tell a vanished copy from a new one.
  }
}

/** Forgets the mark: the user dropped the copy on purpose. */
export function forgetCompleteCopy(storage: () => StorageLike, databaseId: string): void {
  try {
    storage().removeItem(PREFIX + databaseId);
  } catch {
    // As above: the mark is a courtesy.
  }
}
