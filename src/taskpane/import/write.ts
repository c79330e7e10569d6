/**
 * Carrying out an import's plan (plan.ts) and its undo through the offline copy: ordinary local
 * changes, in batches of `BATCH` records, each batch one store transaction
 * (`SyncEngine.applyAll`), so the import works offline and syncs later like any edit. Between
 * batches the status bar shows the counts (activity.ts) and the user may cancel: what was
 * written stays, the groups get the contacts written so far, and the user is told how many.
 */
import type { EditOutcome, LocalEdit, SyncEngine } from "../../sync/engine";
import { BATCH, setActivity } from "./activity";
import type { ImportRecord } from "./import-log";
import { forgetImport, rememberImport } from "./import-log";
import type { ImportPlan } from "./plan";
import { contactBatches, groupEdits, undoPlan } from "./plan";

const count = new Intl.NumberFormat();
const plural = (n: number, one: string, many: string) =>
  `${count.format(n)} ${n === 1 ? one : many}`;

/** A contact the import could not write, and why. */
export interface WriteProblem {
  readonly line: number;
  readonly reason: string;
}

function problemOf(outcome: EditOutcome): string | null {
  switch (outcome.status) {
    case "saved":
    case "unchanged":
      return null;
    case "invalid":
      return outcome.message;
    case "not_found":
      return "The existing contact it matched was deleted meanwhile.";
    case "exists":
      return "A record with its id exists already.";
  }
}

/** Said when an import or its undo is asked for while another runs on the same copy. */
export const BUSY =
  "Another import (or its undo) is running on this database, in this window or another Outlook window. Try again once it has finished: the status bar there shows its progress.";

/**
 * Runs `task` unless an import or an undo runs on the copy already (in any pane: two at once
 * would each miss the other's contacts when looking for duplicates); then says so instead.
 */
async function alone<T>(engine: SyncEngine, task: () => Promise<T>): Promise<T | null> {
  const result = await engine.alone(task);
  if (result === null) {
    setActivity({ label: "Import", done: 0, total: 0, cancel: null, outcome: BUSY, undo: null });
  }
  return result;
}

/**
 * Writes `plan` (from a file named `fileName`; `lineOf` gives an incoming contact's line) into
 * the engine's copy, showing its progress in the status bar. Resolves once written or
 * cancelled, with the problems met; the import is remembered for Undo import. Null when
 * another import or undo was running on the copy (the status bar says so; nothing written).
 */
export function runImport(
  engine: SyncEngine,
  plan: ImportPlan,
  fileName: string,
  lineOf: (index: number) => number,
): Promise<{ record: ImportRecord; problems: WriteProblem[] } | null> {
  return alone(engine, () => writeImport(engine, plan, fileName, lineOf));
}

async function writeImport(
  engine: SyncEngine,
  plan: ImportPlan,
  fileName: string,
  lineOf: (index: number) => number,
): Promise<{ record: ImportRecord; problems: WriteProblem[] }> {
  const batches = contactBatches(plan, BATCH);
  const total = plan.contacts.length;
  const controller = new AbortController();
  const show = (done: number) =>
    setActivity({
      label: "Importing contacts",
      done,
      total,
      cancel: () => controller.abort(),
      outcome: null,
      undo: null,
    });
  show(0);
  const written = new Set<string>();
  const problems: WriteProblem[] = [];
  const made = { contacts: 0, updated: 0, companies: 0, groups: 0 };
  const tally = (edits: readonly LocalEdit[], outcomes: readonly EditOutcome[]) => {
    edits.forEach((edit, i) => {
      const outcome = outcomes[i];
      if (!outcome || outcome.status !== "saved") return;
      if (edit.type === "contact") {
        written.add(edit.id);
        if (edit.op === "create") made.contacts++;
        else made.updated++;
      } else if (edit.type === "company") made.companies++;
      else if (edit.type === "group" && edit.op === "create") made.groups++;
    });
  };
  const recordNow = (cancelled: boolean): ImportRecord => ({
    id: plan.importId,
    fileName,
    // After the last batch written: every change the import made has an earlier `at`.
    finishedAt: new Date().toISOString(),
    ...made,
    cancelled,
  });
  let done = 0;
  let failure: string | null = null;
  try {
    for (const batch of batches) {
      if (controller.signal.aborted) break;
      const outcomes = await engine.applyAll(batch);
      tally(batch, outcomes);
      // Remembered after each batch, as stopped until the last: a pane closed in the middle of
      // the import (its batches are in the copy) still offers to undo what it wrote.
      rememberImport(engine.copyId, recordNow(true));
      batch.forEach((edit, i) => {
        const reason = outcomes[i] && problemOf(outcomes[i]);
        if (!reason || edit.type !== "contact") return;
        const index = plan.contacts.findIndex((c) => c.edit === edit);
        problems.push({ line: lineOf(plan.contacts[index]?.index ?? 0), reason });
      });
      done += batch.filter((e) => e.type === "contact").length;
      show(done);
    }
    const groups = groupEdits(plan, written);
    if (groups.length > 0) tally(groups, await engine.applyAll(groups));
  } catch (error) {
    // The copy could not be written (storage full, say): what was written stays, as on cancel.
    failure = error instanceof Error ? error.message : String(error);
  }
  const record = recordNow(controller.signal.aborted || failure !== null);
  const madeAny = made.contacts + made.companies + made.groups > 0;
  if (madeAny || made.updated > 0) rememberImport(engine.copyId, record);
  else forgetImport(engine.copyId, record.id);
  setActivity({
    label: "Import",
    done,
    total,
    cancel: null,
    outcome: [
      failure === null ? "" : `The import stopped: ${failure}`,
      importOutcome(record, total),
      problems.length === 0
        ? ""
        : `${plural(problems.length, "contact", "contacts")} could not be written (line ${problems[0]?.line}: ${problems[0]?.reason})`,
    ]
      .filter((part) => part !== "")
      .join(" "),
    undo: madeAny ? () => void runUndo(engine, record) : null,
  });
  return { record, problems };
}

/** What an import did, in words. */
export function importOutcome(record: ImportRecord, planned: number): string {
  const parts = [
    plural(record.contacts, "contact added", "contacts added"),
    ...(record.updated > 0 ? [plural(record.updated, "contact updated", "contacts updated")] : []),
    ...(record.companies > 0 ? [plural(record.companies, "company", "companies")] : []),
    ...(record.groups > 0 ? [plural(record.groups, "group", "groups")] : []),
  ].join(", ");
  const written = record.contacts + record.updated;
  return record.cancelled
    ? `Import stopped: ${count.format(written)} of ${count.format(planned)} contacts were written and stay (${parts}).`
    : `Imported from ${record.fileName}: ${parts}.`;
}

/**
 * Undoes an import: deletes the records it made that nobody edited since (plan.ts), in
 * batches, with progress in the status bar. Resolves with what it did, in words (or, when
 * another import or undo was running on the copy, with that said).
 */
export async function runUndo(engine: SyncEngine, record: ImportRecord): Promise<string> {
  return (await alone(engine, () => undoImport(engine, record))) ?? BUSY;
}

async function undoImport(engine: SyncEngine, record: ImportRecord): Promise<string> {
  const plan = undoPlan(record.id, record.finishedAt, {
    contacts: engine.records("contact"),
    companies: engine.records("company"),
    groups: engine.records("group"),
  });
  const total = plan.edits.length;
  const show = (done: number, outcome: string | null) =>
    setActivity({ label: "Undoing the import", done, total, cancel: null, outcome, undo: null });
  show(0, null);
  for (let i = 0; i < total; i += BATCH) {
    await engine.applyAll(plan.edits.slice(i, i + BATCH));
    show(Math.min(total, i + BATCH), null);
  }
  forgetImport(engine.copyId, record.id);
  const { contacts, companies, groups, kept } = plan.counts;
  const outcome =
    `Import undone: ${plural(contacts, "contact", "contacts")}, ${plural(companies, "company", "companies")} and ${plural(groups, "group", "groups")} removed.` +
    (kept > 0
      ? ` ${plural(kept, "record was", "records were")} edited since or still in use, and stay.`
      : "");
  show(total, outcome);
  return outcome;
}
