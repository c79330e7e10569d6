/** `POST /databases {"name"}`: a new shared database; the caller becomes its owner. */
import { CreateDatabaseRequest } from "../../../src/shared/protocol";
import { json, readJson, route, signedIn } from "../http";
import { createDatabase as create } from "../members/databases";
import { getServices } from "../services";

export const createDatabase = route(async (req) => {
  const caller = await signedIn(req);
  const { name } = await readJson(req, CreateDatabaseRequest);
  const db = await create(getServices(), caller, name);
  return json(201, { id: db.id, name: db.name, role: "owner" });
});
