/**
 * A stored record as the protocol sends it: without the server's own bookkeeping, and a
 * tombstone without the fields it keeps for judging views (`viewProjection`).
 */
import type { WireRecord } from "../../../src/shared/protocol";
import type { ChangeRow, StoredRecord } from "../storage/repository";
import type { PullPage } from "./pull";

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

/**
 * A pull's page as the protocol's JSON, written as text around each record's stored fields
 * JSON, which is sent on as it is (and a snapshot's chunks, which are that text already): a
 * full copy of a database then costs little more than reading its rows.
 */
export function pullPageText(page: PullPage, serverTime: string): string {
  const records = [...(page.snapshot ?? []), ...page.records.map(recordText)];
  return (
    `{"records":[${records.join(",")}],` +
    `"removed":${JSON.stringify(page.removed)},"cursor":${JSON.stringify(page.cursor)},` +
    `"more":${page.more},"epoch":${JSON.stringify(page.epoch)},` +
    `"serverTime":${JSON.stringify(serverTime)}}`
  );
}

/**
 * A change as `toWire` gives it, its fields being the stored JSON text. The envelope names what
 * goes out, so that no bookkeeping of the server's (seqs and the like) ever does.
 */
export function recordText(r: ChangeRow): string {
  const { type, id, version, deleted, updatedAt, updatedBy } = r;
  const envelope = JSON.stringify({ type, id, version, deleted, updatedAt, updatedBy });
  return `${envelope.slice(0, -1)},"fields":${deleted ? "{}" : r.fieldsJson}}`;
}
