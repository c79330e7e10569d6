/** `POST /databases/{db}/push`: a client's mutations, each applied once, in order. */
import { MAX_PUSH_MUTATIONS, PushRequest } from "../../../src/shared/protocol";
import { requireMember } from "../access";
import { tooLarge } from "../errors";
import { json, readJson, route } from "../http";
import { getServices } from "../services";
import { applyPush } from "../sync/push";

/** The protocol's limit on a push request's body. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const push = route(async (req) => {
  const { member, view } = await requireMember(req, "editor");
  const { repo, now } = getServices();
  const { clientId, mutations } = await readJson(req, PushRequest, MAX_BODY_BYTES);
  if (mutations.length > MAX_PUSH_MUTATIONS) {
    throw tooLarge(
      `A push holds at most ${MAX_PUSH_MUTATIONS} mutations, not ${mutations.length}.`,
      "mutations",
    );
  }
  return json(
    200,
    await applyPush({ repo, db: member.db, user: member.email, view, clientId, mutations, now }),
  );
});
