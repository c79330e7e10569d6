/**
 * The repository on Azure Table Storage (Azurite locally).
 *
 * Layout. Table `<prefix>data`, one partition per database (PartitionKey = database id):
 *   `h`                 head: name, epoch, seq (the change counter; every commit writes it
 *                       with If-Match, which orders commits and makes each one atomic)
 *   `m|<email>`         a member: role, sync set, subscriptions, the `oid` it is bound to
 *   `s|<name>`          a sync set's filter
 *   `k|<clientId>`      the last mutation id applied for a client (exactly once)
 *   `l|<contactId>|<historyId>` the link index: history items linked to a contact
 *   `r|<type>|<id>`     a record's current state, and the seq of the change that wrote it
 *   `c|<seq, 12 digits>` the change index: the same state again, keyed by commit order; a
 *                       record's older index row is deleted in the same transaction, so a
 *                       RowKey range query after a cursor returns each record once, latest
 *                       state, in commit order (Timestamp is never a cursor)
 * Table `<prefix>users`: PartitionKey = member e-mail, RowKey = database id, for `GET /me`
 * (with the database's name, the role and the bound `oid`).
 *
 * Azurite accepts some writes Azure refuses, so every transaction is checked here first
 * against Azure's limits (see `checkTransaction`).
 */
import { inBatches } from "../batches";
import { randomBytes } from "node:crypto";
import type { PipelineRequest, SendRequest } from "@azure/core-rest-pipeline";
import {
  RestError,
  TableClient,
  type TableEntity,
  type TableEntityResult,
  type TransactionAction,
} from "@azure/data-tables";
import type { DatabaseSummary, Filter, Json, RecordType, Role } from "../../../src/shared/protocol";
import {
  ConcurrentCommitError,
  StorageLimitError,
  StorageUnavailableError,
  type ChangePage,
  type ChangeRow,
  type DatabaseInfo,
  recordRef,
  type FieldStamp,
  type Head,
  type Membership,
  type RecordWrite,
  type Repository,
  type StoredRecord,
} from "./repository";

/** Azure Table Storage's limits (docs: "Understanding the Table service data model"). */
export const LIMITS = {
  transactionOperations: 100,
  transactionBytes: 4 * 1024 * 1024,
  entityBytes: 1024 * 1024,
  entityProperties: 252,
  /** A string property holds at most 64 KiB of UTF-16: 32,768 code units. */
  stringUnits: 32 * 1024,
  keyUnits: 512,
  queryPage: 1000,
} as const;

const HEAD = "h";
const memberKey = (email: string) => `m|${encodeKey(email)}`;
const syncSetKey = (name: string) => `s|${encodeKey(name)}`;
const clientKey = (clientId: string) => `k|${clientId}`;
const linkKey = (contactId: string, historyId: string) => `l|${contactId}|${historyId}`;
const recordKey = (type: RecordType, id: string) => `r|${type}|${id}`;
const SEQ_DIGITS = 12;
const changeKey = (seq: number) => `c|${String(seq).padStart(SEQ_DIGITS, "0")}`;
/** Record JSON is split into string properties `d0`, `d1`, … of this many UTF-16 units. */
const CHUNK_UNITS = 30_000;
/**
 * One commit is one entity-group transaction: each record takes up to 3 operations (its row,
 * its new index row, its old index row deleted), plus the client's row and the head: 32
 * records fit under 100 operations. Each record is written twice (row and index row), in
 * UTF-16: 800,000 characters of record JSON make 3.2 MB, under 4 MiB with room for keys.
 */
const COMMIT_LIMITS = { records: 32, chars: 800_000 } as const;

/** Keys may not hold `/ \ # ?` or control characters: those (and `%`) are percent-encoded. */
export function encodeKey(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[%/\\#?\u0000-\u001f\u007f-\u009f]/g, (c) =>
    Array.from(
      new TextEncoder().encode(c),
      (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    ).join(""),
  );
}

interface Stored extends TableEntity {
  etag?: string;
}

export interface TableRepositoryOptions {
  connectionString: string;
  tablePrefix: string;
  /** How long a storage call may take before it counts as failed (default 30 s). */
  timeoutMs?: number;
  /** How long the health probe waits for storage (default 3 s): "offline" must show fast. */
  pingTimeoutMs?: number;
  /** Called for every request sent to storage (retries included): the benchmarks count them. */
  onRequest?: (request: PipelineRequest) => void;
}

export class TableRepository implements Repository {
  private readonly data: TableClient;
  private readonly users: TableClient;
  private readonly timeoutMs: number;
  private readonly pingTimeoutMs: number;
  private ready: Promise<void> | undefined;

  constructor(options: TableRepositoryOptions) {
    const onRequest = options.onRequest;
    const clientOptions = {
      allowInsecureConnection: /UseDevelopmentStorage=true|=http:/i.test(options.connectionString),
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
    this.data = TableClient.fromConnectionString(
      options.connectionString,
      `${options.tablePrefix}data`,
      clientOptions,
    );
    this.users = TableClient.fromConnectionString(
      options.connectionString,
      `${options.tablePrefix}users`,
      clientOptions,
    );
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

  async createDatabase(input: {
    id: string;
    name: string;
    owner: string;
    ownerOid?: string;
    now: string;
  }): Promise<DatabaseInfo> {
    const info: DatabaseInfo = {
      id: input.id,
      name: input.name,
      epoch: randomBytes(8).toString("hex"),
      seq: 0,
      createdAt: input.now,
      createdBy: input.owner,
    };
    const owner: Membership = {
      db: input.id,
      email: input.owner,
      oid: input.ownerOid ?? null,
      role: "owner",
      syncSet: null,
      subscriptions: [],
    };
    await this.transact(input.id, [
      ["create", { partitionKey: input.id, rowKey: HEAD, ...headProps(info) }],
      ["create", memberEntity(owner)],
    ]);
    await this.indexMember(owner, info.name);
    return info;
  }

  async readHead(db: string): Promise<Head | null> {
    const row = await this.getRow(db, HEAD);
    return row?.etag ? { info: headFrom(db, row), etag: row.etag } : null;
  }

  async getMembership(db: string, email: string): Promise<Membership | null> {
    const row = await this.getRow(db, memberKey(email));
    return row ? memberFrom(db, row) : null;
  }

  async listMembers(db: string): Promise<Membership[]> {
    const rows = await this.range(db, "m|");
    return rows.map((row) => memberFrom(db, row)).sort((a, b) => a.email.localeCompare(b.email));
  }

  async putMember(head: Head, member: Membership): Promise<void> {
    await this.transact(head.info.id, [
      touchHead(head),
      ["upsert", memberEntity(member), "Replace"],
    ]);
    await this.indexMember(member, head.info.name);
  }

  async deleteMember(head: Head, email: string): Promise<void> {
    await this.transact(head.info.id, [
      touchHead(head),
      ["delete", { partitionKey: head.info.id, rowKey: memberKey(email) }],
    ]);
    await this.call(() =>
      this.users
        .deleteEntity(encodeKey(email), head.info.id, this.opts())
        .then(() => undefined, ifMissing(undefined)),
    );
  }

  async bindMember(head: Head, email: string, oid: string): Promise<void> {
    await this.transact(head.info.id, [
      touchHead(head),
      ["update", { partitionKey: head.info.id, rowKey: memberKey(email), oid }, "Merge"],
    ]);
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
    return row ? (JSON.parse(row.filter as string) as Filter) : null;
  }

  async listSyncSets(db: string): Promise<Array<{ name: string; filter: Filter }>> {
    const rows = await this.range(db, "s|");
    return rows.map((row) => ({
      name: row.name as string,
      filter: JSON.parse(row.filter as string) as Filter,
    }));
  }

  async putSyncSet(db: string, name: string, filter: Filter): Promise<void> {
    const entity = {
      partitionKey: db,
      rowKey: syncSetKey(name),
      name,
      filter: JSON.stringify(filter),
    };
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
        // A membership bound to another user (the address was reused) is not this caller's.
        const bound = typeof row.oid === "string";
        if (bound && row.oid !== oid) continue;
        out.push({
          id: row.rowKey,
          name: row.name as string,
          role: row.role as Role,
          syncSet: (row.syncSet as string | undefined) ?? null,
          bound,
        });
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
    const rows = await this.range(db, `l|${contactId}|`);
    return rows.map((row) => row.historyId as string);
  }

  async readClientMid(db: string, clientId: string): Promise<number> {
    const row = await this.getRow(db, clientKey(clientId));
    return row ? Number(row.lastMid) : 0;
  }

  async readChanges(db: string, afterSeq: number, limit: number): Promise<ChangePage> {
    return this.call(async () => {
      const pages = this.data
        .listEntities<Stored>({
          queryOptions: {
            filter: `PartitionKey eq '${odataString(db)}' and RowKey gt '${changeKey(afterSeq)}' and RowKey lt 'c|~'`,
          },
          ...this.opts(),
        })
        .byPage({ maxPageSize: Math.min(limit, LIMITS.queryPage) });
      const records: ChangeRow[] = [];
      // A page may come back short (or empty) with a continuation token: keep reading.
      for await (const page of pages) {
        for (const row of page) {
          if (records.length < limit) records.push(changeFrom(row));
        }
        if (records.length >= limit) break;
      }
      const last = records.at(-1);
      return { records, lastSeq: last ? last.seq : afterSeq, more: records.length >= limit };
    });
  }

  async commit(
    head: Head,
    writes: readonly RecordWrite[],
    client?: { id: string; lastMid: number },
  ): Promise<{ head: Head; records: StoredRecord[] }> {
    const db = head.info.id;
    if (writes.length > COMMIT_LIMITS.records) {
      throw new StorageLimitError(
        `One commit holds at most ${COMMIT_LIMITS.records} records, not ${writes.length}.`,
      );
    }
    // A record read after the head may already hold a newer commit: this one lost the race.
    if (writes.some((w) => w.prevSeq !== null && w.prevSeq > head.info.seq)) {
      throw new ConcurrentCommitError(`Another change to database ${db} was committed first.`);
    }
    // New links go in before the commit, so the index never misses a link that was
    // committed; a link left by a commit that then failed only costs a check.
    await this.writeLinks(db, writes, "upsert");
    let seq = head.info.seq;
    // The head goes first: Table Storage runs a transaction's operations in order and stops at
    // the first failure, so a commit that lost a race fails on the head's ETag (412), not on
    // an index row the winner wrote.
    const actions: TransactionAction[] = [
      ["update", { partitionKey: db, rowKey: HEAD, seq: 0 }, "Merge", { etag: head.etag }],
    ];
    const records = writes.map(({ state, prevSeq, viewChanged, born }) => {
      const record: StoredRecord = { ...state, seq: ++seq };
      if (viewChanged) record.viewSeq = record.seq;
      if (born) record.bornSeq = record.seq;
      const props = recordProps(record);
      actions.push([
        "upsert",
        { partitionKey: db, rowKey: recordKey(record.type, record.id), ...props },
        "Replace",
      ]);
      actions.push(["create", { partitionKey: db, rowKey: changeKey(record.seq), ...props }]);
      if (prevSeq !== null)
        actions.push(["delete", { partitionKey: db, rowKey: changeKey(prevSeq) }]);
      return record;
    });
    if (client)
      actions.push([
        "upsert",
        { partitionKey: db, rowKey: clientKey(client.id), lastMid: client.lastMid },
        "Replace",
      ]);
    actions[0] = ["update", { partitionKey: db, rowKey: HEAD, seq }, "Merge", { etag: head.etag }];
    const response = await this.transact(db, actions);
    // Sub-responses come in the order of the actions: the head's is the first.
    const etag = response.subResponses[0]?.etag;
    if (!etag) throw new Error("Table Storage answered a transaction without the head's new ETag.");
    await this.writeLinks(db, writes, "delete");
    return { head: { info: { ...head.info, seq }, etag }, records };
  }

  /** Adds (`upsert`) or removes (`delete`) the link index rows of `writes`, 100 at a time. */
  private async writeLinks(
    db: string,
    writes: readonly RecordWrite[],
    op: "upsert" | "delete",
  ): Promise<void> {
    const actions: TransactionAction[] = writes.flatMap(
      ({ state, linksAdded = [], linksRemoved = [] }) =>
        (op === "upsert" ? linksAdded : linksRemoved).map((contactId): TransactionAction => {
          const row = { partitionKey: db, rowKey: linkKey(contactId, state.id) };
          return op === "upsert"
            ? ["upsert", { ...row, contactId, historyId: state.id }, "Replace"]
            : ["delete", row];
        }),
    );
    for (let i = 0; i < actions.length; i += LIMITS.transactionOperations) {
      const batch = actions.slice(i, i + LIMITS.transactionOperations);
      // Deleting rows that are gone already is not a failure: they are removed one by one.
      if (op === "delete") {
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

  /** Writes the user-side index row that `GET /me` reads. */
  private async indexMember(m: Membership, name: string): Promise<void> {
    await this.call(() =>
      this.users.upsertEntity(
        {
          partitionKey: encodeKey(m.email),
          rowKey: m.db,
          name,
          role: m.role,
          syncSet: m.syncSet ?? undefined,
          oid: m.oid ?? undefined,
        },
        "Replace",
        this.opts(),
      ),
    );
  }

  /** Every row whose RowKey starts with `prefix` (which ends in `|`, below every key character). */
  private async range(db: string, prefix: string): Promise<Stored[]> {
    // The first string after all that start with `prefix`: its last character plus one. An end
    // such as `prefix~` would stop before keys holding letters past ASCII (a sync set "Köln").
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return this.call(async () => {
      const out: Stored[] = [];
      const filter = `PartitionKey eq '${odataString(db)}' and RowKey ge '${odataString(prefix)}' and RowKey lt '${odataString(end)}'`;
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
      if (err instanceof RestError && err.statusCode === 412) {
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

function ifMissing<T>(value: T) {
  return (err: unknown): T => {
    if (err instanceof RestError && err.statusCode === 404) return value;
    throw err;
  };
}

function isUnreachable(err: unknown): boolean {
  if (err instanceof Error && (err.name === "AbortError" || err.name === "TimeoutError"))
    return true;
  if (err instanceof RestError)
    return (
      err.statusCode === undefined || err.statusCode >= 500 || err.code === "REQUEST_SEND_ERROR"
    );
  return false;
}

function unavailable(err: unknown): Error {
  if (err instanceof StorageUnavailableError || !isUnreachable(err))
    return err instanceof Error ? err : new Error(String(err));
  return new StorageUnavailableError("Table Storage did not answer.", { cause: err });
}

function odataString(value: string): string {
  return value.replace(/'/g, "''");
}

function headProps(info: DatabaseInfo) {
  return {
    name: info.name,
    epoch: info.epoch,
    seq: info.seq,
    createdAt: info.createdAt,
    createdBy: info.createdBy,
  };
}

function headFrom(db: string, row: Stored): DatabaseInfo {
  return {
    id: db,
    name: row.name as string,
    epoch: row.epoch as string,
    seq: Number(row.seq),
    createdAt: row.createdAt as string,
    createdBy: row.createdBy as string,
  };
}

function memberEntity(m: Membership): TableEntity {
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

function memberFrom(db: string, row: Stored): Membership {
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

/** Rewrites the head unchanged under If-Match: the transaction then fails if anything else committed. */
function touchHead(head: Head): TransactionAction {
  return [
    "update",
    { partitionKey: head.info.id, rowKey: HEAD, seq: head.info.seq },
    "Merge",
    { etag: head.etag },
  ];
}

/** A record's properties: its fields' JSON in `f0`, `f1`, … and its stamps' JSON in `s0`, … */
function recordProps(r: StoredRecord): Record<string, string | number | boolean> {
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
  };
  const chunk = (prefix: string, json: string) => {
    for (let i = 0, at = 0; at < json.length; i++, at += CHUNK_UNITS)
      props[`${prefix}${i}`] = json.slice(at, at + CHUNK_UNITS);
  };
  chunk("f", JSON.stringify(r.fields));
  chunk("s", JSON.stringify(r.stamps));
  return props;
}

function joined(row: Stored, prefix: string): string {
  let json = "";
  for (let i = 0; typeof row[`${prefix}${i}`] === "string"; i++)
    json += row[`${prefix}${i}`] as string;
  return json;
}

function changeFrom(row: Stored): ChangeRow {
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
    fieldsJson: joined(row, "f"),
  };
}

function recordFrom(row: Stored): StoredRecord {
  const { fieldsJson, ...rest } = changeFrom(row);
  return {
    ...rest,
    fields: JSON.parse(fieldsJson) as Record<string, Json>,
    stamps: JSON.parse(joined(row, "s")) as Record<string, FieldStamp>,
  };
}

// --- Azure's limits, checked before anything is sent ---------------------------------------

/** Refuses a transaction Azure Table Storage would refuse, even where Azurite accepts it. */
export function checkTransaction(
  partitionKey: string,
  actions: readonly TransactionAction[],
): void {
  if (actions.length === 0)
    throw new StorageLimitError("A transaction needs at least one operation.");
  if (actions.length > LIMITS.transactionOperations) {
    throw new StorageLimitError(
      `A transaction holds at most ${LIMITS.transactionOperations} operations, not ${actions.length}.`,
    );
  }
  let bytes = 0;
  const rowKeys = new Set<string>();
  for (const [, entity] of actions) {
    if (entity.partitionKey !== partitionKey) {
      throw new StorageLimitError("All operations of a transaction must share one partition key.");
    }
    if (rowKeys.has(entity.rowKey))
      throw new StorageLimitError(`Row ${entity.rowKey} appears twice in one transaction.`);
    rowKeys.add(entity.rowKey);
    bytes += checkEntity(entity);
  }
  if (bytes > LIMITS.transactionBytes) {
    throw new StorageLimitError(
      `A transaction holds at most 4 MiB; this one holds about ${bytes} bytes.`,
    );
  }
}

/** Checks keys and properties against Azure's limits; returns the entity's size in bytes. */
export function checkEntity(entity: TableEntity): number {
  checkKey("PartitionKey", entity.partitionKey);
  checkKey("RowKey", entity.rowKey);
  const props = Object.entries(entity).filter(
    ([name]) => name !== "partitionKey" && name !== "rowKey",
  );
  if (props.length > LIMITS.entityProperties) {
    throw new StorageLimitError(
      `An entity holds at most ${LIMITS.entityProperties} properties, not ${props.length}.`,
    );
  }
  // Sizes as Azure counts them: 4 bytes + keys in UTF-16 + per property 8 bytes, its name in
  // UTF-16 and its value.
  let bytes = 4 + 2 * (entity.partitionKey.length + entity.rowKey.length);
  for (const [name, value] of props) {
    if (value === undefined) continue;
    bytes += 8 + 2 * name.length;
    if (typeof value === "string") {
      if (value.length > LIMITS.stringUnits) {
        throw new StorageLimitError(
          `Property ${name} holds ${value.length} UTF-16 units; the limit is ${LIMITS.stringUnits}.`,
        );
      }
      bytes += 4 + 2 * value.length;
    } else if (typeof value === "boolean") {
      bytes += 1;
    } else {
      bytes += 8;
    }
  }
  if (bytes > LIMITS.entityBytes)
    throw new StorageLimitError(`An entity holds at most 1 MiB; this one holds ${bytes} bytes.`);
  return bytes;
}

function checkKey(name: string, key: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[/\\#?\u0000-\u001f\u007f-\u009f]/.test(key)) {
    throw new StorageLimitError(
      `${name} ${JSON.stringify(key)} holds a character Azure does not allow in keys.`,
    );
  }
  if (key.length > LIMITS.keyUnits) throw new StorageLimitError(`${name} is longer than 1 KiB.`);
}
