/**
 * Syncing the database shown: one sync loop per engine (`loopForEngine`), started as the
 * Offline Settings say (sync when the pane opens, or at once while the copy was never complete,
 * then on their schedule), told when the database goes offline or comes back, and telling the
 * connection monitor how each sync ended. While the user works offline the loop is kept
 * offline: nothing syncs, "Sync now" included. The status bar reads what this returns.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ConnectionMonitor, ConnectionStatus } from "../sync/connection";
import type { SyncEngine } from "../sync/engine";
import type { SyncLoop } from "../sync/loop";
import { loopForEngine } from "../sync/loop";
import { isThrottled, isUnreachable } from "../sync/transport";
import type { SyncProgress, Waiting } from "./sync-status";
import { describeError } from "../client/errors";
import { useLastSync } from "./useLastSync";

export interface SyncStatus extends Waiting {
  /** When the last sync succeeded on this computer (this pane's or another window's), or null. */
  readonly lastSyncedAt: number | null;
  /** A copy or sync runs. */
  readonly syncing: boolean;
  /** Whether the copy was never complete: the running sync makes it. */
  readonly copying: boolean;
  readonly progress: SyncProgress | null;
  /** Why the last sync failed, other than the database not answering. */
  readonly problem: string | null;
  /** "Sync now". */
  readonly syncNow: () => void;
}

export function useSync(
  engine: SyncEngine | null,
  status: ConnectionStatus,
  connection: ConnectionMonitor,
  workOffline = false,
): SyncStatus | null {
  const loop = useRef<SyncLoop | null>(null);
  const online = useRef(status !== "offline" && !workOffline);
  const [, setRevision] = useState(0);
  const [lastSyncedAt, recordSync] = useLastSync(engine?.copyId ?? null);
  const [syncing, setSyncing] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // Declared first: the loop below starts with the status of this render.
  useEffect(() => {
    online.current = status !== "offline" && !workOffline;
    loop.current?.setOnline(online.current);
    // The sync log keeps each change of the connection (src/sync/sync-log.ts).
    const connection = workOffline ? "work-offline" : status === "offline" ? "offline" : "online";
    engine?.logConnection(connection).catch(() => undefined);
  }, [status, workOffline, engine]);

  useEffect(() => {
    if (!engine) return;
    const stopEngine = engine.subscribe((event) => {
      if (event.type === "progress") setProgress(event.progress);
      else if (event.type === "changed") setRevision((r) => r + 1);
    });
    const handle = loopForEngine(engine);
    loop.current = handle.loop;
    const stopLoop = handle.loop.subscribe((event) => {
      if (event.type === "state") {
        setSyncing(event.state === "syncing");
        if (event.state !== "syncing") setProgress(null);
        return;
      }
      const { outcome } = event;
      if (outcome.status === "synced") {
        connection.reportReachable();
        recordSync(Date.now());
        setProblem(null);
      } else if (outcome.status === "failed") {
        // Throttled (429, 503 busy): the database answered, it is not offline.
        if (isUnreachable(outcome.error) && !isThrottled(outcome.error)) {
          connection.reportUnreachable();
          setProblem(null);
        } else {
          setProblem(describeError(outcome.error));
        }
      }
    });
    handle.loop.start({
      online: online.current,
      syncNow: engine.settings.syncOnOpen || engine.copy?.complete !== true,
    });
    return () => {
      stopLoop();
      stopEngine();
      handle.dispose();
      if (loop.current === handle.loop) loop.current = null;
    };
  }, [engine, connection, recordSync]);

  // While offline the loop tries once anyway (the user asked); never while working offline.
  const syncNow = useCallback(() => {
    if (!workOffline) void loop.current?.syncNow();
  }, [workOffline]);

  if (!engine) return null;
  return {
    pending: engine.outbox.length,
    conflicts: engine.inbox.length,
    refused: engine.needsAttention.length,
    lastSyncedAt,
    syncing,
    copying: engine.copy?.complete !== true,
    progress,
    problem,
    syncNow,
  };
}
