/**
 * Pull cursors: opaque to clients, they hold the database's epoch, the sequence number of the
 * last change the client has, and the hash of the member's view. A cursor from another epoch
 * (a restored database) or another view (a changed sync set) cannot be served: 410.
 */
import { ApiProblem, badRequest } from "./http";

interface CursorState {
  epoch: string;
  seq: number;
  view: string;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify({ e: state.epoch, s: state.seq, v: state.view })).toString(
    "base64url",
  );
}

/** The cursor's state; 400 naming `cursor` when it is not one of ours, 410 when it expired. */
export function decodeCursor(cursor: string, epoch: string, view: string): CursorState {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badRequest("cursor is not a cursor this server gave out.", "cursor");
  }
  const { e, s, v } = (state ?? {}) as { e?: unknown; s?: unknown; v?: unknown };
  if (
    typeof e !== "string" ||
    typeof v !== "string" ||
    typeof s !== "number" ||
    !Number.isSafeInteger(s) ||
    s < 0
  ) {
    throw badRequest("cursor is not a cursor this server gave out.", "cursor");
  }
  if (e !== epoch) {
    throw new ApiProblem(
      410,
      "cursor_expired",
      "The database was restored since this cursor; pull again from the start.",
      "cursor",
    );
  }
  if (v !== view) {
    throw new ApiProblem(
      410,
      "cursor_expired",
      "What your copy holds has changed (sync set or subscriptions); pull again from the start.",
      "cursor",
    );
  }
  return { epoch: e, seq: s, view: v };
}
