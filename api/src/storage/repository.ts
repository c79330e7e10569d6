/**
 * The shared database as the API sees it. Handlers talk to this interface only; the one
 * adapter is `table-repository.ts` (Azure Table Storage, Azurite locally).
 */
import type { DatabaseSummary, Filter, Json, RecordType, Role } from "../../../src/shared/protocol";

export interface DatabaseInfo {
  id: string;
  name: string;
  /** Changes when the database is restored, so cursors from before cannot be served. */
  epoch: string;
  /** The sequence number of the latest committed change (0 when none). */
  seq: number;
  createdAt: string;
  createdBy: string;
}

export interface Membership {
  db: string;
  /** The address the member was invited by (lower-cased). */
  email: string;
  /**
   * The user the membership belongs to (their Entra `oid`): null until the invited address
   * first signs in, which binds it. A token naming the address but another `oid` is not this
   * member (a reused address or a changed UPN inherits nothing).
   */
  oid: string | null;
  role: Role;
  syncSet: string | null;
  /** Contacts kept in this member's copy whatever the sync set says. */
  subscriptions: string[];
}

/** The head row as read, with the ETag that a commit must match. */
export interface Head {
  info: DatabaseInfo;
  etag: string;
}

/** A record's new state, and the seq of the change index row it replaces (none for new). */
export interface RecordWrite {
  state: Omit<StoredRecord, "seq">;
  prevSeq: number | null;
  /** A field sync-set filters read changed: the record's `viewSeq` becomes its new seq. */
  viewChanged?: boolean;
  /** The record is created, or brought back from a tombstone: its `bornSeq` becomes its new seq. */
  born?: boolean;
  /** Contacts a history item is newly linked to, or no longer linked to (the link index). */
  linksAdded?: readonly string[];
  linksRemoved?: readonly string[];
}

/** Who wrote a field's current value, and the `at` of the mutation that wrote it. */
export interface FieldStamp {
  at: string;
  by: string;
}

/** A record's full state as stored: the wire record plus what the server needs to merge. */
export interface StoredRecord {
  type: RecordType;
  id: string;
  version: number;
  deleted: boolean;
  updatedAt: string;
  updatedBy: string;
  fields: Record<string, Json>;
  stamps: Record<string, FieldStamp>;
  /** The sequence number of the change that wrote this state. */
  seq: number;
  /**
   * The sequence number of the latest change to a field that sync-set filters read (contacts
   * only, else 0): a contact changed there after a member's cursor may have entered their view,
   * and then its history must come too. History items: the latest change of their links.
   * Both: also their creation; a delete leaves it as it was (a tombstone keeps the view fields).
   */
  viewSeq: number;
  /** The sequence number of the record's creation (or its return from a tombstone); 0 if unknown. */
  bornSeq: number;
}

/**
 * A change as pull reads it: the record's state with its fields as stored JSON text, so that
 * a pull can send them on without parsing and serializing them again.
 */
export type ChangeRow = Omit<StoredRecord, "fields" | "stamps"> & { fieldsJson: string };

export interface ChangePage {
  records: ChangeRow[];
  /** The sequence number of the last change in the page (or the one asked after). */
  lastSeq: number;
  more: boolean;
}

/** The characters a record's fields and stamps take as stored JSON: counts against `commitLimits.chars`. */
export function storedChars(r: Pick<StoredRecord, "fields" | "stamps">): number {
  return JSON.stringify(r.fields).length + JSON.stringify(r.stamps).length;
}

export const recordRef = (type: RecordType, id: string) => `${type}:${id}`;

export interface Repository {
  /** How much one `commit` may hold (records, and their `storedChars`); callers split larger work into several commits. */
  readonly commitLimits: { records: number; chars: number };
  /** Resolves when storage answers; rejects with `StorageUnavailableError` otherwise. */
  ping(): Promise<void>;
  /** A new database with `owner` (an address; bound to `ownerOid` when given) its owner. */
  createDatabase(input: {
    id: string;
    name: string;
    owner: string;
    ownerOid?: string;
    now: string;
  }): Promise<DatabaseInfo>;
  readHead(db: string): Promise<Head | null>;
  getMembership(db: string, email: string): Promise<Membership | null>;
  listMembers(db: string): Promise<Membership[]>;
  /**
   * Adds or changes a member, atomically with a check of the head's ETag (so that, for
   * instance, two owners cannot remove each other at once). `name` is the database's name
   * for the member's `GET /me` index.
   */
  putMember(head: Head, member: Membership): Promise<void>;
  deleteMember(head: Head, email: string): Promise<void>;
  /**
   * Binds the still unbound membership of `email` to `oid`, atomically with a check of the
   * head's ETag (`ConcurrentCommitError` when anything moved it: the caller reads again).
   */
  bindMember(head: Head, email: string, oid: string): Promise<void>;
  /**
   * For `GET /me`: the databases `email` belongs to as `oid`, that is whose membership is bound
   * to `oid` or not bound yet (`bound: false`); never one bound to another user.
   */
  listDatabasesOf(email: string, oid: string): Promise<Array<DatabaseSummary & { bound: boolean }>>;
  getSyncSet(db: string, name: string): Promise<Filter | null>;
  listSyncSets(db: string): Promise<Array<{ name: string; filter: Filter }>>;
  putSyncSet(db: string, name: string, filter: Filter): Promise<void>;
  /** Current states by `recordRef`; records that never existed are absent from the map. */
  readRecords(
    db: string,
    refs: ReadonlyArray<{ type: RecordType; id: string }>,
  ): Promise<Map<string, StoredRecord>>;
  /**
   * The history items linked to a contact, from the link index. The index may name items no
   * longer linked (removals are written after the commit): callers check the items themselves.
   */
  readLinkedHistory(db: string, contactId: string): Promise<string[]>;
  /** The last mutation id applied for `clientId` (0 when none). */
  readClientMid(db: string, clientId: string): Promise<number>;
  /** Changes after `afterSeq` in commit order, each record once at its latest state. */
  readChanges(db: string, afterSeq: number, limit: number): Promise<ChangePage>;
  /**
   * Commits new record states, and the client's last mutation id, as one atomic step that
   * takes the next sequence numbers after `head`. Fails with `ConcurrentCommitError` when
   * anything else was committed since `head` was read (the caller re-reads and tries again).
   */
  commit(
    head: Head,
    writes: readonly RecordWrite[],
    client?: { id: string; lastMid: number },
  ): Promise<{ head: Head; records: StoredRecord[] }>;
}

/** Table Storage did not answer (down, unreachable, or timed out). */
export class StorageUnavailableError extends Error {
  override readonly name = "StorageUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Another commit to the same database went first; nothing of this one was written. */
export class ConcurrentCommitError extends Error {
  override readonly name = "ConcurrentCommitError";
}

/** A write Azure Table Storage would refuse (Azurite accepts some of these); nothing was sent. */
export class StorageLimitError extends Error {
  override readonly name = "StorageLimitError";
}
