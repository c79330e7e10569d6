/**
 * `GET /me`: the signed-in user and the databases they belong to. An invitation to their address
 * that no one has taken up yet is bound to them now (their first sign-in); one bound to another
 * user (the address was reused, or a UPN changed) is not theirs and is not listed.
 */
import type { MeResponse } from "../../../src/shared/protocol";
import { claimMembership } from "../access";
import { json, route, signedIn } from "../http";
import { getServices } from "../services";

export const me = route(async (req) => {
  const { repo } = getServices();
  const caller = await signedIn(req);
  const listed = await repo.listDatabasesOf(caller.email, caller.oid);
  const databases: MeResponse["databases"] = [];
  for (const { bound, ...database } of listed) {
    if (bound || (await claimMembership(database.id, caller))) databases.push(database);
  }
  return json(200, { email: caller.email, databases } satisfies MeResponse);
});
