/**
 * A database's backup (owners only; `backup/backup.ts`): `GET /databases/{db}/backup`, all but
 * the records, and `POST /databases/{db}/backup/records`, the live records a page at a time.
 */
import { BackupRecordsRequest } from "../../../src/shared/protocol";
import { backupHeader, backupRecords as page } from "../backup/backup";
import { json, readJson, route, signedInMember } from "../http";
import { getServices } from "../services";

export const backupGet = route(async (req) => {
  const { member, name } = await signedInMember(req, "owner");
  return json(200, await backupHeader(getServices(), { id: member.db, name }));
});

export const backupRecords = route(async (req) => {
  const { member } = await signedInMember(req, "owner");
  const { after, limit } = await readJson(req, BackupRecordsRequest);
  return json(200, await page(getServices(), member.db, after, limit));
});
