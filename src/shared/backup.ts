/**
 * The checks of a backup that both sides make: the pane before it restores anything (so that a
 * bad file is refused whole, naming what is wrong, before a database is made), and the API on
 * every restore request (which trusts no client). Beyond the schemas (protocol.ts, "Backup and
 * restore"): each record's fields as a push creating it is checked, its size, and stamps that
 * name its own fields; sync sets and members named once, and each member's sync set defined.
 */
import type { BackupRecord, BackupMember, BackupSyncSet } from "./protocol";
import { RECORD_MAX_BYTES, recordSize, validateFields } from "./records";

/** What is wrong, `field` the path from the checked value (`fields.emails.0.address`). */
export interface BackupProblem {
  readonly field: string;
  readonly message: string;
  /** The record is larger than a record may be (the API answers 413, not 400). */
  readonly tooLarge?: true;
}

/** The problem of one record, or null. `message` names the record by type and id. */
export function checkBackupRecord(r: BackupRecord): BackupProblem | null {
  const what = `${r.type} ${r.id}`;
  const valid = validateFields(r.type, r.fields, "create");
  if (!valid.ok) return { field: `fields.${valid.field}`, message: `${what}: ${valid.message}` };
  if (recordSize(r.fields) > RECORD_MAX_BYTES) {
    return {
      field: "fields",
      message: `${what}: a record holds at most ${RECORD_MAX_BYTES / 1024} KiB.`,
      tooLarge: true,
    };
  }
  for (const field of Object.keys(r.stamps ?? {})) {
    if (r.fields[field] == null) {
      return {
        field: `stamps.${field}`,
        message: `${what}: stamps.${field} names no field of the record.`,
      };
    }
  }
  return null;
}

/** The index of the first record of `records` whose type and id came before it, or -1. */
export function repeatedRecord(records: ReadonlyArray<Pick<BackupRecord, "type" | "id">>): number {
  const seen = new Set<string>();
  return records.findIndex((r) => {
    const ref = `${r.type}:${r.id}`;
    if (seen.has(ref)) return true;
    seen.add(ref);
    return false;
  });
}

/** Sync sets named once, members named once, and every member's sync set among the sync sets. */
export function checkBackupSharing(backup: {
  readonly members: readonly BackupMember[];
  readonly syncSets: readonly BackupSyncSet[];
}): BackupProblem | null {
  const sets = new Set<string>();
  for (const [i, s] of backup.syncSets.entries()) {
    if (sets.has(s.name))
      return { field: `syncSets.${i}.name`, message: `syncSets.${i}.name repeats ${s.name}.` };
    sets.add(s.name);
  }
  const emails = new Set<string>();
  for (const [i, m] of backup.members.entries()) {
    if (emails.has(m.email))
      return { field: `members.${i}.email`, message: `members.${i}.email repeats ${m.email}.` };
    emails.add(m.email);
    if (m.syncSet !== null && !sets.has(m.syncSet)) {
      return {
        field: `members.${i}.syncSet`,
        message: `members.${i}.syncSet: the backup defines no sync set named ${JSON.stringify(m.syncSet)}.`,
      };
    }
  }
  return null;
}
