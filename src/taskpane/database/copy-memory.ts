/**
 * Whether this browser profile held a complete offline copy once, kept in localStorage beside
 * the copy itself (IndexedDB), under `bcm.copyComplete|<copy id>`: the copy id names one user's
 * copy of one database (src/sync/owner.ts), so another user's copy never counts. When the host clears the copy but not this
 * mark, the pane can say what happened instead of showing an empty copy without a word. Reads
 * and writes never throw: a host that blocks localStorage just loses the mark.
 */

const PREFIX = "bcm.copyComplete|";

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Whether the copy `copyId` was complete here once (and not dropped since). */
export function hadCompleteCopy(storage: () => StorageLike, copyId: string): boolean {
  try {
    return storage().getItem(PREFIX + copyId) === "true";
  } catch {
    return false;
  }
}

/** Marks the copy `copyId` as complete once. */
export function rememberCompleteCopy(storage: () => StorageLike, copyId: string): void {
  try {
    storage().setItem(PREFIX + copyId, "true");
  } catch {
    // Without the mark the pane only cannot tell a vanished copy from a new one.
  }
}

/** Forgets the mark: the user dropped the copy on purpose. */
export function forgetCompleteCopy(storage: () => StorageLike, copyId: string): void {
  try {
    storage().removeItem(PREFIX + copyId);
  } catch {
    // As above: the mark is a courtesy.
  }
}
