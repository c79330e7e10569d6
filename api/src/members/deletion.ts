/**
 * Removing a deleted database's rows (`Repository.purgeDatabase`). Deleting a database is
 * immediate: its head is marked deleted and no member finds it any more (`deleteDatabase` in
 * `databases.ts`). Its rows are then removed in transactions Table Storage allows (at most 100
 * rows of one partition each), as much as a request's budget gives time for. Work cut short (a
 * large database, storage faults, a process stopped) is finished by the next request that meets
 * the database: its owner sending the delete again, or any member's pane asking for it (whose
 * copy learns from that 404 that the database is gone).
 */
import type { Deps } from "../deps";
import { StorageUnavailableError } from "../storage/repository";

/** How long a request spends removing rows, at most: the delete itself, or any later request. */
export const PURGE_BUDGET_MS = { delete: 60_000, later: 5_000 } as const;

/** Rows removed per `purgeDatabase` call. */
const PURGE_PAGE = 1000;

/**
 * Removes rows of deleted database `db` until none remain or `budgetMs` passed. Storage that
 * does not answer ends it early, without failing the request: the database is gone for its
 * members already, and a later request goes on with the rest.
 */
export async function purge(deps: Deps, db: string, budgetMs: number): Promise<void> {
  const end = deps.now().getTime() + budgetMs;
  try {
    while ((await deps.repo.purgeDatabase(db, PURGE_PAGE)).more) {
      if (deps.now().getTime() >= end) return;
    }
  } catch (err) {
    if (!(err instanceof StorageUnavailableError)) throw err;
  }
}
