/** `PUT /databases/{db}/name {"name"}` (owners): renames the database for every member. */
import { RenameDatabaseRequest, type DatabaseSummary } from "../../../src/shared/protocol";
import { json, readJson, route, signedInMember } from "../http";
import { renameDatabase as rename } from "../members/databases";
import { getServices } from "../services";

export const renameDatabase = route(async (req) => {
  const { member } = await signedInMember(req, "owner");
  const { name } = await readJson(req, RenameDatabaseRequest);
  await rename(getServices(), member.db, name);
  return json(200, {
    id: member.db,
    name,
    role: member.role,
    syncSet: member.syncSet,
  } satisfies DatabaseSummary);
});
