/**
 * Field-by-field merge of one mutation into a record's current state: pure, no storage.
 *
 * For each field the mutation sets, the server keeps its own value when somebody else changed
 * it since the client's base (a conflict, reported with who wrote it and when) and applies the
 * mutation's value otherwise. The server never decides a conflict: the client's rule does.
 */
import type { Conflict, Json, Mutation, MutationStatus } from "../../../src/shared/protocol";
import type { StoredRecord } from "../storage/repository";
import { RejectCode } from "../../../src/shared/errors";
import { sameJson, withoutNulls } from "../../../src/shared/json";
import { viewProjection } from "./view";

export type Merged =
  /** `state` is the new state when `changed`, else the current one (or null if none). */
  | {
      status: Exclude<MutationStatus, "duplicate" | "rejected">;
      state: StoredRecord | null;
      changed: boolean;
      conflicts: Conflict[];
    }
  | { status: "rejected"; code: RejectCode; message: string; field?: string };

type Draft = Omit<StoredRecord, "seq"> & { seq: number };

/**
 * Merges `m` (already validated) by `user` at server time `now` into `current`.
 * `current` is null when the record never existed.
 */
export function merge(
  current: StoredRecord | null,
  m: Mutation,
  user: string,
  now: string,
): Merged {
  if (m.op === "delete") {
    if (!current)
      return {
        status: "rejected",
        code: RejectCode.NotFound,
        message: `There is no ${m.type} ${m.id} to delete.`,
      };
    if (current.deleted)
      return { status: "applied", state: current, changed: false, conflicts: [] };
    if (current.version !== m.baseVersion) {
      return {
        status: "conflict",
        state: current,
        changed: false,
        conflicts: [wholeRecord(current, null)],
      };
    }
    const stamps = { "*": { at: stampAt(m.at, now), by: user } };
    const state: Draft = {
      ...current,
      version: current.version + 1,
      deleted: true,
      updatedAt: now,
      updatedBy: user,
      // Only what views read, so that the delete reaches only the views the record was in.
      fields: viewProjection(current),
      stamps,
    };
    return { status: "applied", state, changed: true, conflicts: [] };
  }

  const creating = m.baseVersion === null;
  if (!current) {
    if (!creating)
      return {
        status: "rejected",
        code: RejectCode.NotFound,
        message: `There is no ${m.type} ${m.id} to change.`,
      };
    const fields = withoutNulls(m.fields);
    const at = stampAt(m.at, now);
    const stamps = Object.fromEntries(Object.keys(fields).map((f) => [f, { at, by: user }]));
    const state: Draft = {
      type: m.type,
      id: m.id,
      version: 1,
      deleted: false,
      updatedAt: now,
      updatedBy: user,
      fields,
      stamps,
      seq: 0,
      viewSeq: 0,
      bornSeq: 0,
    };
    return { status: "applied", state, changed: true, conflicts: [] };
  }
  // An edit of a record deleted since its base: nothing applies (a create brings it back).
  if (current.deleted && !creating) {
    return {
      status: "conflict",
      state: current,
      changed: false,
      conflicts: [wholeRecord(current, m.fields)],
    };
  }

  const fields = current.deleted ? {} : { ...current.fields };
  const stamps: StoredRecord["stamps"] = current.deleted ? {} : { ...current.stamps };
  const conflicts: Conflict[] = [];
  let applied = 0;
  let changed = current.deleted;
  for (const [field, mine] of Object.entries(m.fields)) {
    const theirs = fields[field] ?? null;
    const base = creating ? null : (m.base?.[field] ?? null);
    if (sameJson(theirs, mine)) {
      applied++;
    } else if (sameJson(theirs, base)) {
      applied++;
      changed = true;
      if (mine === null) {
        delete fields[field];
        delete stamps[field];
      } else {
        fields[field] = mine;
        stamps[field] = { at: stampAt(m.at, now), by: user };
      }
    } else {
      const stamp = current.stamps[field];
      conflicts.push({
        field,
        base,
        mine,
        theirs,
        theirsAt: stamp?.at ?? null,
        theirsBy: stamp?.by ?? null,
      });
    }
  }
  const status = conflicts.length === 0 ? "applied" : applied > 0 ? "partial" : "conflict";
  if (!changed) return { status, state: current, changed: false, conflicts };
  const state: Draft = {
    ...current,
    version: current.version + 1,
    deleted: false,
    updatedAt: now,
    updatedBy: user,
    fields,
    stamps,
  };
  return { status, state, changed: true, conflicts };
}

/**
 * When a write counts as made, for "newest wins" (docs/sync-protocol.md, "Which clock decides"):
 * the client's `at` (when its user made the change, in server time as the client measured it),
 * but never later than the server's own clock, so that a client whose clock runs ahead cannot
 * stamp its changes in the future and win every later conflict.
 */
export function stampAt(at: string | undefined, now: string): string {
  if (at === undefined) return now;
  return Date.parse(at) > Date.parse(now) ? now : at;
}

/** `{"field": "*"}`: the record as a whole changed or went away since the client's base. */
function wholeRecord(current: StoredRecord, mine: Record<string, Json> | null): Conflict {
  // The latest write: the delete's own stamp, or the newest field stamp.
  const latest = Object.values(current.stamps).reduce<{ at: string; by: string } | null>(
    (a, b) => (a === null || b.at > a.at ? b : a),
    null,
  );
  return {
    field: "*",
    base: null,
    mine,
    theirs: current.deleted ? null : current.fields,
    theirsAt: latest?.at ?? current.updatedAt,
    theirsBy: latest?.by ?? current.updatedBy,
  };
}
