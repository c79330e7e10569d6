/** `POST /databases/{db}/pull`: the changes after a cursor, as the member sees them (`pullPage`). */
import { PullRequest } from "../../../src/shared/protocol";
import { jsonText, readJson, route, signedInMember } from "../http";
import { retryRead } from "../retry";
import { getServices } from "../services";
import { pullPage } from "../sync/pull";
import { pullPageText } from "../sync/wire";

export const pull = route(async (req) => {
  const { member, epoch, view } = await signedInMember(req);
  const request = await readJson(req, PullRequest);
  const services = getServices();
  const page = await retryRead(
    () => pullPage(services, { db: member.db, epoch, view }, request),
    services,
  );
  return jsonText(200, pullPageText(page, services.now().toISOString()));
});
