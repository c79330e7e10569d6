/**
 * "Work offline": the user's choice to use the copy on this computer alone, without syncing.
 * It is kept in localStorage under `bcm.workOffline` ("true" while on; anything else, or
 * nothing, is off) and shared by the task pane's "Work offline" switch and the ribbon's Work
 * offline command (src/commands/commands.ts), which flips it; the pane reads it again when it
 * becomes visible. Reads and writes never throw: a host that blocks localStorage works online.
 */

/** The one localStorage key of "Work offline". */
export const WORK_OFFLINE_KEY = "bcm.workOffline";

export function readWorkOffline(storage: () => Pick<Storage, "getItem">): boolean {
  try {
    return storage().getItem(WORK_OFFLINE_KEY) === "true";
  } catch {
    return false;
  }
}

/** Writes the choice; false when the storage refused it. */
export function writeWorkOffline(storage: () => Pick<Storage, "setItem">, on: boolean): boolean {
  try {
    storage().setItem(WORK_OFFLINE_KEY, on ? "true" : "false");
    return true;
  } catch {
    return false;
  }
}

/** Flips the choice and returns the new one (unchanged when storage refused it). */
export function toggleWorkOffline(storage: () => Pick<Storage, "getItem" | "setItem">): boolean {
  const next = !readWorkOffline(storage);
  return writeWorkOffline(storage, next) ? next : !next;
}
