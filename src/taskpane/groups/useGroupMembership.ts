/**
 * Adds a contact to a group or removes it, writing both sides of the membership (the group's
 * `memberIds` and the contact's `groupIds`, see group-members.ts). Each side is one local change;
 * a side the engine refuses (a list at its limit) is reported in words and the other side is
 * left as it was.
 */
import { useCallback } from "react";
import type { EditOutcome, SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { friendlyMessage } from "../records/form-model";
import type { MembershipChanges } from "./group-members";
import { addMember, removeMember } from "./group-members";

/** Null when it worked, else why not. */
export type MembershipOutcome = string | null;

function problem(outcome: EditOutcome, what: string): string | null {
  switch (outcome.status) {
    case "saved":
    case "unchanged":
      return null;
    case "invalid":
      return friendlyMessage(outcome.message, outcome.field, what);
    case "not_found":
      return `The ${what.toLowerCase()} is no longer in the database.`;
    case "exists":
      return null;
  }
}

export function useGroupMembership(engine: SyncEngine) {
  const apply = useCallback(
    async (
      group: ViewRecord,
      contact: ViewRecord,
      changes: MembershipChanges,
    ): Promise<MembershipOutcome> => {
      // The contact's side first: its limit (100 groups) is the one users reach.
      if (changes.contact) {
        const outcome = await engine.update("contact", contact.id, changes.contact);
        const failed = problem(outcome, "The contact's group list");
        if (failed !== null) return failed;
      }
      if (changes.group) {
        const outcome = await engine.update("group", group.id, changes.group);
        const failed = problem(outcome, "The group's member list");
        if (failed !== null) return failed;
      }
      return null;
    },
    [engine],
  );
  const add = useCallback(
    (group: ViewRecord, contact: ViewRecord) => apply(group, contact, addMember(group, contact)),
    [apply],
  );
  const remove = useCallback(
    (group: ViewRecord, contact: ViewRecord) => apply(group, contact, removeMember(group, contact)),
    [apply],
  );
  return { add, remove };
}
