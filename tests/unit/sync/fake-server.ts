/**
 * A shared database in memory for the engine's unit tests, merging with the API's own code
 * (api/src/sync/merge.ts, checkMutation of api/src/sync/push.ts) and keeping the protocol's
 * promises: mids per client in order, `duplicate` for a retry, 409 `mid_gap`, a change index
 * for pull (each record once, at its latest state, in commit order), 410 for old cursors.
 * Faults are scripted per call: `failNext("push", …)`.
 */
import type {
  Mutation,
  MutationResult,
  PullResponse,
  PushResponse,
  RecordType,
  WireRecord,
} from "../../../src/shared/protocol";
import type { DraftMutation } from "../../../src/sync/outbox";
import type { PushRequest, Transport } from "../../../src/sync/transport";
import { ApiError, NetworkError } from "../../../src/sync/transport";
import { merge } from "../../../api/src/sync/merge";
import { checkMutation } from "../../../api/src/sync/push";
import { toWire } from "../../../api/src/sync/wire";
import type { StoredRecord } from "../../../api/src/storage/repository";

/** What happens to the next call of a kind. */
export type Fault =
  /** The request never reaches the server. */
  | "offline"
  /** The server applies the request, and the answer is lost. */
  | "lose-answer"
  /** The server answers with this error, applying nothing. */
  | ApiError;

export class FakeServer {
  readonly #records = new Map<string, StoredRecord>();
  readonly #lastMid = new Map<string, number>();
  #seq = 0;
  #clock = Date.parse("2026-11-26T10:00:00.000Z");
  readonly #faults: Record<"push" | "pull", Fault[]> = { push: [], pull: [] };
  /** Every request that reached the server, for assertions. */
  readonly pushes: Array<{ user: string; clientId: string; mutations: Mutation[] }> = [];
  readonly pulls: Array<{ cursor: string | null; limit: number }> = [];
  /** Refuses the mutations it returns an error for (as a sync set or a size limit would). */
  refuse: (m: Mutation) => { code: string; message: string; field?: string } | null = () => null;
  /** Cursors carry it: `expireCursors` makes every cursor given out so far 410. */
  #epoch = 1;

  /** A transport that signs in as `user`. */
  as(user: string): Transport {
    return {
      pull: (_db, cursor, limit) => this.#call("pull", () => this.#pull(cursor, limit)),
      push: (_db, request) => this.#call("push", () => this.#push(user, request)),
    };
  }

  /** Scripts what happens to the next calls of `kind`, in order. */
  failNext(kind: "push" | "pull", ...faults: Fault[]): void {
    this.#faults[kind].push(...faults);
  }

  /** The live record, as pull would send it. */
  record(type: RecordType, id: string): WireRecord | undefined {
    const r = this.#records.get(`${type}:${id}`);
    return r && !r.deleted ? toWire(r) : undefined;
  }

  /** Every live record's fields, by `type:id`. */
  live(): Map<string, Record<string, unknown>> {
    const out = new Map<string, Record<string, unknown>>();
    for (const [key, r] of this.#records) if (!r.deleted) out.set(key, r.fields);
    return out;
  }

  /** As after a restore: every cursor given out so far is answered 410 `cursor_expired`. */
  expireCursors(): void {
    this.#epoch += 1;
  }

  lastMid(clientId: string): number {
    return this.#lastMid.get(clientId) ?? 0;
  }

  /** Writes as another member would, outside any engine (returns the result). */
  write(user: string, clientId: string, mutation: DraftMutation): MutationResult {
    const mid = this.lastMid(clientId) + 1;
    const answer = this.#push(user, { clientId, mutations: [{ ...mutation, mid }] });
    return answer.results[0]!;
  }

  async #call<T>(kind: "push" | "pull", run: () => T): Promise<T> {
    await Promise.resolve();
    const fault = this.#faults[kind].shift();
    if (fault === "offline") throw new NetworkError("offline");
    if (fault instanceof ApiError) throw fault;
    const answer = run();
    if (fault === "lose-answer") throw new NetworkError("the answer was lost");
    return answer;
  }

  #pull(cursor: string | null, limit: number): PullResponse {
    this.pulls.push({ cursor, limit });
    const [epoch, seq] = cursor === null ? [this.#epoch, 0] : cursor.split(":").map(Number);
    if (epoch !== this.#epoch) {
      throw new ApiError(410, "cursor_expired", "Start again from the beginning.");
    }
    const after = seq ?? 0;
    const changed = [...this.#records.values()]
      .filter((r) => r.seq > after)
      .sort((a, b) => a.seq - b.seq);
    const page = changed.slice(0, limit);
    return {
      records: page.map(toWire),
      removed: [],
      cursor: `${this.#epoch}:${page.at(-1)?.seq ?? after}`,
      more: changed.length > page.length,
      epoch: "e1",
    };
  }

  #push(user: string, request: PushRequest): PushResponse {
    this.pushes.push({ user, clientId: request.clientId, mutations: [...request.mutations] });
    const checked = request.mutations.map((m) => checkMutation(m));
    let lastMid = this.lastMid(request.clientId);
    let expected = lastMid + 1;
    for (const c of checked) {
      const mid = c.ok ? c.mutation.mid : c.mid;
      if (mid > expected)
        throw new ApiError(409, "mid_gap", `Mutation ${mid} comes before ${expected}.`);
      if (mid === expected) expected++;
    }
    const results: MutationResult[] = [];
    for (const c of checked) {
      const mid = c.ok ? c.mutation.mid : c.mid;
      if (mid <= lastMid) {
        const current = c.ok ? this.#records.get(`${c.mutation.type}:${c.mutation.id}`) : undefined;
        results.push({ mid, status: "duplicate", ...(current ? { record: toWire(current) } : {}) });
        continue;
      }
      lastMid = mid;
      if (!c.ok) {
        results.push({ mid, status: "rejected", error: { code: c.code, message: c.message } });
        continue;
      }
      const m = c.mutation;
      const refused = this.refuse(m);
      if (refused) {
        results.push({ mid, status: "rejected", error: refused });
        continue;
      }
      const key = `${m.type}:${m.id}`;
      this.#clock += 1000;
      const merged = merge(
        this.#records.get(key) ?? null,
        m,
        user,
        new Date(this.#clock).toISOString(),
      );
      if (merged.status === "rejected") {
        results.push({
          mid,
          status: "rejected",
          error: { code: merged.code, message: merged.message },
        });
        continue;
      }
      if (merged.changed && merged.state) {
        // Object.assign: whatever bookkeeping the API's record type carries is kept as merged.
        this.#records.set(key, Object.assign({}, merged.state, { seq: ++this.#seq }));
      }
      const state = this.#records.get(key);
      results.push({
        mid,
        status: merged.status,
        ...(state ? { record: toWire(state) } : {}),
        ...(merged.conflicts.length ? { conflicts: merged.conflicts } : {}),
      });
    }
    this.#lastMid.set(request.clientId, lastMid);
    return { lastMid, results };
  }
}
