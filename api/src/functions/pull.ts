/** `POST /databases/{db}/pull`: the changes after a cursor, in commit order. */
import { PullRequest, type PullResponse, type WireRecord } from "../../../src/shared/protocol";
import { requireMember } from "../access";
import { decodeCursor, encodeCursor } from "../cursor";
import { json, notFound, readJson, route } from "../http";
import { getServices } from "../services";
import type { StoredRecord } from "../storage/repository";

export const pull = route(async (req) => {
  const member = await requireMember(req);
  const { repo } = getServices();
  const body = await readJson(req, PullRequest);
  const db = await repo.getDatabase(member.db);
  if (!db) throw notFound();
  const after = body.cursor === null ? 0 : decodeCursor(body.cursor, db.epoch).seq;
  const page = await repo.readChanges(member.db, after, body.limit);
  const response: PullResponse = {
    records: page.records.map(toWire),
    removed: [],
    cursor: encodeCursor({ epoch: db.epoch, seq: page.lastSeq }),
    more: page.more,
    epoch: db.epoch,
  };
  return json(200, response);
});

export function toWire(r: StoredRecord): WireRecord {
  return {
    type: r.type,
    id: r.id,
    version: r.version,
    deleted: r.deleted,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    fields: r.fields,
  };
}
