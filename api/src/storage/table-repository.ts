/**
 * The repository on Azure Table Storage (Azurite locally). The layout (docs/architecture.md,
 * "Storage layout"):
 *
 * Table `<prefix>data`, one partition per database (PartitionKey = database id), row keys in
 * `keys.ts`, entities in `entities.ts`:
 *   `h`                 head: name, epoch, seq (the change counter; every commit writes it
 *                       with If-Match, which orders commits and makes each one atomic)
 *   `m|<email>`         a member: role, sync set, subscriptions, the `oid` it is bound to
 *   `s|<name>`          a sync set's filter
 *   `k|<clientId>`      the last mutation id applied for a client (exactly once)
 *   `l|<contactId>|<historyId>` the link index: history items linked to a contact
 *   `r|<type>|<id>`     a record's current state, and the seq of the change that wrote it
 *   `v|<hash>`          a view a cursor was made for (to answer a view change with the difference)
 *   `p`, `p|<id>|<n>`   the snapshot served to new copies: which one is current, its chunks
 *   `c|<seq, 12 digits>` the change index: the same state again, keyed by commit order; a
 *                       record's older index row is deleted in the same transaction, so a
 *                       RowKey range query after a cursor returns each record once, latest
 *                       state, in commit order (Timestamp is never a cursor)
 * Table `<prefix>users`: PartitionKey = member e-mail, RowKey = database id, for `GET /me`
 * (with the database's name, the role and the bound `oid`).
 *
 * Azurite accepts some writes Azure refuses, so every transaction is checked here first
 * against Azure's limits (`azure-limits.ts`).
 */
import type { TokenCredential } from "@azure/identity";
import type { PipelineRequest, SendRequest } from "@azure/core-rest-pipeline";
import {
  RestError,
  TableClient,
  type TableEntityResult,
  type TransactionAction,
} from "@azure/data-tables";
import type { DatabaseSummary, Filter, RecordType } from "../../../src/shared/protocol";
import { inBatches } from "../batches";
import { COMMIT_LIMITS, LIMITS, checkEntity, checkTransaction } from "./azure-limits";
import {
  bindMemberActions,
  FIELD_PROPERTIES,
  changeFrom,
  commitActions,
  createDatabaseActions,
  deleteDatabaseActions,
  deleteMemberActions,
  finishRestoreActions,
  HEAD_COLUMNS,
  isDeletedHead,
  headFrom,
  linkActions,
  memberFrom,
  putMemberActions,
  putSyncSetActions,
  recordFrom,
  renameDatabaseActions,
  snapshotChunkEntity,
  snapshotChunkFrom,
  snapshotEntity,
  snapshotFrom,
  syncSetEntity,
  viewEntity,
  viewFrom,
  syncSetFrom,
  userEntity,
  userFrom,
  type Stored,
} from "./entities";
import {
  CHANGES_END,
  HEAD,
  MEMBERS,
  RECORDS,
  SYNC_SETS,
  THROUGH_HEAD,
  changeKey,
  clientKey,
  encodeKey,
  linksOf,
  memberKey,
  prefixEnd,
  recordKey,
  SNAPSHOT,
  SNAPSHOT_CHUNKS,
  snapshotChunkKey,
  syncSetKey,
  viewKey,
} from "./keys";
import {
  ConcurrentCommitError,
  newDatabase,
  StorageBusyError,
  StorageUnavailableError,
  numberWrites,
  recordRef,
  type ChangePage,
  type DatabaseInfo,
  type Head,
  type Membership,
  type NewDatabase,
  type RecordWrite,
  type Repository,
  type SnapshotInfo,
  type StoredRecord,
  type ViewDefinition,
} from "./repository";

/**
 * Where the tables are: a connection string (Azurite locally), or an account's table endpoint
 * with a credential (Azure: the Function app's managed identity, no key).
 */
export type TableAccess =
  { connectionString: string } | { endpoint: string; credential: TokenCredential };

export type TableRepositoryOptions = TableAccess & {
  tablePrefix: string;
  /** How long a storage call may take before it counts as failed (default 30 s). */
  timeoutMs?: number;
  /** How long the health probe waits for storage (default 3 s): "offline" must show fast. */
  pingTimeoutMs?: number;
  /**
   * Called for every request sent to storage (retries included): the benchmarks count them,
   * and the API's telemetry counts each HTTP request's.
   */
  onRequest?: (request: PipelineRequest) => void;
};

export class TableRepository implements Repository {
  private readonly data: TableClient;
  private readonly users: TableClient;
  private readonly timeoutMs: number;
  private readonly pingTimeoutMs: number;
  private ready: Promise<void> | undefined;

  constructor(options: TableRepositoryOptions) {
    this.data = tableClient(options, `${options.tablePrefix}data`);
    this.users = tableClient(options, `${options.tablePrefix}users`);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 3000;
  }

  async ping(): Promise<void> {
    await this.call(() =>
      this.data
        .getEntity("-", "-", { abortSignal: AbortSignal.timeout(this.pingTimeoutMs) })
        .then(() => undefined, ifMissing(undefined)),
    );
  }

  readonly commitLimits = COMMIT_LIMITS;

  async createDatabase(input: NewDatabase): Promise<DatabaseInfo> {
    const { info, owner } = newDatabase(input);
    await this.transact(input.id, createDatabaseActions(info, owner));
    // A database being restored is listed once the restore ends (`finishRestore`).
    if (!info.restoring) await this.indexMember(owner, info.name);
    return info;
  }

  async finishRestore(head: Head): Promise<Head> {
    const response = await this.transact(head.info.id, finishRestoreActions(head));
    const etag = response.subResponses[0]?.etag;
    if (!etag) throw new Error("Table Storage answered a transaction without the head's new ETag.");
    const members = await this.listMembers(head.info.id);
    await inBatches(members, (m) => this.indexMember(m, head.info.name));
    const { restoring: _done, ...info } = head.info;
    return { info, etag };
  }

  async readHead(db: string): Promise<Head | null> {
    const row = await this.getRow(db, HEAD);
    return row?.etag && !isDeletedHead(row) ? { info: headFrom(db, row), etag: row.etag } : null;
  }

  async renameDatabase(head: Head, name: string): Promise<Head> {
    const response = await this.transact(head.info.id, renameDatabaseActions(head, name));
    const etag = response.subResponses[0]?.etag;
    if (!etag) throw new Error("Table Storage answered a transaction without the head's new ETag.");
    const members = await this.listMembers(head.info.id);
    await inBatches(members, (m) => this.indexMember(m, name));
    return { info: { ...head.info, name }, etag };
  }

  async deleteDatabase(head: Head): Promise<void> {
    await this.transact(head.info.id, deleteDatabaseActions(head));
    await this.unlist(head.info.id);
  }

  async isDeleted(db: string): Promise<boolean> {
    const row = await this.getRow(db, HEAD);
    return row !== null && isDeletedHead(row);
  }

  async purgeDatabase(db: string, limit: number): Promise<{ more: boolean }> {
    const head = await this.getRow(db, HEAD);
    if (!head) return { more: false };
    if (!isDeletedHead(head)) throw new Error(`Database ${db} is not deleted: it is not purged.`);
    await this.unlist(db);
    const isMember = (key: string) => key.startsWith(MEMBERS);
    const rest = await this.call(async () => {
      const keys: string[] = [];
      const pages = this.data
        .listEntities<Stored>({
          queryOptions: { filter: `PartitionKey eq '${odataString(db)}'`, select: ["RowKey"] },
          ...this.opts(),
        })
        .byPage({ maxPageSize: LIMITS.queryPage });
      for await (const page of pages) {
        for (const row of page)
          if (row.rowKey !== HEAD && !isMember(row.rowKey)) keys.push(row.rowKey);
        if (keys.length >= limit) break;
      }
      return keys.slice(0, limit);
    });
    if (rest.length > 0) {
      await this.deleteRows(db, rest);
      return { more: true };
    }
    // Nothing but the members and the head is left: they go last, the head after the members.
    await this.deleteRows(
      db,
      (await this.range(db, MEMBERS)).map((row) => row.rowKey),
    );
    await this.deleteRows(db, [HEAD]);
    return { more: false };
  }

  async getMembership(db: string, email: string): Promise<Membership | null> {
    const row = await this.getRow(db, memberKey(email));
    return row ? memberFrom(db, row) : null;
  }

  async listMembers(db: string): Promise<Membership[]> {
    const rows = await this.range(db, MEMBERS);
    return rows.map((row) => memberFrom(db, row)).sort((a, b) => a.email.localeCompare(b.email));
  }

  async putMember(head: Head, member: Membership): Promise<void> {
    await this.transact(head.info.id, putMemberActions(head, member));
    if (!head.info.restoring) await this.indexMember(member, head.info.name);
  }

  async deleteMember(head: Head, email: string): Promise<void> {
    await this.transact(head.info.id, deleteMemberActions(head, email));
    await this.call(() =>
      this.users
        .deleteEntity(encodeKey(email), head.info.id, this.opts())
        .then(() => undefined, ifMissing(undefined)),
    );
  }

  async bindMember(head: Head, email: string, oid: string): Promise<void> {
    await this.transact(head.info.id, bindMemberActions(head, email, oid));
    await this.call(() =>
      this.users
        .updateEntity(
          { partitionKey: encodeKey(email), rowKey: head.info.id, oid },
          "Merge",
          this.opts(),
        )
        .then(() => undefined, ifMissing(undefined)),
    );
  }

  async getSyncSet(db: string, name: string): Promise<Filter | null> {
    const row = await this.getRow(db, syncSetKey(name));
    return row ? syncSetFrom(row).filter : null;
  }

  async listSyncSets(db: string): Promise<Array<{ name: string; filter: Filter }>> {
    // In RowKey order, which is the names' order: sync set names hold no character keys encode.
    return (await this.range(db, SYNC_SETS)).map(syncSetFrom);
  }

  async putSyncSet(db: string, name: string, filter: Filter, head?: Head): Promise<void> {
    if (head) {
      await this.transact(db, putSyncSetActions(head, name, filter));
      return;
    }
    const entity = syncSetEntity(db, name, filter);
    checkEntity(entity);
    await this.call(() => this.data.upsertEntity(entity, "Replace", this.opts()));
  }

  async listDatabasesOf(
    email: string,
    oid: string,
  ): Promise<Array<DatabaseSummary & { bound: boolean }>> {
    return this.call(async () => {
      const out: Array<DatabaseSummary & { bound: boolean }> = [];
      const rows = this.users.listEntities<Stored>({
        queryOptions: { filter: `PartitionKey eq '${odataString(encodeKey(email))}'` },
        ...this.opts(),
      });
      for await (const row of rows) {
        const { oid: boundTo, ...summary } = userFrom(row);
        // A membership bound to another user (the address was reused) is not this caller's.
        if (boundTo !== null && boundTo !== oid) continue;
        out.push({ ...summary, bound: boundTo !== null });
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  async readRecords(
    db: string,
    refs: ReadonlyArray<{ type: RecordType; id: string }>,
  ): Promise<Map<string, StoredRecord>> {
    const unique = [...new Map(refs.map((r) => [recordRef(r.type, r.id), r])).values()];
    const rows = await inBatches(unique, (r) => this.getRow(db, recordKey(r.type, r.id)));
    const out = new Map<string, StoredRecord>();
    for (const row of rows) {
      if (row) {
        const record = recordFrom(row);
        out.set(recordRef(record.type, record.id), record);
      }
    }
    return out;
  }

  async readLinkedHistory(db: string, contactId: string): Promise<string[]> {
    const rows = await this.range(db, linksOf(contactId));
    return rows.map((row) => row.historyId as string);
  }

  async readClientMid(db: string, clientId: string): Promise<number> {
    const row = await this.getRow(db, clientKey(clientId));
    return row ? Number(row.lastMid) : 0;
  }

  async readChanges(db: string, afterSeq: number, limit: number): Promise<ChangePage> {
    const rows = await this.rangePage(db, changeKey(afterSeq), CHANGES_END, limit, CHANGE_COLUMNS);
    return this.changePage(db, rows, afterSeq, rows.length >= limit);
  }

  async readChangesWithHead(
    db: string,
    afterSeq: number,
    limit: number,
  ): Promise<ChangePage & { head: Head | null }> {
    // `limit` rows, the head among them when it fits: a page of a full pull is one query.
    const columns = [...CHANGE_COLUMNS, ...HEAD_COLUMNS];
    const rows = await this.rangePage(db, changeKey(afterSeq), THROUGH_HEAD, limit, columns);
    const last = rows.at(-1);
    const headRow = last?.rowKey === HEAD ? last : null;
    const changes = headRow ? rows.slice(0, -1) : rows;
    const head =
      headRow?.etag && !isDeletedHead(headRow)
        ? { info: headFrom(db, headRow), etag: headRow.etag }
        : null;
    const more = headRow === null && rows.length >= limit;
    return { ...(await this.changePage(db, changes, afterSeq, more)), head };
  }

  /** Change rows as a page. */
  private async changePage(
    db: string,
    rows: Stored[],
    afterSeq: number,
    more: boolean,
  ): Promise<ChangePage> {
    // A row using every field property selected may have more (written before today's limit):
    // those, never seen in practice, are read again whole.
    const wide = (row: Stored) => typeof row[`f${FIELD_PROPERTIES - 1}`] === "string";
    const read = rows.some(wide)
      ? await inBatches(rows, async (row) =>
          wide(row) ? ((await this.getRow(db, row.rowKey)) ?? row) : row,
        )
      : rows;
    const records = read.map(changeFrom);
    const last = records.at(-1);
    return { records, lastSeq: last ? last.seq : afterSeq, more };
  }

  async readRecordPage(
    db: string,
    after: { type: RecordType; id: string } | null,
    limit: number,
  ): Promise<{ records: StoredRecord[]; more: boolean }> {
    // `r|` sorts below every record key, and `prefixEnd` above them.
    const from = after ? recordKey(after.type, after.id) : RECORDS;
    const rows = await this.rangePage(db, from, prefixEnd(RECORDS), limit);
    return { records: rows.map(recordFrom), more: rows.length >= limit };
  }

  async putView(db: string, hash: string, view: ViewDefinition): Promise<void> {
    // A transaction: Azurite garbles characters that straddle its network reads in a large
    // single-entity upsert, and a filter may hold 16,000 characters of any script.
    await this.transact(db, [["upsert", viewEntity(db, hash, view), "Replace"]]);
  }

  async readView(db: string, hash: string): Promise<ViewDefinition | null> {
    const row = await this.getRow(db, viewKey(hash));
    return row ? viewFrom(row) : null;
  }

  async readSnapshot(db: string): Promise<SnapshotInfo | null> {
    const row = await this.getRow(db, SNAPSHOT);
    return row ? snapshotFrom(row) : null;
  }

  async readSnapshotChunks(
    db: string,
    id: string,
    from: number,
    count: number,
  ): Promise<Uint8Array[] | null> {
    // Point reads, side by side: a range query would page at Table Storage's whim.
    const numbers = Array.from({ length: count }, (_, i) => from + i);
    const rows = await inBatches(numbers, (n) => this.getRow(db, snapshotChunkKey(id, n)));
    if (rows[0] === null) return null;
    const end = rows.indexOf(null);
    return (end < 0 ? rows : rows.slice(0, end)).map((row) => snapshotChunkFrom(row!));
  }

  async putSnapshot(db: string, info: SnapshotInfo, chunks: readonly Uint8Array[]): Promise<void> {
    const entities = chunks.map((bytes, n) => snapshotChunkEntity(db, info.id, n, bytes));
    entities.forEach(checkEntity);
    // A chunk is up to 1 MiB: a few at a time, each in a transaction of its own.
    for (let i = 0; i < entities.length; i += 4) {
      await Promise.all(
        entities.slice(i, i + 4).map((e) => this.transact(db, [["upsert", e, "Replace"]])),
      );
    }
    const current = await this.readSnapshot(db);
    const previous = current && current.id !== info.id ? current.id : null;
    await this.call(() =>
      this.data.upsertEntity(snapshotEntity(db, info, previous), "Replace", this.opts()),
    );
    const keep = new Set([info.id, previous]);
    const stale = await this.call(async () => {
      const keys: string[] = [];
      const filter = `PartitionKey eq '${odataString(db)}' and RowKey ge '${SNAPSHOT_CHUNKS}' and RowKey lt '${prefixEnd(SNAPSHOT_CHUNKS)}'`;
      for await (const row of this.data.listEntities<Stored>({
        queryOptions: { filter, select: ["RowKey"] },
        ...this.opts(),
      }))
        if (!keep.has(row.rowKey.split("|")[1]!)) keys.push(row.rowKey);
      return keys;
    });
    await inBatches(stale, (rowKey) =>
      this.call(() =>
        this.data.deleteEntity(db, rowKey, this.opts()).then(() => undefined, ifMissing(undefined)),
      ),
    );
  }

  async commit(
    head: Head,
    writes: readonly RecordWrite[],
    client?: { id: string; lastMid: number },
  ): Promise<{ head: Head; records: StoredRecord[] }> {
    const db = head.info.id;
    const records = numberWrites(head, writes, COMMIT_LIMITS);
    // New links go in before the commit, so the index never misses a link that was
    // committed; a link left by a commit that then failed only costs a check.
    await this.writeLinks(db, linkActions(db, writes, "upsert"));
    const response = await this.transact(db, commitActions(head, writes, records, client));
    // Sub-responses come in the order of the actions: the head's is the first.
    const etag = response.subResponses[0]?.etag;
    if (!etag) throw new Error("Table Storage answered a transaction without the head's new ETag.");
    await this.writeLinks(db, linkActions(db, writes, "delete"));
    const seq = records.at(-1)?.seq ?? head.info.seq;
    return { head: { info: { ...head.info, seq }, etag }, records };
  }

  /** Writes link index rows (`linkActions`), 100 at a time. */
  private async writeLinks(db: string, actions: TransactionAction[]): Promise<void> {
    for (let i = 0; i < actions.length; i += LIMITS.transactionOperations) {
      const batch = actions.slice(i, i + LIMITS.transactionOperations);
      // Deleting rows that are gone already is not a failure: they are removed one by one.
      if (batch[0]![0] === "delete") {
        await Promise.all(
          batch.map(([, row]) =>
            this.call(() =>
              this.data
                .deleteEntity(db, row.rowKey, this.opts())
                .then(() => undefined, ifMissing(undefined)),
            ),
          ),
        );
      } else {
        await this.transact(db, batch);
      }
    }
  }

  /**
   * Deletes rows of one partition, in transactions of at most 100 (several at once); a batch
   * that fails because a row is gone already (a purge running twice) is done one row at a time.
   */
  private async deleteRows(db: string, rowKeys: readonly string[]): Promise<void> {
    const batches: TransactionAction[][] = [];
    for (let i = 0; i < rowKeys.length; i += LIMITS.transactionOperations) {
      batches.push(
        rowKeys
          .slice(i, i + LIMITS.transactionOperations)
          .map((rowKey): TransactionAction => ["delete", { partitionKey: db, rowKey }]),
      );
    }
    const deleteBatch = async (batch: TransactionAction[]) => {
      try {
        await this.transact(db, batch);
      } catch (err) {
        if (!(err instanceof RestError && err.statusCode === 404)) throw err;
        await inBatches(batch, ([, { rowKey }]) =>
          this.call(() =>
            this.data
              .deleteEntity(db, rowKey, this.opts())
              .then(() => undefined, ifMissing(undefined)),
          ),
        );
      }
    };
    // A few at a time: one partition takes about 2,000 entities a second.
    for (let i = 0; i < batches.length; i += PURGE_PARALLEL) {
      await Promise.all(batches.slice(i, i + PURGE_PARALLEL).map(deleteBatch));
    }
  }

  /** Takes the database out of every member's `GET /me` (their user-side index rows). */
  private async unlist(db: string): Promise<void> {
    const members = await this.listMembers(db);
    await inBatches(members, (m) =>
      this.call(() =>
        this.users
          .deleteEntity(encodeKey(m.email), db, this.opts())
          .then(() => undefined, ifMissing(undefined)),
      ),
    );
  }

  /** Writes the user-side index row that `GET /me` reads. */
  private async indexMember(m: Membership, name: string): Promise<void> {
    await this.call(() => this.users.upsertEntity(userEntity(m, name), "Replace", this.opts()));
  }

  /**
   * At most `limit` rows whose RowKey is above `after` and below `end`, in key order, with the
   * properties named in `select` only (all when none).
   */
  private async rangePage(
    db: string,
    after: string,
    end: string,
    limit: number,
    select?: string[],
  ): Promise<Stored[]> {
    return this.call(async () => {
      const pages = this.data
        .listEntities<Stored>({
          queryOptions: {
            filter: `PartitionKey eq '${odataString(db)}' and RowKey gt '${odataString(after)}' and RowKey lt '${odataString(end)}'`,
            ...(select ? { select } : {}),
          },
          ...this.opts(),
        })
        .byPage({ maxPageSize: Math.min(limit, LIMITS.queryPage) });
      const rows: Stored[] = [];
      // A page may come back short (or empty) with a continuation token: keep reading.
      for await (const page of pages) {
        for (const row of page) if (rows.length < limit) rows.push(row);
        if (rows.length >= limit) break;
      }
      return rows;
    });
  }

  /** Every row whose RowKey starts with `prefix` (which ends in `|`). */
  private async range(db: string, prefix: string): Promise<Stored[]> {
    return this.call(async () => {
      const out: Stored[] = [];
      const filter = `PartitionKey eq '${odataString(db)}' and RowKey ge '${odataString(prefix)}' and RowKey lt '${odataString(prefixEnd(prefix))}'`;
      for await (const row of this.data.listEntities<Stored>({
        queryOptions: { filter },
        ...this.opts(),
      }))
        out.push(row);
      return out;
    });
  }

  private async getRow(db: string, rowKey: string): Promise<Stored | null> {
    return this.call(() =>
      this.data
        .getEntity<Stored>(db, rowKey, this.opts())
        .then((row: TableEntityResult<Stored>) => row, ifMissing(null)),
    );
  }

  private async transact(db: string, actions: TransactionAction[]) {
    checkTransaction(db, actions);
    try {
      return await this.call(() => this.data.submitTransaction(actions, this.opts()));
    } catch (err) {
      // 412: the head moved; 409: a record the caller took for new exists.
      if (err instanceof RestError && (err.statusCode === 412 || err.statusCode === 409)) {
        throw new ConcurrentCommitError(`Another change to database ${db} was committed first.`, {
          cause: err,
        });
      }
      throw err;
    }
  }

  private opts() {
    return { abortSignal: AbortSignal.timeout(this.timeoutMs) };
  }

  /** Makes the tables on first use, and turns "storage did not answer" into one error type. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      this.ready ??= Promise.all([
        this.data.createTable(this.opts()),
        this.users.createTable(this.opts()),
      ]).then(() => undefined);
      await this.ready;
    } catch (err) {
      this.ready = undefined;
      throw unavailable(err);
    }
    try {
      return await fn();
    } catch (err) {
      if (isUnreachable(err)) throw unavailable(err);
      throw err;
    }
  }
}

/**
 * What a change row is read for (`changeFrom`): a pull sends neither the stamps (`s0…`), which
 * take about as much room as the fields, nor anything else the row holds. A record's fields
 * take at most `fieldProperties()` properties.
 */
export const CHANGE_COLUMNS = [
  "RowKey",
  "type",
  "id",
  "version",
  "deleted",
  "updatedAt",
  "updatedBy",
  "seq",
  "viewSeq",
  "bornSeq",
  "diedSeq",
  ...Array.from({ length: FIELD_PROPERTIES }, (_, i) => `f${i}`),
];

/** How many delete transactions of a purge run at once. */
const PURGE_PARALLEL = 4;

function tableClient(options: TableRepositoryOptions, table: string): TableClient {
  const onRequest = options.onRequest;
  const clientOptions = {
    retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
    additionalPolicies: onRequest
      ? [
          {
            position: "perRetry" as const,
            policy: {
              name: "bcm-count-requests",
              sendRequest: (request: PipelineRequest, next: SendRequest) => {
                onRequest(request);
                return next(request);
              },
            },
          },
        ]
      : [],
  };
  if ("endpoint" in options) {
    return new TableClient(options.endpoint, table, options.credential, clientOptions);
  }
  return TableClient.fromConnectionString(options.connectionString, table, {
    ...clientOptions,
    allowInsecureConnection: /UseDevelopmentStorage=true|=http:/i.test(options.connectionString),
  });
}

function ifMissing<T>(value: T) {
  return (err: unknown): T => {
    if (err instanceof RestError && err.statusCode === 404) return value;
    throw err;
  };
}

function isUnreachable(err: unknown): boolean {
  return isBusy(err) || (err instanceof RestError && err.statusCode === undefined);
}

/** Throttled (429, 503 ServerBusy), timed out (500 OperationTimedOut, or no answer in time), or another 5xx. */
function isBusy(err: unknown): boolean {
  if (err instanceof Error && (err.name === "AbortError" || err.name === "TimeoutError"))
    return true;
  return (
    err instanceof RestError &&
    err.statusCode !== undefined &&
    (err.statusCode === 429 || err.statusCode >= 500)
  );
}

function unavailable(err: unknown): Error {
  if (err instanceof StorageUnavailableError || !isUnreachable(err))
    return err instanceof Error ? err : new Error(String(err));
  if (isBusy(err))
    return new StorageBusyError("Table Storage is busy or timed out.", { cause: err });
  return new StorageUnavailableError("Table Storage did not answer.", { cause: err });
}

function odataString(value: string): string {
  return value.replace(/'/g, "''");
}
