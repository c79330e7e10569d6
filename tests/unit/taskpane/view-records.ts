/** View records for the task pane's unit tests. */
import type { Fields } from "../../../src/shared/json";
import type { RecordType } from "../../../src/shared/protocol";
import type { ViewRecord } from "../../../src/sync/view";

export function view(
  type: RecordType,
  id: string,
  fields: Fields,
  updatedAt = "2026-11-26T10:00:00.000Z",
): ViewRecord {
  return { type, id, fields, version: 1, updatedAt, pending: false, conflicts: [] };
}
