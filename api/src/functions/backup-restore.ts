/**
 * Restoring a backup into a new database (`backup/restore.ts`): `PUT /databases/{id}/restore`
 * makes it (201; 200 when sent again), `POST …/restore/records` stores the file's records,
 * `POST …/restore/finish` opens it. Only the restore's owner reaches the last two.
 */
import {
  Id,
  RestoreFinishRequest,
  RestoreRecordsRequest,
  RestoreRequest,
} from "../../../src/shared/protocol";
import { finishRestore, restoreRecords as store, startRestore } from "../backup/restore";
import { json, param, readJson, route, signedIn } from "../http";
import { requireMember } from "../members/access";
import { getServices } from "../services";
import type { HttpRequest } from "@azure/functions";

/** A restore's requests carry a backup's records and members: as large as a push. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const restoreStart = route(async (req) => {
  const caller = await signedIn(req);
  const db = param(req, "db", Id);
  const request = await readJson(req, RestoreRequest, MAX_BODY_BYTES);
  const { progress, created } = await startRestore(getServices(), caller, db, request);
  return json(created ? 201 : 200, progress);
});

export const restoreRecords = route(async (req) => {
  const context = await restoringOwner(req);
  const { from, records } = await readJson(req, RestoreRecordsRequest, MAX_BODY_BYTES);
  return json(200, await store(getServices(), context, from, records));
});

export const restoreFinish = route(async (req) => {
  const context = await restoringOwner(req);
  const { records } = await readJson(req, RestoreFinishRequest);
  return json(200, await finishRestore(getServices(), context, records));
});

/** The caller, an owner of the route's `{db}`, which may be being restored. */
async function restoringOwner(req: HttpRequest) {
  const caller = await signedIn(req);
  return requireMember(getServices(), param(req, "db", Id), caller, "owner", { during: "restore" });
}
