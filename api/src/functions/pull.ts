/**
 * `POST /databases/{db}/pull`: the changes after a cursor, in commit order, restricted to the
 * member's view (`restrictToView`: records out of it come in `removed` only when the member's
 * copy may hold them). A cursor made for another view (the member's sync set, its filter or the
 * subscriptions changed since) is 410, like one from another epoch: the client starts again.
 *
 * The response is written as text around each record's stored fields JSON, which is sent on
 * as it is: a full copy of a database then costs little more than reading its rows.
 */
import { PullRequest } from "../../../src/shared/protocol";
import { requireMember } from "../access";
import { decodeCursor, encodeCursor } from "../cursor";
import { readJson, route } from "../http";
import { getServices } from "../services";
import type { ChangeRow } from "../storage/repository";
import { restrictToView } from "../sync/pull-view";

export const pull = route(async (req) => {
  const { member, epoch, view } = await requireMember(req);
  const { repo } = getServices();
  const body = await readJson(req, PullRequest);
  const cursor = body.cursor === null ? null : decodeCursor(body.cursor, epoch, view.hash);
  // A new copy holds what its pages bring, each record in a state whose later changes all come
  // after the head as it is before its first page is read: that is its `since`.
  const head = cursor === null && view.filter ? await repo.readHead(member.db) : null;
  const page = await repo.readChanges(member.db, cursor?.seq ?? 0, body.limit);

  const since = cursor?.since ?? null;
  const { sent, removed } = view.filter
    ? await restrictToView(repo, member.db, view, page.records, since)
    : { sent: page.records, removed: [] };
  // After a complete pull everything held is as of its last change; the pages of a catch-up
  // keep the point where it began (see restrictToView).
  const next = {
    epoch,
    seq: page.lastSeq,
    view: view.hash,
    since: page.more ? (since ?? head?.info.seq ?? page.lastSeq) : page.lastSeq,
  };
  const text =
    `{"records":[${sent.map(recordText).join(",")}],"removed":${JSON.stringify(removed)},` +
    `"cursor":${JSON.stringify(encodeCursor(next))},` +
    `"more":${page.more},"epoch":${JSON.stringify(epoch)}}`;
  return {
    status: 200,
    body: text,
    headers: { "content-type": "application/json; charset=utf-8" },
  };
});

/**
 * A change as the protocol's record, its fields being the stored JSON text (a tombstone's
 * fields, kept for judging views, are not sent).
 */
function recordText(r: ChangeRow): string {
  const { fieldsJson, seq: _seq, viewSeq: _viewSeq, bornSeq: _bornSeq, ...envelope } = r;
  return `${JSON.stringify(envelope).slice(0, -1)},"fields":${r.deleted ? "{}" : fieldsJson}}`;
}
