/**
 * The link between the selected Outlook item and contact history: the history item's id (worked
 * out once per item), the record as the offline copy holds it, and `link()`, which creates it or
 * adds contacts to it. Links are engine changes like any other: stored at once, pushed when the
 * database can be reached, so linking works offline.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { MailItem, OfficeSession } from "../../office/office";
import { headerValue } from "../../office/headers";
import type { EditOutcome, SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { describeError } from "../../client/errors";
import { useRecords } from "../useRecords";
import { SEND_ID_HEADER } from "../../sync/sent-mail";
import {
  addContacts,
  historyIdForItem,
  linkFields,
  missingMessageIds,
  SNIPPET_LENGTH,
  snippetOf,
} from "./item-link";
import { addressKey } from "./item-people";
import { historyIdForSend } from "./sent-mail-links";

export type LinkResult =
  | { readonly status: "linked"; readonly added: readonly string[] }
  | { readonly status: "unchanged" }
  | { readonly status: "failed"; readonly message: string };

export interface ItemLinks {
  /** Whether the history id has been worked out (it takes a hash). */
  readonly ready: boolean;
  /** The history item's id; null for an item that cannot be linked (no message id, a draft). */
  readonly historyId: string | null;
  /** The history item linking this Outlook item, as the copy holds it; null when none. */
  readonly record: ViewRecord | null;
  /** Links the item to `contactIds` (those not linked yet), with `companyId` for a new record. */
  readonly link: (contactIds: readonly string[], companyId: string | null) => Promise<LinkResult>;
}

/** The item's REST id (URL-safe), or null when Outlook gives none or refuses to convert it. */
function restIdOf(session: OfficeSession, item: MailItem): string | null {
  if (item.itemId === null) return null;
  try {
    return session.toRestId(item.itemId);
  } catch (error) {
    console.error("Could not convert the item id", error);
    return null;
  }
}

/**
 * The history id of `item`. The user's own sent e-mail that our send event queued carries its
 * send id as a header, and is the history item that event made; every other item has the id
 * of `historyIdForItem`. The header is trusted on the user's own messages only: anyone can
 * write any header into a message they send.
 */
async function historyIdOf(
  session: OfficeSession,
  item: MailItem,
  restId: string | null,
): Promise<string | null> {
  const mine =
    item.itemType === "message" &&
    item.from !== null &&
    session.user !== null &&
    addressKey(item.from.emailAddress) === addressKey(session.user.emailAddress);
  if (mine) {
    const headers = await session.internetHeaders(item).catch((error: unknown) => {
      console.error("Could not read the item's headers", error);
      return null;
    });
    const sendId = headers === null ? null : headerValue(headers, SEND_ID_HEADER);
    if (sendId !== null && sendId !== "") return historyIdForSend(sendId);
  }
  return historyIdForItem(item, restId);
}

function itemKey(item: MailItem): string {
  return `${item.itemType}|${item.itemId ?? ""}|${item.internetMessageId ?? ""}`;
}

function failure(outcome: EditOutcome): LinkResult | null {
  if (outcome.status === "invalid") {
    return { status: "failed", message: `The link could not be saved: ${outcome.message}` };
  }
  if (outcome.status === "not_found") {
    return { status: "failed", message: "The linked history item is gone from this copy." };
  }
  return null;
}

export function useItemLinks(
  engine: SyncEngine,
  session: OfficeSession,
  item: MailItem,
): ItemLinks {
  const key = itemKey(item);
  const restId = useMemo(() => restIdOf(session, item), [session, item]);
  const [computed, setComputed] = useState<{ key: string; id: string | null } | null>(null);
  const history = useRecords(engine, "history");
  // One link at a time: auto-linking and a click must not both create the record.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    let active = true;
    historyIdOf(session, item, restId).then(
      (id) => {
        if (active) setComputed({ key, id });
      },
      (error: unknown) => {
        console.error("Could not work out the history id of the item", error);
        if (active) setComputed({ key, id: null });
      },
    );
    return () => {
      active = false;
    };
  }, [session, item, restId, key]);

  const ready = computed?.key === key;
  const historyId = ready ? computed.id : null;
  const record = useMemo(
    () => (historyId === null ? null : (history.find((r) => r.id === historyId) ?? null)),
    [history, historyId],
  );

  const link = useCallback(
    (contactIds: readonly string[], companyId: string | null): Promise<LinkResult> => {
      const run = async (): Promise<LinkResult> => {
        if (historyId === null) {
          return { status: "failed", message: "Outlook gives no id for this item yet." };
        }
        let existing = engine.get("history", historyId);
        if (existing === null) {
          const snippet =
            item.itemType === "message"
              ? await session.bodyText(item).then(
                  (body) => (body === null ? null : snippetOf(body, SNIPPET_LENGTH) || null),
                  (error: unknown) => {
                    // The link is worth more than its snippet: make it without one.
                    console.error("Could not read the item's text", error);
                    return null;
                  },
                )
              : null;
          const fields = linkFields({
            item,
            user: session.user,
            contactIds,
            companyId,
            restId,
            snippet,
          });
          const created = await engine.create("history", fields, historyId);
          if (created.status !== "exists") {
            return failure(created) ?? { status: "linked", added: [...new Set(contactIds)] };
          }
          // Made meanwhile (another pane, a sync): add to it instead.
          existing = created.record;
        }
        const addition = addContacts(existing, contactIds, companyId);
        const ids = missingMessageIds(existing, item);
        if (addition === null && ids === null) return { status: "unchanged" };
        const updated = await engine.update("history", historyId, {
          ...ids,
          ...addition?.changes,
        });
        return (
          failure(updated) ??
          (addition ? { status: "linked", added: addition.added } : { status: "unchanged" })
        );
      };
      const next = queue.current.then(run).catch((error: unknown): LinkResult => ({
        status: "failed",
        message: describeError(error),
      }));
      queue.current = next;
      return next;
    },
    [engine, session, item, historyId, restId],
  );

  return { ready, historyId, record, link };
}
