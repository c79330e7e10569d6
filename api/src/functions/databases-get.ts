/** `GET /databases/{db}`: the database as this member sees it. */
import { PROTOCOL_VERSION } from "../../../src/shared/protocol";
import { requireMember } from "../access";
import { json, route } from "../http";

export const getDatabase = route(async (req) => {
  const { member, name, epoch } = await requireMember(req);
  return json(200, {
    id: member.db,
    name,
    role: member.role,
    syncSet: member.syncSet,
    epoch,
    protocol: PROTOCOL_VERSION,
  });
});
