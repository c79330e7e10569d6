/**
 * Linking an Outlook item to contacts: the history item's id, its fields, and whether a link
 * creates it, adds contacts to it, or has nothing to do.
 *
 * An e-mail's history id comes from its `internetMessageId` (historyIdForMessage), so the same
 * e-mail linked twice, or by two colleagues, is one record. Appointments have no such id in
 * office.js: theirs is derived from the item's REST id (`a-` and the base64url SHA-256 of it),
 * stable for that item in the user's calendar; a colleague's copy of the same meeting has
 * another item id, so it makes a record of its own.
 *
 * Merge-friendliness: a link to a record the copy already holds changes `contactIds` alone (and
 * `companyId` when it has none), so two colleagues adding different contacts conflict only on
 * that one list, and only when both changed it since their last sync. A create carries the
 * fields every colleague computes alike from the same e-mail, plus `linkedBy`, `itemIdHint` and
 * `direction`, which are each user's own: two creates of the same e-mail that cross before
 * either synced conflict on those (and on `contactIds` if they chose different contacts).
 */
import type { Fields } from "../../shared/json";
import type { Json } from "../../shared/protocol";
import { EmailAddress as ValidAddress, historyIdForMessage } from "../../shared/records";
import type { EmailAddress, MailItem } from "../../office/office";
import type { ViewRecord } from "../../sync/view";
import { text, texts } from "../contacts/contact-view";
import { addressKey, clip, everyone } from "./item-people";

/** How much of the body a linked item keeps as its snippet. */
export const SNIPPET_LENGTH = 300;

/**
 * `text` with runs of white space folded to one space and trimmed, cut to at most `maxLength`
 * characters (Unicode code points), the last one "…" when it was cut (at a word's end when one
 * is near).
 */
export function snippetOf(text: string, maxLength: number): string {
  const folded = text.replace(/\s+/gu, " ").trim();
  const chars = [...folded];
  if (chars.length <= maxLength) return folded;
  const cut = chars.slice(0, Math.max(0, maxLength - 1)).join("");
  // End on a whole word when one ends near the cut, so the snippet does not end mid-word.
  const space = cut.lastIndexOf(" ");
  return (space > cut.length * 0.6 ? cut.slice(0, space) : cut).trimEnd() + "…";
}

const MAX_PARTICIPANTS = 500;
const MAX_CONTACT_IDS = 500;

/**
 * The id of the history item that links `item`: from the message id for an e-mail, from the
 * REST item id for an appointment. Null when the item has neither (a draft, an unsaved
 * appointment).
 */
export async function historyIdForItem(
  item: MailItem,
  restId: string | null,
): Promise<string | null> {
  if (item.itemType === "message") {
    const messageId = item.internetMessageId?.trim() ?? "";
    return messageId === "" || messageId === "<>" ? null : historyIdForMessage(messageId);
  }
  if (restId === null || restId === "") return null;
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(restId)),
  );
  const base64 = btoa(String.fromCharCode(...digest));
  return "a-" + base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A person as a queue or Graph has them (`name`, `email`). */
interface NamedAddress {
  readonly name: string;
  readonly email: string;
}

/**
 * A message known outside Outlook's selection (the send event's queue, Graph's results) as the
 * item `linkFields` reads: no item id, no appointment fields.
 */
export function messageItem(message: {
  readonly subject: string;
  readonly from: NamedAddress | null;
  readonly to: readonly NamedAddress[];
  readonly cc: readonly NamedAddress[];
  readonly internetMessageId: string | null;
  readonly conversationId: string | null;
  readonly when: string | null;
}): MailItem {
  const person = (p: NamedAddress): EmailAddress => ({
    displayName: p.name,
    emailAddress: p.email,
  });
  return {
    itemType: "message",
    itemId: null,
    subject: message.subject,
    from: message.from ? person(message.from) : null,
    organizer: null,
    to: message.to.map(person),
    cc: message.cc.map(person),
    requiredAttendees: [],
    optionalAttendees: [],
    internetMessageId: message.internetMessageId,
    conversationId: message.conversationId,
    dateTimeCreated: message.when,
    start: null,
    end: null,
  };
}

/** The contacts a history item is linked to. */
export function linkedContactIds(record: ViewRecord | null): string[] {
  return record ? texts(record.fields.contactIds) : [];
}

function participants(item: MailItem): Json[] {
  return everyone(item)
    .slice(0, MAX_PARTICIPANTS)
    .flatMap((person) => {
      const entry: Record<string, Json> = {};
      if (person.name !== "") entry.name = clip(person.name, 256);
      // Exchange can give addresses that are not Internet ones (X.500 for some internal senders):
      // the record keeps the name then, since the schema accepts only e-mail addresses.
      if (ValidAddress.safeParse(person.address).success) entry.email = person.address;
      return Object.keys(entry).length === 0 ? [] : [entry];
    });
}

function minutesBetween(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  const minutes = Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
  return Number.isFinite(minutes) && minutes >= 0 ? Math.min(minutes, 100_000) : null;
}

export interface LinkInput {
  readonly item: MailItem;
  readonly user: EmailAddress | null;
  readonly contactIds: readonly string[];
  readonly companyId: string | null;
  /** The item id in REST form (URL-safe), kept as a hint to open the item again. */
  readonly restId: string | null;
  readonly snippet: string | null;
}

/** The fields of a new history item linking the item to `contactIds`. */
export function linkFields(input: LinkInput): Fields {
  const { item, user } = input;
  const message = item.itemType === "message";
  const fields: Record<string, Json> = { kind: message ? "email" : "appointment" };
  if (item.subject !== "") fields.subject = clip(item.subject, 1000);
  const when = message ? item.dateTimeCreated : (item.start ?? item.dateTimeCreated);
  if (when !== null) fields.when = when;
  if (!message) {
    const minutes = minutesBetween(item.start, item.end);
    if (minutes !== null) fields.durationMinutes = minutes;
  }
  if (message && user && item.from) {
    fields.direction =
      addressKey(item.from.emailAddress) === addressKey(user.emailAddress)
        ? "outgoing"
        : "incoming";
  }
  fields.contactIds = [...new Set(input.contactIds)].slice(0, MAX_CONTACT_IDS);
  if (input.companyId !== null) fields.companyId = input.companyId;
  const people = participants(item);
  if (people.length > 0) fields.participants = people;
  // Values past the schema's limits are left out rather than cut: a cut id identifies nothing.
  if (item.internetMessageId !== null && [...item.internetMessageId].length <= 998) {
    fields.internetMessageId = item.internetMessageId;
  }
  if (item.conversationId !== null && [...item.conversationId].length <= 512) {
    fields.conversationId = item.conversationId;
  }
  if (input.restId !== null && [...input.restId].length <= 512) fields.itemIdHint = input.restId;
  if (input.snippet !== null && input.snippet !== "") {
    fields.snippet = clip(input.snippet, 500);
  }
  const linkedBy = user?.emailAddress.toLowerCase() ?? null;
  if (linkedBy !== null && ValidAddress.safeParse(linkedBy).success) fields.linkedBy = linkedBy;
  return fields;
}

/** Adding contacts to a history item that exists: the changes, and the contacts added. */
export interface Addition {
  readonly changes: Fields;
  readonly added: readonly string[];
}

/**
 * The change that adds to `existing` the contacts it lacks (and `companyId` when it names no
 * company); null when every contact is linked already. Only these fields change, so that the
 * update merges with colleagues' changes to the rest of the record.
 */
export function addContacts(
  existing: ViewRecord,
  contactIds: readonly string[],
  companyId: string | null,
): Addition | null {
  const linked = linkedContactIds(existing);
  const added = [...new Set(contactIds)].filter((id) => !linked.includes(id));
  if (added.length === 0) return null;
  const changes: Record<string, Json> = {
    contactIds: [...linked, ...added].slice(0, MAX_CONTACT_IDS),
  };
  if (companyId !== null && text(existing.fields.companyId) === null) {
    changes.companyId = companyId;
  }
  return { changes, added };
}

/**
 * The message ids `existing` lacks and `item` gives: a history item our send event made
 * (sent-mail-links.ts) learns its internetMessageId when the pane first shows the sent copy.
 * Null when it lacks none.
 */
export function missingMessageIds(existing: ViewRecord, item: MailItem): Fields | null {
  const changes: Record<string, Json> = {};
  const messageId = item.internetMessageId;
  if (text(existing.fields.internetMessageId) === null && messageId !== null) {
    if (messageId.trim() !== "" && [...messageId].length <= 998) {
      changes.internetMessageId = messageId;
    }
  }
  const conversationId = item.conversationId;
  if (text(existing.fields.conversationId) === null && conversationId !== null) {
    if (conversationId !== "" && [...conversationId].length <= 512) {
      changes.conversationId = conversationId;
    }
  }
  return Object.keys(changes).length === 0 ? null : changes;
}

/** Something said about one Outlook item (a problem, an announcement), keyed by the item. */
export interface ItemNote {
  readonly key: string;
  readonly text: string;
}

/** The note's text while `itemKey` is still the item it was said about; else null. */
export function noteFor(note: ItemNote | null, itemKey: string): string | null {
  return note?.key === itemKey ? note.text : null;
}
