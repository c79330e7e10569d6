/**
 * The repository's rows as Table Storage entities, both ways, and the transactions each write
 * of the port is made of. `table-repository.ts` sends these; `memory-repository.ts` builds the
 * same ones only to check them against Azure's limits (`azure-limits.ts`), so that both refuse
 * the same writes.
 */
import type { TableEntity, TransactionAction } from "@azure/data-tables";
import type { DatabaseSummary, Filter, Json, RecordType, Role } from "../../../src/shared/protocol";
import { RECORD_MAX_BYTES } from "../../../src/shared/records";
import { LIMITS } from "./azure-limits";
import {
  HEAD,
  changeKey,
  clientKey,
  encodeKey,
  linkKey,
  memberKey,
  recordKey,
  SNAPSHOT,
  snapshotChunkKey,
  syncSetKey,
  viewKey,
} from "./keys";
import type {
  ChangeRow,
  DatabaseInfo,
  FieldStamp,
  Head,
  Membership,
  RecordWrite,
  SnapshotInfo,
  StoredRecord,
  ViewDefinition,
} from "./repository";

/** An entity as read back. */
export interface Stored extends TableEntity {
  etag?: string;
}

/** Record JSON is split into string properties `f0`, `f1`, … (fields) and `s0`, … (stamps) of this many UTF-16 units. */
const CHUNK_UNITS = 30_000;

/**
 * The most properties a record's fields take: its JSON is at most `RECORD_MAX_BYTES` (so at
 * most as many UTF-16 units), and a cut moved back from inside a surrogate pair adds one.
 */
export const FIELD_PROPERTIES = Math.ceil(RECORD_MAX_BYTES / CHUNK_UNITS) + 1;

export function headEntity(info: DatabaseInfo): TableEntity {
  return {
    partitionKey: info.id,
    rowKey: HEAD,
    name: info.name,
    epoch: info.epoch,
    seq: info.seq,
    createdAt: info.createdAt,
    createdBy: info.createdBy,
    restoring: info.restoring || undefined,
    access: info.access || undefined,
  };
}

export function headFrom(db: string, row: Stored): DatabaseInfo {
  return {
    id: db,
    name: row.name as string,
    epoch: row.epoch as string,
    seq: Number(row.seq),
    createdAt: row.createdAt as string,
    createdBy: row.createdBy as string,
    ...(row.restoring === true ? { restoring: true } : {}),
    ...(typeof row.access === "number" && row.access > 0 ? { access: row.access } : {}),
  };
}

/** The head's columns, for a query that reads the head with other rows (`readChangesWithHead`). */
export const HEAD_COLUMNS = ["name", "epoch", "createdAt", "createdBy", "restoring", "access"];

/** The head with `seq` under If-Match on the ETag read: the transaction fails if anything else committed. */
function headUpdate(head: Head, seq: number): TransactionAction {
  return [
    "update",
    { partitionKey: head.info.id, rowKey: HEAD, seq },
    "Merge",
    { etag: head.etag },
  ];
}

/** The head under If-Match, its `access` moved on: a change to who may see what. */
function accessUpdate(head: Head): TransactionAction {
  const access = (head.info.access ?? 0) + 1;
  return [
    "update",
    { partitionKey: head.info.id, rowKey: HEAD, access },
    "Merge",
    { etag: head.etag },
  ];
}

export function memberEntity(m: Membership): TableEntity {
  return {
    partitionKey: m.db,
    rowKey: memberKey(m.email),
    email: m.email,
    oid: m.oid ?? undefined,
    role: m.role,
    syncSet: m.syncSet ?? undefined,
    subscriptions: JSON.stringify(m.subscriptions),
  };
}

export function memberFrom(db: string, row: Stored): Membership {
  return {
    db,
    email: row.email as string,
    oid: typeof row.oid === "string" ? row.oid : null,
    role: row.role as Role,
    syncSet: (row.syncSet as string | undefined) ?? null,
    subscriptions:
      typeof row.subscriptions === "string" ? (JSON.parse(row.subscriptions) as string[]) : [],
  };
}

/** The row of table `<prefix>users` that `GET /me` reads: the member's address, then the database. */
export function userEntity(m: Membership, name: string): TableEntity {
  return {
    partitionKey: encodeKey(m.email),
    rowKey: m.db,
    name,
    role: m.role,
    syncSet: m.syncSet ?? undefined,
    oid: m.oid ?? undefined,
  };
}

export function userFrom(row: Stored): DatabaseSummary & { oid: string | null } {
  return {
    id: row.rowKey,
    name: row.name as string,
    role: row.role as Role,
    syncSet: (row.syncSet as string | undefined) ?? null,
    oid: typeof row.oid === "string" ? row.oid : null,
  };
}

export function syncSetEntity(db: string, name: string, filter: Filter): TableEntity {
  return { partitionKey: db, rowKey: syncSetKey(name), name, filter: JSON.stringify(filter) };
}

export function syncSetFrom(row: Stored): { name: string; filter: Filter } {
  return { name: row.name as string, filter: JSON.parse(row.filter as string) as Filter };
}

/** A record's properties: its fields' JSON in `f0`, `f1`, … and its stamps' JSON in `s0`, … */
export function recordProps(r: StoredRecord): Record<string, string | number | boolean> {
  const props: Record<string, string | number | boolean> = {
    type: r.type,
    id: r.id,
    version: r.version,
    deleted: r.deleted,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    seq: r.seq,
    viewSeq: r.viewSeq,
    bornSeq: r.bornSeq,
    ...(r.diedSeq ? { diedSeq: r.diedSeq } : {}),
  };
  split(props, "f", JSON.stringify(r.fields));
  split(props, "s", JSON.stringify(r.stamps));
  return props;
}

/**
 * Puts `text` into properties `<prefix>0`, `<prefix>1`, … of at most `CHUNK_UNITS` each
 * (`joined` reads it back). A cut never falls inside a surrogate pair: each half alone is not
 * valid Unicode, and would be stored as U+FFFD.
 */
function split(props: Record<string, unknown>, prefix: string, text: string): void {
  for (let i = 0, at = 0; at < text.length; i++) {
    let end = Math.min(at + CHUNK_UNITS, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    props[`${prefix}${i}`] = text.slice(at, end);
    at = end;
  }
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** A view's definition: its JSON in `j0`, `j1`, … */
export function viewEntity(db: string, hash: string, view: ViewDefinition): TableEntity {
  const row: TableEntity = { partitionKey: db, rowKey: viewKey(hash) };
  split(row, "j", JSON.stringify(view));
  return row;
}

export const viewFrom = (row: Stored): ViewDefinition =>
  JSON.parse(joined(row, "j")) as ViewDefinition;

/**
 * The most bytes one snapshot chunk row holds (compressed record JSON): 10 binary properties of
 * 64 KiB. Azure counts binary properties' bytes against its 1 MiB per entity; Azurite counts
 * their base64 text, 4/3 larger, and refuses 12 (measured).
 */
export const SNAPSHOT_CHUNK_BYTES = 10 * LIMITS.binaryBytes;

/** The snapshot's meta row: the current snapshot, and the one it replaced (`previous`). */
export function snapshotEntity(
  db: string,
  info: SnapshotInfo,
  previous: string | null,
): TableEntity {
  return { partitionKey: db, rowKey: SNAPSHOT, ...info, previous: previous ?? undefined };
}

export function snapshotFrom(row: Stored): SnapshotInfo {
  return {
    id: row.id as string,
    epoch: row.epoch as string,
    seq: Number(row.seq),
    records: Number(row.records),
    chunks: Number(row.chunks),
  };
}

/** Chunk `n` of snapshot `id`: its bytes in `b0`, `b1`, … of 64 KiB. */
export function snapshotChunkEntity(
  db: string,
  id: string,
  n: number,
  bytes: Uint8Array,
): TableEntity {
  const row: TableEntity = { partitionKey: db, rowKey: snapshotChunkKey(id, n) };
  // Copies, not views: the SDK would send a view's whole buffer.
  for (let i = 0, at = 0; at < bytes.length; i++, at += LIMITS.binaryBytes)
    row[`b${i}`] = bytes.slice(at, at + LIMITS.binaryBytes);
  return row;
}

export function snapshotChunkFrom(row: Stored): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let i = 0; row[`b${i}`] instanceof Uint8Array; i++) parts.push(row[`b${i}`] as Uint8Array);
  return Buffer.concat(parts);
}

function joined(row: Stored, prefix: string): string {
  let json = "";
  for (let i = 0; typeof row[`${prefix}${i}`] === "string"; i++)
    json += row[`${prefix}${i}`] as string;
  return json;
}

export function changeFrom(row: Stored): ChangeRow {
  return {
    type: row.type as RecordType,
    id: row.id as string,
    version: Number(row.version),
    deleted: row.deleted === true,
    updatedAt: row.updatedAt as string,
    updatedBy: row.updatedBy as string,
    seq: Number(row.seq),
    viewSeq: Number(row.viewSeq ?? 0),
    bornSeq: Number(row.bornSeq ?? 0),
    ...(row.diedSeq ? { diedSeq: Number(row.diedSeq) } : {}),
    fieldsJson: joined(row, "f"),
  };
}

export function recordFrom(row: Stored): StoredRecord {
  const { fieldsJson, ...rest } = changeFrom(row);
  return {
    ...rest,
    fields: JSON.parse(fieldsJson) as Record<string, Json>,
    stamps: JSON.parse(joined(row, "s")) as Record<string, FieldStamp>,
  };
}

// --- The transactions of the port's writes --------------------------------------------------

/** `createDatabase`: the head and its owner (both created: an id taken fails). */
export function createDatabaseActions(info: DatabaseInfo, owner: Membership): TransactionAction[] {
  return [
    ["create", headEntity(info)],
    ["create", memberEntity(owner)],
  ];
}

/** `putMember`: the head's `access` moved under If-Match, and the member. */
export function putMemberActions(head: Head, member: Membership): TransactionAction[] {
  return [accessUpdate(head), ["upsert", memberEntity(member), "Replace"]];
}

/** `deleteMember`: the head's `access` moved under If-Match, and the member deleted. */
export function deleteMemberActions(head: Head, email: string): TransactionAction[] {
  return [accessUpdate(head), ["delete", { partitionKey: head.info.id, rowKey: memberKey(email) }]];
}

/** `putSyncSet` with a head: the head's `access` moved under If-Match, and the sync set. */
export function putSyncSetActions(head: Head, name: string, filter: Filter): TransactionAction[] {
  return [accessUpdate(head), ["upsert", syncSetEntity(head.info.id, name, filter), "Replace"]];
}

/** `finishRestore`: the head, no longer `restoring`, under If-Match. */
export function finishRestoreActions(head: Head): TransactionAction[] {
  return [
    [
      "update",
      { partitionKey: head.info.id, rowKey: HEAD, restoring: false },
      "Merge",
      { etag: head.etag },
    ],
  ];
}

/** `renameDatabase`: the head's new name, under If-Match. */
export function renameDatabaseActions(head: Head, name: string): TransactionAction[] {
  return [
    ["update", { partitionKey: head.info.id, rowKey: HEAD, name }, "Merge", { etag: head.etag }],
  ];
}

/**
 * `deleteDatabase`: the head marked deleted, under If-Match. The mark is a property of the head
 * row, which `purgeDatabase` removes last: a database half purged still reads as deleted.
 */
export function deleteDatabaseActions(head: Head): TransactionAction[] {
  return [
    [
      "update",
      { partitionKey: head.info.id, rowKey: HEAD, deleted: true },
      "Merge",
      { etag: head.etag },
    ],
  ];
}

/** Whether a head row is marked deleted (`deleteDatabaseActions`). */
export const isDeletedHead = (row: Stored): boolean => row.deleted === true;

/** `bindMember`: the head's `access` moved under If-Match, and the member's `oid` set. */
export function bindMemberActions(head: Head, email: string, oid: string): TransactionAction[] {
  return [
    accessUpdate(head),
    ["update", { partitionKey: head.info.id, rowKey: memberKey(email), oid }, "Merge"],
  ];
}

/**
 * `commit`: the head first (Table Storage runs a transaction's operations in order and stops at
 * the first failure, so a commit that lost a race fails on the head's ETag, 412, not on an index
 * row the winner wrote), then for each record its row, its new change index row and the
 * deletion of its old one, then the client's last mutation id. `records` are `writes` numbered
 * (`numberWrites`).
 */
export function commitActions(
  head: Head,
  writes: readonly RecordWrite[],
  records: readonly StoredRecord[],
  client: { id: string; lastMid: number } | undefined,
): TransactionAction[] {
  const db = head.info.id;
  const actions: TransactionAction[] = [headUpdate(head, records.at(-1)?.seq ?? head.info.seq)];
  records.forEach((record, i) => {
    const props = recordProps(record);
    const row = { partitionKey: db, rowKey: recordKey(record.type, record.id), ...props };
    const prevSeq = writes[i]!.prevSeq;
    // A record new to the caller is created: if it exists after all (the caller did not read
    // it), the transaction fails instead of overwriting it.
    actions.push(prevSeq === null ? ["create", row] : ["upsert", row, "Replace"]);
    actions.push(["create", { partitionKey: db, rowKey: changeKey(record.seq), ...props }]);
    if (prevSeq !== null)
      actions.push(["delete", { partitionKey: db, rowKey: changeKey(prevSeq) }]);
  });
  if (client)
    actions.push([
      "upsert",
      { partitionKey: db, rowKey: clientKey(client.id), lastMid: client.lastMid },
      "Replace",
    ]);
  return actions;
}

/**
 * The link index rows `writes` add (`upsert`) or remove (`delete`): links are added before the
 * commit that makes them and removed after the one that ends them.
 */
export function linkActions(
  db: string,
  writes: readonly RecordWrite[],
  op: "upsert" | "delete",
): TransactionAction[] {
  return writes.flatMap(({ state, linksAdded = [], linksRemoved = [] }) =>
    (op === "upsert" ? linksAdded : linksRemoved).map((contactId): TransactionAction => {
      const row = { partitionKey: db, rowKey: linkKey(contactId, state.id) };
      return op === "upsert"
        ? ["upsert", { ...row, contactId, historyId: state.id }, "Replace"]
        : ["delete", row];
    }),
  );
}
