/**
 * The changes the shared database refused, with its reasons, and what the user can do with
 * each: try it again with corrections (validated again: an invalid correction comes back as
 * the engine's `invalid` outcome), or discard it.
 */
import { useCallback } from "react";
import type { Fields } from "../../shared/json";
import type { EditOutcome, SyncEngine } from "../../sync/engine";
import type { AttentionItem } from "../../sync/state";
import { recordKind, recordName, typeName } from "./record-text";
import { useEngineRevision } from "./useEngineRevision";

export interface AttentionEntry {
  readonly item: AttentionItem;
  /** The record's name (see `nameOf`). */
  readonly name: string;
  /** What the record is ("Contact", "Task"); null when it left the copy and the name says so. */
  readonly kind: string | null;
}

export function useNeedsAttention(engine: SyncEngine): {
  readonly entries: readonly AttentionEntry[];
  readonly retry: (id: string, corrections?: Fields) => Promise<EditOutcome>;
  readonly discard: (id: string) => Promise<boolean>;
} {
  useEngineRevision(engine);
  const entries = engine.needsAttention.map((item) => ({ item, ...nameOf(engine, item) }));
  const retry = useCallback(
    (id: string, corrections: Fields = {}) => engine.retry(id, corrections),
    [engine],
  );
  const discard = useCallback((id: string) => engine.discard(id), [engine]);
  return { entries, retry, discard };
}

/**
 * The record's name as the copy shows it; for a refused create, as it would have been; else
 * (an edit of a record that left the copy) what little is known.
 */
function nameOf(engine: SyncEngine, item: AttentionItem): { name: string; kind: string | null } {
  const { type, id } = item.mutation;
  const viewed = engine.get(type, id);
  const fields =
    viewed?.fields ??
    (item.mutation.op === "upsert" && item.mutation.baseVersion === null
      ? item.mutation.fields
      : null);
  if (fields) return { name: recordName(type, id, fields), kind: recordKind(type, fields) };
  return { name: `A ${typeName(type)} no longer in your copy`, kind: null };
}
