/**
 * A pull: the changes after a cursor, in commit order, restricted to the member's view
 * (`restrictToView`: records out of it come in `removed` only when the member's copy may hold
 * them). A cursor from another epoch is `cursor_expired`: the client starts again.
 * A new copy that accepts one is served from the snapshot (`snapshotPage`); a cursor made for
 * another view than the member's now gets the difference (`viewChangePage`), or expires.
 */
import type { PullRequest, PullResponse } from "../../../src/shared/protocol";
import type { Deps } from "../deps";
import { DomainError, ErrorCode } from "../errors";
import type { ChangePage, ChangeRow, Head } from "../storage/repository";
import { decodeCursor, encodeCursor, parseCursor, type SnapshotPosition } from "./cursor";
import { restrictToView } from "./pull-view";
import { keepView, viewChangePage } from "./view-change";
import { SNAPSHOT_SIZES, chunkText, snapshotToServe, type SnapshotSizes } from "./snapshot";
import type { View } from "./view";

/**
 * A page of a pull: the protocol's response, its records still as stored (`ChangeRow`s), after
 * the `snapshot` chunks' records (their wire JSON, joined by commas) when it has some.
 */
export type PullPage = Omit<PullResponse, "records"> & {
  records: ChangeRow[];
  snapshot?: readonly string[];
};

interface Where {
  db: string;
  epoch: string;
  view: View;
}

/**
 * The changes a catch-up pull reads (those after its cursor), read before the caller's
 * membership is known, with the head in the same query: the membership check judges a cached
 * membership by the head (members/access.ts), and when it has to read storage the read runs
 * beside it instead of after. Only `pullPage` uses the changes, once the membership allows it
 * and only when the cursor is of the member's epoch and view; whatever it read is dropped
 * otherwise, and nothing of it is sent.
 */
export interface EarlyChanges {
  readonly seq: number;
  readonly page: Promise<ChangePage>;
  /** The head as read with the changes; null when it did not come with them. */
  readonly head: Promise<Head | null>;
}

/**
 * The early read of `request`'s changes (see `EarlyChanges`); null for a new copy, a snapshot's
 * page or a difference's.
 */
export function readChangesEarly(
  { repo }: Pick<Deps, "repo">,
  db: string,
  request: PullRequest,
): EarlyChanges | null {
  if (request.cursor === null) return null;
  let seq: number;
  try {
    const cursor = parseCursor(request.cursor);
    if (cursor.snapshot || cursor.difference) return null;
    seq = cursor.seq;
  } catch {
    return null; // pullPage refuses it, with the reason.
  }
  const page = repo.readChangesWithHead(db, seq, request.limit);
  // Its failure is met where it is used; unused, it is dropped.
  page.catch(() => undefined);
  // A failed read brings no head: the membership is then judged as without one.
  return {
    seq,
    page,
    head: page.then(
      (p) => p.head,
      () => null,
    ),
  };
}

/**
 * The page after `request.cursor` of database `db` (at `epoch`) as `view` sees it; `early`, the
 * changes after the cursor read already (`readChangesEarly`); `sizes`, the snapshot's.
 */
export async function pullPage(
  { repo }: Pick<Deps, "repo">,
  { db, epoch, view }: Where,
  request: PullRequest,
  {
    sizes = SNAPSHOT_SIZES,
    early = null,
  }: { sizes?: SnapshotSizes; early?: EarlyChanges | null } = {},
): Promise<PullPage> {
  const cursor = request.cursor === null ? null : decodeCursor(request.cursor, epoch);
  if (cursor?.difference && cursor.difference.to !== view.hash) {
    expired("What your copy holds changed again before it had the whole difference");
  }
  if (cursor && (cursor.view !== view.hash || cursor.difference)) {
    const page = await viewChangePage(repo, { db, epoch, view }, cursor, request.limit);
    if (!page) expired("What your copy holds has changed (sync set or subscriptions)");
    await keepView(repo, db, view);
    return page;
  }
  if (cursor === null) await keepView(repo, db, view);
  if (cursor?.snapshot) {
    return snapshotPage(repo, { db, epoch, view }, request, cursor.seq, cursor.snapshot, sizes);
  }
  // A new copy holds what its pages bring, each record in a state whose later changes all come
  // after the head as it is before its first page is read: that is its `since`.
  const head =
    cursor === null && (view.filter || request.snapshot) ? await repo.readHead(db) : null;
  // A snapshot saves nothing on a database that fits one page, and is not the member's view
  // when they have a sync set.
  if (head && request.snapshot && !view.filter && head.info.seq > request.limit) {
    const served = await snapshotToServe({ repo }, head, request.limit, sizes);
    if (served) {
      const { info, chunks } = served;
      const at = { id: info.id, next: 0, chunks: info.chunks };
      return snapshotPage(repo, { db, epoch, view }, request, info.seq, at, sizes, chunks);
    }
  }
  const from = cursor?.seq ?? 0;
  const page = await (early?.seq === from ? early.page : repo.readChanges(db, from, request.limit));

  const since = cursor?.since ?? null;
  const { sent, removed } = view.filter
    ? await restrictToView(repo, db, view, page.records, since)
    : { sent: page.records, removed: [] };
  // After a complete pull everything held is as of its last change; the pages of a catch-up
  // keep the point where it began (see restrictToView).
  const next = {
    epoch,
    seq: page.lastSeq,
    view: view.hash,
    since: page.more ? (since ?? head?.info.seq ?? page.lastSeq) : page.lastSeq,
  };
  return { records: sent, removed, cursor: encodeCursor(next), more: page.more, epoch };
}

/**
 * The page of snapshot `at.id` (as of `seq`) from chunk `at.next` (its chunks given when the
 * caller read them); the last one also brings the changes after `seq`, as a pull from `seq`
 * would. A snapshot gone meanwhile (replaced twice) expires the cursor.
 */
async function snapshotPage(
  repo: Deps["repo"],
  { db, epoch, view }: Where,
  request: PullRequest,
  seq: number,
  at: SnapshotPosition,
  sizes: SnapshotSizes,
  read?: readonly Uint8Array[],
): Promise<PullPage> {
  const chunks =
    read ??
    (await repo.readSnapshotChunks(db, at.id, at.next, sizes.pageChunks)) ??
    expired("The snapshot this copy was reading has been replaced");
  const next = at.next + chunks.length;
  const snapshot = chunks.map(chunkText);
  if (next < at.chunks) {
    const cursor = encodeCursor({
      epoch,
      seq,
      view: view.hash,
      since: seq,
      snapshot: { ...at, next },
    });
    return { snapshot, records: [], removed: [], cursor, more: true, epoch };
  }
  const page = await repo.readChanges(db, seq, request.limit);
  const cursor = encodeCursor({
    epoch,
    seq: page.lastSeq,
    view: view.hash,
    since: page.more ? seq : page.lastSeq,
  });
  return { snapshot, records: page.records, removed: [], cursor, more: page.more, epoch };
}

function expired(why: string): never {
  throw new DomainError(ErrorCode.CursorExpired, `${why}; pull again from the start.`, "cursor");
}
