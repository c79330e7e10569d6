/**
 * `POST /databases/{db}/pull`: the changes after a cursor, in commit order, restricted to the
 * member's view. A change to a record outside the view comes in `removed` (the client drops it
 * if it holds it). A cursor made for another view (the member's sync set, its filter or the
 * subscriptions changed since) is 410, like one from another epoch: the client starts again.
 *
 * The response is written as text around each record's stored fields JSON, which is sent on
 * as it is: a full copy of a database then costs little more than reading its rows.
 */
import { PullRequest, type Json, type PullResponse } from "../../../src/shared/protocol";
import { requireMember } from "../access";
import { decodeCursor, encodeCursor } from "../cursor";
import { readJson, route } from "../http";
import { getServices } from "../services";
import type { ChangeRow, StoredRecord } from "../storage/repository";
import { inView, linkedContactIds, type View } from "../sync/view";

export const pull = route(async (req) => {
  const { member, epoch, view } = await requireMember(req);
  const { repo } = getServices();
  const body = await readJson(req, PullRequest);
  const after = body.cursor === null ? 0 : decodeCursor(body.cursor, epoch, view.hash).seq;
  const page = await repo.readChanges(member.db, after, body.limit);

  const { sent, removed } = view.filter
    ? await restrictToView(member.db, view, page.records, body.cursor === null ? null : after)
    : { sent: page.records, removed: [] };
  const text =
    `{"records":[${sent.map(recordText).join(",")}],"removed":${JSON.stringify(removed)},` +
    `"cursor":${JSON.stringify(encodeCursor({ epoch, seq: page.lastSeq, view: view.hash }))},` +
    `"more":${page.more},"epoch":${JSON.stringify(epoch)}}`;
  return {
    status: 200,
    body: text,
    headers: { "content-type": "application/json; charset=utf-8" },
  };
});

/**
 * The page as a member with a sync set sees it: records outside the view go to `removed`, and
 * the history of contacts that may have entered the view since the cursor (a field filters
 * read changed after it) comes along, since it did not change itself.
 */
async function restrictToView(db: string, view: View, page: ChangeRow[], after: number | null) {
  const { repo } = getServices();
  const parsed = page.map((r) => ({
    ...r,
    fields: JSON.parse(r.fieldsJson) as Record<string, Json>,
    stamps: {},
  }));
  const contacts = new Map<string, StoredRecord>(
    parsed.filter((r) => r.type === "contact").map((r) => [r.id, r]),
  );
  const visible = (r: StoredRecord) => r.deleted || inView(view, r, (id) => contacts.get(id));

  // History items are judged by their linked contacts: read those not in this page.
  const missing = parsed.flatMap(linkedContactIds).filter((id) => !contacts.has(id));
  for (const [, c] of await repo.readRecords(
    db,
    missing.map((id) => ({ type: "contact", id })),
  ))
    contacts.set(c.id, c);

  const sent: ChangeRow[] = [];
  const removed: PullResponse["removed"] = [];
  parsed.forEach((record, i) => {
    if (visible(record)) sent.push(page[i]!);
    else removed.push({ type: record.type, id: record.id });
  });

  if (after !== null) {
    const entered = parsed.filter(
      (r) => r.type === "contact" && r.viewSeq > after && !r.deleted && visible(r),
    );
    const inPage = new Set(parsed.filter((r) => r.type === "history").map((r) => r.id));
    const linked = (await Promise.all(entered.map((c) => repo.readLinkedHistory(db, c.id)))).flat();
    const history = await repo.readRecords(
      db,
      [...new Set(linked)].filter((id) => !inPage.has(id)).map((id) => ({ type: "history", id })),
    );
    for (const h of history.values()) {
      // The index may name items no longer linked: send only those in view now.
      if (!h.deleted && visible(h)) {
        const { fields, stamps: _stamps, ...rest } = h;
        sent.push({ ...rest, fieldsJson: JSON.stringify(fields) });
      }
    }
  }
  return { sent, removed };
}

/** A change as the protocol's record, its fields being the stored JSON text. */
function recordText(r: ChangeRow): string {
  const { fieldsJson, seq: _seq, viewSeq: _viewSeq, ...envelope } = r;
  return `${JSON.stringify(envelope).slice(0, -1)},"fields":${fieldsJson}}`;
}
