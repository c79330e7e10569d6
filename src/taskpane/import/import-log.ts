/**
 * The imports made on this computer into an offline copy, newest first, for "Undo import": the
 * import's mark (`importId`, on the records it made) and when it finished, which tells the undo
 * which of its records nobody edited since (plan.ts, `untouchedSince`). Kept in the pane's
 * origin storage per copy; a copy wiped with it has no records of its own to undo either.
 */
import { z } from "zod/mini";

const ImportRecord = z.object({
  id: z.string(),
  fileName: z.string(),
  /** When the import finished writing (this computer's clock, as the outbox's `at`). */
  finishedAt: z.string(),
  /** Records it made and contacts it changed. */
  contacts: z.number(),
  updated: z.number(),
  companies: z.number(),
  groups: z.number(),
  cancelled: z.boolean(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

/** The most imports remembered per copy. */
const KEEP = 10;

const keyOf = (copyId: string) => `bcm-imports:${copyId}`;

/** The imports made into a copy on this computer, newest first (none when unreadable). */
export function importsOf(copyId: string): ImportRecord[] {
  try {
    const parsed = z
      .array(ImportRecord)
      .safeParse(JSON.parse(localStorage.getItem(keyOf(copyId)) ?? "[]"));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function save(copyId: string, records: readonly ImportRecord[]): void {
  try {
    localStorage.setItem(keyOf(copyId), JSON.stringify(records.slice(0, KEEP)));
  } catch {
    // Storage full or refused: the import stands; only its undo is not offered.
  }
}

export function rememberImport(copyId: string, record: ImportRecord): void {
  save(copyId, [record, ...importsOf(copyId).filter((r) => r.id !== record.id)]);
}

export function forgetImport(copyId: string, id: string): void {
  save(
    copyId,
    importsOf(copyId).filter((r) => r.id !== id),
  );
}
