/**
 * The outbox's rules: how a local change becomes a mutation (its `mid`, `baseVersion`, `base`),
 * when it may be folded into the mutation before it, and how a push is cut into requests.
 *
 * Coalescing: a change is folded into the LAST mutation of the outbox only, only when it is of
 * the same record and was never put in a request (its mid is above `sentMid`): then no mid
 * moves, and the server sees one mutation that says what the two said (the first one's base,
 * the second one's values), which is what it would have merged from the two. A field set back
 * to its base is left out (nothing to change, nothing to conflict); an edit left with nothing
 * is dropped and its mid given back; a delete after my own create that never left drops both.
 */
import type { Mutation } from "../shared/protocol";
import { MAX_PUSH_MUTATIONS } from "../shared/protocol";
import type { Fields } from "../shared/json";
import { sameJson, withoutNulls } from "../shared/json";
import { recordKey } from "./keys";
import type { ClientMeta, OutboxEntry } from "./state";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A mutation before it gets its mid. */
export type DraftMutation = DistributiveOmit<Mutation, "mid">;

/** What a local change does to the outbox. */
export type OutboxPlan =
  /** A new mutation at the end, with the next mid. */
  | { readonly kind: "append"; readonly entry: OutboxEntry }
  /** The last mutation, rewritten (same mid). */
  | { readonly kind: "replace"; readonly entry: OutboxEntry }
  /** The last mutation goes, and its mid is given back. */
  | { readonly kind: "drop-last"; readonly mid: number };

export const entryKey = (entry: OutboxEntry): string =>
  recordKey(entry.mutation.type, entry.mutation.id);

/** The last outbox entry, when a change of `key` may be folded into it. */
function foldable(outbox: readonly OutboxEntry[], client: ClientMeta, key: string) {
  const last = outbox.at(-1);
  if (!last || last.mutation.mid <= client.sentMid || entryKey(last) !== key) return null;
  return last;
}

/**
 * An edit (`baseVersion` a number; `base` the values it changes as they will be on the server
 * once my earlier pending mutations applied) or a create (`baseVersion` null).
 */
export function planUpsert(
  outbox: readonly OutboxEntry[],
  client: ClientMeta,
  draft: Extract<DraftMutation, { op: "upsert" }>,
): OutboxPlan | null {
  const key = recordKey(draft.type, draft.id);
  const last = foldable(outbox, client, key);
  // A create is never folded: the record it makes is new to the view.
  if (!last || last.mutation.op !== "upsert" || draft.baseVersion === null) {
    return { kind: "append", entry: { mutation: { ...normalize(draft), mid: client.nextMid } } };
  }
  const before = last.mutation;
  const fields: Fields = { ...before.fields, ...draft.fields };
  if (before.baseVersion === null) {
    const mutation: Mutation = { ...before, fields: withoutNulls(fields), at: draft.at };
    return { kind: "replace", entry: { mutation } };
  }
  const base: Fields = { ...(draft.base ?? {}), ...(before.base ?? {}) };
  for (const name of Object.keys(fields)) {
    if (sameJson(fields[name], base[name])) {
      delete fields[name];
      delete base[name];
    }
  }
  for (const name of Object.keys(base)) if (!(name in fields)) delete base[name];
  if (Object.keys(fields).length === 0) return { kind: "drop-last", mid: before.mid };
  return { kind: "replace", entry: { mutation: { ...before, base, fields, at: draft.at } } };
}

/**
 * A delete of a record the view shows. `serverVersion` is the version the server state holds
 * (null when the record exists only through my pending create); `mine` is the record's part of
 * the outbox (found in it unless given).
 */
export function planDelete(
  outbox: readonly OutboxEntry[],
  client: ClientMeta,
  draft: { type: Mutation["type"]; id: string; serverVersion: number | null; at: string },
  mine: readonly OutboxEntry[] = outbox.filter(
    (e) => entryKey(e) === recordKey(draft.type, draft.id),
  ),
): OutboxPlan {
  const key = recordKey(draft.type, draft.id);
  const last = foldable(outbox, client, key);
  const make = (mid: number, baseVersion: number, chained: boolean): OutboxEntry => ({
    mutation: { op: "delete", type: draft.type, id: draft.id, baseVersion, at: draft.at, mid },
    ...(chained ? { chained: true } : {}),
  });
  if (last && mine.length === 1 && last.mutation.op === "upsert") {
    const { mid, baseVersion } = last.mutation;
    if (baseVersion === null) return { kind: "drop-last", mid };
    // Based on what the user saw: the server's state now (a pull may have moved it since the
    // edit was made), else the edit's own base.
    return { kind: "replace", entry: make(mid, draft.serverVersion ?? baseVersion, false) };
  }
  if (mine.length === 0 && draft.serverVersion !== null) {
    return { kind: "append", entry: make(client.nextMid, draft.serverVersion, false) };
  }
  // On top of my own pending changes: its baseVersion follows their answers, starting from the
  // server's version, or 1 (what a new record starts at) for a record I created.
  return { kind: "append", entry: make(client.nextMid, draft.serverVersion ?? 1, true) };
}

function normalize(draft: Extract<DraftMutation, { op: "upsert" }>): DraftMutation {
  return draft.baseVersion === null ? { ...draft, fields: withoutNulls(draft.fields) } : draft;
}

/** At most this many bytes of mutations in one request (the protocol allows 4 MiB). */
export const MAX_PUSH_BYTES = 3 * 1024 * 1024;

/**
 * The next request's mutations: from the start of the outbox, at most `max` and about
 * `MAX_PUSH_BYTES`, stopping before a chained delete whose record has a mutation earlier in the
 * same request (its `baseVersion` waits for that one's answer).
 */
export function nextBatch(outbox: readonly OutboxEntry[], max = MAX_PUSH_MUTATIONS): OutboxEntry[] {
  const batch: OutboxEntry[] = [];
  const touched = new Set<string>();
  let bytes = 0;
  for (const entry of outbox) {
    if (batch.length >= max) break;
    const key = entryKey(entry);
    if (entry.chained && touched.has(key)) break;
    const size = JSON.stringify(entry.mutation).length * 2;
    if (batch.length > 0 && bytes + size > MAX_PUSH_BYTES) break;
    batch.push(entry);
    touched.add(key);
    bytes += size;
  }
  return batch;
}
