/**
 * The ribbon's function file: the commands that run without opening the task pane. There is no
 * runtime shared with the pane, so what a command wants the pane to know goes through storage
 * of the same origin.
 *
 * Each command records when it last ran, in localStorage under
 * `bcm.command.<actionId>.lastRun` (an ISO 8601 time), and says in the item's notification bar
 * what it did. Work offline flips the "Work offline" choice the task pane's switch shares
 * (`bcm.workOffline`, src/browser/work-offline.ts) and says which way; Sync now synchronizes
 * the database last opened in the pane (src/commands/ribbon-sync.ts) and says how it went.
 *
 * The same file handles Outlook's send event (src/commands/send-event.ts).
 */
import { toggleWorkOffline } from "../browser/work-offline";
import type { EmailAddress } from "../office/office";
import { initOffice } from "../office/office";
import { apiBaseUrl, clientAuthConfig } from "../client/config";
import { createServices } from "../client/services";
import { syncFromRibbon } from "./ribbon-sync";
import type { EventMailbox, SendEvent } from "./send-event";
import { onMessageSend } from "./send-event";
import { SENT_MAIL_CHANNEL } from "../sync/sent-mail";

export type CommandId = "toggleWorkOffline" | "syncNow";

/** The localStorage key holding when `actionId` last ran. */
export function lastRunKey(actionId: CommandId): string {
  return `bcm.command.${actionId}.lastRun`;
}

export const WORK_OFFLINE_MESSAGES = {
  on: "Business Contact Manager: Work offline is on. You work from the copy on this computer; nothing syncs until you turn it off.",
  off: "Business Contact Manager: Work offline is off. Your changes sync with the shared database again.",
} as const;

export interface CommandDeps {
  readonly now: () => Date;
  readonly storage: () => Pick<Storage, "getItem" | "setItem">;
  /** Synchronizes `user`'s database and returns what to tell them. */
  readonly syncNow: (user: EmailAddress | null) => Promise<string>;
}

const browserDeps: CommandDeps = {
  now: () => new Date(),
  storage: () => localStorage,
  syncNow: (user) =>
    syncFromRibbon(user, {
      services: createServices(apiBaseUrl(window.location.search), clientAuthConfig()),
      storage: () => localStorage,
      now: () => Date.now(),
    }),
};

/**
 * Runs the command `actionId`: records the time, does its work, then posts the notification.
 * A step that fails is logged and the next one still runs; Outlook is told the command
 * completed in every case, or it would show its "working on your request" bar until it times
 * out.
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
    let message: string;
    if (actionId === "toggleWorkOffline") {
      message = WORK_OFFLINE_MESSAGES[toggleWorkOffline(deps.storage) ? "on" : "off"];
    }
    const session = await initOffice();
    message ??= await deps.syncNow(session.user);
    await session.notify(message);
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
// The send event (manifest.xml's LaunchEvent): the message is queued for the pane to link.
Office.actions.associate("onMessageSendHandler", (event: SendEvent) => {
  const services = createServices(apiBaseUrl(window.location.search), clientAuthConfig());
  void onMessageSend(event, {
    mailbox: () => initOffice().then((session) => session.mailbox as EventMailbox | null),
    apiBaseUrl: services.apiBaseUrl,
    preferences: services.preferences,
    storage: () => localStorage,
    queue: { add: async (copy, mail) => (await services.sentMail()).add(copy, mail) },
    announce: () => {
      if (typeof BroadcastChannel === "undefined") return;
      const channel = new BroadcastChannel(SENT_MAIL_CHANNEL);
      channel.postMessage("queued");
      channel.close();
    },
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
});
