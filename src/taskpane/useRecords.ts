/**
 * The engine's view of every record of one type (server state + pending changes), read again
 * whenever the copy changes: by a local change, a sync, or another pane.
 */
import { useEffect, useState } from "react";
import type { RecordType } from "../shared/protocol";
import type { SyncEngine } from "../sync/engine";
import type { ViewRecord } from "../sync/view";

interface Read {
  readonly engine: SyncEngine;
  readonly type: RecordType;
  readonly records: readonly ViewRecord[];
}

export function useRecords(engine: SyncEngine, type: RecordType): readonly ViewRecord[] {
  const [read, setRead] = useState<Read>(() => ({ engine, type, records: engine.records(type) }));
  // Another engine or type: read it during this render (React's "derived state" pattern).
  let current = read;
  if (read.engine !== engine || read.type !== type) {
    current = { engine, type, records: engine.records(type) };
    setRead(current);
  }
  useEffect(
    () =>
      engine.subscribe((event) => {
        if (event.type === "changed") setRead({ engine, type, records: engine.records(type) });
      }),
    [engine, type],
  );
  return current.records;
}
