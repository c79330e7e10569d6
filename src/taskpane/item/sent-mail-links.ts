/**
 * Turning the sent-mail queue (src/sync/sent-mail.ts) into contact history: each queued
 * e-mail sent to contacts becomes a history item linked to them (or adds them to the item that
 * exists), through the engine, so through the outbox; e-mails sent to no contact leave nothing.
 * Every entry taken is removed from the queue once its change is stored, so a pane closed half
 * way leaves the rest for the next one, and an entry taken twice changes nothing the second
 * time: the history item's id comes from the message's send id (`historyIdForSend`).
 *
 * One pane at a time takes a copy's entries (a Web Lock named after the copy).
 */
import type { SentMail, SentMailQueue } from "../../sync/sent-mail";
import { SENT_MAIL_CHANNEL } from "../../sync/sent-mail";
import { WebLocks } from "../../browser/web-locks";
import type { MailItem } from "../../office/office";
import type { Locks } from "../../sync/ports";
import type { SyncEngine } from "../../sync/engine";
import { neverLinked, text } from "../contacts/contact-view";
import { addContacts, linkFields, messageItem } from "./item-link";
import { addressKey, contactsByAddress } from "./item-people";

/** The id of the history item of a message our send event queued (`sendId`, its header). */
export async function historyIdForSend(sendId: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(sendId.trim())),
  );
  const base64 = btoa(String.fromCharCode(...digest));
  return "s-" + base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The queued message as the item the linking code reads. */
function asMailItem(mail: SentMail): MailItem {
  return messageItem({
    ...mail,
    // Bcc'd contacts were written to too: the sender's history lists them with the others.
    cc: [...mail.cc, ...mail.bcc],
    internetMessageId: null,
    when: mail.sentAt,
  });
}

export type SentMailOutcome = "linked" | "no-contact" | "unchanged" | "refused";

/** Links one queued message to the contacts among its recipients. */
export async function linkSentMail(engine: SyncEngine, mail: SentMail): Promise<SentMailOutcome> {
  const item = asMailItem(mail);
  const recipients = [...item.to, ...item.cc].map((r) => addressKey(r.emailAddress));
  const byAddress = contactsByAddress(engine.records("contact"), new Set(recipients));
  const contacts = recipients
    .flatMap((address) => byAddress.get(address) ?? [])
    .filter((c) => !neverLinked(c.fields));
  if (contacts.length === 0) return "no-contact";
  const contactIds = [...new Set(contacts.map((c) => c.id))];
  const companyId = contacts.map((c) => text(c.fields.companyId)).find((id) => id !== null) ?? null;
  const historyId = await historyIdForSend(mail.sendId);
  let existing = engine.get("history", historyId);
  if (existing === null) {
    const fields = linkFields({
      item,
      user: item.from,
      contactIds,
      companyId,
      restId: null,
      snippet: mail.snippet,
    });
    const created = await engine.create("history", fields, historyId);
    if (created.status === "saved") return "linked";
    if (created.status !== "exists") return "refused";
    existing = created.record;
  }
  const addition = addContacts(existing, contactIds, companyId);
  if (addition === null) return "unchanged";
  const updated = await engine.update("history", historyId, addition.changes);
  return updated.status === "saved" || updated.status === "unchanged" ? "linked" : "refused";
}

/**
 * Links every queued message of the engine's copy and empties its part of the queue. A message
 * the engine refuses (a field past the schema's limits) is logged and dropped with the rest:
 * it would be refused again at every opening.
 */
export async function linkQueuedMail(
  engine: SyncEngine,
  queue: Pick<SentMailQueue, "list" | "remove">,
  locks: Locks,
): Promise<number> {
  return locks.request(`bcm-sent-mail|${engine.copyId}`, async () => {
    const { mails, broken } = await queue.list(engine.copyId);
    for (const key of broken) await queue.remove(key);
    let linked = 0;
    for (const { key, mail } of mails) {
      const outcome = await linkSentMail(engine, mail);
      if (outcome === "linked") linked += 1;
      if (outcome === "refused") console.error("A sent e-mail could not be linked", mail.sendId);
      await queue.remove(key);
    }
    return linked;
  });
}

/**
 * Links the engine's queued e-mails now, and again whenever the send event says the queue grew
 * (`SENT_MAIL_CHANNEL`), until the returned function is called. A reader's entries are removed
 * instead: they can never be linked by them.
 */
export function watchSentMail(
  engine: SyncEngine,
  queue: Pick<SentMailQueue, "list" | "remove">,
  canEdit: boolean,
): () => void {
  const locks = WebLocks.orFallback();
  const run = () => {
    const work = canEdit
      ? linkQueuedMail(engine, queue, locks)
      : queue
          .list(engine.copyId)
          .then(({ mails, broken }) =>
            Promise.all([...broken, ...mails.map((m) => m.key)].map((k) => queue.remove(k))),
          );
    work.catch((error: unknown) => console.error("Could not link the e-mails sent", error));
  };
  run();
  if (typeof BroadcastChannel === "undefined") return () => undefined;
  const channel = new BroadcastChannel(SENT_MAIL_CHANNEL);
  channel.addEventListener("message", run);
  return () => channel.close();
}
