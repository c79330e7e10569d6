/** `GET /me`: the signed-in user and the databases they belong to. */
import type { MeResponse } from "../../../src/shared/protocol";
import { json, route } from "../http";
import { getServices } from "../services";

export const me = route(async (req) => {
  const { auth, repo } = getServices();
  const email = await auth.authenticate(req);
  return json(200, { email, databases: await repo.listDatabasesOf(email) } satisfies MeResponse);
});
