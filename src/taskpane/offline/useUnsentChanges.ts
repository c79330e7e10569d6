/**
 * Keeps the list of unsent changes in localStorage up to date (unsent-changes.ts) and, when the
 * copy opened empty although it was complete here before (the host wiped it), tells which unsent
 * changes it could not keep: read once per engine, before anything rewrites the list.
 */
import { useEffect, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import { hadCompleteCopy } from "../database/copy-memory";
import { recordName } from "./record-text";
import type { UnsentChange, UnsentList } from "./unsent-changes";
import { rememberUnsent, rememberedUnsent } from "./unsent-changes";
import { useEngineRevision } from "./useEngineRevision";

const storage = () => localStorage;

export function useUnsentChanges(engine: SyncEngine): UnsentList | null {
  const revision = useEngineRevision(engine);
  const [lost, setLost] = useState(() => ({ engine, list: lostOn(engine) }));
  let current = lost;
  if (lost.engine !== engine) {
    current = { engine, list: lostOn(engine) };
    setLost(current);
  }
  useEffect(() => {
    rememberUnsent(storage, engine.copyId, unsentOf(engine));
  }, [engine, revision]);
  return current.list;
}

function lostOn(engine: SyncEngine): UnsentList | null {
  if (!engine.fresh || !hadCompleteCopy(storage, engine.copyId)) return null;
  const list = rememberedUnsent(storage, engine.copyId);
  return list && list.changes.length > 0 ? list : null;
}

function unsentOf(engine: SyncEngine): UnsentChange[] {
  return engine.outbox.map(({ mutation: m }) => {
    const viewed = engine.get(m.type, m.id);
    const fields = viewed?.fields ?? (m.op === "upsert" ? m.fields : {});
    const op = m.op === "delete" ? "delete" : m.baseVersion === null ? "create" : "edit";
    return { type: m.type, id: m.id, name: recordName(m.type, m.id, fields), op, at: m.at ?? "" };
  });
}
