/** `GET /databases/{db}`: the database as this member sees it. */
import { PROTOCOL_VERSION } from "../../../src/shared/protocol";
import { json, route, signedInMember } from "../http";

export const getDatabase = route(async (req) => {
  const { member, name, epoch } = await signedInMember(req);
  return json(200, {
    id: member.db,
    name,
    role: member.role,
    syncSet: member.syncSet,
    epoch,
    protocol: PROTOCOL_VERSION,
  });
});
