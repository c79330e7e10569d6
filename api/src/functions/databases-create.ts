/** `POST /databases {"name"}`: a new shared database; the caller becomes its owner. */
import { CreateDatabaseRequest } from "../../../src/shared/protocol";
import { ulid } from "../../../src/shared/ids";
import { json, readJson, route, signedIn } from "../http";
import { getServices } from "../services";

export const createDatabase = route(async (req) => {
  const { repo, now } = getServices();
  const caller = await signedIn(req);
  const { name } = await readJson(req, CreateDatabaseRequest);
  const at = now();
  const db = await repo.createDatabase({
    id: ulid(at.getTime()),
    name,
    owner: caller.email,
    ownerOid: caller.oid,
    now: at.toISOString(),
  });
  return json(201, { id: db.id, name: db.name, role: "owner" });
});
