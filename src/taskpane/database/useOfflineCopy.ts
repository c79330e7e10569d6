/**
 * The offline copy of the open database: whether it is complete, the progress of the sync
 * making it, the changes the shared database does not have yet, "Export changes", and "Drop
 * offline copy" (refused while changes would be lost, unless exported first or forced). A
 * dropped copy is downloaded again at once, unless the user works offline.
 */
import { useCallback, useEffect, useState } from "react";
import { readWorkOffline } from "../../browser/work-offline";
import type { ChangesExport, DropOutcome, SyncEngine } from "../../sync/engine";
import type { CopyState } from "../../sync/state";
import { isUnreachable } from "../../sync/transport";
import { describeError } from "../../client/errors";
import { useEngineRevision } from "../offline/useEngineRevision";
import type { SyncProgress } from "../sync-status";
import { forgetCompleteCopy } from "./copy-memory";
import { forgetFirstScreen } from "../contacts/first-screen";

const storage = () => localStorage;

export interface OfflineCopy {
  readonly copy: CopyState | null;
  /** The latest progress of the sync making the copy, while it is not complete. */
  readonly progress: SyncProgress | null;
  readonly pending: number;
  readonly conflicts: number;
  readonly needsAttention: number;
  /** Why downloading the copy again after a drop failed, in words. */
  readonly problem: string | null;
  readonly exportChanges: () => ChangesExport;
  readonly drop: (options?: { force?: boolean }) => Promise<DropOutcome>;
}

export function useOfflineCopy(engine: SyncEngine): OfflineCopy {
  useEngineRevision(engine);
  const [progress, setProgress] = useState<{ engine: SyncEngine; value: SyncProgress } | null>(
    null,
  );
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(
    () =>
      engine.subscribe((event) => {
        if (event.type === "progress") setProgress({ engine, value: event.progress });
      }),
    [engine],
  );

  const exportChanges = useCallback(() => engine.exportChanges(), [engine]);
  const drop = useCallback(
    async (options: { force?: boolean } = {}) => {
      const outcome = await engine.drop(options);
      if (outcome.status === "dropped") {
        forgetCompleteCopy(storage, engine.copyId);
        forgetFirstScreen(storage, engine.copyId);
        setProgress(null);
        setProblem(null);
        if (!readWorkOffline(storage)) {
          engine.sync().catch((error: unknown) => {
            setProblem(
              isUnreachable(error)
                ? "The database cannot be reached: the copy is downloaded again when it answers."
                : describeError(error),
            );
          });
        }
      }
      return outcome;
    },
    [engine],
  );

  const complete = engine.copy?.complete === true;
  return {
    copy: engine.copy,
    progress: !complete && progress?.engine === engine ? progress.value : null,
    pending: engine.outbox.length,
    conflicts: engine.inbox.length,
    needsAttention: engine.needsAttention.length,
    problem,
    exportChanges,
    drop,
  };
}
