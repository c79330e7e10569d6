/**
 * Sync protocol v1: the wire contract between the add-in and the shared database
 * (docs/sync-protocol.md). One zod schema per message; the API validates requests with them,
 * the add-in validates responses with them, and every wire type is inferred from them.
 *
 * Written with `zod/mini`, whose functions the task pane's bundle keeps only when used (classic
 * zod's methods would all come along): `z.optional(s)` for `s.optional()`,
 * `s.check(z.maxLength(n))` for `s.max(n)`, and so on. Mini loads no locale, so a check without
 * a message of its own says only "Invalid input": a message the task pane shows is written here
 * (`DatabaseName`, `SyncSetName`), and the API loads zod's English messages (api/src/http.ts).
 */
import { z } from "zod/mini";
import { ID_PATTERN, Id } from "./ids";
import { FILTER_FIELD_NAMES, wellFormed } from "./records";

export { Id };

export const PROTOCOL_VERSION = 1;

/** Trimmed, at most 254 characters, an e-mail address, then lower-cased. */
export const Email = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.maxLength(254, "must be at most 254 characters")),
    z.email("must be an e-mail address"),
  ),
  z.transform((s: string) => s.toLowerCase()),
);

export const RecordType = z.enum(["contact", "company", "group", "history"]);
export type RecordType = z.infer<typeof RecordType>;

export const Role = z.enum(["owner", "editor", "reader"]);
export type Role = z.infer<typeof Role>;

/** `{"error": {"code", "message", "field"?}}`: the body of every response that is not 2xx. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.optional(z.string()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const HealthResponse = z.object({
  status: z.enum(["ok", "degraded"]),
  protocol: z.literal(PROTOCOL_VERSION),
  storage: z.enum(["ok", "unreachable"]),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const DevTokenRequest = z.object({ email: Email });
export const DevTokenResponse = z.object({ token: z.string() });

export const DatabaseName = z
  .string()
  .check(
    z.trim(),
    wellFormed,
    z.minLength(1, "must not be empty"),
    z.maxLength(100, "must be at most 100 characters"),
  );

export const DatabaseSummary = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  syncSet: z.nullable(z.string()),
});
export type DatabaseSummary = z.infer<typeof DatabaseSummary>;

export const MeResponse = z.object({
  email: z.string(),
  databases: z.array(DatabaseSummary),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const CreateDatabaseRequest = z.object({ name: DatabaseName });
/** `PUT /databases/{db}/name` (owners): the database's new name; the answer is its summary. */
export const RenameDatabaseRequest = z.object({ name: DatabaseName });
export const CreateDatabaseResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: z.literal("owner"),
});

/** Field values are plain JSON; each record type documents and validates its own fields. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const JsonTree: z.ZodMiniType<Json> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonTree),
    z.record(z.string(), JsonTree),
  ]),
);

/**
 * How deep a JSON value may nest (no record field comes close). Checked without recursion
 * before anything recurses into the value: JSON 10,000 levels deep overflows the stack of a
 * recursive check, and of `JSON.stringify`.
 */
export const MAX_JSON_DEPTH = 32;

function withinDepth(value: unknown): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth] = top;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= MAX_JSON_DEPTH) return false;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

export const JsonValue: z.ZodMiniType<Json> = z.pipe(
  z.unknown().check(z.refine(withinDepth, `must be nested at most ${MAX_JSON_DEPTH} levels deep`)),
  JsonTree,
);

export const WireRecord = z.object({
  type: RecordType,
  id: Id,
  version: z.int().check(z.positive()),
  deleted: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  fields: z.record(z.string(), JsonValue),
});
export type WireRecord = z.infer<typeof WireRecord>;

const RECORD_TYPES: ReadonlySet<unknown> = new Set(RecordType.options);

/**
 * `WireRecord`'s rules checked by hand, `fields` only for being an object: for records that came
 * out of `JSON.parse` (a pull page, a stored segment), whose fields can hold nothing but JSON
 * values. A schema walking each of 13,000 records took about 300 ms in Chromium.
 */
export function isWireRecord(value: unknown): value is WireRecord {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    RECORD_TYPES.has(r.type) &&
    typeof r.id === "string" &&
    ID_PATTERN.test(r.id) &&
    Number.isSafeInteger(r.version) &&
    (r.version as number) > 0 &&
    typeof r.deleted === "boolean" &&
    typeof r.updatedAt === "string" &&
    typeof r.updatedBy === "string" &&
    typeof r.fields === "object" &&
    r.fields !== null &&
    !Array.isArray(r.fields)
  );
}

export const PullRequest = z.object({
  cursor: z.nullable(z.string().check(z.minLength(1), z.maxLength(200))),
  limit: z._default(z.int().check(z.gte(1), z.lte(1000)), 1000),
  /** A new copy may be served from the snapshot, in larger pages (docs/sync-protocol.md). */
  snapshot: z.optional(z.boolean()),
});
export type PullRequest = z.infer<typeof PullRequest>;

/**
 * An answer to a pull that has more after it also names its `cursor` in this header, so that a
 * client can ask for the next page before this one's body has arrived (docs/sync-protocol.md).
 */
export const NEXT_CURSOR_HEADER = "bcm-next-cursor";

export const PullResponse = z.object({
  records: z.array(WireRecord),
  removed: z.array(z.object({ type: RecordType, id: Id })),
  cursor: z.string(),
  more: z.boolean(),
  epoch: z.string(),
  /** The server's clock when it answered: the clock that decides (docs/sync-protocol.md). */
  serverTime: z.optional(z.iso.datetime({ offset: true })),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Who a push comes from: one id per offline copy, made by the client. */
export const ClientId = Id;

/** A push holds at most this many mutations (more is 413). */
export const MAX_PUSH_MUTATIONS = 500;

/**
 * A push request's envelope. Each mutation is checked on its own (see `Mutation`), so that a
 * bad one is `rejected` without blocking the ones behind it; only its `mid` must be readable.
 */
export const PushRequest = z.object({
  clientId: ClientId,
  mutations: z.array(z.looseObject({ mid: z.int().check(z.positive()) })),
  /** The changes after this cursor, answered with the push (docs/sync-protocol.md, "Push"). */
  pull: z.optional(PullRequest),
});

const At = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });
const FieldMap = z.record(z.string().check(z.minLength(1), z.maxLength(64)), JsonValue);

export const Mutation = z.discriminatedUnion("op", [
  z.strictObject({
    mid: z.int().check(z.positive()),
    op: z.literal("upsert"),
    type: RecordType,
    id: Id,
    baseVersion: z.nullable(z.int().check(z.positive())),
    base: z.optional(FieldMap),
    fields: FieldMap,
    at: At,
  }),
  z.strictObject({
    mid: z.int().check(z.positive()),
    op: z.literal("delete"),
    type: RecordType,
    id: Id,
    baseVersion: z.int().check(z.positive()),
    at: z.optional(At),
  }),
]);
export type Mutation = z.infer<typeof Mutation>;

export const Conflict = z.object({
  field: z.string(),
  base: JsonValue,
  mine: JsonValue,
  theirs: JsonValue,
  theirsAt: z.nullable(z.string()),
  theirsBy: z.nullable(z.string()),
});
export type Conflict = z.infer<typeof Conflict>;

export const MutationStatus = z.enum(["applied", "partial", "conflict", "duplicate", "rejected"]);
export type MutationStatus = z.infer<typeof MutationStatus>;

export const MutationResult = z.object({
  mid: z.int(),
  status: MutationStatus,
  record: z.optional(WireRecord),
  conflicts: z.optional(z.array(Conflict)),
  error: z.optional(ErrorBody.shape.error),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  lastMid: z.int().check(z.nonnegative()),
  results: z.array(MutationResult),
  /** The server's clock when it answered (as in `PullResponse`). */
  serverTime: z.optional(At),
  /** The pull the request asked for, when it could be answered. */
  pull: z.optional(PullResponse),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Sync-set filters: which contacts a member's copy holds. */
export const FilterField = z.enum(FILTER_FIELD_NAMES);
export const Condition = z
  .strictObject({
    field: FilterField,
    op: z.enum(["eq", "in", "contains"]),
    value: z.union([
      z.string().check(z.maxLength(256)),
      z.array(z.string().check(z.maxLength(256))).check(z.maxLength(100)),
    ]),
  })
  .check(
    z.refine((c) => (c.op === "in") === Array.isArray(c.value), {
      message: "must be a list for 'in' and one text for 'eq' and 'contains'",
      path: ["value"],
    }),
  );
export type Condition = z.infer<typeof Condition>;
/**
 * A filter is stored as its JSON in one Table Storage property, which holds at most 32,768
 * UTF-16 units (what `String.length` counts): 20 conditions of 100 values of 256 characters
 * would not fit, so the whole filter's JSON is bounded too.
 */
export const MAX_FILTER_CHARS = 32 * 1024;
export const Filter = z
  .union([
    z.strictObject({ all: z.array(Condition).check(z.maxLength(20)) }),
    z.strictObject({ any: z.array(Condition).check(z.maxLength(20)) }),
  ])
  .check(
    z.refine((f) => JSON.stringify(f).length <= MAX_FILTER_CHARS, {
      message: `must be at most ${MAX_FILTER_CHARS} characters as JSON`,
    }),
  );
export type Filter = z.infer<typeof Filter>;

export const SyncSetName = z
  .string()
  .check(
    z.minLength(1, "must not be empty"),
    z.maxLength(64, "must be at most 64 characters"),
    z.regex(/^[\p{L}\p{N} _.-]+$/u, "may hold letters, digits, spaces, '_', '.' and '-'"),
  );

export const PutSyncSetRequest = z.object({ filter: Filter });
export const PutMemberRequest = z.object({
  role: Role,
  syncSet: z._default(z.nullable(SyncSetName), null),
});

/** `GET /databases/{db}`: the database as the calling member sees it. */
export const DatabaseResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  syncSet: z.nullable(z.string()),
  epoch: z.string(),
  protocol: z.literal(PROTOCOL_VERSION),
});
export type DatabaseResponse = z.infer<typeof DatabaseResponse>;

/** A member as owners see them: role, sync set and subscription list (contact ids). */
export const MemberInfo = z.object({
  email: z.string(),
  role: Role,
  syncSet: z.nullable(z.string()),
  subscriptions: z.array(z.string()),
});
export type MemberInfo = z.infer<typeof MemberInfo>;

/** `GET /databases/{db}/members`. `PUT …/members/{email}` answers one `MemberInfo`. */
export const MembersResponse = z.object({ members: z.array(MemberInfo) });

/** A named sync set: `PUT …/sync-sets/{name}` answers one, `GET …/sync-sets` lists them. */
export const SyncSetInfo = z.object({ name: z.string(), filter: Filter });
export type SyncSetInfo = z.infer<typeof SyncSetInfo>;
export const SyncSetsResponse = z.object({ syncSets: z.array(SyncSetInfo) });

/**
 * A member keeps at most this many subscriptions. The list is stored as JSON in one Table
 * Storage property (at most 32,768 UTF-16 units): 400 ids of 64 characters take
 * 400 × 67 + 1 = 26,801 (each id quoted, with a comma; the brackets).
 */
export const MAX_SUBSCRIPTIONS = 400;

/** `PUT` / `DELETE …/members/{email}/subscriptions/{contactId}`: the member's list after it. */
export const SubscriptionsResponse = z.object({
  email: z.string(),
  subscriptions: z.array(z.string()),
});
export type SubscriptionsResponse = z.infer<typeof SubscriptionsResponse>;

// --- Backup and restore (docs/sync-protocol.md "Backup and restore") -----------------------

/** What a backup file says it is: its format's name and version (a reader refuses others). */
export const BACKUP_FORMAT = "bcm-backup";
export const BACKUP_VERSION = 1;

/** A record as named in a backup page's `next` and in `BackupRecordsRequest.after`. */
export const RecordRef = z.strictObject({ type: RecordType, id: Id });
export type RecordRef = z.infer<typeof RecordRef>;

/** Who wrote a field's value, and when (the mutation's `at`). */
const FieldStamp = z.strictObject({
  at: At,
  by: z.string().check(z.minLength(1), z.maxLength(256)),
});

/**
 * A live record as a backup keeps it (tombstones are left out: a restored database starts every
 * copy afresh, so nothing needs to hear of a delete). `stamps` says who wrote each field and
 * when, which conflicts name after a restore too; a field without one (a file made by hand) gets
 * the record's last change (`updatedAt`, `updatedBy`). Strict: nothing else of the server's
 * bookkeeping (`seq`, `deleted`) can be brought in.
 */
export const BackupRecord = z.strictObject({
  type: RecordType,
  id: Id,
  version: z.int().check(z.positive()),
  updatedAt: At,
  updatedBy: z.string().check(z.minLength(1), z.maxLength(256)),
  fields: FieldMap,
  stamps: z.optional(z.record(z.string().check(z.minLength(1), z.maxLength(64)), FieldStamp)),
});
export type BackupRecord = z.infer<typeof BackupRecord>;

/** A member as a backup keeps them: never the user they were bound to (a restore invites again). */
export const BackupMember = z.strictObject({
  email: Email,
  role: Role,
  syncSet: z.nullable(SyncSetName),
  subscriptions: z.array(Id).check(z.maxLength(MAX_SUBSCRIPTIONS)),
});
export type BackupMember = z.infer<typeof BackupMember>;

export const BackupSyncSet = z.strictObject({ name: SyncSetName, filter: Filter });
export type BackupSyncSet = z.infer<typeof BackupSyncSet>;

/** A restore brings at most this many members and sync sets. */
export const MAX_BACKUP_MEMBERS = 1000;
export const MAX_BACKUP_SYNC_SETS = 200;

/** `GET /databases/{db}/backup` (owners): everything of a database but its records. */
export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  database: z.object({ id: Id, name: z.string() }),
  createdAt: At,
  members: z.array(BackupMember).check(z.maxLength(MAX_BACKUP_MEMBERS)),
  syncSets: z.array(BackupSyncSet).check(z.maxLength(MAX_BACKUP_SYNC_SETS)),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

/** `POST /databases/{db}/backup/records` (owners): the live records after `after`, by type and id. */
export const BackupRecordsRequest = z.strictObject({
  after: z.nullable(RecordRef),
  limit: z._default(z.int().check(z.gte(1), z.lte(1000)), 1000),
});
export const BackupRecordsResponse = z.object({
  records: z.array(BackupRecord),
  /** Where the next page starts (`after`); null: this was the last. */
  next: z.nullable(RecordRef),
});
export type BackupRecordsResponse = z.infer<typeof BackupRecordsResponse>;

/** A backup file: the header and every live record (`.bcmbackup.json`). */
export const BackupFile = z.extend(BackupHeader, { records: z.array(BackupRecord) });
export type BackupFile = z.infer<typeof BackupFile>;

/**
 * `PUT /databases/{id}/restore`: starts restoring a backup into a new database of the id the
 * client chose (it sends the same again after a lost answer). Strict, like its parts.
 */
export const RestoreRequest = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  name: DatabaseName,
  members: z.array(BackupMember).check(z.maxLength(MAX_BACKUP_MEMBERS)),
  syncSets: z.array(BackupSyncSet).check(z.maxLength(MAX_BACKUP_SYNC_SETS)),
});
export type RestoreRequest = z.infer<typeof RestoreRequest>;

/** One request of a restore carries at most this many records (and 4 MiB). */
export const MAX_RESTORE_RECORDS = 1000;

/** `POST /databases/{db}/restore/records`: the file's records from index `from` on. */
export const RestoreRecordsRequest = z.strictObject({
  from: z.int().check(z.nonnegative()),
  records: z.array(BackupRecord).check(z.maxLength(MAX_RESTORE_RECORDS)),
});
export type RestoreRecordsRequest = z.infer<typeof RestoreRecordsRequest>;

/** A restore so far: `received` records are stored (the next request sends from there). */
export const RestoreProgress = z.object({ id: Id, name: z.string(), received: z.int() });
export type RestoreProgress = z.infer<typeof RestoreProgress>;

/** `POST /databases/{db}/restore/finish`: the file held `records` records; opens the database. */
export const RestoreFinishRequest = z.strictObject({ records: z.int().check(z.nonnegative()) });
