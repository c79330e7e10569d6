/**
 * Pulling: every change after the kept cursor, page by page until `more` is false. Each page is
 * written in one batch with the cursor that follows it, so a pull cut short (pane closed,
 * network gone) resumes after the last page it holds and never fetches that page again; the
 * initial copy is the same call from `null`.
 *
 * A cursor the server can no longer serve (410 `cursor_expired`), or a copy without a cursor
 * that holds records, starts a (re-)download with mark and sweep: every record held is marked (`sync:sweep`), each page unmarks the records it
 * brings, and when the last page is in, the records still marked are dropped. The copy stays
 * usable meanwhile, and the outbox, inbox and needs-attention list are not touched.
 */
import type { PullResponse } from "../shared/protocol";
import { ErrorCode } from "../shared/errors";
import { COPY_KEY, CURSOR_KEY, SWEEP_KEY, recordKey } from "./keys";
import type { Changes } from "./changes";
import type { LocalState } from "./state";
import type { Transport } from "./transport";
import { ApiError } from "./transport";

export interface PullProgress {
  readonly phase: "pull";
  /** Pages fetched so far in this pull. */
  readonly pages: number;
  /** Records and removals applied so far. */
  readonly changes: number;
  /** Records the copy holds now. */
  readonly held: number;
  /** Whether this pull re-downloads the copy after an expired cursor. */
  readonly restarted: boolean;
}

export interface PullSummary {
  readonly pages: number;
  readonly changes: number;
  readonly cursor: string;
  readonly restarted: boolean;
}

export interface PullOptions {
  readonly transport: Pick<Transport, "pull">;
  readonly databaseId: string;
  readonly limit: number;
  /** The state as it is now (the caller holds the sync lock: nobody else pulls). */
  readonly state: () => LocalState;
  /** Makes one change under the caller's write discipline and commits it. */
  readonly change: (make: (changes: Changes) => void) => Promise<void>;
  readonly now: () => string;
  readonly onProgress?: (progress: PullProgress) => void;
  /** The first page, already answered for the kept cursor (with the sync's push). */
  readonly first?: PullResponse;
}

/** A page asked for: its answer, and the next page's cursor and request once known. */
interface Asked {
  readonly cursor: string | null;
  readonly answer: Promise<PullResponse>;
  readonly ahead: { next: string | null; request: Asked | null };
}

/**
 * Pulls until `more` is false. The next page is asked for as soon as its cursor is known: from
 * the answer's headers (`ahead`), while the page itself is still arriving, else once it is
 * read; so the server reads the next page while this one is received and written. One page
 * ahead at most. Rejects with the transport's or the store's errors (a page asked for ahead is
 * then dropped unread).
 */
export async function pullChanges(options: PullOptions): Promise<PullSummary> {
  let pages = 0;
  let changes = 0;
  let restarted = options.state().sweep !== null;
  let expiredOnce = false;
  /** The answer the loop waits for: only its request may have the next page asked ahead. */
  let awaited: Promise<PullResponse> | null = null;
  const ask = (cursor: string | null): Asked => {
    const ahead: Asked["ahead"] = { next: null, request: null };
    const answer = options.transport.pull(options.databaseId, cursor, options.limit, (next) => {
      ahead.next = next;
      if (awaited === answer) askAhead(ahead);
    });
    // Read when its turn comes; until then a failure must not count as unhandled.
    answer.catch(() => undefined);
    return { cursor, answer, ahead };
  };
  // One page ahead at most: the next one is asked for once the page awaited says it has more.
  const askAhead = (ahead: Asked["ahead"]) => {
    if (ahead.next !== null && ahead.request === null) ahead.request = ask(ahead.next);
  };
  // A pull from the start names nothing in `removed` (the server takes the copy for empty), so
  // what a copy without a cursor holds (answers to its pushes) is swept like after a 410.
  const held = options.state();
  if (held.cursor === null && held.sweep === null && held.server.size > 0) {
    await options.change((c) => startSweep(c));
  }
  const cursor = options.state().cursor;
  let request: Asked = options.first
    ? { cursor, answer: Promise.resolve(options.first), ahead: { next: null, request: null } }
    : ask(cursor);
  for (;;) {
    let page: PullResponse;
    awaited = request.answer;
    askAhead(request.ahead);
    try {
      page = await request.answer;
    } catch (error) {
      const expired = error instanceof ApiError && error.code === ErrorCode.CursorExpired;
      if (!expired || request.cursor === null || expiredOnce) throw error;
      expiredOnce = true;
      restarted = true;
      await options.change((c) => startSweep(c));
      request = ask(options.state().cursor);
      continue;
    }
    if (page.more) {
      const ahead = request.ahead.request;
      request = ahead?.cursor === page.cursor ? ahead : ask(page.cursor);
    }
    pages += 1;
    changes += page.records.length + page.removed.length;
    await options.change((c) => applyPage(c, page, options.now()));
    options.onProgress?.({
      phase: "pull",
      pages,
      changes,
      held: options.state().server.size,
      restarted,
    });
    if (!page.more) return { pages, changes, cursor: page.cursor, restarted };
  }
}

/** Marks every record held, and forgets the cursor: the next page starts from the beginning. */
function startSweep(c: Changes): void {
  const marked = c.state.server.keys();
  c.batch
    .set(SWEEP_KEY, marked)
    .delete(CURSOR_KEY)
    .then(() => {
      c.state.sweep = new Set(marked);
      c.state.cursor = null;
    });
}

function applyPage(c: Changes, page: PullResponse, now: string): void {
  const state = c.state;
  const nothing =
    page.records.length === 0 &&
    page.removed.length === 0 &&
    page.cursor === state.cursor &&
    state.sweep === null &&
    state.copy?.complete === true;
  // A pull with nothing new writes nothing.
  if (nothing) return;
  const sweep = state.sweep === null ? null : new Set(state.sweep);
  const gone = page.removed.map(({ type, id }) => recordKey(type, id));
  if (sweep) {
    for (const r of page.records) sweep.delete(recordKey(r.type, r.id));
    for (const key of gone) sweep.delete(key);
    // The last page of a re-download: what it did not bring is no longer in the member's view.
    if (!page.more) gone.push(...sweep);
  }
  c.server({ put: page.records, gone });
  if (sweep && !page.more) c.batch.delete(SWEEP_KEY);
  else if (sweep) c.batch.set(SWEEP_KEY, [...sweep]);
  const copy =
    state.copy === null || (state.copy.complete === false && !page.more)
      ? {
          complete: !page.more,
          startedAt: state.copy?.startedAt ?? now,
          ...(page.more ? {} : { completedAt: now }),
        }
      : null;
  if (copy) c.batch.set(COPY_KEY, copy);
  c.batch.set(CURSOR_KEY, page.cursor).then(() => {
    state.cursor = page.cursor;
    state.sweep = sweep && page.more ? sweep : null;
    if (copy) state.copy = copy;
  });
}
