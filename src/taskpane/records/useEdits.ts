/**
 * Local changes for the record screens: create, update and delete through the engine (stored in
 * the offline copy at once, pushed by the sync loop), and delete with undo.
 *
 * Undo recreates the record under the same id with the fields it had. The protocol allows it:
 * "a create of a deleted id brings the record back", starting from empty fields, so the record
 * comes back exactly as it was shown. When the delete has not left this computer yet, the
 * outbox folds it away instead: a contact created here and never pushed, then deleted, leaves
 * no mutation at all (create + delete cancel out), and the undo is a plain create; a contact
 * from the shared database gets a delete then a create, which the server applies in order.
 */
import { useCallback, useMemo } from "react";
import type { Fields } from "../../shared/json";
import type { RecordType } from "../../shared/protocol";
import type { EditOutcome, SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import type { ShowUndo } from "../ui/useUndoToast";

export interface Edits {
  create(type: RecordType, fields: Fields): Promise<EditOutcome>;
  update(type: RecordType, id: string, changes: Fields): Promise<EditOutcome>;
  remove(type: RecordType, id: string): Promise<EditOutcome>;
  /** Brings a deleted record back, same id and fields. */
  restore(record: ViewRecord): Promise<EditOutcome>;
}

export function useEdits(engine: SyncEngine): Edits {
  return useMemo(
    () => ({
      create: (type, fields) => engine.create(type, fields),
      update: (type, id, changes) => engine.update(type, id, changes),
      remove: (type, id) => engine.remove(type, id),
      restore: (record) => engine.create(record.type, { ...record.fields }, record.id),
    }),
    [engine],
  );
}

/** Deletes `record` and, when that worked, offers to undo it; resolves with the outcome. */
export function useDeleteWithUndo(edits: Edits, showUndo: ShowUndo) {
  return useCallback(
    async (record: ViewRecord, message: string): Promise<EditOutcome> => {
      const outcome = await edits.remove(record.type, record.id);
      if (outcome.status === "saved") {
        showUndo(message, async () => {
          await edits.restore(record);
        });
      }
      return outcome;
    },
    [edits, showUndo],
  );
}
