/**
 * The "Link e-mails from my contacts automatically" setting, kept in localStorage per database
 * (`bcm.autoLink.<databaseId>`: "false" while off). On by default, as in Business Contact
 * Manager, where e-mails from business contacts were linked to their history automatically.
 */
import { useCallback, useEffect, useState } from "react";

const PREFIX = "bcm.autoLink.";

export function autoLinkKey(databaseId: string): string {
  return PREFIX + databaseId;
}

function read(databaseId: string): boolean {
  try {
    return localStorage.getItem(autoLinkKey(databaseId)) !== "false";
  } catch {
    // Storage the host refuses: the default holds.
    return true;
  }
}

export function useAutoLink(databaseId: string): [boolean, (on: boolean) => void] {
  const [state, setState] = useState(() => ({ databaseId, on: read(databaseId) }));
  let current = state;
  if (state.databaseId !== databaseId) {
    current = { databaseId, on: read(databaseId) };
    setState(current);
  }

  useEffect(() => {
    // Another pane of the same add-in (another Outlook window) changed it.
    const onStorage = (event: StorageEvent) => {
      if (event.key === autoLinkKey(databaseId)) setState({ databaseId, on: read(databaseId) });
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [databaseId]);

  const set = useCallback(
    (on: boolean) => {
      try {
        localStorage.setItem(autoLinkKey(databaseId), on ? "true" : "false");
      } catch (error) {
        console.error("Could not keep the auto-link setting", error);
      }
      setState({ databaseId, on });
    },
    [databaseId],
  );
  return [current.on, set];
}
