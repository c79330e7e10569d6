/**
 * The view: what the user sees of a record. It is the server state with my pending mutations
 * applied on top, field by field and in mid order, and with the conflicts waiting in my inbox
 * showing my value (until I answer, the field holds what I wrote; the inbox says what the
 * shared database holds). A `"*"` conflict does not change the view: the record shows as the
 * server has it.
 */
import type { RecordType, WireRecord } from "../shared/protocol";
import type { Fields } from "../shared/json";
import { applyFields } from "../shared/json";
import { recordKey } from "./keys";
import type { ConflictItem, LocalState, OutboxEntry } from "./state";

export interface ViewRecord {
  readonly type: RecordType;
  readonly id: string;
  /** The fields, never holding `null` (absent and `null` are the same). Do not change it. */
  readonly fields: Readonly<Fields>;
  /** The server version this view builds on; `null` for a record not on the server yet. */
  readonly version: number | null;
  /** When it last changed: my latest pending change's `at`, else the server's `updatedAt`. */
  readonly updatedAt: string | null;
  /** Whether changes of mine to this record wait to be pushed. */
  readonly pending: boolean;
  /** The fields whose conflict waits in the inbox (they show my value). */
  readonly conflicts: readonly string[];
}

/**
 * The record as the server will hold it once my pending mutations applied without conflict,
 * or null when it would not exist. `pending` is this record's part of the outbox, in order.
 */
export function pendingState(
  server: WireRecord | undefined,
  pending: readonly OutboxEntry[],
): Fields | null {
  let fields: Fields | null = server && !server.deleted ? server.fields : null;
  for (const { mutation } of pending) {
    if (mutation.op === "delete") fields = null;
    else if (mutation.baseVersion === null) fields = applyFields(fields ?? {}, mutation.fields);
    // An edit of a record that is gone changes nothing (the server will say so).
    else if (fields !== null) fields = applyFields(fields, mutation.fields);
  }
  return fields;
}

/** The view of one record, or null when it does not exist for the user. */
export function viewRecord(
  type: RecordType,
  id: string,
  server: WireRecord | undefined,
  pending: readonly OutboxEntry[],
  inbox: readonly ConflictItem[],
): ViewRecord | null {
  let fields = pendingState(server, pending);
  if (fields === null) return null;
  const conflicts: string[] = [];
  const overlay: Fields = {};
  for (const item of inbox) {
    if (item.field === "*") continue;
    overlay[item.field] = item.mine;
    conflicts.push(item.field);
  }
  if (conflicts.length > 0) fields = applyFields(fields, overlay);
  return {
    type,
    id,
    fields,
    version: server && !server.deleted ? server.version : null,
    updatedAt: pending.findLast((e) => e.mutation.at)?.mutation.at ?? server?.updatedAt ?? null,
    pending: pending.length > 0,
    conflicts,
  };
}

/** The view of one record from an engine's state. */
export function viewOf(
  state: Pick<LocalState, "server" | "outbox" | "inbox">,
  type: RecordType,
  id: string,
): ViewRecord | null {
  const key = recordKey(type, id);
  return viewRecord(
    type,
    id,
    state.server.get(key),
    state.outbox.filter((e) => recordKey(e.mutation.type, e.mutation.id) === key),
    state.inbox.filter((i) => i.type === type && i.id === id),
  );
}
