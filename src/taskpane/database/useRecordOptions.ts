/** The records of one type as name and id, sorted by name: the choices of a sharing form. */
import { useMemo } from "react";
import type { RecordType } from "../../shared/protocol";
import type { SyncEngine } from "../../sync/engine";
import { recordName } from "../offline/record-text";
import { useRecords } from "../useRecords";
import type { RecordOption } from "./SyncSetEditor";

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

export function useRecordOptions(engine: SyncEngine, type: RecordType): readonly RecordOption[] {
  const records = useRecords(engine, type);
  return useMemo(
    () =>
      records
        .map((r) => ({ id: r.id, name: recordName(type, r.id, r.fields) }))
        .sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id)),
    [records, type],
  );
}
