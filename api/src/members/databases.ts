/**
 * A user's databases: making one (they become its owner), the ones they belong to, and an
 * owner's renaming and deleting of one.
 */
import { ulid } from "../../../src/shared/ids";
import type { DatabaseSummary } from "../../../src/shared/protocol";
import type { Deps } from "../deps";
import { notMember } from "../errors";
import { retryCommit } from "../retry";
import type { DatabaseInfo } from "../storage/repository";
import { claimMembership, forgetMembers, requireMember, type Caller } from "./access";
import { purge, PURGE_BUDGET_MS } from "./deletion";

export function createDatabase(deps: Deps, caller: Caller, name: string): Promise<DatabaseInfo> {
  const at = deps.now();
  return deps.repo.createDatabase({
    id: ulid(at.getTime()),
    name,
    owner: caller.email,
    ownerOid: caller.oid,
    now: at.toISOString(),
  });
}

/**
 * The databases `caller` belongs to. An invitation to their address that no one has taken up yet
 * is bound to them now (their first sign-in); one bound to another user (the address was reused,
 * or a UPN changed) is not theirs and is not listed.
 */
export async function databasesOf(deps: Deps, caller: Caller): Promise<DatabaseSummary[]> {
  const listed = await deps.repo.listDatabasesOf(caller.email, caller.oid);
  const databases: DatabaseSummary[] = [];
  for (const { bound, ...database } of listed) {
    if (bound || (await claimMembership(deps, database.id, caller))) databases.push(database);
  }
  return databases;
}

/** Renames `db` (its caller is an owner: `requireMember`). */
export async function renameDatabase(deps: Deps, db: string, name: string): Promise<void> {
  await retryCommit(async () => {
    const head = await deps.repo.readHead(db);
    if (!head) throw notMember();
    await deps.repo.renameDatabase(head, name);
  }, deps);
  forgetMembers(db);
}

/**
 * Deletes `db` for good, as its owner `caller` asks: at once no member finds it, then its rows
 * are removed (`deletion.ts`). Asked again of a database deleted before whose rows are not all
 * removed (an answer lost, a request cut short), it goes on removing them: the caller must have
 * been one of its owners.
 */
export async function deleteDatabase(deps: Deps, caller: Caller, db: string): Promise<void> {
  const { repo } = deps;
  if (await repo.isDeleted(db)) {
    const member = await repo.getMembership(db, caller.email);
    if (member?.oid !== caller.oid || member.role !== "owner") throw notMember();
  } else {
    await requireMember(deps, db, caller, "owner");
    await retryCommit(async () => {
      const head = await repo.readHead(db);
      // Gone since: deleted by another owner (or this request's own write, whose answer was lost).
      if (!head) {
        if (await repo.isDeleted(db)) return;
        throw notMember();
      }
      await repo.deleteDatabase(head);
    }, deps);
    forgetMembers(db);
  }
  await purge(deps, db, PURGE_BUDGET_MS.delete);
}
