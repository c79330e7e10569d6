/** What the status bar says about syncing: pure, so that it is tested without a browser. */
import type { PullProgress } from "../sync/pull";
import type { PushProgress } from "../sync/push";

export type SyncProgress = PushProgress | PullProgress;

/** "No changes waiting", "1 change waiting", "3 changes waiting" (to be sent). */
export function changesWaitingText(pending: number): string {
  if (pending === 0) return "No changes waiting";
  return `${pending} ${pending === 1 ? "change" : "changes"} waiting`;
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
