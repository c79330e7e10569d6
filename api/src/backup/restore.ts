/**
 * Restoring a backup into a new database, in three steps the client drives (src/client/backup.ts):
 *
 * 1. `startRestore`: the client names the new database's id (a ULID of its own, as it names
 *    records), so that a request sent again after a lost answer finds the database it made
 *    instead of making a second one. The database is made `restoring` (no one finds it, its
 *    owner included, but through these steps), with the caller its owner, the backup's sync
 *    sets, and the backup's members as invitations: a membership is never bound to the user it
 *    was bound to before (a restore may be in another tenant), so each address binds again at
 *    its first sign-in. An id that is taken otherwise is refused.
 * 2. `restoreRecords`: the file's records in order, each request from index `from`. Every
 *    record is checked as a push checks a created one (the type's field table, the size of a
 *    record), then committed like pushed ones, a commit at a time; the count stored so far is
 *    the restore's last mutation id (a client row the pushes' ids cannot name), committed with
 *    the records, so that a request sent again skips what is stored and stores the rest once.
 * 3. `finishRestore`: once every record is stored, the database opens and is listed for its
 *    members. Its epoch is its own, new: no cursor of another database is good for it.
 */
import {
  type BackupRecord,
  type DatabaseSummary,
  type RestoreProgress,
  type RestoreRequest,
} from "../../../src/shared/protocol";
import { checkBackupRecord, checkBackupSharing, repeatedRecord } from "../../../src/shared/backup";
import { withoutNulls } from "../../../src/shared/json";
import type { Deps } from "../deps";
import { badRequest, DomainError, ErrorCode, notMember, tooLarge } from "../errors";
import { forgetMembers, type Caller, type MemberContext } from "../members/access";
import { retryCommit } from "../retry";
import { inBatches } from "../batches";
import {
  recordRef,
  CommitFill,
  type Head,
  type RecordWrite,
  type StoredRecord,
} from "../storage/repository";
import { withIndexes } from "../sync/push";

/** The client id whose last mutation id counts the records a restore stored (`k|~restore`). */
export const RESTORE_CLIENT = "~restore";

/**
 * Starts restoring `request` into a new database `db`, or goes on with the caller's own restore
 * into `db` (a request sent again): its sync sets and members are written again either way.
 * `created` tells the two apart.
 */
export async function startRestore(
  deps: Deps,
  caller: Caller,
  db: string,
  request: RestoreRequest,
): Promise<{ progress: RestoreProgress; created: boolean }> {
  checkMembersAndSets(request);
  const { repo } = deps;
  let created = false;
  let head = await repo.readHead(db);
  if (!head) {
    try {
      await repo.createDatabase({
        id: db,
        name: request.name,
        owner: caller.email,
        ownerOid: caller.oid,
        now: deps.now().toISOString(),
        restoring: true,
      });
      created = true;
    } catch (err) {
      // Made meanwhile (by the same request sent again, or by anyone), or deleted and not yet
      // removed: judged below.
      if (!(await repo.readHead(db)) && !(await repo.isDeleted(db))) throw err;
    }
    head = await repo.readHead(db);
  }
  if (!head || !(await isOwnRestore(deps, caller, head))) {
    throw badRequest(
      "db: a database with this id exists; a restore makes a new database, under a new id.",
      "db",
    );
  }
  await inBatches(request.syncSets, (s) => repo.putSyncSet(db, s.name, s.filter));
  for (const m of request.members) {
    const own = m.email === caller.email;
    await retryCommit(async () => {
      const current = await repo.readHead(db);
      if (!current) throw notMember();
      await repo.putMember(current, {
        db,
        email: m.email,
        oid: own ? caller.oid : null,
        role: own ? "owner" : m.role,
        syncSet: m.syncSet,
        subscriptions: m.subscriptions,
      });
    }, deps);
  }
  const received = await repo.readClientMid(db, RESTORE_CLIENT);
  return { progress: { id: db, name: head.info.name, received }, created };
}

/** The database is being restored, and the caller is its owner, as themselves. */
async function isOwnRestore(deps: Deps, caller: Caller, head: Head): Promise<boolean> {
  if (!head.info.restoring) return false;
  const member = await deps.repo.getMembership(head.info.id, caller.email);
  return member?.role === "owner" && member.oid === caller.oid;
}

/** The sharing of the backup, checked as the pane checks it (src/shared/backup.ts). */
function checkMembersAndSets(request: RestoreRequest): void {
  const problem = checkBackupSharing(request);
  if (problem) throw badRequest(problem.message, problem.field);
}

/**
 * Stores the file's records from index `from` (`records[0]` is the file's record `from`): those
 * stored already (a request sent again) are skipped, the rest checked, then committed.
 */
export async function restoreRecords(
  deps: Deps,
  context: MemberContext,
  from: number,
  records: readonly BackupRecord[],
): Promise<RestoreProgress> {
  const { repo } = deps;
  const db = context.member.db;
  notRestored(context);
  const writes = records.map((r, i) => checked(r, i));
  await retryCommit(async () => {
    let head = await repo.readHead(db);
    if (!head) throw notMember();
    const received = await repo.readClientMid(db, RESTORE_CLIENT);
    if (from > received) {
      throw new DomainError(
        ErrorCode.MidGap,
        `from: the restore holds ${received} records; send the records from ${received} first.`,
        "from",
      );
    }
    const skip = Math.min(received - from, writes.length);
    const rest = writes.slice(skip);
    await refuseStored(deps, db, rest, skip);
    // Commits as large as the repository takes, each counting the records stored so far.
    let group: RecordWrite[] = [];
    const fill = new CommitFill(repo.commitLimits);
    let stored = from + skip;
    const commit = async () => {
      if (group.length === 0) return;
      stored += group.length;
      head = (await repo.commit(head!, group, { id: RESTORE_CLIENT, lastMid: stored })).head;
      group = [];
      fill.clear();
    };
    for (const write of rest) {
      if (!fill.fits(write)) await commit();
      group.push(write);
      fill.add(write);
    }
    await commit();
  }, deps);
  return { id: db, name: context.name, received: from + records.length };
}

/** Only a database being restored takes records this way: every other is written by pushes. */
function notRestored(context: MemberContext): void {
  if (!context.restoring) {
    throw badRequest(
      "db: this database is not being restored; records reach it through pushes.",
      "db",
    );
  }
}

/**
 * The write that stores `r` (the request's record `i`) as a new record, or a 4xx naming it:
 * checked as the pane checks a file (src/shared/backup.ts).
 */
function checked(r: BackupRecord, i: number): RecordWrite {
  const problem = checkBackupRecord(r);
  if (problem) {
    const field = `records.${i}.${problem.field}`;
    const message = `records.${i} (${problem.message.replace(/^(\S+ \S+): /, "$1): ")}`;
    throw problem.tooLarge ? tooLarge(message, field) : badRequest(message, field);
  }
  const fields = withoutNulls(r.fields);
  const stamp = { at: r.updatedAt, by: r.updatedBy };
  const state: Omit<StoredRecord, "seq"> = {
    type: r.type,
    id: r.id,
    version: r.version,
    deleted: false,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    fields,
    stamps: Object.fromEntries(Object.keys(fields).map((f) => [f, r.stamps?.[f] ?? stamp])),
    viewSeq: 0,
    bornSeq: 0,
  };
  // New everywhere: born, in every view it matches, linked to its contacts.
  return withIndexes({ state, prevSeq: null }, null);
}

/** A record twice in the file (in this request, or stored by an earlier one) is refused. */
async function refuseStored(
  deps: Deps,
  db: string,
  writes: readonly RecordWrite[],
  skipped: number,
): Promise<void> {
  const twice = (i: number) => {
    const { type, id } = writes[i]!.state;
    const field = `records.${skipped + i}.id`;
    return badRequest(`${field}: ${type} ${id} appears twice in the backup.`, field);
  };
  const repeated = repeatedRecord(writes.map((w) => w.state));
  if (repeated >= 0) throw twice(repeated);
  const stored = await deps.repo.readRecords(
    db,
    writes.map((w) => w.state),
  );
  const i = writes.findIndex(({ state }) => stored.has(recordRef(state.type, state.id)));
  if (i >= 0) throw twice(i);
}

/**
 * Opens the restored database once it holds the file's `records` records (a count of what the
 * file held, so that a restore missing its last requests is not opened): listed for its
 * members from now on. Sent again, it answers the same.
 */
export async function finishRestore(
  deps: Deps,
  context: MemberContext,
  records: number,
): Promise<DatabaseSummary> {
  const { repo } = deps;
  const db = context.member.db;
  const received = await repo.readClientMid(db, RESTORE_CLIENT);
  if (received !== records) {
    throw new DomainError(
      ErrorCode.MidGap,
      `records: the restore holds ${received} of the ${records} records; send the rest first.`,
      "records",
    );
  }
  await retryCommit(async () => {
    const head = await repo.readHead(db);
    if (!head) throw notMember();
    await repo.finishRestore(head);
  }, deps);
  forgetMembers(db);
  const { member } = context;
  return { id: db, name: context.name, role: member.role, syncSet: member.syncSet };
}
