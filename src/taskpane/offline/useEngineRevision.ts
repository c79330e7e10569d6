/**
 * Re-renders on every change of the offline copy (a local change, a sync, new settings, another
 * pane), so that what a component reads of the engine during render is current. The number is
 * only a change counter.
 */
import { useEffect, useState } from "react";
import type { SyncEngine } from "../../sync/engine";

export function useEngineRevision(engine: SyncEngine): number {
  const [revision, setRevision] = useState(0);
  useEffect(
    () =>
      engine.subscribe((event) => {
        if (event.type === "changed") setRevision((r) => r + 1);
      }),
    [engine],
  );
  return revision;
}
