/**
 * A pull whose cursor was made for another view than the member's now (docs/sync-protocol.md,
 * clarification 4: a subscription, the member's sync set, or its filter changed). Records may
 * have entered or left the view without changing, which no change after the cursor tells: the
 * answer is the difference between what the copy holds and the view now, in pages of `limit`,
 * judged over every record: the snapshot's, and the changes after it or the cursor. Each view a
 * cursor is made for is kept (`v|<hash>`, `keepView`) so that the older one can be judged.
 */
import type { PullResponse, WireRecord } from "../../../src/shared/protocol";
import {
  recordOrderKey,
  type Head,
  type Repository,
  type StoredRecord,
} from "../storage/repository";
import { LIMITS } from "../storage/azure-limits";
import type { CursorState } from "./cursor";
import { encodeCursor } from "./cursor";
import type { PullPage } from "./pull";
import { asChangeRow, parseChange } from "./pull-view";
import { SNAPSHOT_SIZES, WHOLE, chunkText, snapshotToServe } from "./snapshot";
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
 * A difference reads the changes after the cursor (or the snapshot, when that is older): at most
 * this many pages' worth (`limit` rows each), judged by the seqs between, which no fewer rows can
 * have made. Past it the cursor expires, and the new copy comes in pages of a bounded read each:
 * a read that long can outlast the client's wait for an answer (15 s), and every retry would
 * fail again.
 */
const VIEW_CHANGE_MAX_PAGES = 25;

/**
 * The most pages a difference may take: each judges every record again, so that a new copy
 * costs about as much as a difference of more.
 */
const DIFFERENCE_MAX_PAGES = 4;

/** What a difference sends of a record: its state, or its name in `removed`. */
interface Entry {
  readonly key: string;
  readonly record?: StoredRecord;
  readonly removed?: PullResponse["removed"][number];
}

/**
 * The next page that takes a copy at `cursor` (made for another view) to `view`: of the
 * records now in the view, those the copy does not hold as they are now; the tombstones and
 * `removed` of what it may hold out of the view now. In `recordOrderKey` order, `limit`
 * a page, from after the last one sent (`cursor.difference`). Null when the older view is not
 * kept, the copy is in the middle of a snapshot, there are too many changes to read
 * (`VIEW_CHANGE_MAX_PAGES`), or the difference takes more than `DIFFERENCE_MAX_PAGES`: the
 * cursor then expires.
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
  // What the copy holds as it is now: a record unchanged since both the cursor's last change
  // and its `since`, that the older view held then.
  const heldUpTo = Math.min(cursor.seq, cursor.since);
  // Read before the records: whatever is committed after it comes with the next pull.
  const head = await repo.readHead(db);
  if (!head) return null;
  const most = VIEW_CHANGE_MAX_PAGES * limit;
  if (head.info.seq - heldUpTo > most) return null;
  const records = await currentRecords(repo, head, heldUpTo, most);
  if (!records) return null;
  const contacts = new Map(records.filter((r) => r.type === "contact").map((r) => [r.id, r]));
  const contact = (id: string) => contacts.get(id);
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
  const after = cursor.difference?.after;
  const entries: Entry[] = [];
  for (const r of records) {
    const key = recordOrderKey(r);
    if (after !== undefined && key <= after) continue;
    if (!r.deleted && inView(view, r, contact)) {
      if (!heldAsIs(r)) entries.push({ key, record: r });
    } else if (mayHaveBeenInView(older, r, cursor.since, contact)) {
      entries.push(r.deleted ? { key, record: r } : { key, removed: { type: r.type, id: r.id } });
    }
    if (entries.length > DIFFERENCE_MAX_PAGES * limit) return null;
  }
  entries.sort((a, b) => (a.key < b.key ? -1 : 1));
  const page = entries.slice(0, limit);
  const at = cursor.difference?.at ?? head.info.seq;
  const more = entries.length > limit;
  const { seq, since } = cursor;
  const next: CursorState = more
    ? {
        epoch,
        seq,
        view: cursor.view,
        since,
        difference: { to: view.hash, after: page.at(-1)!.key, at },
      }
    : { epoch, seq: at, view: view.hash, since: at };
  return {
    records: page.flatMap((e) => (e.record ? [asChangeRow(e.record)] : [])),
    removed: page.flatMap((e) => (e.removed ? [e.removed] : [])),
    cursor: encodeCursor(next),
    more,
    epoch,
  };
}

/**
 * Every record's current state, tombstones included where the copy may need them: the changes
 * after the snapshot's seq or `upTo`, whichever is earlier, and the rest as the snapshot holds
 * them. The snapshot is built first when there is none, or more than `most` changes came after
 * it (as for a new copy, and it then serves those too). A record no change after that touched
 * is live and unchanged since `upTo`: all the judging needs of its seqs is that they are at
 * most that (a tombstone that old is one the copy has had). Null when the snapshot vanished
 * meanwhile.
 */
async function currentRecords(
  repo: Repository,
  head: Head,
  upTo: number,
  most: number,
): Promise<StoredRecord[] | null> {
  const db = head.info.id;
  const sizes = { ...SNAPSHOT_SIZES, staleShare: 0, pageChunks: WHOLE };
  const snapshot = await snapshotToServe({ repo }, head, most, sizes);
  if (!snapshot || snapshot.chunks.length < snapshot.info.chunks) return null;
  const from = Math.min(snapshot.info.seq, upTo);
  const changed = new Map<string, StoredRecord>();
  for (let after = from; ;) {
    const page = await repo.readChanges(db, after, LIMITS.queryPage);
    for (const row of page.records) changed.set(recordOrderKey(row), parseChange(row));
    if (!page.more) break;
    after = page.lastSeq;
  }
  const records = [...changed.values()];
  for (const chunk of snapshot.chunks) {
    for (const r of JSON.parse(`[${chunkText(chunk)}]`) as WireRecord[]) {
      if (!changed.has(recordOrderKey(r))) {
        records.push({ ...r, stamps: {}, seq: from, viewSeq: from, bornSeq: from });
      }
    }
  }
  return records;
}

async function olderView(repo: Repository, db: string, hash: string): Promise<View | null> {
  if (hash === "all") return viewOf({ me: "", filter: null, subscriptions: [] });
  const kept = await repo.readView(db, hash);
  const view = kept && viewOf(kept);
  // A hash names what made it: a row that does not make it again is not that view.
  return view?.hash === hash ? view : null;
}
