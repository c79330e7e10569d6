/**
 * The shared database as the API sees it. Handlers talk to this interface only; the one
 * adapter is `table-repository.ts` (Azure Table Storage, Azurite locally).
 */
import type { Json, RecordType, Role, DatabaseSummary } from "../../../src/shared/protocol";

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
  email: string;
  role: Role;
  syncSet: string | null;
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
}

export interface ChangePage {
  records: StoredRecord[];
  /** The sequence number of the last change in the page (or the one asked after). */
  lastSeq: number;
  more: boolean;
}

export interface Repository {
  /** Resolves when storage answers; rejects with `StorageUnavailableError` otherwise. */
  ping(): Promise<void>;
  createDatabase(input: { id: string; name: string; owner: string; now: string }): Promise<DatabaseInfo>;
  getDatabase(db: string): Promise<DatabaseInfo | null>;
  getMembership(db: string, email: string): Promise<Membership | null>;
  /** The databases `email` belongs to, for `GET /me`. */
  listDatabasesOf(email: string): Promise<DatabaseSummary[]>;
  /** Changes after `afterSeq` in commit order, each record once at its latest state. */
  readChanges(db: string, afterSeq: number, limit: number): Promise<ChangePage>;
  /**
   * Commits new states of records as one atomic step that takes the next sequence numbers.
   * Fails with `ConcurrentCommitError` when another commit took them first (the caller re-reads
   * and tries again).
   */
  commit(db: string, records: ReadonlyArray<Omit<StoredRecord, "seq">>): Promise<StoredRecord[]>;
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
