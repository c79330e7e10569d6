/**
 * When a database last synced on this computer, in localStorage under
 * `bcm.lastSync.<databaseId>` (milliseconds since 1970): written by whoever synced (the pane's
 * sync loop, or the ribbon's Sync now), read by every pane, which hears of other windows' syncs
 * through the `storage` event. Kept outside the offline copy on purpose: writing the copy after
 * every sync would make every other pane reload it. Reads and writes never throw.
 */

export function lastSyncKey(databaseId: string): string {
  return `bcm.lastSync.${databaseId}`;
}

export function readLastSync(
  storage: () => Pick<Storage, "getItem">,
  databaseId: string,
): number | null {
  try {
    const value = Number(storage().getItem(lastSyncKey(databaseId)) ?? Number.NaN);
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export function writeLastSync(
  storage: () => Pick<Storage, "setItem">,
  databaseId: string,
  at: number,
): void {
  try {
    storage().setItem(lastSyncKey(databaseId), String(at));
  } catch {
    // Only the status bar's "last synced" is lost.
  }
}
