/**
 * The offline copy's server state without an engine: what the task pane used before the sync
 * engine (engine.ts) took over, kept until the pane moves onto it. Both read and write the same
 * layout (server-state.ts, pull.ts), so a copy made here is the engine's copy.
 */
import type { RecordType, WireRecord } from "../shared/protocol";
import { Changes } from "./changes";
import { pullChanges } from "./pull";
import { ServerState } from "./server-state";
import { loadState } from "./state";
import type { LocalStore } from "./store";
import type { Transport } from "./transport";

export { CURSOR_KEY, recordKey } from "./keys";

export interface PullAllResult {
  /** Pages fetched, at least one. */
  readonly pages: number;
  /** Records written or deleted (tombstones) and `removed` entries applied. */
  readonly changes: number;
  /** The cursor now kept: the next pull starts there. */
  readonly cursor: string;
  /** Whether the kept cursor had expired (410) and the copy was downloaded again from the start. */
  readonly restarted: boolean;
}

/**
 * Pulls every change after the kept cursor, page by page until `more` is false, into `store`
 * (see pull.ts: each page is written with its cursor; an expired cursor re-downloads the copy
 * and sweeps what the new copy did not bring).
 *
 * Rejects with the transport's errors (`ApiError`, `NetworkError`) or a `StoreError`; pages
 * applied before the failure stay applied.
 */
export async function pullAll(
  transport: Pick<Transport, "pull">,
  store: LocalStore,
  databaseId: string,
  limit = 1000,
): Promise<PullAllResult> {
  const { state } = await loadState(store, () => "unused");
  return pullChanges({
    transport,
    databaseId,
    limit,
    state: () => state,
    change: async (make) => {
      const changes = new Changes(state);
      make(changes);
      await changes.batch.commit(store);
    },
    now: () => new Date().toISOString(),
  });
}

/**
 * The records of one type the server state holds (the shared database's values, without this
 * copy's pending changes), in no particular order. A copy that does not read as one rejects
 * with a `StoreError` rather than showing less.
 */
export async function readRecords(store: LocalStore, type: RecordType): Promise<WireRecord[]> {
  return (await ServerState.load(store)).records(type);
}
