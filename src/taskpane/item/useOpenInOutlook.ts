/**
 * Opens the Outlook item a history item is linked to (its `itemIdHint`, a REST id) in Outlook's
 * own window, and says so in the pane when Outlook cannot find it: the hint goes stale when the
 * e-mail moves to another folder or is deleted, and a colleague's hint names an item in their
 * mailbox, not the user's. For any history timeline: pass `openItem` as its `onOpenItem`, and
 * show `problem` (OpenItemProblem does) near it.
 */
import { useCallback, useState } from "react";
import { isItemNotFound } from "../../office/office";
import type { OfficeSession } from "../../office/office";
import type { ViewRecord } from "../../sync/view";
import { text } from "../contacts/contact-view";

export interface OpenInOutlook {
  /** Opens the item's Outlook item; problems go to `problem`. */
  readonly openItem: (item: ViewRecord) => void;
  /** What went wrong with the last item opened; null when it opened. */
  readonly problem: string | null;
  readonly dismiss: () => void;
}

export function useOpenInOutlook(session: OfficeSession): OpenInOutlook {
  const [problem, setProblem] = useState<string | null>(null);
  const openItem = useCallback(
    (item: ViewRecord) => {
      const restId = text(item.fields.itemIdHint);
      const appointment = item.fields.kind === "appointment";
      const what = appointment ? "appointment" : "e-mail";
      setProblem(null);
      if (restId === null) {
        setProblem(`This ${what} is not linked to an Outlook item.`);
        return;
      }
      session.openItem(appointment ? "appointment" : "message", restId).then(
        () => undefined,
        (error: unknown) => {
          if (isItemNotFound(error)) {
            setProblem(`Outlook could not find this ${what}; it may have been moved or deleted.`);
          } else {
            console.error("Outlook could not open the item", error);
            setProblem(`Outlook could not open this ${what}.`);
          }
        },
      );
    },
    [session],
  );
  const dismiss = useCallback(() => setProblem(null), []);
  return { openItem, problem, dismiss };
}
