/** `POST /databases/{db}/push`: a client's mutations, each applied once, in order (`applyPush`). */
import { MAX_PUSH_MUTATIONS, PushRequest } from "../../../src/shared/protocol";
import { tooLarge } from "../errors";
import { json, readJson, route, signedInMember } from "../http";
import { getServices } from "../services";
import { applyPush } from "../sync/push";

/** The protocol's limit on a push request's body. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const push = route(async (req) => {
  const { member, view } = await signedInMember(req, "editor");
  const { clientId, mutations } = await readJson(req, PushRequest, MAX_BODY_BYTES);
  if (mutations.length > MAX_PUSH_MUTATIONS) {
    throw tooLarge(
      `A push holds at most ${MAX_PUSH_MUTATIONS} mutations, not ${mutations.length}.`,
      "mutations",
    );
  }
  const user = member.email;
  const services = getServices();
  const answer = await applyPush(services, { db: member.db, user, view, clientId, mutations });
  // The server's clock, which decides (docs/sync-protocol.md, "Which clock decides").
  return json(200, { ...answer, serverTime: services.now().toISOString() });
});
