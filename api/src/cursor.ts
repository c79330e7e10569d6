/**
 * Pull cursors: opaque to clients, they hold the database's epoch and the sequence number of
 * the last change the client has. A cursor from another epoch (a restored database) is 410.
 */
import { ApiProblem, badRequest } from "./http";

interface CursorState {
  epoch: string;
  seq: number;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify({ e: state.epoch, s: state.seq })).toString("base64url");
}

/** The cursor's state; 400 naming `cursor` when it is not one of ours, 410 when it expired. */
export function decodeCursor(cursor: string, epoch: string): CursorState {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badRequest("cursor is not a cursor this server gave out.", "cursor");
  }
  const { e, s } = (state ?? {}) as { e?: unknown; s?: unknown };
  if (typeof e !== "string" || typeof s !== "number" || !Number.isSafeInteger(s) || s < 0) {
    throw badRequest("cursor is not a cursor this server gave out.", "cursor");
  }
  if (e !== epoch) {
    throw new ApiProblem(410, "cursor_expired", "The database was restored since this cursor; pull again from the start.", "cursor");
  }
  return { epoch: e, seq: s };
}
