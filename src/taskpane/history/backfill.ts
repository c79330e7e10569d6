/**
 * "Find e-mails for every contact": an owner's backfill of history from their own mailbox. The
 * contacts with an address are taken in the order of their ids, a batch of them at a time
 * (`BATCH_ADDRESSES` addresses: one Graph search, or a few when the addresses are long); each
 * page Graph answers is linked at once (find-emails.ts: every contact among a message's people,
 * one history item per message).
 *
 * Resumable: where it stands (the last contact of the batches done, and Graph's link to the
 * next page of the batch under way) is kept in localStorage under `bcm.backfill|<copy id>`
 * after every page, so a pane closed or reloaded goes on from there. A contact added meanwhile
 * with an id before that point is left to its card's "Find e-mails". Linking twice changes
 * nothing, so a page done again after a crash costs only its requests.
 */
import { z } from "zod/mini";
import type { GraphMail } from "../../client/graph-mail";
import type { EmailAddress } from "../../office/office";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { emailsOf, neverLinked } from "../contacts/contact-view";
import { addressKey } from "../item/item-people";
import { contactsAmong, linkFoundMessages, searchProblem } from "./find-emails";

/** Addresses searched together: a Graph search of about 700 characters. */
export const BATCH_ADDRESSES = 20;

const BackfillState = z.object({
  v: z.literal(1),
  /** The earliest date searched (ISO 8601). */
  since: z.string(),
  /** The id of the last contact of the batches done; "" before the first. */
  after: z.string(),
  /** Graph's link to the next page of the batch under way; null at its start. */
  next: z.nullable(z.string()),
  /** Contacts searched so far, and how many there were with an address at the start. */
  searched: z.int(),
  total: z.int(),
  found: z.int(),
  linked: z.int(),
  status: z.enum(["running", "stopped", "done", "failed"]),
  /** Why it failed, in words. */
  problem: z.optional(z.string()),
});
export type BackfillState = z.infer<typeof BackfillState>;

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const key = (copyId: string) => `bcm.backfill|${copyId}`;

export function readBackfill(storage: () => StorageLike, copyId: string): BackfillState | null {
  try {
    const text = storage().getItem(key(copyId));
    const parsed = text === null ? null : BackfillState.safeParse(JSON.parse(text));
    return parsed?.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveBackfill(
  storage: () => StorageLike,
  copyId: string,
  state: BackfillState,
): void {
  try {
    storage().setItem(key(copyId), JSON.stringify(state));
  } catch (error) {
    console.error("Could not keep where the e-mail search stands", error);
  }
}

/** The contacts with an address whose e-mails may be linked, in the order the backfill takes them. */
function searchable(engine: SyncEngine): ViewRecord[] {
  return engine
    .records("contact")
    .filter((c) => emailsOf(c.fields).length > 0 && !neverLinked(c.fields))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A new backfill over the last `days` days. */
export function newBackfill(engine: SyncEngine, now: number, days: number): BackfillState {
  return {
    v: 1,
    since: new Date(now - days * 86_400_000).toISOString(),
    after: "",
    next: null,
    searched: 0,
    total: searchable(engine).length,
    found: 0,
    linked: 0,
    status: "running",
  };
}

export interface BackfillRun {
  readonly engine: SyncEngine;
  readonly graph: GraphMail;
  readonly user: EmailAddress;
  readonly state: BackfillState;
  /** Called after every page with where the backfill stands (to keep and to show). */
  readonly onProgress: (state: BackfillState) => void;
  /** Whether to stop after the page under way. */
  readonly stopped: () => boolean;
}

/**
 * Runs (or resumes) a backfill until every contact was searched, `stopped()` says so, or Graph
 * fails; resolves with the last state (status "done", "stopped" or "failed"), which has been
 * given to `onProgress` too. Rejects only when the copy refuses its changes.
 */
export async function runBackfill(run: BackfillRun): Promise<BackfillState> {
  const { engine, graph, user, onProgress } = run;
  let state = run.state;
  const update = (change: Partial<BackfillState>) => {
    state = { ...state, ...change };
    onProgress(state);
  };
  for (;;) {
    const batch: ViewRecord[] = [];
    let addresses = 0;
    for (const contact of searchable(engine)) {
      if (contact.id <= state.after) continue;
      batch.push(contact);
      addresses += emailsOf(contact.fields).length;
      if (addresses >= BATCH_ADDRESSES) break;
    }
    const last = batch.at(-1);
    if (!last) {
      update({ status: "done", next: null });
      return state;
    }
    const byAddress = new Map<string, ViewRecord[]>();
    for (const contact of batch) {
      for (const { address } of emailsOf(contact.fields)) {
        const list = byAddress.get(addressKey(address)) ?? [];
        list.push(contact);
        byAddress.set(addressKey(address), list);
      }
    }
    const search = { addresses: [...byAddress.keys()], since: new Date(state.since) };
    try {
      for await (const page of graph.searchPages(search, state.next)) {
        const count = await linkFoundMessages(
          engine,
          contactsAmong(byAddress),
          page.messages,
          user,
        );
        update({
          next: page.next,
          found: state.found + page.messages.length,
          linked: state.linked + count.linked,
        });
        if (run.stopped()) {
          update({ status: "stopped" });
          return state;
        }
      }
    } catch (error) {
      update({ status: "failed", problem: searchProblem(error) });
      return state;
    }
    update({ after: last.id, next: null, searched: state.searched + batch.length });
  }
}
