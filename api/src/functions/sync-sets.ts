/** Sync sets: `GET /databases/{db}/sync-sets` (members), `PUT …/sync-sets/{name}` (owners). */
import { PutSyncSetRequest, SyncSetName } from "../../../src/shared/protocol";
import { forgetMembers, requireMember } from "../access";
import { json, param, readJson, route } from "../http";
import { getServices } from "../services";

export const listSyncSets = route(async (req) => {
  const { member } = await requireMember(req);
  return json(200, { syncSets: await getServices().repo.listSyncSets(member.db) });
});

export const putSyncSet = route(async (req) => {
  const { member } = await requireMember(req, "owner");
  const name = param(req, "name", SyncSetName);
  const { filter } = await readJson(req, PutSyncSetRequest);
  await getServices().repo.putSyncSet(member.db, name, filter);
  forgetMembers(member.db);
  return json(200, { name, filter });
});
