/**
 * A stored record as the protocol sends it: without the server's own bookkeeping, and a
 * tombstone without the fields it keeps for judging views (`viewProjection`).
 */
import type { WireRecord } from "../../../src/shared/protocol";
import type { StoredRecord } from "../storage/repository";

export function toWire(r: StoredRecord): WireRecord {
  return {
    type: r.type,
    id: r.id,
    version: r.version,
    deleted: r.deleted,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    fields: r.deleted ? {} : r.fields,
  };
}
