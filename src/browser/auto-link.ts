/**
 * The user's auto-linking choices, per database, in localStorage (read by the pane and by the
 * send event, which runs in a window of the add-in's origin with no copy open):
 * - `bcm.autoLink.<databaseId>`: e-mails from contacts are linked when the pane shows them;
 * - `bcm.autoLinkSent.<databaseId>`: e-mails the user sends to contacts are linked, the pane
 *   open or not (src/commands/send-event.ts).
 * Each is "false" while off; both are on by default, as in Business Contact Manager, which linked
 * the e-mails exchanged with business contacts to their history automatically.
 */

export type AutoLinkKind = "received" | "sent";

type StorageLike = Pick<Storage, "getItem" | "setItem">;

export function autoLinkKey(kind: AutoLinkKind, databaseId: string): string {
  return `${kind === "received" ? "bcm.autoLink." : "bcm.autoLinkSent."}${databaseId}`;
}

/** Whether `kind` is on for `databaseId`. Storage the host refuses leaves the default (on). */
export function readAutoLink(
  storage: () => StorageLike,
  kind: AutoLinkKind,
  databaseId: string,
): boolean {
  try {
    return storage().getItem(autoLinkKey(kind, databaseId)) !== "false";
  } catch {
    return true;
  }
}

export function writeAutoLink(
  storage: () => StorageLike,
  kind: AutoLinkKind,
  databaseId: string,
  on: boolean,
): void {
  try {
    storage().setItem(autoLinkKey(kind, databaseId), on ? "true" : "false");
  } catch (error) {
    console.error("Could not keep the auto-link setting", error);
  }
}
