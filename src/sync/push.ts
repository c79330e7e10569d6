/**
 * Pushing the outbox: requests of at most 500 mutations in mid order, each answer written in one
 * batch (server state, answered mutations out of the outbox, conflicts settled by the rule,
 * rejections to needs attention), until nothing is left to send.
 *
 * - A lost answer (`NetworkError`) or 503 leaves everything in place: the same mids go again,
 *   and come back `duplicate` if they were applied (results.ts reads those).
 * - 409 `mid_gap`: this copy's mids do not follow the server's `lastMid` for its client id (a
 *   bug, or outbox state lost). An empty push tells `lastMid`; the pending mutations above it
 *   are renumbered from `lastMid + 1` (none of them was applied: the server applies nothing of
 *   a request with a gap, and mids apply in order) and sent again, once per sync.
 * - 413: the request is halved; a single mutation too large for any request goes to needs
 *   attention and the ones after it take its mid.
 * - No answer in the client's time (a large request on a slow storage account): the request is
 *   halved and sent again at once, twice at most per push; what the first one applied comes back
 *   `duplicate`. A third time, the error goes to the caller like any lost answer.
 * - 403: the member may not change the database (a reader, or demoted since the change was
 *   made): the request's mutations go to needs attention with the server's reason, where the
 *   user can discard them or try again once an owner made them an editor.
 */
import type { Mutation, PullResponse, PushResponse } from "../shared/protocol";
import { MAX_PUSH_MUTATIONS } from "../shared/protocol";
import { ErrorCode } from "../shared/errors";
import type { Changes } from "./changes";
import type { ConflictRule } from "./settings";
import type { Decision } from "./conflicts";
import { decide, mineWins } from "./conflicts";
import { nextBatch } from "./outbox";
import type { PushOutcome } from "./results";
import { readPushResponse } from "./results";
import type { ConflictItem, LocalState, OutboxEntry } from "./state";
import type { Transport } from "./transport";
import { ApiError, NetworkError } from "./transport";
import { recordKey } from "./keys";

/** How one conflict was settled: by the rule (or the user, answering the inbox). */
export interface Settled {
  readonly conflict: ConflictItem;
  readonly decision: Decision | "superseded";
  readonly by: "rule" | "user";
  readonly rule: ConflictRule;
}

export interface PushProgress {
  readonly phase: "push";
  /** Mutations answered so far in this sync. */
  readonly answered: number;
  /** Mutations waiting when the last request left. */
  readonly pending: number;
}

export interface PushSummary {
  readonly requests: number;
  readonly answered: number;
  readonly conflicts: number;
  readonly rejected: number;
}

export interface PushOptions {
  readonly transport: Pick<Transport, "push">;
  readonly databaseId: string;
  readonly state: () => LocalState;
  /** Makes one change under the caller's write discipline and commits it. */
  readonly change: <T>(make: (changes: Changes) => T) => Promise<T>;
  readonly now: () => string;
  readonly onSettled?: (settled: Settled) => void;
  readonly onProgress?: (progress: PushProgress) => void;
  /** At most this many requests in one push (a rule fighting a busy editor must end). */
  readonly maxRequests?: number;
  /**
   * The pull to send with the request that empties the outbox (docs/sync-protocol.md, "A push
   * that pulls too"), or null for none (no complete copy to catch up).
   */
  readonly pullWith?: () => { cursor: string; limit: number } | null;
}

/**
 * Pushes until the outbox is empty (or `maxRequests`). Rejects with transport/store errors.
 * `pulled`: the pull page the last request was answered with, if it carried one (a page answered
 * to an earlier request could be older than a later request's answer: it is not kept).
 */
export async function pushOutbox(
  options: PushOptions,
): Promise<PushSummary & { pulled?: PullResponse }> {
  const summary = { requests: 0, answered: 0, conflicts: 0, rejected: 0 };
  let pulled: PullResponse | undefined;
  let limit = MAX_PUSH_MUTATIONS;
  let renumbered = false;
  let halvedForTime = 0;
  const maxRequests = options.maxRequests ?? 20;
  while (summary.requests < maxRequests) {
    const sent = await options.change((c) => takeBatch(c, limit));
    if (sent.length === 0) break;
    const mutations = sent.map(wireMutation);
    const pull = sent.length === options.state().outbox.length ? options.pullWith?.() : null;
    let response: PushResponse;
    summary.requests += 1;
    pulled = undefined;
    try {
      response = await options.transport.push(options.databaseId, {
        clientId: options.state().client.clientId,
        mutations,
        ...(pull ? { pull } : {}),
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.MidGap && !renumbered) {
        renumbered = true;
        const answer = await options.transport.push(options.databaseId, {
          clientId: options.state().client.clientId,
          mutations: [],
        });
        summary.requests += 1;
        await options.change((c) => renumberFrom(c, answer.lastMid));
        continue;
      }
      if (error instanceof ApiError && error.status === 413) {
        if (sent.length > 1) {
          limit = Math.max(1, Math.floor(sent.length / 2));
          continue;
        }
        await options.change((c) => setAside(c, sent, error, options.now()));
        summary.rejected += 1;
        continue;
      }
      if (error instanceof NetworkError && error.timedOut && sent.length > 1 && halvedForTime < 2) {
        halvedForTime += 1;
        limit = Math.floor(sent.length / 2);
        continue;
      }
      if (error instanceof ApiError && error.status === 403) {
        await options.change((c) => setAside(c, sent, error, options.now()));
        summary.rejected += sent.length;
        continue;
      }
      throw error;
    }
    const settled = await options.change((c) => applyAnswer(c, sent, response, options.now()));
    summary.answered += settled.outcome.answered.size;
    summary.conflicts += settled.outcome.conflicts.length;
    summary.rejected += settled.outcome.rejected.length;
    for (const s of settled.log) options.onSettled?.(s);
    options.onProgress?.({
      phase: "push",
      answered: summary.answered,
      pending: options.state().outbox.length,
    });
    pulled = response.pull;
    // No progress is possible when the server answered none of what was sent.
    if (settled.outcome.answered.size === 0) break;
  }
  return pulled ? { ...summary, pulled } : summary;
}

/** The next request's entries; `sentMid` is raised (and stored) before they leave. */
function takeBatch(c: Changes, limit: number): OutboxEntry[] {
  const batch = nextBatch(c.state.outbox, limit);
  const last = batch.at(-1)?.mutation.mid ?? 0;
  if (last > c.client.sentMid) c.client.sentMid = last;
  return batch;
}

/** The mutation as sent: a chained delete's base is at least 1 (the protocol's minimum). */
function wireMutation(entry: OutboxEntry): Mutation {
  const m = entry.mutation;
  return m.op === "delete" && m.baseVersion < 1 ? { ...m, baseVersion: 1 } : m;
}

/** Writes an answer, and settles its conflicts by the rule. */
function applyAnswer(
  c: Changes,
  sent: readonly OutboxEntry[],
  response: PushResponse,
  now: string,
): { outcome: PushOutcome; log: Settled[] } {
  const state = c.state;
  const outcome = readPushResponse(sent, response, state.outbox, state.server, now);
  // A record the cache holds at a later version than an answer (never expected) is kept.
  const records = outcome.records.filter((r) => {
    const held = state.server.get(recordKey(r.type, r.id));
    return held === undefined || held.version <= r.version;
  });
  c.server({ put: records, gone: outcome.gone });
  c.removeOutbox(outcome.answered);
  for (const [mid, baseVersion] of outcome.chained) {
    const entry = state.outbox.find((e) => e.mutation.mid === mid);
    if (entry?.mutation.op === "delete") {
      c.replace({ ...entry, mutation: { ...entry.mutation, baseVersion } });
    }
  }
  for (const item of outcome.rejected) c.putAttention(item);
  if (response.lastMid >= c.client.nextMid) c.client.nextMid = response.lastMid + 1;
  const log = settle(c, outcome.conflicts, state.settings.conflictRule, "rule");
  for (const conflict of outcome.superseded) {
    log.push({ conflict, decision: "superseded", by: "rule", rule: state.settings.conflictRule });
  }
  return { outcome, log };
}

/**
 * Settles `conflicts` by `rule` (or by the user's `choice` when `by` is "user"): "mine" pushes
 * again (one mutation per conflicting mutation), "theirs" drops mine, "ask" files it in the inbox
 * (replacing an older item of the same field).
 */
export function settle(
  c: Changes,
  conflicts: readonly ConflictItem[],
  rule: ConflictRule,
  by: "rule" | "user",
  choice?: "mine" | "theirs",
): Settled[] {
  const log: Settled[] = [];
  const mine = new Map<string, ConflictItem[]>();
  for (const conflict of conflicts) {
    const decision = choice ?? decide(rule, conflict);
    log.push({ conflict, decision, by, rule });
    if (decision === "mine") {
      const group = `${conflict.mid}|${recordKey(conflict.type, conflict.id)}`;
      mine.set(group, [...(mine.get(group) ?? []), conflict]);
    } else if (decision === "ask") {
      const older = c.state.inbox.filter(
        (i) =>
          i.type === conflict.type &&
          i.id === conflict.id &&
          i.mid < conflict.mid &&
          (i.field === conflict.field || i.field === "*" || conflict.field === "*"),
      );
      c.removeInbox(older);
      c.putInbox(conflict);
    }
  }
  for (const group of mine.values()) {
    for (const draft of mineWins(group)) c.append(draft);
  }
  return log;
}

/** After a 409: the pending mutations above the server's `lastMid` get the mids after it. */
function renumberFrom(c: Changes, lastMid: number): void {
  const above = c.state.outbox.filter((e) => e.mutation.mid > lastMid);
  let mid = lastMid;
  const moved = above.map((e) => ({ ...e, mutation: { ...e.mutation, mid: ++mid } }));
  c.renumber(above, moved);
  c.client.nextMid = mid + 1;
  c.client.sentMid = lastMid;
}

/** A single mutation too large for any request: to needs attention, its mid given to the rest. */
function setAside(c: Changes, entries: readonly OutboxEntry[], error: ApiError, now: string): void {
  const reason = {
    code: error.code,
    message: error.message,
    ...(error.field ? { field: error.field } : {}),
  };
  for (const entry of entries) c.putAttention({ mutation: entry.mutation, error: reason, at: now });
  // `entries` are the outbox's first mutations: the ones after them take their mids.
  const count = entries.length;
  const first = entries[0]!.mutation.mid;
  const last = entries.at(-1)!.mutation.mid;
  const after = c.state.outbox.filter((e) => e.mutation.mid > last);
  const moved = after.map((e) => ({
    ...e,
    mutation: { ...e.mutation, mid: e.mutation.mid - count },
  }));
  c.renumber([...entries, ...after], moved);
  c.client.nextMid -= count;
  c.client.sentMid = Math.min(c.client.sentMid, first - 1);
}
