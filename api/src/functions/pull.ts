/** `POST /databases/{db}/pull`: the changes after a cursor, as the member sees them (`pullPage`). */
import { Id, NEXT_CURSOR_HEADER, PullRequest } from "../../../src/shared/protocol";
import { jsonText, param, readJson, route, signedIn } from "../http";
import { requireMember } from "../members/access";
import { retryRead } from "../retry";
import { getServices } from "../services";
import { pullPage, readChangesEarly, type EarlyChanges } from "../sync/pull";
import { pullPageText } from "../sync/wire";

export const pull = route(async (req) => {
  const caller = await signedIn(req);
  const db = param(req, "db", Id);
  const services = getServices();
  // The body is read, and a catch-up's changes with it (and the head, by which the membership
  // check judges what it cached), while the membership is checked; its refusals come in the
  // same order as ever (not a member, then a bad body).
  const body = readJson(req, PullRequest);
  const read = body.then(
    (request) => readChangesEarly(services, db, request),
    () => null,
  );
  const head = read.then((early) => (early ? early.head : null));
  const { member, epoch, view } = await requireMember(services, db, caller, "reader", { head });
  const request = await body;
  // Only the first attempt takes the early read: one after a storage fault reads again.
  let early: EarlyChanges | null = await read;
  const page = await retryRead(() => {
    const first = early;
    early = null;
    return pullPage(services, { db: member.db, epoch, view }, request, { early: first });
  }, services);
  const ahead = page.more ? { [NEXT_CURSOR_HEADER]: page.cursor } : {};
  return jsonText(200, pullPageText(page, services.now().toISOString()), ahead);
});
