/**
 * Reading a push's answer (docs/sync-protocol.md, "Push"): which records changed on the server,
 * which mutations are answered, what conflicted, what was rejected. Pure: the caller writes it.
 *
 * - `applied`/`partial`/`conflict`: `record` is the server's state right after the mutation;
 *   `conflicts` says what did not apply.
 * - `duplicate`: an earlier request carried this mutation and its answer was lost. `record` is
 *   the record's state now; each field of mine it does not hold is taken as a conflict (theirs
 *   = the record's value, theirsAt = the record's `updatedAt`, the best the answer tells), an
 *   edit of a record that is gone as a `"*"` conflict, a delete of a record still there too.
 * - `rejected`: goes to the needs-attention list with the server's error; so does a `partial` or
 *   `conflict` that comes without its conflicts (outside the view: they cannot be settled here).
 * - An answer other than `rejected` without `record`: the record is not in the member's view
 *   (the change took it out, or it never was in it): the copy drops it.
 */
import type { Json, MutationResult, PushResponse, WireRecord } from "../shared/protocol";
import type { Fields } from "../shared/json";
import { sameJson } from "../shared/json";
import { RejectCode } from "../shared/errors";
import { recordKey } from "./keys";
import { entryKey } from "./outbox";
import type { ServerState } from "./server-state";
import type { AttentionItem, ConflictItem, OutboxEntry } from "./state";

export interface PushOutcome {
  /** Records as the answers left them, one per record (the latest answer's). */
  readonly records: WireRecord[];
  /** Keys of records the answers say are not in the member's view: the copy drops them. */
  readonly gone: string[];
  /** Mids answered: they leave the outbox. */
  readonly answered: Set<number>;
  /** Conflicts to settle by the rule. */
  readonly conflicts: ConflictItem[];
  /** Conflicts that a later change of mine to the same field (or record) makes moot. */
  readonly superseded: ConflictItem[];
  readonly rejected: Array<Omit<AttentionItem, "id">>;
  /** New `baseVersion`s of chained deletes still pending, by mid. */
  readonly chained: Map<number, number>;
}

/**
 * Reads `response` to the request that carried `sent`. `outbox` is the whole outbox (`sent` is
 * its start); `server` the server state before the answer; `now` an ISO instant.
 */
export function readPushResponse(
  sent: readonly OutboxEntry[],
  response: PushResponse,
  outbox: readonly OutboxEntry[],
  server: ServerState,
  now: string,
): PushOutcome {
  const byMid = new Map<number, MutationResult>(response.results.map((r) => [r.mid, r]));
  const outcome: PushOutcome = {
    records: [],
    gone: [],
    answered: new Set(),
    conflicts: [],
    superseded: [],
    rejected: [],
    chained: new Map(),
  };
  /** The records as the answers so far left them (to know what a `"*"` conflict deleted). */
  const working = new Map<string, WireRecord | undefined>();
  const current = (key: string) => (working.has(key) ? working.get(key) : server.get(key));
  const conflicts: ConflictItem[] = [];

  for (const entry of sent) {
    const m = entry.mutation;
    const result = byMid.get(m.mid);
    if (!result) continue; // Not answered: it stays, and goes again.
    outcome.answered.add(m.mid);
    const key = entryKey(entry);
    const before = current(key);
    const record = result.record;
    if (result.status !== "rejected") working.set(key, record);
    const at = m.at ?? now;
    const item = (
      field: string,
      base: Json,
      mine: Json,
      theirs: Json,
      when: string | null,
      by: string | null,
    ): ConflictItem => ({
      mid: m.mid,
      type: m.type,
      id: m.id,
      op: m.op,
      field,
      base,
      mine,
      theirs,
      theirsAt: when,
      theirsBy: by,
      at,
      version: record && !record.deleted ? record.version : null,
      ...(field === "*" && m.op === "upsert" && before && !before.deleted
        ? { restore: before.fields }
        : {}),
    });

    let clean = false;
    switch (result.status) {
      case "applied":
        clean = true;
        break;
      case "partial":
      case "conflict":
        // Conflicts left out with the record (outside the member's view): nothing to settle by
        // the rule, and nothing to drop silently, so the change needs attention.
        if (!result.conflicts?.length) {
          outcome.rejected.push({ mutation: m, error: result.error ?? OUTSIDE_VIEW, at: now });
          break;
        }
        for (const c of result.conflicts) {
          conflicts.push(item(c.field, c.base, c.mine, c.theirs, c.theirsAt, c.theirsBy));
        }
        break;
      case "rejected":
        outcome.rejected.push({
          mutation: m,
          error: result.error ?? { code: "rejected", message: "The server refused this change." },
          at: now,
        });
        break;
      case "duplicate": {
        const missing = missingFromDuplicate(m, record);
        if (missing === "unknown") {
          outcome.rejected.push({
            mutation: m,
            error: {
              code: "unknown_outcome",
              message:
                "The server answered an earlier copy of this change, that answer was lost, and the record is not there (or no longer in your sync set): the change was refused, or took it out of your copy. Edit and retry, or discard it.",
            },
            at: now,
          });
        } else if (missing === "whole") {
          const theirs = record && !record.deleted ? record.fields : null;
          const mine = m.op === "upsert" ? m.fields : null;
          conflicts.push(
            item("*", null, mine, theirs, record?.updatedAt ?? null, record?.updatedBy ?? null),
          );
        } else {
          for (const [field, mine] of missing) {
            const base = m.op === "upsert" ? (m.base?.[field] ?? null) : null;
            const theirs = record?.fields[field] ?? null;
            conflicts.push(
              item(field, base, mine, theirs, record?.updatedAt ?? null, record?.updatedBy ?? null),
            );
          }
          clean = missing.length === 0;
        }
        break;
      }
    }
    if (clean && record) followChain(outbox, entry, record, outcome.chained);
  }

  for (const c of conflicts) {
    (isSuperseded(c, outbox) ? outcome.superseded : outcome.conflicts).push(c);
  }
  for (const [key, record] of working) {
    if (record) outcome.records.push(record);
    else outcome.gone.push(key);
  }
  return outcome;
}

/** A conflict the server could not show (an older server's answer carries no `error`). */
const OUTSIDE_VIEW = {
  code: RejectCode.OutsideSyncSet,
  message:
    "Your change conflicts with a record that is outside your sync set now, so it could not be settled here.",
};

/**
 * What of a duplicate's mutation the record does not hold: field by field (empty: all of it
 * applied), `"whole"` for a delete of a record still there or an edit of one gone, `"unknown"`
 * for an edit with no record at all (the first answer was most likely a rejection).
 */
function missingFromDuplicate(
  m: OutboxEntry["mutation"],
  record: WireRecord | undefined,
): Array<[string, Json]> | "whole" | "unknown" {
  if (m.op === "delete") return record && !record.deleted ? "whole" : [];
  if (!record) return "unknown";
  if (record.deleted) return "whole";
  const fields: Fields = record.fields;
  return Object.entries(m.fields).filter(([field, mine]) => !sameJson(fields[field], mine));
}

/**
 * After my mutation of a record applied cleanly, a chained delete of the same record moves its
 * `baseVersion` along when the answer's version is the next one (nobody else wrote in between).
 */
function followChain(
  outbox: readonly OutboxEntry[],
  entry: OutboxEntry,
  record: WireRecord,
  chained: Map<number, number>,
): void {
  const key = entryKey(entry);
  for (const later of outbox) {
    if (!later.chained || later.mutation.mid <= entry.mutation.mid || entryKey(later) !== key) {
      continue;
    }
    if (later.mutation.op !== "delete") continue;
    const base = chained.get(later.mutation.mid) ?? later.mutation.baseVersion;
    if (record.version === base + 1) chained.set(later.mutation.mid, record.version);
  }
}

/** Whether a later mutation of mine sets the same field (or deletes, or for `"*"` touches the record). */
export function isSuperseded(c: ConflictItem, outbox: readonly OutboxEntry[]): boolean {
  const key = recordKey(c.type, c.id);
  return outbox.some(({ mutation: m }) => {
    if (m.mid <= c.mid || recordKey(m.type, m.id) !== key) return false;
    if (c.field === "*" || m.op === "delete") return true;
    return c.field in m.fields;
  });
}
