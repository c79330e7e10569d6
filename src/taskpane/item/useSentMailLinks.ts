/**
 * Links the e-mails the user sent (queued by Outlook's send event, src/commands/send-event.ts)
 * to the contacts among their recipients, in the database shown, once its copy is complete and
 * the user's role is known (sent-mail-links.ts, `watchSentMail`). The linking code and the queue
 * load then, not with the pane's first script.
 */
import { useEffect } from "react";
import type { Role } from "../../shared/protocol";
import type { SentMailQueue } from "../../sync/sent-mail";
import type { SyncEngine } from "../../sync/engine";
import { mayEdit } from "../useRole";

export function useSentMailLinks(
  openQueue: () => Promise<SentMailQueue>,
  engine: SyncEngine | null,
  role: Role | null,
): void {
  const complete = engine?.copy?.complete === true;
  useEffect(() => {
    if (!engine || !complete || role === null) return;
    let stop: (() => void) | null = null;
    let ended = false;
    Promise.all([import("./sent-mail-links"), openQueue()]).then(
      ([links, queue]) => {
        if (!ended) stop = links.watchSentMail(engine, queue, mayEdit(role));
      },
      (error: unknown) => console.error("Could not link the e-mails sent", error),
    );
    return () => {
      ended = true;
      stop?.();
    };
  }, [openQueue, engine, complete, role]);
}
