/**
 * When an offline copy last synced on this computer, in localStorage under
 * `bcm.lastSync.<copy id>` (milliseconds since 1970; the copy id names one user's copy of one
 * database, src/sync/owner.ts, so one user never reads another's): written by whoever synced
 * (the pane's sync loop, or the ribbon's Sync now), read by every pane, which hears of other
 * windows' syncs through the `storage` event. Kept outside the offline copy on purpose: writing
 * the copy after every sync would make every other pane reload it. Reads and writes never throw.
 */

export function lastSyncKey(copyId: string): string {
  return `bcm.lastSync.${copyId}`;
}

export function readLastSync(
  storage: () => Pick<Storage, "getItem">,
  copyId: string,
): number | null {
  try {
    const value = Number(storage().getItem(lastSyncKey(copyId)) ?? Number.NaN);
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export function writeLastSync(
  storage: () => Pick<Storage, "setItem">,
  copyId: string,
  at: number,
): void {
  try {
    storage().setItem(lastSyncKey(copyId), String(at));
  } catch {
    // Only the status bar's "last synced" is lost.
  }
}

/** Forgets it (the copy was deleted). */
export function forgetLastSync(storage: () => Pick<Storage, "removeItem">, copyId: string): void {
  try {
    storage().removeItem(lastSyncKey(copyId));
  } catch {
    // As when writing: only "last synced" is concerned.
  }
}
