/**
 * The shared database as the API sees it. Handlers talk to this interface only. Its adapters:
 * `table-repository.ts` (Azure Table Storage, Azurite locally), and `memory-repository.ts` (in
 * memory, for tests that are about the API's logic, not its storage). One contract suite runs
 * over both (tests/api/repository-contract.test.ts).
 *
 * What every adapter promises besides each method's own contract:
 * - Reads give copies: changing what was read changes nothing stored, and a write keeps no
 *   reference to what it was given.
 * - Every write that takes a `head` (member changes, sync sets and commits) moves the head's
 *   ETag, and fails with `ConcurrentCommitError`, writing nothing (but a commit's added links),
 *   when the head was moved since `head` was read. `putSyncSet` without a head moves nothing.
 * - Every change to members (added, changed, removed, bound) and to sync sets through a head
 *   moves the head's `access` on, in the same transaction: a membership read after a head whose
 *   `access` is still the head's now is still the membership now.
 * - A write Azure Table Storage would refuse fails with `StorageLimitError` before anything of
 *   it is written, whatever the adapter (Azurite, and memory, would take some of them).
 * - A write refused for any other reason (below) fails with another error, writing nothing.
 */
import { randomBytes } from "node:crypto";
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
  /**
   * Being restored from a backup (`POST …/restore/records` fills it): no one's
   * `listDatabasesOf` names it until `finishRestore`, and only the restore's routes serve it.
   * Absent: false.
   */
  restoring?: boolean;
  /**
   * Moves on with every change to who may see what: members, their roles, subscriptions and sync
   * sets, and sync sets' filters (absent: 0). A membership read after this head read, cached,
   * is current for as long as a head read later has the same `access`.
   */
  access?: number;
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
  /**
   * The stored record's `seq` as read after the commit's head, or null when it has none (it
   * never existed). A `prevSeq` above the head's `seq` means the head is stale.
   */
  prevSeq: number | null;
  /** A field sync-set filters read changed: the record's `viewSeq` becomes its new seq. */
  viewChanged?: boolean;
  /** The record is created, or brought back from a tombstone: its `bornSeq` becomes its new seq. */
  born?: boolean;
  /**
   * Contacts a history item is newly linked to, or no longer linked to (the link index). Added
   * links are written before the commit (even one that then fails), removed ones after it: the
   * index may name an item no longer linked, never miss one that is.
   */
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
  /**
   * The sequence number of its latest delete, when it was ever deleted: a record brought back
   * after a member's cursor counts as born there only when it died before that cursor (else the
   * member's copy may still hold the state it had before the delete).
   */
  diedSeq?: number;
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

/**
 * The operations a write takes in its commit's transaction (counted against
 * `commitLimits.operations`): the record's row and its new index row, and the old index row's
 * delete when the record was stored before.
 */
export function commitOperations(write: Pick<RecordWrite, "prevSeq">): number {
  return write.prevSeq === null ? 2 : 3;
}

/** The characters a record's fields and stamps take as stored JSON: counts against `commitLimits.chars`. */
export function storedChars(r: Pick<StoredRecord, "fields" | "stamps">): number {
  return JSON.stringify(r.fields).length + JSON.stringify(r.stamps).length;
}

/** A commit being filled: what its writes take so far of `commitLimits`. */
export class CommitFill {
  #operations = 0;
  #chars = 0;

  constructor(private readonly limits: Repository["commitLimits"]) {}

  /** Whether `write`, a record not yet in this commit, still fits in it. */
  fits(write: Pick<RecordWrite, "state" | "prevSeq">): boolean {
    return (
      this.#operations + commitOperations(write) <= this.limits.operations &&
      this.#chars + storedChars(write.state) <= this.limits.chars
    );
  }

  /** Counts `write`; `again` when its record is in this commit already (its rows are counted). */
  add(write: Pick<RecordWrite, "state" | "prevSeq">, again = false): void {
    if (!again) this.#operations += commitOperations(write);
    this.#chars += storedChars(write.state);
  }

  /** After the commit: empty again. */
  clear(): void {
    this.#operations = 0;
    this.#chars = 0;
  }
}

export interface NewDatabase {
  id: string;
  name: string;
  /** The owner's address. */
  owner: string;
  ownerOid?: string;
  now: string;
  /** A database a backup is restored into: `DatabaseInfo.restoring` until `finishRestore`. */
  restoring?: boolean;
}

/** What `createDatabase` writes: the head at seq 0 with a new random epoch, and the owner. */
export function newDatabase(input: NewDatabase): { info: DatabaseInfo; owner: Membership } {
  return {
    info: {
      id: input.id,
      name: input.name,
      epoch: randomBytes(8).toString("hex"),
      seq: 0,
      createdAt: input.now,
      createdBy: input.owner,
      ...(input.restoring ? { restoring: true } : {}),
    },
    owner: {
      db: input.id,
      email: input.owner,
      oid: input.ownerOid ?? null,
      role: "owner",
      syncSet: null,
      subscriptions: [],
    },
  };
}

export const recordRef = (type: RecordType, id: string) => `${type}:${id}`;

/**
 * The order of `readRecordPage`: by type, then id, as the code units of `type|id` compare
 * (Table Storage's order of the record rows' keys; no type's name starts another's).
 */
export const recordOrderKey = (r: { type: RecordType; id: string }) => `${r.type}|${r.id}`;

/**
 * The records a commit of `writes` after `head` writes: numbered in order from the head's `seq`
 * + 1, with `viewSeq` and `bornSeq` set to the new `seq` where the write says so (and `diedSeq`
 * for a delete). Refuses, before
 * anything is written, more records than `limits` allow (`StorageLimitError`) and a write based
 * on a state newer than `head` (`ConcurrentCommitError`: another commit got in first).
 */
export function numberWrites(
  head: Head,
  writes: readonly RecordWrite[],
  limits: Repository["commitLimits"],
): StoredRecord[] {
  const operations = writes.reduce((n, w) => n + commitOperations(w), 0);
  if (operations > limits.operations) {
    throw new StorageLimitError(
      `One commit holds at most ${limits.operations} record operations, not ${operations}.`,
    );
  }
  if (writes.some((w) => w.prevSeq !== null && w.prevSeq > head.info.seq)) {
    throw new ConcurrentCommitError(
      `Another change to database ${head.info.id} was committed first.`,
    );
  }
  return writes.map(({ state, viewChanged, born }, i) => {
    const seq = head.info.seq + i + 1;
    return {
      ...state,
      seq,
      viewSeq: viewChanged ? seq : state.viewSeq,
      bornSeq: born ? seq : state.bornSeq,
      ...(state.deleted ? { diedSeq: seq } : {}),
    };
  });
}

/**
 * A database's snapshot (docs/sync-protocol.md, "A new copy from the snapshot"): its live
 * records as of `seq`, as the protocol sends them, in `chunks` rows of record JSON.
 */
export interface SnapshotInfo {
  readonly id: string;
  readonly epoch: string;
  readonly seq: number;
  readonly records: number;
  readonly chunks: number;
}

/** What makes a member's view (`sync/view.ts`), kept for the cursors made for it. */
export interface ViewDefinition {
  readonly me: string;
  readonly filter: Filter;
  readonly subscriptions: readonly string[];
}

export interface Repository {
  /**
   * How much one `commit` may hold: the sum of its records' `commitOperations`, and of their
   * `storedChars`. Callers split larger work into several commits; more is refused
   * (`StorageLimitError`).
   */
  readonly commitLimits: { operations: number; chars: number };
  /** Resolves when storage answers; rejects with `StorageUnavailableError` otherwise. */
  ping(): Promise<void>;
  /**
   * A new database at `seq` 0 with a new random epoch, and `owner` (an address) its only member,
   * an owner without a sync set, bound to `ownerOid` when given. Refused when the id is taken.
   * One made `restoring` is listed by no one's `listDatabasesOf`, its owner's included, until
   * `finishRestore`.
   */
  createDatabase(input: NewDatabase): Promise<DatabaseInfo>;
  /**
   * Ends a restore: `restoring` becomes false, under If-Match on the head's ETag (which moves),
   * and then `listDatabasesOf` names the database for every member. Called again on a database
   * no longer being restored, it lists the members again (a first call may have failed after
   * the head was written).
   */
  finishRestore(head: Head): Promise<Head>;
  /**
   * The database's head, with the ETag that writes taking a head must match; null if none, or
   * when the database was deleted (`deleteDatabase`), even before its rows are all removed.
   */
  readHead(db: string): Promise<Head | null>;
  /**
   * Renames the database, under If-Match on the head's ETag (which moves), then names it so in
   * every member's `listDatabasesOf`. Called again with the same name after a failure, it lists
   * the name again (a first call may have failed after the head was written).
   */
  renameDatabase(head: Head, name: string): Promise<Head>;
  /**
   * Deletes the database at once: marks its head deleted under If-Match on its ETag (so a commit
   * that read the head before fails, and `readHead` answers null from then on), then takes it
   * out of every member's `listDatabasesOf`. Its rows stay until `purgeDatabase` removes them.
   */
  deleteDatabase(head: Head): Promise<void>;
  /**
   * Removes rows of a database `deleteDatabase` marked deleted, about `limit` (1 or more) at a
   * time (an adapter may remove more when it costs nothing): first everything but its members
   * and head, then the members, the head last, so that until it is done its owners are still
   * known and the database still reads as deleted. Takes it out of its members'
   * `listDatabasesOf` again first (a `deleteDatabase` may have failed halfway). `more`: rows
   * remain. Safe to run again, or twice at once; refused (an `Error`) for a database not deleted.
   */
  purgeDatabase(db: string, limit: number): Promise<{ more: boolean }>;
  /** Whether the database was deleted (`deleteDatabase`) and its head is not removed yet. */
  isDeleted(db: string): Promise<boolean>;
  /** The membership of `email` (exactly as given: callers lower-case addresses). */
  getMembership(db: string, email: string): Promise<Membership | null>;
  /** Every member, by address (`localeCompare`). */
  listMembers(db: string): Promise<Membership[]>;
  /**
   * Adds or replaces a member (all of it, `oid` included), atomically with a check of the head's
   * ETag (so that, for instance, two owners cannot remove each other at once).
   */
  putMember(head: Head, member: Membership): Promise<void>;
  /** Removes a member atomically with a check of the head's ETag; refused when there is none. */
  deleteMember(head: Head, email: string): Promise<void>;
  /**
   * Binds the membership of `email` to `oid`, atomically with a check of the head's ETag;
   * refused when there is none. It does not look whether it was bound: callers read it after
   * the head, so the ETag proves that nobody bound it in between.
   */
  bindMember(head: Head, email: string, oid: string): Promise<void>;
  /**
   * For `GET /me`: the databases `email` belongs to as `oid`, that is whose membership is bound
   * to `oid` or not bound yet (`bound: false`); never one bound to another user. By name
   * (`localeCompare`).
   */
  listDatabasesOf(email: string, oid: string): Promise<Array<DatabaseSummary & { bound: boolean }>>;
  getSyncSet(db: string, name: string): Promise<Filter | null>;
  /** Every sync set, by name (code units). */
  listSyncSets(db: string): Promise<Array<{ name: string; filter: Filter }>>;
  /**
   * Adds or replaces a sync set. With `head`, in one transaction that moves the head's `access`
   * (and fails when the head moved); without (a restore's, into a database being restored,
   * whose memberships are never cached), it moves nothing, and nothing moved fails it.
   */
  putSyncSet(db: string, name: string, filter: Filter, head?: Head): Promise<void>;
  /**
   * Current states by `recordRef`, tombstones included; records that never existed are absent
   * from the map. A ref asked twice is read once.
   */
  readRecords(
    db: string,
    refs: ReadonlyArray<{ type: RecordType; id: string }>,
  ): Promise<Map<string, StoredRecord>>;
  /**
   * The history items linked to a contact, from the link index, in no promised order. The index
   * may name items no longer linked (see `RecordWrite.linksAdded`): callers check the items.
   */
  readLinkedHistory(db: string, contactId: string): Promise<string[]>;
  /**
   * At most `limit` (1 or more) records' current states after `after` (from the first when
   * null), tombstones included, in `recordOrderKey` order: the pages of a backup. `more` is true
   * when the page is full (there may be more, or not).
   */
  readRecordPage(
    db: string,
    after: { type: RecordType; id: string } | null,
    limit: number,
  ): Promise<{ records: StoredRecord[]; more: boolean }>;
  /** The last mutation id committed for `clientId` (0 when none). */
  readClientMid(db: string, clientId: string): Promise<number>;
  /**
   * At most `limit` (1 or more) changes after `afterSeq`, in commit order, each record once at
   * its latest state (a record changed again after `afterSeq` comes only at its latest `seq`).
   * `lastSeq` is the last one's `seq` (`afterSeq` when none); `more` is true when the page is
   * full (there may be more, or not).
   */
  readChanges(db: string, afterSeq: number, limit: number): Promise<ChangePage>;
  /**
   * `readChanges`, and the head in the same read when it fits (one query: the change index's
   * keys run up to the head's): `head` is null when `limit` changes or more come after
   * `afterSeq` (and then `more` is true), or the database has no head.
   */
  readChangesWithHead(
    db: string,
    afterSeq: number,
    limit: number,
  ): Promise<ChangePage & { head: Head | null }>;
  /** Keeps the definition of the view whose hash is `hash` (replacing it: the same hash, the same view). */
  putView(db: string, hash: string, view: ViewDefinition): Promise<void>;
  /** The view kept under `hash`; null when none is. */
  readView(db: string, hash: string): Promise<ViewDefinition | null>;
  /** The database's current snapshot; null when it has none. */
  readSnapshot(db: string): Promise<SnapshotInfo | null>;
  /**
   * Chunks `from` … `from + count - 1` of snapshot `id` (fewer past its last), as stored; null
   * when the snapshot is gone.
   */
  readSnapshotChunks(
    db: string,
    id: string,
    from: number,
    count: number,
  ): Promise<Uint8Array[] | null>;
  /**
   * Stores `chunks` (each at most `SNAPSHOT_CHUNK_BYTES`) as snapshot `info`, makes it the
   * current one, then deletes every other snapshot but the one it replaced, which readers in the
   * middle of it may go on reading.
   */
  putSnapshot(db: string, info: SnapshotInfo, chunks: readonly Uint8Array[]): Promise<void>;
  /**
   * Commits new record states (`numberWrites` numbers them), and the client's last mutation id,
   * as one atomic step: the head's `seq` becomes the last record's (unchanged when there are
   * none), its ETag moves, and the answer is the new head and the records as stored. Fails with
   * `ConcurrentCommitError`, writing nothing but added links, when anything else was committed
   * since `head` was read (the caller re-reads and tries again). A record appearing twice is
   * refused (`StorageLimitError`). Each `prevSeq` must be the record's `seq` as read after
   * `head`: what a commit that breaks this does is not promised (the memory repository refuses
   * it; Table Storage refuses a `prevSeq` naming no change row, and keeps a record that had one
   * twice in the change index when `prevSeq` is null).
   */
  commit(
    head: Head,
    writes: readonly RecordWrite[],
    client?: { id: string; lastMid: number },
  ): Promise<{ head: Head; records: StoredRecord[] }>;
}

/** Table Storage did not answer (down, unreachable, or timed out). */
export class StorageUnavailableError extends Error {
  override readonly name: string = "StorageUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Table Storage answered that it cannot serve now (throttling: 503 ServerBusy, 429; 500
 * OperationTimedOut, any other 5xx) or did not answer in time: worth trying again shortly.
 * A write that failed so may have been applied.
 */
export class StorageBusyError extends StorageUnavailableError {
  override readonly name = "StorageBusyError";
}

/** Another commit to the same database went first; nothing of this one was written. */
export class ConcurrentCommitError extends Error {
  override readonly name = "ConcurrentCommitError";
}

/** A write Azure Table Storage would refuse (Azurite accepts some of these); nothing was sent. */
export class StorageLimitError extends Error {
  override readonly name = "StorageLimitError";
}
