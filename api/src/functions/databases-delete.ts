/**
 * `DELETE /databases/{db}` (owners): deletes the database for every member at once, then
 * removes its data (`members/deletion.ts`). Sent again, it finishes what was cut short.
 */
import { Id } from "../../../src/shared/protocol";
import { param, route, signedIn } from "../http";
import { deleteDatabase as remove } from "../members/databases";
import { getServices } from "../services";

export const deleteDatabase = route(async (req) => {
  const caller = await signedIn(req);
  await remove(getServices(), caller, param(req, "db", Id));
  return { status: 204 };
});
