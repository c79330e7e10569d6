/**
 * Whether the user may change the open database's records: only its owners and editors, once
 * their role is known (useRole.ts). The screens offer anyone else (a reader, or a user whose role
 * is not known yet) nothing that changes records: no New, Edit or Delete, no history to add or
 * tasks to tick, no members to add or remove, no links to make, no automatic linking.
 */
import { createContext, useContext } from "react";

/** False unless the user is known to be an owner or editor of the open database. */
export const CanEdit = createContext(false);

export function useCanEdit(): boolean {
  return useContext(CanEdit);
}
