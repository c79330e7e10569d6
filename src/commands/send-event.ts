/**
 * Outlook's send event (`OnMessageSend`, manifest.xml; docs/outlook-clients.md says which
 * Outlooks raise it): an e-mail the user sends is queued to become contact history
 * (src/sync/sent-mail.ts), the task pane open or not. The pane links the queued e-mails
 * sent to contacts when its copy is open (src/taskpane/item/useSentMailLinks.ts), through the
 * outbox, so it works offline.
 *
 * Sending is never blocked nor held up: the handler always lets the message go
 * (`allowEvent: true`, no Smart Alert), within `SEND_BUDGET_MS` at the latest, whatever failed.
 * It does nothing when the user never chose a database on this computer or turned "Link e-mails
 * I send" off for it.
 *
 * A message being composed has no internetMessageId yet: the handler gives it an id of ours
 * (`sendId`) and sets it as an internet header (`x-bcm-send-id`), which the sent copy keeps, so
 * that the pane, reading that sent copy later, finds the same history item (item-link.ts,
 * `historyIdForItem`).
 */
import { readAutoLink } from "../browser/auto-link";
import type { SentMail, SentMailPerson, SentMailQueue } from "../sync/sent-mail";
import { SEND_ID_HEADER } from "../sync/sent-mail";
import { readRememberedDatabase } from "../client/remembered-database";
import type { Preferences } from "../client/services";
import { copyId, copyOwner } from "../sync/owner";

/** How long the handler may take before it lets the message go anyway. */
export const SEND_BUDGET_MS = 3_000;
/** How much of the body is kept as the history item's excerpt. */
const SNIPPET_LENGTH = 300;

interface AsyncResult<T> {
  readonly status: string;
  readonly value: T;
  readonly error?: { readonly message?: string } | undefined;
}
type Getter<T> = { getAsync(callback: (result: AsyncResult<T>) => void): void };
interface Recipient {
  readonly displayName?: string;
  readonly emailAddress?: string;
}

/** The part of a message being composed that the handler reads (office.js, compose mode). */
export interface ComposeMessage {
  readonly itemType: unknown;
  readonly to?: Getter<Recipient[]>;
  readonly cc?: Getter<Recipient[]>;
  readonly bcc?: Getter<Recipient[]>;
  readonly subject?: Getter<string>;
  readonly body?: {
    getAsync(coercionType: string, callback: (result: AsyncResult<string>) => void): void;
  };
  readonly conversationId?: string | null;
  readonly internetHeaders?: {
    setAsync(headers: Record<string, string>, callback: (result: AsyncResult<void>) => void): void;
  };
}

export interface EventMailbox {
  readonly item?: ComposeMessage | null;
  readonly userProfile?: { readonly displayName?: string; readonly emailAddress?: string };
}

export interface SendEventDeps {
  /** `Office.context.mailbox` of the event's runtime, once office.js is ready. */
  readonly mailbox: () => Promise<EventMailbox | null>;
  readonly apiBaseUrl: string;
  readonly preferences: Pick<Preferences, "get">;
  readonly storage: () => Pick<Storage, "getItem" | "setItem">;
  readonly queue: Pick<SentMailQueue, "add">;
  /** Tells open panes that the queue grew. */
  readonly announce: () => void;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly wait: (ms: number) => Promise<void>;
}

/** Completes a send event; `allowEvent: true` lets the message go. */
export interface SendEvent {
  completed(options?: { allowEvent: boolean }): void;
}

function call<T>(getter: { getAsync(cb: (r: AsyncResult<T>) => void): void }): Promise<T> {
  return new Promise((resolve, reject) => {
    getter.getAsync((result) => {
      if (result.status === "succeeded") resolve(result.value);
      else reject(new Error(result.error?.message ?? "Outlook refused the call"));
    });
  });
}

function people(list: readonly Recipient[] | undefined): SentMailPerson[] {
  return (list ?? []).flatMap((r) => {
    const email = (r.emailAddress ?? "").trim();
    return email === "" ? [] : [{ name: (r.displayName ?? "").trim(), email }];
  });
}

/** The message as the queue keeps it, its id set as a header; null when nothing is to be kept. */
async function record(deps: SendEventDeps): Promise<{ copy: string; mail: SentMail } | null> {
  const mailbox = await deps.mailbox();
  const item = mailbox?.item;
  const email = mailbox?.userProfile?.emailAddress ?? "";
  if (!item || item.itemType !== "message" || email === "") return null;
  const database = readRememberedDatabase(deps.preferences, deps.apiBaseUrl, email);
  if (!database || !readAutoLink(deps.storage, "sent", database.id)) return null;

  const optional = <T>(getter: Getter<T> | undefined, fallback: T): Promise<T> =>
    getter ? call(getter).catch(() => fallback) : Promise.resolve(fallback);
  const [to, cc, bcc, subject, body] = await Promise.all([
    optional(item.to, []),
    optional(item.cc, []),
    optional(item.bcc, []),
    optional(item.subject, ""),
    item.body
      ? call<string>({ getAsync: (cb) => item.body?.getAsync("text", cb) }).catch(() => null)
      : Promise.resolve(null),
  ]);
  const mail: SentMail = {
    v: 1,
    sendId: `${deps.newId()}@send.bcm.invalid`,
    sentAt: deps.now().toISOString(),
    subject,
    from: { name: mailbox?.userProfile?.displayName ?? "", email },
    to: people(to),
    cc: people(cc),
    bcc: people(bcc),
    conversationId: typeof item.conversationId === "string" ? item.conversationId : null,
    snippet: body === null ? null : body.replace(/\s+/g, " ").trim().slice(0, SNIPPET_LENGTH),
  };
  if (mail.to.length + mail.cc.length + mail.bcc.length === 0) return null;
  // Without the header the message is still queued: its read copy then makes a record of its own.
  const headers = item.internetHeaders;
  if (headers) {
    await call<void>({
      getAsync: (cb) => headers.setAsync({ [SEND_ID_HEADER]: mail.sendId }, cb),
    }).catch((error: unknown) => console.error("Could not set the send id header", error));
  }
  const owner = copyOwner(deps.apiBaseUrl, email, database.id);
  return { copy: await copyId(owner), mail };
}

/**
 * Handles one send event: queues the message when it is to be linked, then lets it go. Never
 * rejects, and completes the event exactly once, within `SEND_BUDGET_MS`.
 */
export async function onMessageSend(event: SendEvent, deps: SendEventDeps): Promise<void> {
  const work = (async () => {
    const kept = await record(deps);
    if (!kept) return;
    await deps.queue.add(kept.copy, kept.mail);
    deps.announce();
  })().catch((error: unknown) => console.error("Could not keep the sent e-mail", error));
  await Promise.race([work, deps.wait(SEND_BUDGET_MS)]);
  event.completed({ allowEvent: true });
}
