/**
 * Backing up a database (owners): its members and sync sets (`backupHeader`), then its live
 * records page by page in the order of their keys (`backupRecords`), which the client writes
 * into one file (src/client/backup.ts). Reading the records' own rows, not the change index,
 * gives each record once, in a state it really had, whatever is committed meanwhile; a backup
 * of a database in use is therefore not one instant's: a record changed during it may come in
 * either state (docs/sync-protocol.md, "Backup and restore").
 */
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupRecord,
  type BackupRecordsResponse,
  type RecordRef,
} from "../../../src/shared/protocol";
import type { Deps } from "../deps";
import { storedChars, type StoredRecord } from "../storage/repository";

/**
 * A page stops once its records hold this many characters of stored JSON (and at the limit
 * asked): 1,000 records of 256 KiB would make an answer of a quarter of a gigabyte.
 */
export const BACKUP_PAGE_CHARS = 2_000_000;

/** Everything of database `db` but its records. */
export async function backupHeader(
  deps: Deps,
  database: { id: string; name: string },
): Promise<BackupHeader> {
  const [members, syncSets] = await Promise.all([
    deps.repo.listMembers(database.id),
    deps.repo.listSyncSets(database.id),
  ]);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    database: { id: database.id, name: database.name },
    createdAt: deps.now().toISOString(),
    // Never the `oid` a membership is bound to: a restore invites each address again.
    members: members.map(({ email, role, syncSet, subscriptions }) => ({
      email,
      role,
      syncSet,
      subscriptions,
    })),
    syncSets,
  };
}

/** The live records after `after` (tombstones are read past and left out), and the next page's start. */
export async function backupRecords(
  deps: Deps,
  db: string,
  after: RecordRef | null,
  limit: number,
): Promise<BackupRecordsResponse> {
  const page = await deps.repo.readRecordPage(db, after, limit);
  const records: BackupRecord[] = [];
  let chars = 0;
  let read = 0;
  for (const r of page.records) {
    if (chars >= BACKUP_PAGE_CHARS) break;
    read++;
    if (r.deleted) continue;
    chars += storedChars(r);
    records.push(toBackup(r));
  }
  const last = page.records[read - 1];
  const more = page.more || read < page.records.length;
  return { records, next: more && last ? { type: last.type, id: last.id } : null };
}

/** A record as a backup keeps it: with who wrote each of its fields, and when. */
export function toBackup(r: StoredRecord): BackupRecord {
  const stamps = Object.fromEntries(
    Object.entries(r.stamps).filter(([field]) => field in r.fields),
  );
  return {
    type: r.type,
    id: r.id,
    version: r.version,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    fields: r.fields,
    ...(Object.keys(stamps).length ? { stamps } : {}),
  };
}
