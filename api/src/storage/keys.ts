/**
 * The row keys of the Table Storage layout (docs/architecture.md, "Storage layout"): one
 * partition per database, rows told apart by a one-letter prefix and `|`.
 */
import type { RecordType } from "../../../src/shared/protocol";

export const HEAD = "h";
export const memberKey = (email: string) => `m|${encodeKey(email)}`;
export const syncSetKey = (name: string) => `s|${encodeKey(name)}`;
export const clientKey = (clientId: string) => `k|${clientId}`;
export const linkKey = (contactId: string, historyId: string) => `l|${contactId}|${historyId}`;
export const recordKey = (type: RecordType, id: string) => `r|${type}|${id}`;
/** The change index: 12 digits keep commit order in the keys' string order. */
export const changeKey = (seq: number) => `c|${String(seq).padStart(12, "0")}`;

/** The definition of a view a cursor was made for (`sync/view-change.ts`). */
export const viewKey = (hash: string) => `v|${hash}`;

/** The snapshot's meta row, and its chunks' rows (6 digits keep their order). */
export const SNAPSHOT = "p";
export const SNAPSHOT_CHUNKS = "p|";
export const snapshotChunkKey = (id: string, n: number) => `p|${id}|${String(n).padStart(6, "0")}`;

/** The prefixes of rows read as a range (every key starting with one, see `prefixEnd`). */
export const MEMBERS = "m|";
export const SYNC_SETS = "s|";
export const RECORDS = "r|";
export const linksOf = (contactId: string) => `l|${contactId}|`;
/** Above every change key (digits sort below `~`). */
export const CHANGES_END = "c|~";
/**
 * Above the head's key and below every other key after the change index's: no key starts with
 * `d` to `g`, nor with `h|`. A range from a change key to it holds changes and the head only.
 */
export const THROUGH_HEAD = "h|";

/** Keys may not hold `/ \ # ?` or control characters: those (and `%`) are percent-encoded. */
export function encodeKey(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[%/\\#?\u0000-\u001f\u007f-\u009f]/g, (c) =>
    Array.from(
      new TextEncoder().encode(c),
      (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    ).join(""),
  );
}

/**
 * The first string after every string that starts with `prefix` (which ends in `|`): its last
 * character plus one. An end such as `prefix~` would stop before keys holding letters past
 * ASCII (a sync set "Köln").
 */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
