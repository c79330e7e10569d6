/**
 * A whole database as one file and back (docs/sync-protocol.md, "Backup and restore"):
 * `downloadBackup` reads the backup's header and its record pages into one `BackupFile`;
 * `readBackupFile` checks a file as the API will (so that a bad one is refused, naming what is
 * wrong, before anything is made); `restoreBackup` restores one into a new database of an id
 * the caller chose: run again with the same id after a failure, it goes on where it stopped.
 */
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFile,
  MAX_RESTORE_RECORDS,
  type DatabaseSummary,
  type RecordRef,
  type RecordType,
} from "../shared/protocol";
import { checkBackupRecord, checkBackupSharing, repeatedRecord } from "../shared/backup";
import { ApiError } from "../sync/transport";
import type { ApiClient } from "./api-client";

/** The calls a backup and a restore make. */
export type BackupApi = Pick<
  ApiClient,
  "backupHeader" | "backupRecords" | "startRestore" | "restoreRecords" | "finishRestore" | "me"
>;

/** Every page of database `db`'s backup, as one file; `onRecords` hears the count so far. */
export async function downloadBackup(
  api: BackupApi,
  db: string,
  onRecords?: (count: number) => void,
): Promise<BackupFile> {
  const header = await api.backupHeader(db);
  const records: BackupFile["records"] = [];
  let after: RecordRef | null = null;
  do {
    const page = await api.backupRecords(db, after);
    records.push(...page.records);
    onRecords?.(records.length);
    after = page.next;
  } while (after !== null);
  return { ...header, records };
}

/** A backup file read: the file, or what is wrong with it in words. */
export type ReadBackup =
  | { readonly ok: true; readonly backup: BackupFile }
  | { readonly ok: false; readonly problem: string };

/** Reads a backup file's text and checks everything a restore will check. */
export function readBackupFile(text: string): ReadBackup {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, problem: "The file is not a backup: it is not JSON." };
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (typeof head !== "object" || head === null || head.format !== BACKUP_FORMAT) {
    return { ok: false, problem: "The file is not a backup of Business Contact Manager." };
  }
  if (head.version !== BACKUP_VERSION) {
    return {
      ok: false,
      problem: `The backup is of version ${String(head.version)}; this version reads version ${BACKUP_VERSION}.`,
    };
  }
  const parsed = BackupFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join(".") ?? "";
    return { ok: false, problem: `The backup is damaged at ${path || "its start"}.` };
  }
  const backup = parsed.data;
  const sharing = checkBackupSharing(backup);
  if (sharing) return { ok: false, problem: `The backup is damaged: ${sharing.message}` };
  for (const [i, record] of backup.records.entries()) {
    const problem = checkBackupRecord(record);
    if (problem) return { ok: false, problem: `Record ${i + 1} of the backup: ${problem.message}` };
  }
  const repeated = repeatedRecord(backup.records);
  if (repeated >= 0) {
    const { type, id } = backup.records[repeated]!;
    return { ok: false, problem: `The backup holds ${type} ${id} twice.` };
  }
  return { ok: true, backup };
}

/** How many records of each type a backup holds. */
export function countByType(backup: BackupFile): Record<RecordType, number> {
  const counts: Record<RecordType, number> = { contact: 0, company: 0, group: 0, history: 0 };
  for (const r of backup.records) counts[r.type]++;
  return counts;
}

/**
 * A restore request holds at most this many UTF-8 bytes of records: the API takes 4 MiB, and
 * the envelope and JSON's separators need a little room.
 */
const RESTORE_REQUEST_BYTES = 3.5 * 1024 * 1024;

/** Restores `backup` into a new database `id` named `name`; `onRecords` hears the count stored. */
export async function restoreBackup(
  api: BackupApi,
  backup: BackupFile,
  target: { readonly id: string; readonly name: string },
  onRecords?: (count: number) => void,
): Promise<DatabaseSummary> {
  const { members, syncSets, records } = backup;
  let started;
  try {
    started = await api.startRestore(target.id, {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      name: target.name,
      members,
      syncSets,
    });
  } catch (error) {
    // The id is taken: by this restore, finished by a try whose last answer was lost?
    const done = await finishedBefore(api, target.id, error);
    if (done) return done;
    throw error;
  }
  let from = started.received;
  onRecords?.(from);
  const encoder = new TextEncoder();
  while (from < records.length) {
    let end = from;
    let bytes = 0;
    while (end < records.length && end - from < MAX_RESTORE_RECORDS) {
      const size = encoder.encode(JSON.stringify(records[end])).length + 1;
      if (end > from && bytes + size > RESTORE_REQUEST_BYTES) break;
      bytes += size;
      end++;
    }
    const progress = await api.restoreRecords(target.id, {
      from,
      records: records.slice(from, end),
    });
    from = progress.received;
    onRecords?.(from);
  }
  return api.finishRestore(target.id, records.length);
}

/** The database `id` if the caller owns it: a restore into it that finished before. */
async function finishedBefore(
  api: BackupApi,
  id: string,
  error: unknown,
): Promise<DatabaseSummary | null> {
  if (!(error instanceof ApiError) || error.field !== "db") return null;
  const mine = (await api.me()).databases.find((d) => d.id === id);
  return mine?.role === "owner" ? mine : null;
}
