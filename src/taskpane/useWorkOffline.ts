/**
 * The "Work offline" choice (src/browser/work-offline.ts), shared with the ribbon's Work
 * offline command through localStorage: read at start, again whenever the pane becomes visible
 * (the command may have run meanwhile) or another window of the add-in changes it.
 */
import { useCallback, useEffect, useState } from "react";
import { WORK_OFFLINE_KEY, readWorkOffline, writeWorkOffline } from "../browser/work-offline";

const storage = (): Storage => localStorage;

export function useWorkOffline(): readonly [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => readWorkOffline(storage));
  useEffect(() => {
    const reread = () => {
      if (document.visibilityState === "visible") setOn(readWorkOffline(storage));
    };
    const changedElsewhere = (event: StorageEvent) => {
      if (event.key === WORK_OFFLINE_KEY || event.key === null) setOn(readWorkOffline(storage));
    };
    document.addEventListener("visibilitychange", reread);
    window.addEventListener("storage", changedElsewhere);
    return () => {
      document.removeEventListener("visibilitychange", reread);
      window.removeEventListener("storage", changedElsewhere);
    };
  }, []);
  const set = useCallback((next: boolean) => {
    writeWorkOffline(storage, next);
    setOn(next);
  }, []);
  return [on, set] as const;
}
