/**
 * When the database shown last synced on this computer (src/browser/last-sync.ts): kept across
 * reloads, and following syncs made by other windows (another pane, the ribbon's Sync now).
 */
import { useCallback, useEffect, useState } from "react";
import { lastSyncKey, readLastSync, writeLastSync } from "../browser/last-sync";

const storage = (): Storage => localStorage;

export function useLastSync(
  databaseId: string | null,
): readonly [number | null, (at: number) => void] {
  const read = useCallback(
    () => (databaseId === null ? null : readLastSync(storage, databaseId)),
    [databaseId],
  );
  const [shown, setShown] = useState(() => ({ databaseId, at: read() }));
  let current = shown;
  if (shown.databaseId !== databaseId) {
    current = { databaseId, at: read() };
    setShown(current);
  }
  useEffect(() => {
    if (databaseId === null) return;
    const changedElsewhere = (event: StorageEvent) => {
      if (event.key === lastSyncKey(databaseId) || event.key === null) {
        setShown({ databaseId, at: read() });
      }
    };
    window.addEventListener("storage", changedElsewhere);
    return () => window.removeEventListener("storage", changedElsewhere);
  }, [databaseId, read]);
  const record = useCallback(
    (at: number) => {
      if (databaseId === null) return;
      writeLastSync(storage, databaseId, at);
      setShown({ databaseId, at });
    },
    [databaseId],
  );
  return [current.at, record] as const;
}
