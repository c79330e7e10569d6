/**
 * The repository on Azure Table Storage (Azurite locally).
 *
 * Layout. Table `<prefix>data`, one partition per database (PartitionKey = database id):
 *   `h`                 head: name, epoch, seq (the change counter; every commit writes it
 *                       with If-Match, which orders commits and makes each one atomic)
 *   `m|<email>`         a member: role, sync set
 *   `r|<type>|<id>`     a record's current state, and the seq of the change that wrote it
 *   `c|<seq, 12 digits>` the change index: the same state again, keyed by commit order; a
 *                       record's older index row is deleted in the same transaction, so a
 *                       RowKey range query after a cursor returns each record once, latest
 *                       state, in commit order (Timestamp is never a cursor)
 * Table `<prefix>users`: PartitionKey = member e-mail, RowKey = database id, for `GET /me`.
 *
 * Azurite accepts some writes Azure refuses, so every transaction is checked here first
 * against Azure's limits (see `checkTransaction`).
 */
import { randomBytes } from "node:crypto";
import {
  RestError,
  TableClient,
  type TableEntity,
  type TableEntityResult,
  type TransactionAction,
} from "@azure/data-tables";
import type { DatabaseSummary, Json, RecordType, Role } from "../../../src/shared/protocol";
import {
  ConcurrentCommitError,
  StorageLimitError,
  StorageUnavailableError,
  type ChangePage,
  type DatabaseInfo,
  type FieldStamp,
  type Membership,
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
const recordKey = (type: RecordType, id: string) => `r|${type}|${id}`;
const SEQ_DIGITS = 12;
const changeKey = (seq: number) => `c|${String(seq).padStart(SEQ_DIGITS, "0")}`;
/** Record JSON is split into string properties `d0`, `d1`, … of this many UTF-16 units. */
const CHUNK_UNITS = 30_000;

/** Keys may not hold `/ \ # ?` or control characters: those (and `%`) are percent-encoded. */
export function encodeKey(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[%/\\#?\u0000-\u001f\u007f-\u009f]/g, (c) =>
    Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}

interface Stored extends TableEntity {
  etag?: string;
}

export interface TableRepositoryOptions {
  connectionString: string;
  tablePrefix: string;
  /** How long a storage call may take before the database counts as unreachable. */
  timeoutMs?: number;
}

export class TableRepository implements Repository {
  private readonly data: TableClient;
  private readonly users: TableClient;
  private readonly timeoutMs: number;
  private ready: Promise<void> | undefined;

  constructor(options: TableRepositoryOptions) {
    const clientOptions = {
      allowInsecureConnection: /UseDevelopmentStorage=true|=http:/i.test(options.connectionString),
      retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
    };
    this.data = TableClient.fromConnectionString(options.connectionString, `${options.tablePrefix}data`, clientOptions);
    this.users = TableClient.fromConnectionString(options.connectionString, `${options.tablePrefix}users`, clientOptions);
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async ping(): Promise<void> {
    await this.call(() => this.data.getEntity("-", "-", this.opts()).then(() => undefined, ifMissing(undefined)));
  }

  async createDatabase(input: { id: string; name: string; owner: string; now: string }): Promise<DatabaseInfo> {
    const info: DatabaseInfo = {
      id: input.id,
      name: input.name,
      epoch: randomBytes(8).toString("hex"),
      seq: 0,
      createdAt: input.now,
      createdBy: input.owner,
    };
    const owner: Membership = { db: input.id, email: input.owner, role: "owner", syncSet: null };
    await this.transact(input.id, [
      ["create", { partitionKey: input.id, rowKey: HEAD, ...headProps(info) }],
      ["create", memberEntity(owner)],
    ]);
    await this.indexMember(owner, info.name);
    return info;
  }

  async getDatabase(db: string): Promise<DatabaseInfo | null> {
    const head = await this.getRow(db, HEAD);
    return head ? headFrom(db, head) : null;
  }

  async getMembership(db: string, email: string): Promise<Membership | null> {
    const row = await this.getRow(db, memberKey(email));
    return row ? { db, email, role: row.role as Role, syncSet: (row.syncSet as string | undefined) ?? null } : null;
  }

  async listDatabasesOf(email: string): Promise<DatabaseSummary[]> {
    return this.call(async () => {
      const out: DatabaseSummary[] = [];
      const rows = this.users.listEntities<Stored>({
        queryOptions: { filter: `PartitionKey eq '${odataString(encodeKey(email))}'` },
        ...this.opts(),
      });
      for await (const row of rows) {
        out.push({
          id: row.rowKey as string,
          name: row.name as string,
          role: row.role as Role,
          syncSet: (row.syncSet as string | undefined) ?? null,
        });
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    });
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
      const records: StoredRecord[] = [];
      // A page may come back short (or empty) with a continuation token: keep reading.
      for await (const page of pages) {
        for (const row of page) {
          if (records.length < limit) records.push(recordFrom(row));
        }
        if (records.length >= limit) break;
      }
      const last = records.at(-1);
      return { records, lastSeq: last ? last.seq : afterSeq, more: records.length >= limit };
    });
  }

  async commit(db: string, records: ReadonlyArray<Omit<StoredRecord, "seq">>): Promise<StoredRecord[]> {
    const head = await this.getRow(db, HEAD);
    if (!head?.etag) throw new Error(`Database ${db} does not exist.`);
    const previous = await Promise.all(records.map((r) => this.getRow(db, recordKey(r.type, r.id))));
    let seq = Number(head.seq);
    let etag = head.etag;
    const committed: StoredRecord[] = [];
    // Each record takes up to 3 operations (record, new index row, old index row deleted)
    // and every transaction also writes the head: 32 records fit under 100 operations.
    for (let start = 0; start < records.length; start += 32) {
      const actions: TransactionAction[] = [];
      const batch = records.slice(start, start + 32).map((record, i) => {
        const state: StoredRecord = { ...record, seq: ++seq };
        const prev = previous[start + i];
        actions.push(["upsert", { partitionKey: db, rowKey: recordKey(state.type, state.id), ...recordProps(state) }, "Replace"]);
        actions.push(["create", { partitionKey: db, rowKey: changeKey(state.seq), ...recordProps(state) }]);
        if (prev) actions.push(["delete", { partitionKey: db, rowKey: changeKey(Number(prev.seq)) }]);
        return state;
      });
      actions.push(["update", { partitionKey: db, rowKey: HEAD, seq }, "Merge", { etag }]);
      const response = await this.transact(db, actions);
      etag = response.getResponseForEntity(HEAD)?.etag ?? etag;
      committed.push(...batch);
    }
    return committed;
  }

  /** Writes the user-side index row that `GET /me` reads. */
  private async indexMember(m: Membership, name: string): Promise<void> {
    await this.call(() =>
      this.users.upsertEntity(
        { partitionKey: encodeKey(m.email), rowKey: m.db, name, role: m.role, syncSet: m.syncSet ?? undefined },
        "Replace",
        this.opts(),
      ),
    );
  }

  private async getRow(db: string, rowKey: string): Promise<Stored | null> {
    return this.call(() =>
      this.data.getEntity<Stored>(db, rowKey, this.opts()).then((row: TableEntityResult<Stored>) => row, ifMissing(null)),
    );
  }

  private async transact(db: string, actions: TransactionAction[]) {
    checkTransaction(db, actions);
    try {
      return await this.call(() => this.data.submitTransaction(actions, this.opts()));
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 412) {
        throw new ConcurrentCommitError(`Another change to database ${db} was committed first.`, { cause: err });
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
      this.ready ??= Promise.all([this.data.createTable(this.opts()), this.users.createTable(this.opts())]).then(
        () => undefined,
      );
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
  if (err instanceof Error && (err.name === "AbortError" || err.name === "TimeoutError")) return true;
  if (err instanceof RestError) return err.statusCode === undefined || err.statusCode >= 500 || err.code === "REQUEST_SEND_ERROR";
  return false;
}

function unavailable(err: unknown): Error {
  if (err instanceof StorageUnavailableError || !isUnreachable(err)) return err instanceof Error ? err : new Error(String(err));
  return new StorageUnavailableError("Table Storage did not answer.", { cause: err });
}

function odataString(value: string): string {
  return value.replace(/'/g, "''");
}

function headProps(info: DatabaseInfo) {
  return { name: info.name, epoch: info.epoch, seq: info.seq, createdAt: info.createdAt, createdBy: info.createdBy };
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
  return { partitionKey: m.db, rowKey: memberKey(m.email), email: m.email, role: m.role, syncSet: m.syncSet ?? undefined };
}

function recordProps(r: StoredRecord): Record<string, string | number | boolean> {
  const json = JSON.stringify({ f: r.fields, s: r.stamps });
  const props: Record<string, string | number | boolean> = {
    type: r.type,
    id: r.id,
    version: r.version,
    deleted: r.deleted,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    seq: r.seq,
  };
  for (let i = 0, at = 0; at < json.length; i++, at += CHUNK_UNITS) props[`d${i}`] = json.slice(at, at + CHUNK_UNITS);
  return props;
}

function recordFrom(row: Stored): StoredRecord {
  let json = "";
  for (let i = 0; typeof row[`d${i}`] === "string"; i++) json += row[`d${i}`] as string;
  const data = JSON.parse(json) as { f: Record<string, Json>; s: Record<string, FieldStamp> };
  return {
    type: row.type as RecordType,
    id: row.id as string,
    version: Number(row.version),
    deleted: row.deleted === true,
    updatedAt: row.updatedAt as string,
    updatedBy: row.updatedBy as string,
    fields: data.f,
    stamps: data.s,
    seq: Number(row.seq),
  };
}

// --- Azure's limits, checked before anything is sent ---------------------------------------

/** Refuses a transaction Azure Table Storage would refuse, even where Azurite accepts it. */
export function checkTransaction(partitionKey: string, actions: readonly TransactionAction[]): void {
  if (actions.length === 0) throw new StorageLimitError("A transaction needs at least one operation.");
  if (actions.length > LIMITS.transactionOperations) {
    throw new StorageLimitError(`A transaction holds at most ${LIMITS.transactionOperations} operations, not ${actions.length}.`);
  }
  let bytes = 0;
  const rowKeys = new Set<string>();
  for (const [, entity] of actions) {
    if (entity.partitionKey !== partitionKey) {
      throw new StorageLimitError("All operations of a transaction must share one partition key.");
    }
    if (rowKeys.has(entity.rowKey)) throw new StorageLimitError(`Row ${entity.rowKey} appears twice in one transaction.`);
    rowKeys.add(entity.rowKey);
    bytes += checkEntity(entity);
  }
  if (bytes > LIMITS.transactionBytes) {
    throw new StorageLimitError(`A transaction holds at most 4 MiB; this one holds about ${bytes} bytes.`);
  }
}

/** Checks keys and properties against Azure's limits; returns the entity's size in bytes. */
export function checkEntity(entity: TableEntity): number {
  checkKey("PartitionKey", entity.partitionKey);
  checkKey("RowKey", entity.rowKey);
  const props = Object.entries(entity).filter(([name]) => name !== "partitionKey" && name !== "rowKey");
  if (props.length > LIMITS.entityProperties) {
    throw new StorageLimitError(`An entity holds at most ${LIMITS.entityProperties} properties, not ${props.length}.`);
  }
  // Sizes as Azure counts them: 4 bytes + keys in UTF-16 + per property 8 bytes, its name in
  // UTF-16 and its value.
  let bytes = 4 + 2 * (entity.partitionKey.length + entity.rowKey.length);
  for (const [name, value] of props) {
    if (value === undefined) continue;
    bytes += 8 + 2 * name.length;
    if (typeof value === "string") {
      if (value.length > LIMITS.stringUnits) {
        throw new StorageLimitError(`Property ${name} holds ${value.length} UTF-16 units; the limit is ${LIMITS.stringUnits}.`);
      }
      bytes += 4 + 2 * value.length;
    } else if (typeof value === "boolean") {
      bytes += 1;
    } else {
      bytes += 8;
    }
  }
  if (bytes > LIMITS.entityBytes) throw new StorageLimitError(`An entity holds at most 1 MiB; this one holds ${bytes} bytes.`);
  return bytes;
}

function checkKey(name: string, key: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[/\\#?\u0000-\u001f\u007f-\u009f]/.test(key)) {
    throw new StorageLimitError(`${name} ${JSON.stringify(key)} holds a character Azure does not allow in keys.`);
  }
  if (key.length > LIMITS.keyUnits) throw new StorageLimitError(`${name} is longer than 1 KiB.`);
}
