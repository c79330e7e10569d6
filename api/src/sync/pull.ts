/**
 * A pull: the changes after a cursor, in commit order, restricted to the member's view
 * (`restrictToView`: records out of it come in `removed` only when the member's copy may hold
 * them). A cursor made for another view (the member's sync set, its filter or the subscriptions
 * changed since) is `cursor_expired`, like one from another epoch: the client starts again.
 */
import type { PullRequest, PullResponse } from "../../../src/shared/protocol";
import type { Deps } from "../deps";
import type { ChangeRow } from "../storage/repository";
import { decodeCursor, encodeCursor } from "./cursor";
import { restrictToView } from "./pull-view";
import type { View } from "./view";

/** A page of a pull: the protocol's response, its records still as stored (`ChangeRow`s). */
export type PullPage = Omit<PullResponse, "records"> & { records: ChangeRow[] };

/** The page after `request.cursor` of database `db` (at `epoch`) as `view` sees it. */
export async function pullPage(
  { repo }: Pick<Deps, "repo">,
  { db, epoch, view }: { db: string; epoch: string; view: View },
  request: PullRequest,
): Promise<PullPage> {
  const cursor = request.cursor === null ? null : decodeCursor(request.cursor, epoch, view.hash);
  // A new copy holds what its pages bring, each record in a state whose later changes all come
  // after the head as it is before its first page is read: that is its `since`.
  const head = cursor === null && view.filter ? await repo.readHead(db) : null;
  const page = await repo.readChanges(db, cursor?.seq ?? 0, request.limit);

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
