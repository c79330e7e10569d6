/**
 * An auto-linking choice of the user for the database shown (src/browser/auto-link.ts), kept in
 * step with the other panes of the add-in (another Outlook window may change it).
 */
import { useCallback, useEffect, useState } from "react";
import type { AutoLinkKind } from "../../browser/auto-link";
import { autoLinkKey, readAutoLink, writeAutoLink } from "../../browser/auto-link";

const storage = () => localStorage;

export function useAutoLink(
  kind: AutoLinkKind,
  databaseId: string,
): [boolean, (on: boolean) => void] {
  const [state, setState] = useState(() => ({
    databaseId,
    on: readAutoLink(storage, kind, databaseId),
  }));
  let current = state;
  if (state.databaseId !== databaseId) {
    current = { databaseId, on: readAutoLink(storage, kind, databaseId) };
    setState(current);
  }

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === autoLinkKey(kind, databaseId)) {
        setState({ databaseId, on: readAutoLink(storage, kind, databaseId) });
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [kind, databaseId]);

  const set = useCallback(
    (on: boolean) => {
      writeAutoLink(storage, kind, databaseId, on);
      setState({ databaseId, on });
    },
    [kind, databaseId],
  );
  return [current.on, set];
}
