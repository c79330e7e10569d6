/**
 * Links the e-mails the user sent (queued by Outlook's send event, src/commands/send-event.ts)
 * to the contacts among their recipients, in the database shown: when its copy is complete and
 * the user may edit, and again whenever the send event says the queue grew while the pane is
 * open. A reader's queued e-mails are dropped: they can never be linked by them.
 */
import { useEffect } from "react";
import type { Role } from "../../shared/protocol";
import { SENT_MAIL_CHANNEL } from "../../sync/sent-mail";
import type { SentMailQueue } from "../../sync/sent-mail";
import { WebLocks } from "../../browser/web-locks";
import type { SyncEngine } from "../../sync/engine";
import { mayEdit } from "../useRole";
import { linkQueuedMail } from "./sent-mail-links";

export function useSentMailLinks(
  queue: SentMailQueue,
  engine: SyncEngine | null,
  role: Role | null,
): void {
  const complete = engine?.copy?.complete === true;
  useEffect(() => {
    if (!engine || !complete || role === null) return;
    const locks = WebLocks.orFallback();
    const run = () => {
      const work = mayEdit(role)
        ? linkQueuedMail(engine, queue, locks)
        : queue
            .list(engine.copyId)
            .then(({ mails, broken }) =>
              Promise.all([...broken, ...mails.map((m) => m.key)].map((k) => queue.remove(k))),
            );
      work.catch((error: unknown) => console.error("Could not link the e-mails sent", error));
    };
    run();
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(SENT_MAIL_CHANNEL);
    channel.addEventListener("message", run);
    return () => channel.close();
  }, [queue, engine, complete, role]);
}
