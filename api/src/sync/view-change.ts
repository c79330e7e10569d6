/**
 * A pull whose cursor was made for another view than the member's now (docs/sync-protocol.md,
 * clarification 4: a subscription, the member's sync set, or its filter changed). Records may
 * have entered or left the view without changing, which no change after the cursor tells: the
 * answer is the difference between what the copy holds and the view now, in one page, from a
 * read of every record. Each view a cursor is made for is kept (`v|<hash>`, `keepView`) so that
 * the older one can be judged.
 */
import type { PullResponse } from "../../../src/shared/protocol";
import type { Repository, StoredRecord } from "../storage/repository";
import { LIMITS } from "../storage/azure-limits";
import type { CursorState } from "./cursor";
import { encodeCursor } from "./cursor";
import type { PullPage } from "./pull";
import { asChangeRow } from "./pull-view";
import {
  contactInView,
  inView,
  linkedContactIds,
  mayHaveBeenInView,
  viewOf,
  type View,
} from "./view";

/** Views kept through each repository, by database and hash: each is written once. */
const keptIn = new WeakMap<Repository, Set<string>>();

/** Keeps the definition of `view` (one with a filter: the other is "all", known to all). */
export async function keepView(repo: Repository, db: string, view: View): Promise<void> {
  const key = `${db}|${view.hash}`;
  const kept = keptIn.get(repo) ?? new Set<string>();
  keptIn.set(repo, kept);
  if (!view.filter || kept.has(key)) return;
  const { me, filter, subscriptions } = view;
  await repo.putView(db, view.hash, { me, filter, subscriptions: [...subscriptions] });
  kept.add(key);
}

/**
 * A difference reads every record: at most this many pages' worth (`limit` rows each), judged by
 * the database's seq, which no fewer rows can have made. Past it the cursor expires, and the new
 * copy comes in pages of a bounded read each: on Azurite, a full read of the 50k bench's 55,000
 * records took longer than the client waits for an answer (15 s), so every retry failed again.
 */
const VIEW_CHANGE_MAX_PAGES = 25;

/**
 * The page that takes a copy at `cursor` (made for another view) to `view`: every record now in
 * the view that the copy does not hold as it is now, the tombstones and `removed` of what it may
 * hold out of the view now. Null when the older view is not kept, the copy is in the middle of a
 * snapshot, the database is too large to read whole for it (`VIEW_CHANGE_MAX_PAGES`), or the
 * difference holds more than `limit` records: the cursor then expires.
 */
export async function viewChangePage(
  repo: Repository,
  { db, epoch, view }: { db: string; epoch: string; view: View },
  cursor: CursorState,
  limit: number,
): Promise<PullPage | null> {
  if (cursor.snapshot) return null;
  const older = await olderView(repo, db, cursor.view);
  if (!older) return null;
  // Read before the records: whatever is committed after it comes with the next pull.
  const head = await repo.readHead(db);
  if (!head || head.info.seq > VIEW_CHANGE_MAX_PAGES * limit) return null;
  const records = await readAll(repo, db);
  const contacts = new Map(records.filter((r) => r.type === "contact").map((r) => [r.id, r]));
  const contact = (id: string) => contacts.get(id);
  // What the copy holds as it is now: a record unchanged since both the cursor's last change
  // and its `since`, that the older view held then.
  const heldUpTo = Math.min(cursor.seq, cursor.since);
  const heldAsIs = (r: StoredRecord): boolean => {
    if (r.deleted || r.seq > heldUpTo) return false;
    if (r.type === "contact") return contactInView(older, r);
    if (r.type !== "history") return true;
    // Judged by its contacts now, which is how they were then if nothing views read changed.
    const steady = linkedContactIds(r).every((id) => {
      const c = contact(id);
      return c === undefined || (!c.deleted && c.viewSeq <= heldUpTo);
    });
    return steady && inView(older, r, contact);
  };
  const sent: StoredRecord[] = [];
  const removed: PullResponse["removed"] = [];
  for (const r of records) {
    if (!r.deleted && inView(view, r, contact)) {
      if (!heldAsIs(r)) sent.push(r);
    } else if (mayHaveBeenInView(older, r, cursor.since, contact)) {
      if (r.deleted) sent.push(r);
      else removed.push({ type: r.type, id: r.id });
    }
    if (sent.length + removed.length > limit) return null;
  }
  const seq = head.info.seq;
  return {
    records: sent.map(asChangeRow),
    removed,
    cursor: encodeCursor({ epoch, seq, view: view.hash, since: seq }),
    more: false,
    epoch,
  };
}

async function olderView(repo: Repository, db: string, hash: string): Promise<View | null> {
  if (hash === "all") return viewOf({ me: "", filter: null, subscriptions: [] });
  const kept = await repo.readView(db, hash);
  const view = kept && viewOf(kept);
  // A hash names what made it: a row that does not make it again is not that view.
  return view?.hash === hash ? view : null;
}

/** Every record's current state, tombstones included, a query page at a time. */
async function readAll(repo: Repository, db: string): Promise<StoredRecord[]> {
  const all: StoredRecord[] = [];
  let after: StoredRecord | null = null;
  for (;;) {
    const page = await repo.readRecordPage(db, after, LIMITS.queryPage);
    all.push(...page.records);
    if (!page.more || page.records.length === 0) return all;
    after = page.records.at(-1)!;
  }
}
