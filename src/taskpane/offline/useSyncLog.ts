/**
 * The sync log of the open copy (src/sync/sync-log.ts), newest first, read again whenever an
 * entry is added here or the copy changed (another pane's entries come with the copy).
 */
import { useEffect, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { SyncLogEntry } from "../../sync/sync-log";

export function useSyncLog(engine: SyncEngine): readonly SyncLogEntry[] | null {
  const [entries, setEntries] = useState<readonly SyncLogEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => {
      engine.syncLog().then(
        (log) => {
          if (live) setEntries([...log].reverse());
        },
        () => {
          if (live) setEntries([]);
        },
      );
    };
    read();
    const stop = engine.subscribe((event) => {
      if (event.type === "logged" || event.type === "changed") read();
    });
    return () => {
      live = false;
      stop();
    };
  }, [engine]);
  return entries;
}
