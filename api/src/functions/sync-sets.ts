/** Sync sets: `GET /databases/{db}/sync-sets` (members), `PUT …/sync-sets/{name}` (owners). */
import { PutSyncSetRequest, SyncSetName } from "../../../src/shared/protocol";
import { json, param, readJson, route, signedInMember } from "../http";
import { putSyncSet as put } from "../members/sharing";
import { getServices } from "../services";

export const listSyncSets = route(async (req) => {
  const { member } = await signedInMember(req);
  return json(200, { syncSets: await getServices().repo.listSyncSets(member.db) });
});

export const putSyncSet = route(async (req) => {
  const { member } = await signedInMember(req, "owner");
  const name = param(req, "name", SyncSetName);
  const { filter } = await readJson(req, PutSyncSetRequest);
  await put(getServices(), member.db, name, filter);
  return json(200, { name, filter });
});
