/** `GET /me`: the signed-in user and the databases they belong to (`databasesOf`). */
import type { MeResponse } from "../../../src/shared/protocol";
import { json, route, signedIn } from "../http";
import { databasesOf } from "../members/databases";
import { getServices } from "../services";

export const me = route(async (req) => {
  const caller = await signedIn(req);
  const databases = await databasesOf(getServices(), caller);
  return json(200, { email: caller.email, databases } satisfies MeResponse);
});
