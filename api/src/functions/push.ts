/**
 * `POST /databases/{db}/push`: a client's mutations, each applied once, in order (`applyPush`);
 * with `pull`, the changes after the client's cursor too (docs/sync-protocol.md, "Push").
 */
import { MAX_PUSH_MUTATIONS, PushRequest } from "../../../src/shared/protocol";
import { tooLarge } from "../errors";
import { jsonText, readJson, route, signedInMember } from "../http";
import { getServices } from "../services";
import { pullPage } from "../sync/pull";
import { applyPush } from "../sync/push";
import { pullPageText } from "../sync/wire";

/** The protocol's limit on a push request's body. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const push = route(async (req, context) => {
  const { member, epoch, view } = await signedInMember(req, "editor");
  const { clientId, mutations, pull } = await readJson(req, PushRequest, MAX_BODY_BYTES);
  if (mutations.length > MAX_PUSH_MUTATIONS) {
    throw tooLarge(
      `A push holds at most ${MAX_PUSH_MUTATIONS} mutations, not ${mutations.length}.`,
      "mutations",
    );
  }
  const user = member.email;
  const services = getServices();
  const answer = await applyPush(services, { db: member.db, user, view, clientId, mutations });
  // Read after the mutations were committed. The results stand whatever happens here: a page
  // that cannot be answered is left out, and the client pulls on its own.
  let page: string | null = null;
  if (pull) {
    try {
      const read = await pullPage(services, { db: member.db, epoch, view }, pull);
      page = pullPageText(read, services.now().toISOString());
    } catch (error) {
      context.log(`push: the pull part was left out (${(error as Error).message})`);
    }
  }
  // The server's clock, which decides (docs/sync-protocol.md, "Which clock decides").
  const text = JSON.stringify({ ...answer, serverTime: services.now().toISOString() });
  return jsonText(200, page === null ? text : `${text.slice(0, -1)},"pull":${page}}`);
});
