/**
 * Notices an offline copy that vanished: the engine opened an empty copy (`fresh`) of a
 * copy this user held complete on this browser profile before, so the host (Outlook or the browser)
 * cleared its storage. True while it is downloaded again, then "downloaded again" until the
 * user dismisses it. Marks each complete copy, for the next time.
 */
import { useCallback, useEffect, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import { useEngineRevision } from "../offline/useEngineRevision";
import { hadCompleteCopy, rememberCompleteCopy } from "./copy-memory";

const storage = () => localStorage;

export type VanishedCopy = "none" | "downloading" | "downloaded";

export function useVanishedCopy(engine: SyncEngine): {
  readonly state: VanishedCopy;
  readonly dismiss: () => void;
} {
  useEngineRevision(engine);
  // Read once per engine, when it is first shown: `fresh` turns false with the first write.
  const [seen, setSeen] = useState(() => ({
    engine,
    vanished: engine.fresh && hadCompleteCopy(storage, engine.copyId),
  }));
  let current = seen;
  if (seen.engine !== engine) {
    current = { engine, vanished: engine.fresh && hadCompleteCopy(storage, engine.copyId) };
    setSeen(current);
  }
  const complete = engine.copy?.complete === true;
  useEffect(() => {
    if (complete) rememberCompleteCopy(storage, engine.copyId);
  }, [engine, complete]);
  const dismiss = useCallback(() => setSeen({ engine, vanished: false }), [engine]);
  const state: VanishedCopy = !current.vanished ? "none" : complete ? "downloaded" : "downloading";
  return { state, dismiss };
}
