/** How many conflicts wait for an answer and how many refused changes need attention. */
import type { SyncEngine } from "../../sync/engine";
import { useEngineRevision } from "./useEngineRevision";

export function useOfflineCounts(engine: SyncEngine): {
  readonly conflicts: number;
  readonly needsAttention: number;
} {
  useEngineRevision(engine);
  return { conflicts: engine.inbox.length, needsAttention: engine.needsAttention.length };
}
