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
import { inView, linkedContactIds } from "../sync/view";

export const pull = route(async (req) => {
  const { member, epoch, view } = await requireMember(req);
  const { repo } = getServices();
  const body = await readJson(req, PullRequest);
  const after = body.cursor === null ? 0 : decodeCursor(body.cursor, epoch, view.hash).seq;
  const page = await repo.readChanges(member.db, after, body.limit);

  let sent = page.records;
  const removed: PullResponse["removed"] = [];
  if (view.filter) {
    const parsed = page.records.map((r) => ({
      ...r,
      fields: JSON.parse(r.fieldsJson) as Record<string, Json>,
      stamps: {},
    }));
    const contacts = new Map<string, StoredRecord>(
      parsed.filter((r) => r.type === "contact").map((r) => [r.id, r]),
    );
    // History items are judged by their linked contacts: read those not in this page.
    const missing = parsed.flatMap(linkedContactIds).filter((id) => !contacts.has(id));
    for (const [, c] of await repo.readRecords(
      member.db,
      missing.map((id) => ({ type: "contact", id })),
    )) {
      contacts.set(c.id, c);
    }
    sent = [];
    parsed.forEach((record, i) => {
      if (record.deleted || inView(view, record, (id) => contacts.get(id)))
        sent.push(page.records[i]!);
      else removed.push({ type: record.type, id: record.id });
    });
  }
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

/** A change as the protocol's record, its fields being the stored JSON text. */
function recordText(r: ChangeRow): string {
  const { fieldsJson, seq: _seq, ...envelope } = r;
  return `${JSON.stringify(envelope).slice(0, -1)},"fields":${fieldsJson}}`;
}
