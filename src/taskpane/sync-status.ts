/** What the status bar says about syncing: pure, so that it is tested without a browser. */
import type { PullProgress } from "../sync/pull";
import type { PushProgress } from "../sync/push";

export type SyncProgress = PushProgress | PullProgress;

/** What waits: changes to be sent, conflicts for the user's answer, changes the server refused. */
export interface Waiting {
  readonly pending: number;
  readonly conflicts: number;
  readonly refused: number;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "No changes waiting" only when nothing waits; else what does, as the notices under the bar
 * count it: "3 changes waiting · 1 conflict to answer · 2 changes refused".
 */
export function changesWaitingText({ pending, conflicts, refused }: Waiting): string {
  const parts = [
    pending > 0 ? count(pending, "change waiting", "changes waiting") : null,
    conflicts > 0 ? count(conflicts, "conflict to answer", "conflicts to answer") : null,
    refused > 0 ? count(refused, "change refused", "changes refused") : null,
  ].filter((p) => p !== null);
  return parts.length === 0 ? "No changes waiting" : parts.join(" · ");
}

/** "Last synced at 14:05" (the user's locale), or "Not synced yet". */
export function lastSyncedText(at: number | null, locale?: string): string {
  if (at === null) return "Not synced yet";
  const time = new Date(at).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  return `Last synced at ${time}`;
}

/** What a running copy or sync is doing, with its counts. */
export function progressText(progress: SyncProgress | null, copying: boolean): string {
  if (progress === null) return copying ? "Making the offline copy…" : "Syncing…";
  if (progress.phase === "push") {
    const total = progress.answered + progress.pending;
    return `Sending changes: ${progress.answered} of ${total}`;
  }
  const verb = copying || progress.restarted ? "Making the offline copy" : "Receiving changes";
  return `${verb}: ${progress.changes} received, ${progress.held} records held`;
}

/** The progress bar's value in [0, 1], or undefined when the total is unknown (a pull). */
export function progressValue(progress: SyncProgress | null): number | undefined {
  if (progress === null || progress.phase === "pull") return undefined;
  const total = progress.answered + progress.pending;
  return total === 0 ? 1 : progress.answered / total;
}
