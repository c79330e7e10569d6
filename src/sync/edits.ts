/**
 * Local changes as outbox plans: a create, an edit or a delete of one record, checked against
 * the view, with the `base` and `baseVersion` the protocol asks for, and the inbox items the
 * change answers. Each function stages its writes in `c` and says what happened; validation of
 * the fields themselves is the caller's (src/shared/records.ts).
 */
import type { RecordType } from "../shared/protocol";
import type { Changes } from "./changes";
import type { EditOutcome } from "./engine";
import type { Fields } from "../shared/json";
import { sameJson } from "../shared/json";
import { recordKey } from "./keys";
import { planDelete, planUpsert } from "./outbox";
import { pendingState } from "./view";

/** A new record (refused when the view already shows one with that id). */
export function planCreate(
  c: Changes,
  type: RecordType,
  id: string,
  fields: Fields,
  at: string,
): EditOutcome {
  const existing = c.view(type, id);
  if (existing) return { status: "exists", record: existing };
  const plan = planUpsert(c.state.outbox, c.client, {
    op: "upsert",
    type,
    id,
    baseVersion: null,
    fields,
    at,
  });
  if (plan) c.plan(plan);
  // The record made anew answers whatever waited about the one that was there.
  c.removeInbox(c.state.inbox.filter((i) => i.type === type && i.id === id));
  return { status: "saved", record: null };
}

/**
 * New values for some fields. `base` is each field as the server will hold it once my earlier
 * pending mutations applied (the view without the inbox's overlay): what the user's change was
 * made on. A value equal to that needs no mutation (it may still answer an inbox item).
 */
export function planUpdate(
  c: Changes,
  type: RecordType,
  id: string,
  changes: Fields,
  at: string,
): EditOutcome {
  const key = recordKey(type, id);
  const server = c.state.server.get(key);
  const before = pendingState(server, c.pendingOf(type, id));
  const view = c.view(type, id);
  if (before === null || view === null) return { status: "not_found" };
  const changed = Object.entries(changes).filter(([f, v]) => !sameJson(view.fields[f], v));
  if (changed.length === 0) return { status: "unchanged", record: view };
  // A new value for a field whose conflict waits in the inbox answers that conflict; an edit of
  // a record whose deletion lost to their edit (`"*"`) says I keep it.
  const names = new Set(changed.map(([f]) => f));
  c.removeInbox(
    c.state.inbox.filter(
      (i) => i.type === type && i.id === id && (names.has(i.field) || i.field === "*"),
    ),
  );
  const fields: Fields = {};
  const base: Fields = {};
  for (const [f, v] of changed) {
    if (sameJson(before[f], v)) continue;
    fields[f] = v;
    base[f] = before[f] ?? null;
  }
  if (Object.keys(fields).length > 0) {
    const plan = planUpsert(c.state.outbox, c.client, {
      op: "upsert",
      type,
      id,
      // On top of my own pending create there is no server version yet: 1 is what it will be
      // (the server reads an edit's base field by field; only a delete checks the version).
      baseVersion: server && !server.deleted ? server.version : 1,
      base,
      fields,
      at,
    });
    if (plan) c.plan(plan);
  }
  return { status: "saved", record: null };
}

/** A delete of a record the view shows; it answers every inbox item of the record. */
export function planRemove(c: Changes, type: RecordType, id: string, at: string): EditOutcome {
  if (c.view(type, id) === null) return { status: "not_found" };
  const server = c.state.server.get(recordKey(type, id));
  c.plan(
    planDelete(
      c.state.outbox,
      c.client,
      { type, id, serverVersion: server && !server.deleted ? server.version : null, at },
      c.pendingOf(type, id),
    ),
  );
  c.removeInbox(c.state.inbox.filter((i) => i.type === type && i.id === id));
  return { status: "saved", record: null };
}
