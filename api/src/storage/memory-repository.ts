/**
 * The repository in memory: the port's contract (`repository.ts`) without Table Storage, for
 * tests that are about the API's logic rather than its storage. It refuses what Azure refuses,
 * by checking the same entities and transactions the Table adapter would send
 * (`entities.ts`, `azure-limits.ts`); the contract suite runs over both adapters.
 */
import type { TransactionAction } from "@azure/data-tables";
import type { DatabaseSummary, Filter, Json, RecordType } from "../../../src/shared/protocol";
import { COMMIT_LIMITS, LIMITS, checkEntity, checkTransaction } from "./azure-limits";
import {
  bindMemberActions,
  commitActions,
  createDatabaseActions,
  deleteDatabaseActions,
  deleteMemberActions,
  finishRestoreActions,
  linkActions,
  putMemberActions,
  putSyncSetActions,
  renameDatabaseActions,
  snapshotChunkEntity,
  snapshotEntity,
  syncSetEntity,
  viewEntity,
} from "./entities";
import {
  ConcurrentCommitError,
  newDatabase,
  numberWrites,
  recordOrderKey,
  recordRef,
  type ChangePage,
  type ChangeRow,
  type DatabaseInfo,
  type FieldStamp,
  type Head,
  type Membership,
  type NewDatabase,
  type RecordWrite,
  type Repository,
  type SnapshotInfo,
  type StoredRecord,
  type ViewDefinition,
} from "./repository";

/** A record as kept: its fields and stamps as JSON text, so that nothing read aliases it. */
interface Kept {
  row: Omit<ChangeRow, "fieldsJson">;
  fieldsJson: string;
  stampsJson: string;
}

interface Partition {
  head: Head | null;
  /** Marked deleted (`deleteDatabase`): `readHead` answers null, `purgeDatabase` removes it. */
  deleted: boolean;
  members: Map<string, Membership>;
  /** Sync set name → its filter as JSON. */
  syncSets: Map<string, string>;
  clients: Map<string, number>;
  /** Contact id → the history items the link index names for it. */
  links: Map<string, Set<string>>;
  /** By `recordRef`. */
  records: Map<string, Kept>;
  /**
   * The change index: seq → `recordRef`, one entry per record at its latest seq. New seqs are
   * always higher, so the map's order (insertion) is commit order.
   */
  changes: Map<number, string>;
  /** View hash → its definition as JSON. */
  views: Map<string, string>;
  snapshot: SnapshotInfo | null;
  /** Snapshot id → its chunks. */
  snapshotChunks: Map<string, readonly Uint8Array[]>;
}

const copyMember = (m: Membership): Membership => ({ ...m, subscriptions: [...m.subscriptions] });
const copyHead = (h: Head): Head => ({ info: { ...h.info }, etag: h.etag });

export class MemoryRepository implements Repository {
  readonly commitLimits = COMMIT_LIMITS;
  private readonly partitions = new Map<string, Partition>();
  private etags = 0;

  ping(): Promise<void> {
    return Promise.resolve();
  }

  createDatabase(input: NewDatabase): Promise<DatabaseInfo> {
    return answer(() => {
      const { info, owner } = newDatabase(input);
      checkTransaction(input.id, createDatabaseActions(info, owner));
      const p = this.partition(input.id);
      if (p.head) throw new Error(`Database ${input.id} exists already.`);
      p.head = { info, etag: this.etag() };
      p.members.set(owner.email, copyMember(owner));
      return { ...info };
    });
  }

  finishRestore(head: Head): Promise<Head> {
    return answer(() => {
      const p = this.write(head, finishRestoreActions(head));
      const { restoring: _done, ...info } = p.head!.info;
      p.head = { info, etag: this.etag() };
      return copyHead(p.head);
    });
  }

  readHead(db: string): Promise<Head | null> {
    return answer(() => {
      const p = this.partitions.get(db);
      return p?.head && !p.deleted ? copyHead(p.head) : null;
    });
  }

  renameDatabase(head: Head, name: string): Promise<Head> {
    return answer(() => {
      const p = this.write(head, renameDatabaseActions(head, name));
      p.head = { info: { ...p.head!.info, name }, etag: this.etag() };
      return copyHead(p.head);
    });
  }

  deleteDatabase(head: Head): Promise<void> {
    return answer(() => {
      const p = this.write(head, deleteDatabaseActions(head));
      p.deleted = true;
      this.moveHead(p, head.info.seq);
    });
  }

  isDeleted(db: string): Promise<boolean> {
    return answer(() => this.partitions.get(db)?.deleted === true);
  }

  /** Removes the whole partition at once: in memory that costs nothing. */
  purgeDatabase(db: string, _limit: number): Promise<{ more: boolean }> {
    return answer(() => {
      const p = this.partitions.get(db);
      if (p && !p.deleted) throw new Error(`Database ${db} is not deleted: it is not purged.`);
      this.partitions.delete(db);
      return { more: false };
    });
  }

  getMembership(db: string, email: string): Promise<Membership | null> {
    return answer(() => {
      const m = this.partitions.get(db)?.members.get(email);
      return m ? copyMember(m) : null;
    });
  }

  listMembers(db: string): Promise<Membership[]> {
    return answer(() => {
      const members = [...(this.partitions.get(db)?.members.values() ?? [])];
      return members.map(copyMember).sort((a, b) => a.email.localeCompare(b.email));
    });
  }

  putMember(head: Head, member: Membership): Promise<void> {
    return answer(() => {
      const p = this.write(head, putMemberActions(head, member));
      p.members.set(member.email, copyMember(member));
      this.moveAccess(p);
    });
  }

  deleteMember(head: Head, email: string): Promise<void> {
    return answer(() => {
      const p = this.write(head, deleteMemberActions(head, email));
      if (!p.members.delete(email)) throw notAMember(head, email);
      this.moveAccess(p);
    });
  }

  bindMember(head: Head, email: string, oid: string): Promise<void> {
    return answer(() => {
      const p = this.write(head, bindMemberActions(head, email, oid));
      const member = p.members.get(email);
      if (!member) throw notAMember(head, email);
      member.oid = oid;
      this.moveAccess(p);
    });
  }

  listDatabasesOf(
    email: string,
    oid: string,
  ): Promise<Array<DatabaseSummary & { bound: boolean }>> {
    return answer(() => {
      const out: Array<DatabaseSummary & { bound: boolean }> = [];
      for (const p of this.partitions.values()) {
        const m = p.members.get(email);
        // A membership bound to another user (the address was reused) is not this caller's.
        if (!p.head || p.deleted || !m || (m.oid !== null && m.oid !== oid)) continue;
        // A database being restored is listed once the restore ends (`finishRestore`).
        if (p.head.info.restoring) continue;
        out.push({
          id: p.head.info.id,
          name: p.head.info.name,
          role: m.role,
          syncSet: m.syncSet,
          bound: m.oid !== null,
        });
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  getSyncSet(db: string, name: string): Promise<Filter | null> {
    return answer(() => {
      const json = this.partitions.get(db)?.syncSets.get(name);
      return json === undefined ? null : (JSON.parse(json) as Filter);
    });
  }

  listSyncSets(db: string): Promise<Array<{ name: string; filter: Filter }>> {
    return answer(() => {
      const sets = [...(this.partitions.get(db)?.syncSets ?? [])];
      return sets
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, json]) => ({ name, filter: JSON.parse(json) as Filter }));
    });
  }

  putSyncSet(db: string, name: string, filter: Filter, head?: Head): Promise<void> {
    return answer(() => {
      checkEntity(syncSetEntity(db, name, filter));
      const p = head ? this.write(head, putSyncSetActions(head, name, filter)) : this.partition(db);
      p.syncSets.set(name, JSON.stringify(filter));
      if (head) this.moveAccess(p);
    });
  }

  readRecords(
    db: string,
    refs: ReadonlyArray<{ type: RecordType; id: string }>,
  ): Promise<Map<string, StoredRecord>> {
    return answer(() => {
      const out = new Map<string, StoredRecord>();
      const records = this.partitions.get(db)?.records;
      for (const { type, id } of refs) {
        const kept = records?.get(recordRef(type, id));
        if (kept) out.set(recordRef(type, id), stored(kept));
      }
      return out;
    });
  }

  readLinkedHistory(db: string, contactId: string): Promise<string[]> {
    return answer(() => {
      return [...(this.partitions.get(db)?.links.get(contactId) ?? [])];
    });
  }

  readRecordPage(
    db: string,
    after: { type: RecordType; id: string } | null,
    limit: number,
  ): Promise<{ records: StoredRecord[]; more: boolean }> {
    return answer(() => {
      const from = after ? recordOrderKey(after) : "";
      const kept = [...(this.partitions.get(db)?.records.values() ?? [])]
        .map((k) => ({ k, key: recordOrderKey(k.row) }))
        .filter(({ key }) => key > from)
        .sort((a, b) => (a.key < b.key ? -1 : 1))
        .slice(0, limit);
      return { records: kept.map(({ k }) => stored(k)), more: kept.length >= limit };
    });
  }

  readClientMid(db: string, clientId: string): Promise<number> {
    return answer(() => {
      return this.partitions.get(db)?.clients.get(clientId) ?? 0;
    });
  }

  async readChangesWithHead(
    db: string,
    afterSeq: number,
    limit: number,
  ): Promise<ChangePage & { head: Head | null }> {
    // The head is the row after the last change: it comes when fewer than `limit` changes do.
    const page = await this.readChanges(db, afterSeq, limit);
    const head = page.more ? null : await this.readHead(db);
    return { ...page, head };
  }

  readChanges(db: string, afterSeq: number, limit: number): Promise<ChangePage> {
    return answer(() => {
      const p = this.partitions.get(db);
      const records: ChangeRow[] = [];
      for (const [seq, ref] of p?.changes ?? []) {
        if (records.length >= limit) break;
        if (seq <= afterSeq) continue;
        const { row, fieldsJson } = p!.records.get(ref)!;
        records.push({ ...row, fieldsJson });
      }
      const last = records.at(-1);
      return { records, lastSeq: last ? last.seq : afterSeq, more: records.length >= limit };
    });
  }

  putView(db: string, hash: string, view: ViewDefinition): Promise<void> {
    return answer(() => {
      checkEntity(viewEntity(db, hash, view));
      this.partition(db).views.set(hash, JSON.stringify(view));
    });
  }

  readView(db: string, hash: string): Promise<ViewDefinition | null> {
    return answer(() => {
      const json = this.partitions.get(db)?.views.get(hash);
      return json === undefined ? null : (JSON.parse(json) as ViewDefinition);
    });
  }

  readSnapshot(db: string): Promise<SnapshotInfo | null> {
    return answer(() => this.partitions.get(db)?.snapshot ?? null);
  }

  readSnapshotChunks(
    db: string,
    id: string,
    from: number,
    count: number,
  ): Promise<Uint8Array[] | null> {
    return answer(() => {
      const chunks = this.partitions.get(db)?.snapshotChunks.get(id);
      if (!chunks || from >= chunks.length) return null;
      return chunks.slice(from, from + count).map((bytes) => Uint8Array.from(bytes));
    });
  }

  putSnapshot(db: string, info: SnapshotInfo, chunks: readonly Uint8Array[]): Promise<void> {
    return answer(() => {
      chunks.forEach((bytes, n) => checkEntity(snapshotChunkEntity(db, info.id, n, bytes)));
      const p = this.partition(db);
      const previous = p.snapshot && p.snapshot.id !== info.id ? p.snapshot.id : null;
      checkEntity(snapshotEntity(db, info, previous));
      p.snapshotChunks.set(
        info.id,
        chunks.map((bytes) => Uint8Array.from(bytes)),
      );
      p.snapshot = { ...info };
      for (const id of p.snapshotChunks.keys())
        if (id !== info.id && id !== previous) p.snapshotChunks.delete(id);
    });
  }

  commit(
    head: Head,
    writes: readonly RecordWrite[],
    client?: { id: string; lastMid: number },
  ): Promise<{ head: Head; records: StoredRecord[] }> {
    return answer(() => {
      const db = head.info.id;
      const records = numberWrites(head, writes, COMMIT_LIMITS);
      // As in Table Storage: links go in before the commit, and stay if it fails.
      const added = linkActions(db, writes, "upsert");
      for (let i = 0; i < added.length; i += LIMITS.transactionOperations)
        checkTransaction(db, added.slice(i, i + LIMITS.transactionOperations));
      const p = this.partition(db);
      for (const [, row] of added) {
        const links = p.links.get(row.contactId as string) ?? new Set();
        p.links.set(row.contactId as string, links.add(row.historyId as string));
      }
      this.write(head, commitActions(head, writes, records, client));
      // What Table Storage refuses inside the transaction: a record taken for new that exists
      // (the caller did not read it), a change row that is not there.
      writes.forEach(({ state, prevSeq }) => {
        const seq = p.records.get(recordRef(state.type, state.id))?.row.seq ?? null;
        if (prevSeq === null && seq !== null) {
          throw new ConcurrentCommitError(`${recordRef(state.type, state.id)} exists already.`);
        }
        if (seq !== prevSeq) {
          throw new Error(
            `${recordRef(state.type, state.id)} is at seq ${seq}, not at prevSeq ${prevSeq}.`,
          );
        }
      });
      const kept = records.map(toKept);
      for (const k of kept) {
        const ref = recordRef(k.row.type, k.row.id);
        const old = p.records.get(ref);
        if (old) p.changes.delete(old.row.seq);
        p.records.set(ref, k);
        p.changes.set(k.row.seq, ref);
      }
      if (client) p.clients.set(client.id, client.lastMid);
      const seq = records.at(-1)?.seq ?? head.info.seq;
      const moved = this.moveHead(p, seq);
      for (const { state, linksRemoved = [] } of writes)
        for (const contactId of linksRemoved) p.links.get(contactId)?.delete(state.id);
      return { head: moved, records: kept.map(stored) };
    });
  }

  private partition(db: string): Partition {
    let p = this.partitions.get(db);
    if (!p) {
      p = {
        head: null,
        deleted: false,
        members: new Map(),
        syncSets: new Map(),
        clients: new Map(),
        links: new Map(),
        records: new Map(),
        changes: new Map(),
        views: new Map(),
        snapshot: null,
        snapshotChunks: new Map(),
      };
      this.partitions.set(db, p);
    }
    return p;
  }

  /**
   * The checks of a write that takes a head, in Table Storage's order: Azure's limits before
   * anything is sent, then the head's ETag (the transaction's first operation).
   */
  private write(head: Head, actions: TransactionAction[]): Partition {
    checkTransaction(head.info.id, actions);
    const p = this.partitions.get(head.info.id);
    if (!p?.head) throw new Error(`There is no database ${head.info.id}.`);
    if (p.head.etag !== head.etag) {
      throw new ConcurrentCommitError(
        `Another change to database ${head.info.id} was committed first.`,
      );
    }
    return p;
  }

  /** The head's ETag and `access` moved on: a change to who may see what. */
  private moveAccess(p: Partition): void {
    const { info } = p.head!;
    p.head = { info: { ...info, access: (info.access ?? 0) + 1 }, etag: this.etag() };
  }

  private moveHead(p: Partition, seq: number): Head {
    p.head = { info: { ...p.head!.info, seq }, etag: this.etag() };
    return copyHead(p.head);
  }

  private etag(): string {
    return `W/"${++this.etags}"`;
  }
}

/** Runs `fn` after the caller's turn, as storage would answer: what it throws rejects. */
function answer<T>(fn: () => T): Promise<T> {
  return Promise.resolve().then(fn);
}

function notAMember(head: Head, email: string): Error {
  return new Error(`${email} is not a member of database ${head.info.id}.`);
}

function toKept(record: StoredRecord): Kept {
  const { fields, stamps, ...row } = record;
  return { row, fieldsJson: JSON.stringify(fields), stampsJson: JSON.stringify(stamps) };
}

function stored({ row, fieldsJson, stampsJson }: Kept): StoredRecord {
  return {
    ...row,
    fields: JSON.parse(fieldsJson) as Record<string, Json>,
    stamps: JSON.parse(stampsJson) as Record<string, FieldStamp>,
  };
}
