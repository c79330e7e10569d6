/**
 * The owner's "Find e-mails for every contact" (backfill.ts), run by the pane in the background
 * while it is open, and resumed when it opens again on the same copy. The status bar shows how
 * far it got; the database panel starts and stops it (`BackfillContext`). The backfill's code
 * loads when an owner's copy is open, not with the pane's first script.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import type { Role } from "../../shared/protocol";
import type { SyncEngine } from "../../sync/engine";
import type * as BackfillModule from "./backfill";
import type { BackfillState } from "./backfill";
import type { MailSearch } from "./useMailSearch";

export interface Backfill {
  /** Where the last backfill of this copy stands; null when there was none. */
  readonly state: BackfillState | null;
  /** Starts a backfill over the last `days` days (a running one goes on). */
  readonly start: (days: number) => void;
  /** Stops after the page under way. */
  readonly stop: () => void;
  /** Goes on with a stopped or failed backfill from where it stood. */
  readonly resume: () => void;
}

export const BackfillContext = createContext<Backfill | null>(null);

export function useBackfillControl(): Backfill | null {
  return useContext(BackfillContext);
}

const storage = () => localStorage;

let closing = false;
if (typeof window !== "undefined") {
  window.addEventListener("pagehide", () => {
    closing = true;
  });
  // Back from the browser's page cache: open again.
  window.addEventListener("pageshow", () => {
    closing = false;
  });
}

export function useBackfill(
  engine: SyncEngine | null,
  search: MailSearch | null,
  role: Role | null,
): Backfill | null {
  // Whose copy the state shown is: another copy's is not shown.
  const [kept, setKept] = useState<{ copyId: string; state: BackfillState | null } | null>(null);
  const running = useRef<{ engine: SyncEngine; stop: boolean } | null>(null);
  const allowed = engine !== null && search !== null && role === "owner";
  const state = kept !== null && kept.copyId === engine?.copyId ? kept.state : null;
  const complete = engine?.copy?.complete === true;

  const run = useCallback(
    async (from: (m: typeof BackfillModule) => BackfillState | null) => {
      if (!engine || !search || running.current?.engine === engine) return;
      const backfill = await import("./backfill");
      const first = from(backfill);
      if (!first || first.status !== "running") return;
      const mine = { engine, stop: false };
      running.current = mine;
      try {
        const graph = await search.open();
        await backfill.runBackfill({
          engine,
          graph,
          user: search.user,
          state: first,
          stopped: () => mine.stop,
          onProgress: (next) => {
            // A pane going away aborts the request under way: that is no failure to keep, and
            // the next opening goes on from the last page kept.
            if (closing) return;
            backfill.saveBackfill(storage, engine.copyId, next);
            if (running.current === mine) setKept({ copyId: engine.copyId, state: next });
          },
        });
      } catch (error) {
        console.error("Finding e-mails for every contact failed", error);
      } finally {
        if (running.current === mine) running.current = null;
      }
    },
    [engine, search],
  );

  // The copy's last backfill, shown; resumed if it was running when the pane closed.
  useEffect(() => {
    if (!allowed || !complete || !engine) return;
    let active = true;
    void import("./backfill").then((backfill) => {
      const last = backfill.readBackfill(storage, engine.copyId);
      if (!active) return;
      setKept({ copyId: engine.copyId, state: last });
      if (last?.status === "running") void run(() => last);
    });
    return () => {
      active = false;
      if (running.current?.engine === engine) running.current.stop = true;
    };
  }, [allowed, complete, engine, run]);

  const start = useCallback(
    (days: number) => {
      if (!engine) return;
      void run((backfill) => {
        const fresh = backfill.newBackfill(engine, Date.now(), days);
        backfill.saveBackfill(storage, engine.copyId, fresh);
        setKept({ copyId: engine.copyId, state: fresh });
        return fresh;
      });
    },
    [engine, run],
  );
  const resume = useCallback(() => {
    const last = state;
    if (!engine || !last || last.status === "running" || last.status === "done") return;
    void run((backfill) => {
      const again: BackfillState = { ...last, status: "running" };
      delete again.problem;
      backfill.saveBackfill(storage, engine.copyId, again);
      setKept({ copyId: engine.copyId, state: again });
      return again;
    });
  }, [engine, run, state]);
  const stop = useCallback(() => {
    if (running.current) running.current.stop = true;
  }, []);

  return allowed ? { state, start, stop, resume } : null;
}

/** The status bar's line while a backfill runs; null otherwise. */
export function backfillText(state: BackfillState | null): string | null {
  if (state?.status !== "running") return null;
  const n = (value: number) => value.toLocaleString();
  return `Finding e-mails: ${n(state.searched)} of ${n(state.total)} contacts searched, ${n(state.linked)} linked`;
}
