/**
 * The keys of an offline copy in its `LocalStore` (one store per user and shared database). Everything
 * under `rec:` and `sync:cursor`/`sync:sweep`/`sync:copy` can be downloaded again; the outbox,
 * the conflict inbox and the needs-attention list (`outbox:`, `inbox:`, `attention:`) and
 * `sync:client` cannot, and survive a re-download (docs/sync-engine.md, "Storage keys").
 */
import type { RecordType } from "../shared/protocol";

/** The pull cursor of the last page applied (a string). */
export const CURSOR_KEY = "sync:cursor";
/** During a re-download after a 410: the record keys not seen again yet (mark and sweep). */
export const SWEEP_KEY = "sync:sweep";
/** Whether the offline copy was complete once: `{complete, startedAt, completedAt?}`. */
export const COPY_KEY = "sync:copy";
/** This copy's client id, its next mid, the highest mid sent, and the store's revision. */
export const CLIENT_KEY = "sync:client";
/** The database's Offline Settings. */
export const SETTINGS_KEY = "sync:settings";
/** Whose copy this is: `{api, user, databaseId}` (owner.ts). */
export const OWNER_KEY = "sync:owner";
/** The copy's layout version, a whole number (migrations.ts). */
export const SCHEMA_KEY = "sync:schema";
/** This computer's clock against the server's: `{offsetMs, measuredAt}` (clock.ts). */
export const CLOCK_KEY = "sync:clock";

/** Segments of the server state: `rec:<12 digits>` (see server-state.ts). */
export const SEGMENT_PREFIX = "rec:";
/** Pending mutations: `outbox:<mid, 12 digits>`. */
export const OUTBOX_PREFIX = "outbox:";
/** Conflicts waiting for the user: `inbox:<mid, 12 digits>:<field>`. */
export const INBOX_PREFIX = "inbox:";
/** Rejected mutations: `attention:<item id>` (the id starts with the mid, 12 digits). */
export const ATTENTION_PREFIX = "attention:";
/** Entries that could not be read, set aside: `quarantine:<12 digits>` (quarantine.ts). */
export const QUARANTINE_PREFIX = "quarantine:";
/** The sync log: `log:<time, 13 digits>-<4 letters>` (sync-log.ts). */
export const LOG_PREFIX = "log:";

/** Zero-padded to 12 digits, so that keys sort in numeric order. */
export function pad(n: number): string {
  return String(n).padStart(12, "0");
}

/** A record's identity inside the copy: `type:id` (never a store key itself). */
export function recordKey(type: RecordType, id: string): string {
  return `${type}:${id}`;
}

export const segmentKey = (n: number): string => `${SEGMENT_PREFIX}${pad(n)}`;
export const outboxKey = (mid: number): string => `${OUTBOX_PREFIX}${pad(mid)}`;
export const inboxKey = (mid: number, field: string): string =>
  `${INBOX_PREFIX}${pad(mid)}:${field}`;
export const attentionKey = (id: string): string => `${ATTENTION_PREFIX}${id}`;
