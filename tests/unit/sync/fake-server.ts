/**
 * A shared database in memory for the engine's unit tests, merging with the API's own code
 * (api/src/sync/merge.ts, checkMutation of api/src/sync/push.ts) and keeping the protocol's
 * promises: mids per client in order, `duplicate` for a retry, 409 `mid_gap`, a change index
 * for pull (each record once, at its latest state, in commit order), 410 for old cursors.
 *
 * Pages are the API's own (`pullPage` of api/src/sync/pull.ts over this server's records), and
 * so are members' views (`makeView`, `inView`): a member given a sync set or subscriptions
 * (`setMember`) gets `removed` for records that leave their view, and the difference when the
 * view itself changes (410 when it is larger than the page), as from the API. A member not set up sees everything. Pushes refuse edits outside
 * the pusher's view and leave the record out of results outside it.
 * Faults are scripted per call: `failNext("push", …)`.
 */
import type {
  Filter,
  Mutation,
  MutationResult,
  PullResponse,
  PushResponse,
  RecordType,
  WireRecord,
} from "../../../src/shared/protocol";
import { ErrorCode, RejectCode } from "../../../src/shared/errors";
import type { DraftMutation } from "../../../src/sync/outbox";
import type { PushRequest, Transport } from "../../../src/sync/transport";
import { ApiError, NetworkError } from "../../../src/sync/transport";
import { DomainError } from "../../../api/src/errors";
import { merge } from "../../../api/src/sync/merge";
import { pullPage } from "../../../api/src/sync/pull";
import { checkMutation, withIndexes } from "../../../api/src/sync/push";
import { inView, makeView, type View } from "../../../api/src/sync/view";
import { toWire } from "../../../api/src/sync/wire";
import type {
  ChangeRow,
  Head,
  Repository,
  SnapshotInfo,
  StoredRecord,
  ViewDefinition,
} from "../../../api/src/storage/repository";
import { newDatabase, numberWrites } from "../../../api/src/storage/repository";

/** What decides a member's view: their sync set's name (null: none) and subscriptions. */
export interface MemberView {
  syncSet: string | null;
  subscriptions: string[];
}

/** What happens to the next call of a kind. */
export type Fault =
  /** Nothing: the call goes through (to script a fault for a later call). */
  | "pass"
  /** The request never reaches the server. */
  | "offline"
  /** The server applies the request, and the answer is lost. */
  | "lose-answer"
  /** The server applies the request, but answers after the client stopped waiting. */
  | "time-out"
  /** The server answers with this error, applying nothing. */
  | ApiError;

export class FakeServer {
  readonly #records = new Map<string, StoredRecord>();
  readonly #lastMid = new Map<string, number>();
  #seq = 0;
  #clock = Date.parse("2026-11-26T10:00:00.000Z");
  /**
   * The server's real clock, when a test sets one: merges then stamp with it and every answer
   * carries it as `serverTime` (clock skew tests); else a counter and no `serverTime`.
   */
  serverClock: (() => number) | null = null;
  readonly #faults: Record<"push" | "pull", Fault[]> = { push: [], pull: [] };
  /** Every request that reached the server, for assertions. */
  readonly pushes: Array<{
    user: string;
    clientId: string;
    mutations: Mutation[];
    pull?: { cursor: string; limit: number };
  }> = [];
  /** Whether a push answers the pull it carries (false: as a server before that was added). */
  pullsWithPush = true;
  readonly pulls: Array<{
    user: string;
    /** The request that asked for it: a pull, or a push that pulls too. */
    via: "pull" | "push";
    cursor: string | null;
    limit: number;
    /** Where the cursor stands (`<epoch>:<seq>`), null for a pull from the start. */
    at: string | null;
    /** What the answer named in `removed` (nothing when the pull failed). */
    removed: string[];
  }> = [];
  /** Refuses the mutations it returns an error for (as a sync set or a size limit would). */
  refuse: (m: Mutation) => { code: string; message: string; field?: string } | null = () => null;
  /** Cursors carry it: `expireCursors` makes every cursor given out so far 410. */
  #epoch = 1;
  readonly #syncSets = new Map<string, Filter>();
  readonly #members = new Map<string, MemberView>();
  /** The link index: contact id → history items ever linked to it (may name old links). */
  readonly #links = new Map<string, Set<string>>();

  /** A transport that signs in as `user`. */
  as(user: string): Transport {
    return {
      pull: (_db, cursor, limit) => this.#call("pull", () => this.#pull(user, cursor, limit)),
      push: (_db, request) =>
        this.#call("push", async () => {
          const answer = this.#push(user, request);
          if (!request.pull || !this.pullsWithPush) return answer;
          // As the API: the page after the mutations, left out when it cannot be answered.
          const { cursor, limit } = request.pull;
          const pull = await this.#pull(user, cursor, limit, "push").catch(() => null);
          return pull ? { ...answer, pull } : answer;
        }),
    };
  }

  /** Defines or changes a sync set, as `PUT …/sync-sets/{name}` does. */
  setSyncSet(name: string, filter: Filter): void {
    this.#syncSets.set(name, filter);
  }

  /** Gives `user` a sync set and subscriptions (as the owner's member routes do). */
  setMember(user: string, view: Partial<MemberView>): void {
    const was = this.#members.get(user) ?? { syncSet: null, subscriptions: [] };
    this.#members.set(user, { ...was, ...view });
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

  async #call<T>(kind: "push" | "pull", run: () => T | Promise<T>): Promise<T> {
    await Promise.resolve();
    const fault = this.#faults[kind].shift();
    if (fault === "offline") throw new NetworkError("offline");
    if (fault instanceof ApiError) throw fault;
    const answer = await run();
    if (fault === "lose-answer") throw new NetworkError("the answer was lost");
    if (fault === "time-out") throw new NetworkError("no answer in time", { timedOut: true });
    return answer;
  }

  /** `user`'s view, as the API makes it from their membership. */
  #view(user: string): View {
    const m = this.#members.get(user) ?? { syncSet: null, subscriptions: [] };
    const member = { db: "db", email: user, oid: null, role: "editor" as const, ...m };
    // A sync set named but not defined selects nothing but subscriptions (as in access.ts).
    return makeView(member, m.syncSet ? (this.#syncSets.get(m.syncSet) ?? { any: [] }) : null);
  }

  /** The head as the API's code reads it: this server's epoch and last change. */
  #head(): Head {
    const { info } = newDatabase({ id: "db", name: "db", owner: "owner@contoso.com", now: "" });
    return { info: { ...info, epoch: String(this.#epoch), seq: this.#seq }, etag: "" };
  }

  #contact = (id: string) => this.#records.get(`contact:${id}`);

  /** Views cursors were made for, by hash (`putView`). */
  #views = new Map<string, ViewDefinition>();
  /** The snapshot a view change judges by (`putSnapshot`: built by the API's code when none is fit). */
  #snapshot: { info: SnapshotInfo; chunks: readonly Uint8Array[] } | null = null;

  /** The calls `pullPage` makes, over this server's records. */
  #reads: Pick<
    Repository,
    | "readHead"
    | "readChanges"
    | "readRecords"
    | "readLinkedHistory"
    | "putView"
    | "readView"
    | "readSnapshot"
    | "readSnapshotChunks"
    | "putSnapshot"
  > = {
    putView: (_db, hash, view) =>
      Promise.resolve(void this.#views.set(hash, structuredClone(view))),
    readView: (_db, hash) => Promise.resolve(structuredClone(this.#views.get(hash) ?? null)),
    readSnapshot: () => Promise.resolve(this.#snapshot && { ...this.#snapshot.info }),
    readSnapshotChunks: (_db, id, from, count) =>
      Promise.resolve(
        this.#snapshot?.info.id === id ? this.#snapshot.chunks.slice(from, from + count) : null,
      ),
    putSnapshot: (_db, info, chunks) =>
      Promise.resolve(void (this.#snapshot = { info: { ...info }, chunks: [...chunks] })),
    readHead: () => Promise.resolve(this.#head()),
    readChanges: (_db, afterSeq, limit) => {
      const changed = [...this.#records.values()]
        .filter((r) => r.seq > afterSeq)
        .sort((a, b) => a.seq - b.seq);
      const page = changed.slice(0, limit);
      return Promise.resolve({
        records: page.map(changeRow),
        lastSeq: page.at(-1)?.seq ?? afterSeq,
        more: changed.length > page.length,
      });
    },
    readRecords: (_db, refs) =>
      Promise.resolve(
        new Map(
          refs.flatMap(({ type, id }) => {
            const r = this.#records.get(`${type}:${id}`);
            return r ? [[`${type}:${id}`, structuredClone(r)] as const] : [];
          }),
        ),
      ),
    readLinkedHistory: (_db, contactId) => Promise.resolve([...(this.#links.get(contactId) ?? [])]),
  };

  async #pull(
    user: string,
    cursor: string | null,
    limit: number,
    via: "pull" | "push" = "pull",
  ): Promise<PullResponse> {
    const at = cursor === null ? null : position(cursor);
    const log = { user, via, cursor, limit, at, removed: [] as string[] };
    this.pulls.push(log);
    const epoch = String(this.#epoch);
    try {
      // Only reads are called: the rest of the port is never reached.
      const repo = this.#reads as Repository;
      const page = await pullPage(
        { repo },
        { db: "db", epoch, view: this.#view(user) },
        { cursor, limit },
      );
      log.removed = page.removed.map((r) => `${r.type}:${r.id}`);
      return { ...page, records: page.records.map((r) => toWire(parse(r))), ...this.#serverTime() };
    } catch (error) {
      // A cursor from another epoch or view is 410; anything else pull refuses is a bad request.
      if (error instanceof DomainError) {
        const status = error.code === ErrorCode.CursorExpired ? 410 : 400;
        throw new ApiError(status, error.code, error.message);
      }
      throw error;
    }
  }

  #serverTime(): { serverTime?: string } {
    return this.serverClock ? { serverTime: new Date(this.serverClock()).toISOString() } : {};
  }

  #push(user: string, request: PushRequest): PushResponse {
    this.pushes.push({
      user,
      clientId: request.clientId,
      mutations: [...request.mutations],
      ...(request.pull ? { pull: request.pull } : {}),
    });
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
    const view = this.#view(user);
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
      const current = this.#records.get(key) ?? null;
      if (current && !current.deleted && !inView(view, current, this.#contact)) {
        const message = `${m.type} ${m.id} is outside your sync set.`;
        results.push({
          mid,
          status: "rejected",
          error: { code: RejectCode.OutsideSyncSet, message },
        });
        continue;
      }
      this.#clock += 1000;
      const merged = merge(
        current,
        m,
        user,
        new Date(this.serverClock?.() ?? this.#clock).toISOString(),
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
        // Numbered and indexed by the API's own code, as a commit of this one record.
        const write = withIndexes({ state: merged.state, prevSeq: current?.seq ?? null }, current);
        const [state] = numberWrites(this.#head(), [write], { operations: 3, chars: Infinity });
        this.#seq = state!.seq;
        this.#records.set(key, state!);
        for (const contactId of write.linksAdded ?? []) {
          this.#links.set(contactId, (this.#links.get(contactId) ?? new Set()).add(m.id));
        }
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
    // A record out of the pusher's view after the push comes without its state (the client
    // drops it from its copy).
    const shown = results.map((r) => {
      const now = r.record && this.#records.get(`${r.record.type}:${r.record.id}`);
      if (!now || inView(view, now, this.#contact)) return r;
      const { record: _record, conflicts: _conflicts, ...rest } = r;
      return rest;
    });
    return { lastMid, results: shown, ...this.#serverTime() };
  }
}

function changeRow(r: StoredRecord): ChangeRow {
  const { fields, stamps: _stamps, ...rest } = r;
  return { ...rest, fieldsJson: JSON.stringify(fields) };
}

function parse(r: ChangeRow): StoredRecord {
  const { fieldsJson, ...rest } = r;
  return { ...rest, fields: JSON.parse(fieldsJson) as StoredRecord["fields"], stamps: {} };
}

/** An API cursor's place, `<epoch>:<seq>` (cursors are the API's, base64url JSON). */
function position(cursor: string): string {
  const { e, s } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
    e: string;
    s: number;
  };
  return `${e}:${s}`;
}
