/**
 * E-mails found in the user's mailbox by Microsoft Graph (src/client/graph-mail.ts), on a
 * contact's card ("Find e-mails") or for every contact (backfill.ts), become history items
 * linked to the contacts among their people, one page of results in one batch of local
 * changes, through the outbox like any link.
 *
 * Each message is one history item however often it is found, and whoever finds it: its id
 * comes from its `internetMessageId` (`historyIdForMessage`), as when the pane links the e-mail
 * shown beside it, so a message two colleagues find, or one already linked, gains the contact
 * rather than making a second item. A message the user sent that the send event linked already
 * (an `s-` item, src/taskpane/item/sent-mail-links.ts) is recognised by its subject and sending
 * time within `SENT_MATCH_MS`, when that item has not learnt its message id yet, and gains it.
 * Graph is asked with `Mail.ReadBasic`, which gives no bodies: these items have no excerpt.
 */
import { AuthError } from "../../auth/auth";
import type { GraphMessage } from "../../client/graph-mail";
import { GraphError } from "../../client/graph-mail";
import type { EmailAddress } from "../../office/office";
import type { Fields } from "../../shared/json";
import { historyIdForMessage } from "../../shared/records";
import type { LocalEdit, SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { neverLinked, text } from "../contacts/contact-view";
import { addContacts, linkFields, messageItem, missingMessageIds } from "../item/item-link";
import { addressKey } from "../item/item-people";

/** How far apart a sent item's time and Graph's sending time may be to be the same message. */
export const SENT_MATCH_MS = 10 * 60_000;

export interface LinkCount {
  /** History items made or given the contact. */
  readonly linked: number;
  /** Messages linked to the contact already. */
  readonly already: number;
  /** Changes the copy refused (logged). */
  readonly refused: number;
}

/** The send event's item for `message`, sent by `user`, if one waits for its message id. */
function sentItemFor(
  sent: readonly ViewRecord[],
  message: GraphMessage,
  user: EmailAddress,
): ViewRecord | null {
  if (!message.from || addressKey(message.from.email) !== addressKey(user.emailAddress)) {
    return null;
  }
  const at = Date.parse(message.sentDateTime ?? "");
  if (!Number.isFinite(at)) return null;
  return (
    sent.find(
      (r) =>
        text(r.fields.internetMessageId) === null &&
        (text(r.fields.subject) ?? "") === message.subject &&
        Math.abs(Date.parse(text(r.fields.when) ?? "") - at) <= SENT_MATCH_MS,
    ) ?? null
  );
}

/** The contacts among a message's people, found by address in `byAddress`. */
export function contactsAmong(
  byAddress: ReadonlyMap<string, readonly ViewRecord[]>,
): (message: GraphMessage) => ViewRecord[] {
  return (message) => {
    const people = [...(message.from ? [message.from] : []), ...message.to, ...message.cc];
    const found = people
      .flatMap((p) => byAddress.get(addressKey(p.email)) ?? [])
      .filter((c) => !neverLinked(c.fields));
    return [...new Set(found)];
  };
}

/**
 * Links `messages` (one page of Graph's results) to the contacts `contactsOf` names for each
 * (a contact's own search: that contact; every contact's: those among its people), in one batch
 * of changes. Never links a message twice in a batch; a message with no contact is passed over.
 */
export async function linkFoundMessages(
  engine: SyncEngine,
  contactsOf: (message: GraphMessage) => readonly ViewRecord[],
  messages: readonly GraphMessage[],
  user: EmailAddress,
): Promise<LinkCount> {
  const sent = engine.records("history").filter((r) => r.id.startsWith("s-"));
  const edits: LocalEdit[] = [];
  const seen = new Set<string>();
  let already = 0;
  for (const message of messages) {
    const contacts = contactsOf(message);
    if (contacts.length === 0) continue;
    const contactIds = contacts.map((c) => c.id);
    const companyId =
      contacts.map((c) => text(c.fields.companyId)).find((id) => id !== null) ?? null;
    const item = messageItem({
      ...message,
      when: message.sentDateTime ?? message.receivedDateTime,
    });
    const messageId = await historyIdForMessage(message.internetMessageId);
    const existing = engine.get("history", messageId) ?? sentItemFor(sent, message, user);
    const id = existing?.id ?? messageId;
    if (seen.has(id)) continue;
    seen.add(id);
    if (existing === null) {
      const fields = linkFields({
        item,
        user,
        contactIds,
        companyId,
        restId: message.id,
        snippet: null,
      });
      edits.push({ op: "create", type: "history", id, fields });
      continue;
    }
    const changes: Fields = {
      ...missingMessageIds(existing, item),
      ...addContacts(existing, contactIds, companyId)?.changes,
    };
    if (Object.keys(changes).length === 0) already += 1;
    else edits.push({ op: "update", type: "history", id, changes });
  }
  if (edits.length === 0) return { linked: 0, already, refused: 0 };
  const outcomes = await engine.applyAll(edits);
  const refused = outcomes.filter((o) => o.status !== "saved" && o.status !== "unchanged");
  for (const outcome of refused) console.error("A found e-mail could not be linked", outcome);
  return { linked: edits.length - refused.length, already, refused: refused.length };
}

/** Why a search of the mailbox failed, in words for the user. */
export function searchProblem(error: unknown): string {
  if (error instanceof AuthError) {
    return `Microsoft 365 did not let Business Contact Manager read your mailbox: ${error.message}`;
  }
  if (error instanceof GraphError) {
    switch (error.kind) {
      case "throttled":
        return "Microsoft 365 asked to wait before more searches. Try again in a few minutes.";
      case "unauthorized":
      case "forbidden":
        return "Microsoft 365 refused to search your mailbox. Your organization may not allow it; ask your administrator.";
      case "unreachable":
        return "Microsoft 365 could not be reached. Check your connection and try again.";
      default:
        return `The search failed: ${error.message}`;
    }
  }
  return `The search failed: ${error instanceof Error ? error.message : String(error)}`;
}
