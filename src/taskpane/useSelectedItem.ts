/** The Outlook item selected now, following the selection while the pane is pinned. */
import { useEffect, useState } from "react";
import type { MailItem, OfficeSession } from "../office/office";

export function useSelectedItem(session: OfficeSession): MailItem | null {
  const [item, setItem] = useState(() => session.currentItem());
  useEffect(() => {
    let active = true;
    let stop: (() => void) | null = null;
    session.onItemChanged(setItem).then(
      (unsubscribe) => {
        if (!active) {
          unsubscribe();
          return;
        }
        stop = unsubscribe;
        // The selection may have changed between the first render and the registration.
        setItem(session.currentItem());
      },
      (error: unknown) => {
        // The pane still shows the item it opened on; it just will not follow the selection.
        console.error("Could not follow Outlook's selection", error);
      },
    );
    return () => {
      active = false;
      stop?.();
    };
  }, [session]);
  return item;
}
