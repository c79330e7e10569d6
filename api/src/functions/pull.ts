/** `POST /databases/{db}/pull`: the changes after a cursor, as the member sees them (`pullPage`). */
import { PullRequest } from "../../../src/shared/protocol";
import { jsonText, readJson, route, signedInMember } from "../http";
import { getServices } from "../services";
import { pullPage } from "../sync/pull";
import { pullPageText } from "../sync/wire";

export const pull = route(async (req) => {
  const { member, epoch, view } = await signedInMember(req);
  const request = await readJson(req, PullRequest);
  const page = await pullPage(getServices(), { db: member.db, epoch, view }, request);
  return jsonText(200, pullPageText(page));
});
