/**
 * Whether the user may change the open database's records. Readers may not (the shared
 * database refuses their changes), so the screens offer them nothing that changes records: no
 * New, Edit or Delete, no history to add, no members to add or remove, no links to make.
 */
import { createContext, useContext } from "react";
import type { DatabaseState } from "../useDatabase";

/** True unless the user is a reader of the open database. */
export const CanEdit = createContext(true);

export function useCanEdit(): boolean {
  return useContext(CanEdit);
}

/**
 * Whether the user may change the records of the database `databaseId`: anyone but its
 * readers. Until `/me` answered (offline at start), the role is not known and editing stays
 * offered: the server has the last word, and refused changes show under "Needs attention".
 */
export function canEditDatabase(database: DatabaseState, databaseId: string): boolean {
  return database.databases.find((d) => d.id === databaseId)?.role !== "reader";
}
