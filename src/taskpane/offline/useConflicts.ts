/**
 * The conflict inbox: the conflicts waiting for the user, grouped by record and named as the
 * copy shows each record, and the answers ("Keep mine" / "Use shared", one or all alike).
 */
import { useCallback } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ConflictItem } from "../../sync/state";
import type { ConflictGroup } from "./conflict-view";
import { groupConflicts } from "./conflict-view";
import { useEngineRevision } from "./useEngineRevision";

export type Answer = "mine" | "theirs";

export function useConflicts(engine: SyncEngine): {
  readonly count: number;
  readonly groups: readonly ConflictGroup[];
  readonly answer: (item: ConflictItem, choice: Answer) => Promise<boolean>;
  /** "Use the same choice for all": answers every waiting conflict; resolves with how many. */
  readonly answerAll: (choice: Answer) => Promise<number>;
} {
  useEngineRevision(engine);
  const inbox = engine.inbox;
  const groups = groupConflicts(inbox, (type, id) => engine.get(type, id)?.fields ?? null);
  const answer = useCallback(
    (item: ConflictItem, choice: Answer) => engine.answer(item, choice),
    [engine],
  );
  const answerAll = useCallback((choice: Answer) => engine.answerAll(choice), [engine]);
  return { count: inbox.length, groups, answer, answerAll };
}
