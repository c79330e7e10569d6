/**
 * Carries out a bulk action (bulk-plan.ts) on the selected contacts: ordinary local changes
 * through the offline copy's outbox (so it works offline and syncs later), in batches of
 * `BATCH` contacts, each planned from the contacts as the copy holds them then and written in
 * one store transaction. The status bar shows the progress between batches and then what was
 * done (import/activity.ts), so 10,000 contacts never hold the pane for long.
 */
import type { EditOutcome, LocalEdit, SyncEngine } from "../../../sync/engine";
import type { ViewRecord } from "../../../sync/view";
import { BATCH, setActivity } from "../../import/activity";
import { friendlyMessage } from "../../records/form-model";
import type { BulkAction } from "./bulk-plan";
import { groupMembers, outcomeText, planBatch, restoreEdits } from "./bulk-plan";

const LABELS: Record<BulkAction["kind"], string> = {
  "add-category": "Adding the category",
  "remove-category": "Removing the category",
  "set-company": "Setting the company",
  "add-to-group": "Adding to the group",
  delete: "Deleting contacts",
};

/** Why the copy refused a change, in words; null when it took it. */
function problem(outcome: EditOutcome | undefined): string | null {
  switch (outcome?.status) {
    case undefined:
    case "saved":
    case "unchanged":
      return null;
    case "invalid":
      return friendlyMessage(outcome.message, outcome.field, "A field");
    case "not_found":
      return "It was deleted meanwhile.";
    case "exists":
      return "A record with its id exists already.";
  }
}

/** What a bulk action did. */
export interface BulkOutcome {
  /** In words, as the status bar shows it. */
  readonly text: string;
  /** A delete's contacts as they were, for its undo. */
  readonly deleted: readonly ViewRecord[];
}

/** Applies `action` to the contacts `ids`, showing its progress and then its outcome. */
export async function runBulk(
  engine: SyncEngine,
  action: BulkAction,
  ids: readonly string[],
): Promise<BulkOutcome> {
  const label = LABELS[action.kind];
  const total = ids.length;
  const show = (done: number, outcome: string | null) =>
    setActivity({ label, done, total, cancel: null, outcome, undo: null });
  show(0, null);
  const tally = {
    changed: 0,
    unchanged: 0,
    full: 0,
    gone: 0,
    failed: 0,
    reason: null as string | null,
  };
  const deleted: ViewRecord[] = [];
  const members: string[] = [];
  const refused = (outcome: EditOutcome | undefined) => {
    const reason = problem(outcome);
    if (reason !== null) {
      tally.failed++;
      tally.reason ??= reason;
    }
    return reason !== null;
  };
  let stopped = "";
  try {
    for (let i = 0; i < total; i += BATCH) {
      const batch: ViewRecord[] = [];
      for (const id of ids.slice(i, i + BATCH)) {
        const contact = engine.get("contact", id);
        if (contact) batch.push(contact);
        else tally.gone++;
      }
      const plan = planBatch(action, batch);
      const outcomes = await engine.applyAll(plan.edits);
      const failed = new Set<string>();
      plan.edits.forEach((edit, j) => {
        if (refused(outcomes[j])) failed.add(edit.id);
      });
      if (action.kind === "delete") deleted.push(...batch.filter((c) => !failed.has(c.id)));
      members.push(...plan.members.filter((id) => !failed.has(id)));
      tally.unchanged += plan.unchanged;
      tally.full += plan.full;
      tally.changed += batch.length - plan.unchanged - plan.full - failed.size;
      show(Math.min(total, i + BATCH), null);
    }
    if (action.kind === "add-to-group" && members.length > 0) {
      // The group's side last, with the contacts whose own side was written (as the import does).
      const group = engine.get("group", action.group.id);
      const changes = group && groupMembers(group, members);
      if (!group) refused({ status: "not_found" });
      else if (changes) refused(await engine.update("group", group.id, changes));
    }
  } catch (error) {
    // The copy could not be written (storage full, say): what was written stays.
    stopped = `Stopped: ${error instanceof Error ? error.message : String(error)}. `;
  }
  const text = stopped + outcomeText(action, tally);
  show(total, text);
  return { text, deleted };
}

/** Undoes a bulk delete: each contact made again as it was, in batches, with progress. */
export async function restoreContacts(
  engine: SyncEngine,
  contacts: readonly ViewRecord[],
): Promise<void> {
  const edits: LocalEdit[] = restoreEdits(contacts);
  const total = edits.length;
  const show = (done: number, outcome: string | null) =>
    setActivity({ label: "Restoring contacts", done, total, cancel: null, outcome, undo: null });
  show(0, null);
  let restored = 0;
  for (let i = 0; i < total; i += BATCH) {
    const outcomes = await engine.applyAll(edits.slice(i, i + BATCH));
    restored += outcomes.filter((o) => o.status === "saved").length;
    show(Math.min(total, i + BATCH), null);
  }
  const n = new Intl.NumberFormat().format(restored);
  show(total, `Restored ${n} ${restored === 1 ? "contact" : "contacts"}.`);
}
