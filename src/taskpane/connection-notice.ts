/**
 * What the pane says when the shared database goes away or comes back (issue 5's message
 * bars), and whether it asks first (Offline Settings: "switch automatically to my offline copy
 * when the database cannot be reached", else ask).
 *
 *   - "lost": the database stopped answering and the pane went on with the offline copy by
 *     itself; it syncs again on its own once the database is back.
 *   - "ask": the same, but the user chose to be asked: "Work offline" turns on the Work offline
 *     switch (it stays on until the user turns it off), "Keep trying" leaves the pane retrying.
 *   - "back": the database answers again after it was offline.
 *
 * Nothing is said while the user works offline by choice: the database's state does not
 * matter then. Turning Work offline off while the database is still unreachable says "lost"
 * (or asks) again.
 */
import type { ConnectionStatus } from "../sync/connection";

export type ConnectionNotice = "none" | "lost" | "ask" | "back";

export interface ConnectionSituation {
  readonly status: ConnectionStatus;
  readonly workOffline: boolean;
}

export function nextNotice(
  notice: ConnectionNotice,
  before: ConnectionSituation,
  now: ConnectionSituation,
  autoSwitchOffline: boolean,
): ConnectionNotice {
  if (now.workOffline) return "none";
  const wasReachable = before.workOffline || before.status !== "offline";
  if (now.status === "offline" && wasReachable) return autoSwitchOffline ? "lost" : "ask";
  if (now.status === "online" && before.status === "offline" && !before.workOffline) return "back";
  return notice;
}
