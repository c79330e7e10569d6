/**
 * Pull cursors: opaque to clients, they hold the database's epoch, the sequence number of the
 * last change the client has, the hash of the member's view, and `since`: the change after
 * which everything the client's copy holds may have changed (where its last complete pull
 * ended, or the head when a new copy began). A cursor from another epoch (a restored database)
 * cannot be served: 410. A cursor in the middle of a snapshot
 * (sync/snapshot.ts) also names the snapshot, its next chunk and its number of chunks; its `seq`
 * is the snapshot's. A cursor between two pages of a difference (sync/view-change.ts) keeps the
 * older view's `seq`, `view` and `since`, and names the difference: the view it leads to, the
 * last entry sent, and the head its last page continues from.
 */
import { badRequest, DomainError, ErrorCode } from "../errors";

export interface CursorState {
  epoch: string;
  seq: number;
  view: string;
  since: number;
  snapshot?: SnapshotPosition;
  difference?: DifferencePosition;
}

export interface DifferencePosition {
  /** The hash of the view the difference leads to. */
  readonly to: string;
  /** The last entry sent (its `recordOrderKey`): the next page starts after it. */
  readonly after: string;
  /** The head's seq when the first page was read: the last page's cursor continues from it. */
  readonly at: number;
}

export interface SnapshotPosition {
  readonly id: string;
  readonly next: number;
  readonly chunks: number;
}

export function encodeCursor(state: CursorState): string {
  const { epoch: e, seq: s, view: v, since: b, snapshot, difference } = state;
  const p = snapshot ? { p: snapshot.id, n: snapshot.next, c: snapshot.chunks } : {};
  const d = difference ? { t: difference.to, k: difference.after, a: difference.at } : {};
  return Buffer.from(JSON.stringify({ e, s, v, b, ...p, ...d })).toString("base64url");
}

const isSeq = (n: unknown): n is number =>
  typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

/**
 * The cursor's state; 400 naming `cursor` when it is not one of ours, 410 when it is from another
 * epoch. Its view may differ from the member's now (`sync/view-change.ts`).
 */
export function decodeCursor(cursor: string, epoch: string): CursorState {
  const state = parseCursor(cursor);
  if (state.epoch !== epoch) {
    throw new DomainError(
      ErrorCode.CursorExpired,
      "The database was restored since this cursor; pull again from the start.",
      "cursor",
    );
  }
  return state;
}

/** The cursor's state, whatever its epoch; 400 naming `cursor` when it is not one of ours. */
export function parseCursor(cursor: string): CursorState {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badRequest("cursor is not a cursor this server gave out.", "cursor");
  }
  const { e, s, v, b, p, n, c, t, k, a } = (state ?? {}) as Record<string, unknown>;
  if (
    typeof e !== "string" ||
    typeof v !== "string" ||
    !isSeq(s) ||
    (b !== undefined && !isSeq(b)) ||
    (p !== undefined && (typeof p !== "string" || !/^[0-9a-f]{1,64}$/.test(p))) ||
    (p !== undefined && !(isSeq(n) && isSeq(c) && n < c)) ||
    (t !== undefined && !(typeof t === "string" && typeof k === "string" && isSeq(a))) ||
    (t !== undefined && p !== undefined)
  ) {
    throw badRequest("cursor is not a cursor this server gave out.", "cursor");
  }
  // Cursors given out before `since` existed: their copy was complete at `s`.
  const snapshot = typeof p === "string" ? { id: p, next: n as number, chunks: c as number } : null;
  const difference = typeof t === "string" ? { to: t, after: k as string, at: a as number } : null;
  return {
    epoch: e,
    seq: s,
    view: v,
    since: b ?? s,
    ...(snapshot ? { snapshot } : {}),
    ...(difference ? { difference } : {}),
  };
}
