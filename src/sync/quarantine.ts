/**
 * The quarantine: entries of an offline copy that could not be read (damaged, or written by a
 * newer pane in a format this one does not know), set aside unchanged instead of blocking the
 * whole copy. Each is kept under `quarantine:<12 digits>` with its key and the reason, until the
 * user exports them (for a support request) and deletes them. What setting one aside costs:
 * - a segment of the record cache, the cursor or a re-download's marks: the copy is downloaded
 *   again from the server (nothing of the user's is lost);
 * - an outbox entry: that change is not sent; the ones after it still are (the gap in mids is
 *   repaired as after a `mid_gap`);
 * - a conflict or a refused change: it leaves its list;
 * - `sync:client`: a new client id; pending changes go under it (the server merges a change it
 *   may already hold as a no-op, or reports a conflict).
 */
import { z } from "zod/mini";
import { JsonValue } from "../shared/protocol";
import { pad, QUARANTINE_PREFIX } from "./keys";
import type { StoreWrite, StoredValue } from "./store";

/** One entry set aside. */
export const QuarantineItem = z.object({
  /** The key it was kept under. */
  key: z.string(),
  /** Its value as stored. */
  value: JsonValue,
  /** Why it could not be read, for support. */
  reason: z.string(),
  /** When it was set aside (server time as this copy knows it). */
  at: z.string(),
});
export type QuarantineItem = z.infer<typeof QuarantineItem>;

/** An entry found unreadable while a copy was read. */
export interface Unreadable {
  readonly key: string;
  readonly value: StoredValue;
  readonly reason: string;
}

/** The file "Export" saves: what was set aside, for a support request. */
export interface QuarantineExport {
  readonly format: "bcm-quarantine";
  readonly version: 1;
  readonly databaseId: string;
  readonly exportedAt: string;
  readonly entries: readonly QuarantineItem[];
}

/**
 * The writes that move `found` into the quarantine (after the `held` entries already there),
 * deleting each original: one batch with whatever else the caller repairs.
 */
export function quarantineWrites(
  found: readonly Unreadable[],
  held: readonly string[],
  at: string,
): { writes: StoreWrite[]; items: QuarantineItem[] } {
  let next = held.reduce((max, key) => Math.max(max, quarantineNumber(key) + 1), 0);
  const writes: StoreWrite[] = [];
  const items: QuarantineItem[] = [];
  for (const { key, value, reason } of found) {
    const item: QuarantineItem = { key, value, reason, at };
    items.push(item);
    writes.push({ op: "set", key: `${QUARANTINE_PREFIX}${pad(next++)}`, value: item });
    writes.push({ op: "delete", key });
  }
  return { writes, items };
}

function quarantineNumber(key: string): number {
  const n = Number(key.slice(QUARANTINE_PREFIX.length));
  return Number.isSafeInteger(n) ? n : -1;
}

/** A reason in words from a schema's failure. */
export function reasonOf(error: unknown): string {
  if (error instanceof z.core.$ZodError) {
    const issue = error.issues[0];
    return issue ? `${issue.path.map(String).join(".") || "value"}: ${issue.message}` : "invalid";
  }
  return error instanceof Error ? error.message : String(error);
}
