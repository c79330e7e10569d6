/**
 * The ribbon's "Sync now": synchronizes the database the user last opened in the pane, in the
 * function file's own window. The engine's sync lock (Web Locks, shared with every pane) keeps
 * one syncer per copy: while a pane syncs, this one waits its turn. Every outcome becomes a
 * sentence for the item's notification bar (at most 150 characters). A user who is no longer a
 * member (404) is sent to the pane, which offers to export their unsent changes and then deletes
 * the copy; the function file has no window to offer that in.
 */
import { writeLastSync } from "../browser/last-sync";
import { readWorkOffline } from "../browser/work-offline";
import type { EmailAddress } from "../office/office";
import type { SyncEngine } from "../sync/engine";
import { isNotMember, isUnreachable } from "../sync/transport";
import { describeError } from "../client/errors";
import { readRememberedDatabase } from "../client/remembered-database";
import type { ClientServices } from "../client/services";

const PREFIX = "Business Contact Manager: ";
const MAX = 150;

export interface RibbonSyncDeps {
  readonly services: Pick<ClientServices, "apiBaseUrl" | "preferences"> & {
    openEngine(
      databaseId: string,
      userEmail: string,
    ): Promise<Pick<SyncEngine, "sync" | "inbox" | "copyId">>;
  };
  readonly storage: () => Pick<Storage, "getItem" | "setItem">;
  readonly now: () => number;
}

/** Synchronizes and says how it went, in one notification's words. Never rejects. */
export async function syncFromRibbon(
  user: EmailAddress | null,
  deps: RibbonSyncDeps,
): Promise<string> {
  if (readWorkOffline(deps.storage)) {
    return say("Work offline is on, so nothing was synchronized. Turn it off to sync.");
  }
  const database = user
    ? readRememberedDatabase(deps.services.preferences, deps.services.apiBaseUrl, user.emailAddress)
    : null;
  if (!user || !database) {
    return say("open Business Contacts once to choose your database; then Sync now syncs it.");
  }
  try {
    const engine = await deps.services.openEngine(database.id, user.emailAddress);
    const { push, pull } = await engine.sync();
    writeLastSync(deps.storage, engine.copyId, deps.now());
    const waiting = engine.inbox.length;
    const conflicts =
      waiting === 0
        ? ""
        : ` ${plural(waiting, "conflict")} wait${waiting === 1 ? "s" : ""} for you.`;
    const counts = `Sent ${plural(push.answered, "change")}, received ${plural(pull.changes, "change")}.`;
    return say(
      `synced ${quoted(database.name, MAX - PREFIX.length - 12 - counts.length - conflicts.length)}. ${counts}${conflicts}`,
    );
  } catch (error) {
    if (isNotMember(error)) {
      // The pane offers to save the unsent changes before it deletes the copy; not here.
      const tail = ". Open Business Contacts to save your unsent changes.";
      const head = "you no longer have access to ";
      return say(
        `${head}${quoted(database.name, MAX - PREFIX.length - head.length - tail.length)}${tail}`,
      );
    }
    if (isUnreachable(error)) {
      return say(
        "the shared database could not be reached. Your changes stay on this computer and go with the next sync.",
      );
    }
    return say(`the sync failed. ${describeError(error)}`);
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The database's name in quotes, shortened to `room` characters. */
function quoted(name: string, room: number): string {
  const max = Math.max(room, 8);
  return `"${name.length > max ? `${name.slice(0, max - 1)}…` : name}"`;
}

/** The message with the add-in's name, cut to Outlook's 150 characters. */
function say(text: string): string {
  const message = PREFIX + text;
  return message.length > MAX ? `${message.slice(0, MAX - 1)}…` : message;
}
