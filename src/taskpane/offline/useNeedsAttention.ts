/**
 * The changes the shared database refused, with its reasons, and what the user can do with
 * each: try it again with corrections (validated again: an invalid correction comes back as
 * the engine's `invalid` outcome), or discard it.
 */
import { useCallback } from "react";
import type { Fields } from "../../shared/json";
import type { EditOutcome, SyncEngine } from "../../sync/engine";
import type { AttentionItem } from "../../sync/state";
import { recordName } from "./record-text";
import { useEngineRevision } from "./useEngineRevision";

export interface AttentionEntry {
  readonly item: AttentionItem;
  /** The record's name as the copy shows it, else as the refused change had it. */
  readonly name: string;
}

export function useNeedsAttention(engine: SyncEngine): {
  readonly entries: readonly AttentionEntry[];
  readonly retry: (id: string, corrections?: Fields) => Promise<EditOutcome>;
  readonly discard: (id: string) => Promise<boolean>;
} {
  useEngineRevision(engine);
  const entries = engine.needsAttention.map((item) => ({
    item,
    name: nameOf(engine, item),
  }));
  const retry = useCallback(
    (id: string, corrections: Fields = {}) => engine.retry(id, corrections),
    [engine],
  );
  const discard = useCallback((id: string) => engine.discard(id), [engine]);
  return { entries, retry, discard };
}

function nameOf(engine: SyncEngine, item: AttentionItem): string {
  const { type, id } = item.mutation;
  const viewed = engine.get(type, id)?.fields;
  const sent = item.mutation.op === "upsert" ? item.mutation.fields : null;
  return recordName(type, id, viewed ?? sent);
}
