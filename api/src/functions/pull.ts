/**
 * `POST /databases/{db}/pull`: the changes after a cursor, in commit order, restricted to the
 * member's view. A change to a record outside the view comes in `removed` (the client drops it
 * if it holds it). A cursor made for another view (the member's sync set, its filter or the
 * subscriptions changed since) is 410, like one from another epoch: the client starts again.
 */
import { PullRequest, type PullResponse, type RecordType } from "../../../src/shared/protocol";
import { requireMember } from "../access";
import { decodeCursor, encodeCursor } from "../cursor";
import { json, readJson, route } from "../http";
import { getServices } from "../services";
import { recordRef } from "../storage/repository";
import { inView, linkedContactIds } from "../sync/view";
import { toWire } from "../sync/wire";

export const pull = route(async (req) => {
  const { member, epoch, view } = await requireMember(req);
  const { repo } = getServices();
  const body = await readJson(req, PullRequest);
  const after = body.cursor === null ? 0 : decodeCursor(body.cursor, epoch, view.hash).seq;
  const page = await repo.readChanges(member.db, after, body.limit);

  const response: PullResponse = {
    records: [],
    removed: [],
    cursor: encodeCursor({ epoch, seq: page.lastSeq, view: view.hash }),
    more: page.more,
    epoch,
  };
  const contacts = new Map(page.records.filter((r) => r.type === "contact").map((r) => [r.id, r]));
  if (view.filter) {
    // History items are judged by their linked contacts: read those not in this page.
    const missing = page.records.flatMap(linkedContactIds).filter((id) => !contacts.has(id));
    const read = await repo.readRecords(member.db, missing.map((id) => ({ type: "contact" as RecordType, id })));
    for (const id of missing) {
      const c = read.get(recordRef("contact", id));
      if (c) contacts.set(id, c);
    }
  }
  for (const record of page.records) {
    if (record.deleted || inView(view, record, (id) => contacts.get(id))) response.records.push(toWire(record));
    else response.removed.push({ type: record.type, id: record.id });
  }
  return json(200, response);
});
