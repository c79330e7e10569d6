/**
 * The ribbon's function file: the commands that run without opening the task pane. There is no
 * runtime shared with the pane, so what a command wants the pane to know goes through storage
 * of the same origin.
 *
 * Each command records when it last ran, in localStorage under
 * `bcm.command.<actionId>.lastRun` (an ISO 8601 time), and says in the item's notification bar
 * that it ran. Work offline also flips the "Work offline" choice the task pane's switch shares
 * (`bcm.workOffline`, src/browser/work-offline.ts); synchronizing on demand from the ribbon
 * arrives later.
 */
import { toggleWorkOffline } from "../browser/work-offline";
import { initOffice } from "../office/office";

export type CommandId = "toggleWorkOffline" | "syncNow";

/** The localStorage key holding when `actionId` last ran. */
export function lastRunKey(actionId: CommandId): string {
  return `bcm.command.${actionId}.lastRun`;
}

export const COMMAND_MESSAGES: Readonly<Record<CommandId, string>> = {
  toggleWorkOffline:
    "Business Contact Manager: the Work offline command ran. It switched Work offline on or off; the task pane shows which.",
  syncNow:
    "Business Contact Manager: the Sync now command ran. Synchronizing on demand arrives with offline sync.",
};

export interface CommandDeps {
  readonly now: () => Date;
  readonly storage: () => Pick<Storage, "getItem" | "setItem">;
}

const browserDeps: CommandDeps = { now: () => new Date(), storage: () => localStorage };

/**
 * Runs the command `actionId`: records the time, then posts the notification. A step that
 * fails is logged and the next one still runs; Outlook is told the command completed in every
 * case, or it would show its "working on your request" bar until it times out.
 */
export async function runCommand(
  actionId: CommandId,
  event: { completed(): void },
  deps: CommandDeps = browserDeps,
): Promise<void> {
  try {
    try {
      deps.storage().setItem(lastRunKey(actionId), deps.now().toISOString());
    } catch (error) {
      console.error(`Could not record that ${actionId} ran`, error);
    }
    if (actionId === "toggleWorkOffline") toggleWorkOffline(deps.storage);
    const session = await initOffice();
    await session.notify(COMMAND_MESSAGES[actionId]);
  } catch (error) {
    console.error(`The ${actionId} command failed`, error);
  } finally {
    event.completed();
  }
}

// runCommand settles every failure itself, so nothing is left to the returned promise.
Office.actions.associate("toggleWorkOffline", (event: Office.AddinCommands.Event) => {
  void runCommand("toggleWorkOffline", event);
});
Office.actions.associate("syncNow", (event: Office.AddinCommands.Event) => {
  void runCommand("syncNow", event);
});
