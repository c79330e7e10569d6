/** A user's databases: making one (they become its owner), and the ones they belong to. */
import { ulid } from "../../../src/shared/ids";
import type { DatabaseSummary } from "../../../src/shared/protocol";
import type { Deps } from "../deps";
import type { DatabaseInfo } from "../storage/repository";
import { claimMembership, type Caller } from "./access";

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
