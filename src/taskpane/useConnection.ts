/** The database's connection status, probing while the pane is mounted. */
import { useCallback, useEffect, useSyncExternalStore } from "react";
import type { ConnectionMonitor, ConnectionStatus } from "../sync/connection";

export function useConnection(monitor: ConnectionMonitor): ConnectionStatus {
  useEffect(() => {
    monitor.start();
    return () => monitor.stop();
  }, [monitor]);
  const subscribe = useCallback((changed: () => void) => monitor.subscribe(changed), [monitor]);
  return useSyncExternalStore(subscribe, () => monitor.status);
}
