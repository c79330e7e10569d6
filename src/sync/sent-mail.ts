/**
 * The sent-mail queue: e-mails the user sent while the pane may have been closed, waiting to
 * become contact history. Outlook's send event (src/commands/send-event.ts) adds one entry per
 * message and must finish at once, so it cannot open the offline copy (reading 50,000 contacts
 * takes seconds); the pane takes the entries when its copy is open (src/taskpane/item/
 * useSentMailLinks.ts), links those sent to contacts through the outbox and removes every entry
 * it took.
 *
 * One IndexedDB database (`bcm-sent-mail`, src/store/localforage-store.ts, `sentMailStorage`;
 * services.ts makes the queue), shared by every copy on this computer: an entry is
 * keyed `<copy id>|<send id>`, so each copy finds its own and two sends never overwrite each
 * other. Each entry is written and removed in one IndexedDB transaction of its own, so the send
 * event and a pane never step on each other. Values are checked when read: storage may hold
 * anything another version wrote.
 */
import { z } from "zod/mini";

const Person = z.object({ name: z.string(), email: z.string() });

export const SentMail = z.object({
  v: z.literal(1),
  /** Our id of the message (`sendIdHeader`), which Outlook carries as an internet header. */
  sendId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** When it was sent (ISO 8601). */
  sentAt: z.string(),
  subject: z.string(),
  from: Person,
  to: z.array(Person),
  cc: z.array(Person),
  bcc: z.array(Person),
  conversationId: z.nullable(z.string()),
  snippet: z.nullable(z.string()),
});
export type SentMail = z.infer<typeof SentMail>;
export type SentMailPerson = z.infer<typeof Person>;

/** The key-value storage the queue uses (localforage in the browser, a Map in unit tests). */
export interface QueueStorage {
  getItem(key: string): Promise<unknown>;
  setItem(key: string, value: SentMail): Promise<unknown>;
  removeItem(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** A queued e-mail and the key it is kept under. */
export interface QueuedMail {
  readonly key: string;
  readonly mail: SentMail;
}

export class SentMailQueue {
  readonly #storage: QueueStorage;

  constructor(storage: QueueStorage) {
    this.#storage = storage;
  }

  async add(copyId: string, mail: SentMail): Promise<void> {
    await this.#storage.setItem(`${copyId}|${mail.sendId}`, SentMail.parse(mail));
  }

  /**
   * The entries of `copyId`, oldest first. `broken` lists the keys of entries that are not
   * sent mail as this version knows it (another version's, damaged storage), for the caller to
   * remove.
   */
  async list(copyId: string): Promise<{ mails: QueuedMail[]; broken: string[] }> {
    const prefix = `${copyId}|`;
    const keys = (await this.#storage.keys()).filter((key) => key.startsWith(prefix));
    const mails: QueuedMail[] = [];
    const broken: string[] = [];
    for (const key of keys) {
      const parsed = SentMail.safeParse(await this.#storage.getItem(key));
      if (parsed.success) mails.push({ key, mail: parsed.data });
      else broken.push(key);
    }
    mails.sort((a, b) => a.mail.sentAt.localeCompare(b.mail.sentAt));
    return { mails, broken };
  }

  remove(key: string): Promise<void> {
    return this.#storage.removeItem(key);
  }
}

/** The internet header that carries our id of a sent message to its read copies. */
export const SEND_ID_HEADER = "x-bcm-send-id";

/** The channel on which the send event tells open panes that the queue grew. */
export const SENT_MAIL_CHANNEL = "bcm-sent-mail";
