/**
 * Applying a push: each mutation once, in order, merged field by field, with the client's last
 * mutation id committed in the same transaction as the changes it made (exactly once, also when
 * a response is lost and the request comes again).
 *
 * Reads happen after the head is read, and every commit matches the head's ETag, so nothing
 * merged here can be based on a state that changed before the commit: when another commit gets
 * in first, the uncommitted rest is re-read and merged again.
 */
import type {
  Mutation as MutationT,
  MutationResult,
  PushResponse,
  WireRecord,
} from "../../../src/shared/protocol";
import { Mutation } from "../../../src/shared/protocol";
import { RECORD_MAX_BYTES, recordSize, validateFields } from "../../../src/shared/records";
import { RejectCode } from "../../../src/shared/errors";
import type { Deps } from "../deps";
import { DomainError, ErrorCode, fieldPath, notMember } from "../errors";
import { retryCommit } from "../retry";
import {
  recordRef,
  CommitFill,
  type Head,
  type RecordWrite,
  type Repository,
  type StoredRecord,
} from "../storage/repository";
import { merge } from "./merge";
import { sameJson } from "../../../src/shared/json";
import { toWire } from "./wire";
import { inView, linkedContactIds, VIEW_FIELDS, type View } from "./view";

/** How often a push re-reads and tries again when other commits keep getting in first. */
const MAX_ATTEMPTS = 12;

const OUTSIDE_VIEW_CONFLICT = {
  code: RejectCode.OutsideSyncSet,
  message:
    "Part of this change could not apply, and the record is outside your sync set: its values cannot be shown to you.",
};

type Checked =
  | { ok: true; mutation: MutationT }
  | { ok: false; mid: number; code: RejectCode; message: string; field?: string };

/** Checks one mutation on its own: a bad one is rejected, and the ones after it go on. */
export function checkMutation(raw: { mid: number }): Checked {
  const parsed = Mutation.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = fieldPath(issue?.path ?? []);
    return {
      ok: false,
      mid: raw.mid,
      code: RejectCode.InvalidMutation,
      message: `${field ?? "mutation"}: ${issue?.message ?? "is invalid"}`,
      ...(field ? { field } : {}),
    };
  }
  const m = parsed.data;
  if (m.op === "upsert") {
    const checked = validateFields(m.type, m.fields, m.baseVersion === null ? "create" : "update");
    if (!checked.ok) {
      return {
        ok: false,
        mid: m.mid,
        code: RejectCode.InvalidField,
        message: checked.message,
        field: `fields.${checked.field}`,
      };
    }
  }
  return { ok: true, mutation: m };
}

export interface PushInput {
  db: string;
  user: string;
  view: View;
  clientId: string;
  mutations: ReadonlyArray<{ mid: number }>;
}

/** A push with the repository and clock it runs on. */
type Push = PushInput & { repo: Repository; now: () => Date };

/**
 * Pushes to one database commit one after another, since each takes the head's ETag: in one
 * process they wait their turn here instead of racing; between processes (several Functions
 * instances) the ETag decides and the loser re-reads.
 */
const queues = new Map<string, Promise<unknown>>();

/**
 * The head each database's last push here left behind. The next push starts from it instead of
 * reading it again: if anything else was committed since (another instance, a member change),
 * the head's ETag no longer matches, the commit fails, and the push re-reads.
 */
const lastHeads = new Map<string, Head>();

export function applyPush(deps: Deps, input: PushInput): Promise<PushResponse> {
  const before = queues.get(input.db) ?? Promise.resolve();
  const run = before.then(() => applyPushNow(deps, input));
  const settled = run.catch(() => undefined);
  queues.set(input.db, settled);
  void settled.then(() => {
    if (queues.get(input.db) === settled) queues.delete(input.db);
  });
  return run;
}

async function applyPushNow(deps: Deps, request: PushInput): Promise<PushResponse> {
  const input: Push = { ...request, repo: deps.repo, now: deps.now };
  const checked = input.mutations.map(checkMutation);
  const results: MutationResult[] = [];
  /** The first mutation not committed: after a lost race (`retryCommit`) the rest is re-read. */
  let next = 0;
  return retryCommit(
    async (attempt) => {
      const head = lastHeads.get(input.db) ?? (await input.repo.readHead(input.db));
      if (!head) throw notMember();
      // Read after the head, so that a commit in between fails on the head's ETag. Creates are
      // taken for new without a read at first (nearly all are: an import sends thousands): a
      // record that exists fails the commit, and every later attempt reads them all.
      const valid = checked.slice(next).flatMap((c) => (c.ok ? [c.mutation] : []));
      const toRead = attempt === 1 ? valid.filter((m) => !isCreate(m)) : valid;
      const [lastMid, states] = await Promise.all([
        input.repo.readClientMid(input.db, input.clientId),
        input.repo.readRecords(input.db, toRead),
      ]);
      // A create sent again (its answer lost) is answered with the record as it is.
      await readMissing(
        input,
        states,
        valid.filter((m) => m.mid <= lastMid),
      );
      if (attempt === 1) checkNoGap(checked, lastMid);
      try {
        const done = await applyFrom(input, checked, next, head, lastMid, states, results);
        lastHeads.set(input.db, done.head);
        return { lastMid: done.clientMid, results: await onlyInView(input, results, states) };
      } catch (err) {
        lastHeads.delete(input.db);
        if (!(err instanceof PartlyCommitted)) throw err;
        next = err.next;
        throw err.cause;
      }
    },
    { ...deps, attempts: MAX_ATTEMPTS },
  );
}

/** A gap anywhere (a mid beyond the next expected one) refuses the whole request. */
function checkNoGap(checked: readonly Checked[], lastMid: number): void {
  let expected = lastMid + 1;
  checked.forEach((c, i) => {
    const mid = midOf(c);
    if (mid > expected) {
      throw new DomainError(
        ErrorCode.MidGap,
        `Mutation ${mid} comes before ${expected}: send the missing ones first.`,
        `mutations.${i}.mid`,
      );
    }
    if (mid === expected) expected++;
  });
}

const midOf = (c: Checked) => (c.ok ? c.mutation.mid : c.mid);

const isCreate = (m: MutationT) => m.op === "upsert" && m.baseVersion === null;

/** A commit failed after the mutations before `next` were committed. */
class PartlyCommitted extends Error {
  override readonly name = "PartlyCommitted";
  constructor(
    readonly next: number,
    override readonly cause: unknown,
  ) {
    super("A commit of the push failed.");
  }
}

/**
 * Applies `checked[from…]` on top of `head` and the `states` read after it, committing
 * whenever a transaction is full and at the end. A mutation's result joins `results` once its
 * commit succeeded. Returns the client's last mutation id and the head after the last commit.
 */
async function applyFrom(
  input: Push,
  checked: readonly Checked[],
  from: number,
  head: Head,
  lastMid: number,
  states: Map<string, StoredRecord>,
  results: MutationResult[],
): Promise<{ clientMid: number; head: Head }> {
  const { repo, view, user, clientId } = input;
  if (view.filter) {
    // A history item is judged by the contacts it is linked to, now and after the mutations
    // that link it: read those too.
    const linked = [
      ...[...states.values()].flatMap(linkedContactIds),
      ...checked
        .slice(from)
        .flatMap((c) => (c.ok && c.mutation.op === "upsert" ? linkedContactIds(c.mutation) : [])),
    ];
    await readMissing(
      input,
      states,
      linked.map((id) => ({ type: "contact" as const, id })),
    );
  }

  /** Results waiting for the commit that makes them true, and that commit's writes. */
  let pending: MutationResult[] = [];
  const writes = new Map<
    string,
    Omit<RecordWrite, "viewChanged" | "born" | "linksAdded" | "linksRemoved">
  >();
  /** Each written record's state in storage before this commit (null: it is new). */
  const before = new Map<string, StoredRecord | null>();
  const fill = new CommitFill(repo.commitLimits);
  let clientMid = lastMid;
  let index = from;

  const commit = async (upToMid: number) => {
    if (pending.length === 0) return;
    try {
      const done = await repo.commit(
        head,
        [...writes].map(([ref, w]) => withIndexes(w, before.get(ref) ?? null)),
        {
          id: clientId,
          lastMid: upToMid,
        },
      );
      head = done.head;
      for (const record of done.records) states.set(recordRef(record.type, record.id), record);
    } catch (err) {
      throw new PartlyCommitted(index - pending.length, err);
    }
    results.push(...pending);
    pending = [];
    writes.clear();
    before.clear();
    fill.clear();
  };

  for (; index < checked.length; index++) {
    const c = checked[index]!;
    const mid = midOf(c);
    if (mid <= clientMid) {
      const current = c.ok ? states.get(recordRef(c.mutation.type, c.mutation.id)) : undefined;
      // A retry: nothing to apply. Before anything new it needs no commit at all.
      (pending.length ? pending : results).push({
        mid,
        status: "duplicate",
        ...(current ? { record: toWire(current) } : {}),
      });
      continue;
    }
    if (!c.ok) {
      clientMid = mid;
      pending.push({ mid, status: "rejected", error: errorOf(c) });
      continue;
    }
    const m = c.mutation;
    const ref = recordRef(m.type, m.id);
    const current = states.get(ref) ?? null;
    const outcome = decide(m, current, view, user, input.now().toISOString(), (id) =>
      states.get(recordRef("contact", id)),
    );
    if (outcome.status === "rejected") {
      clientMid = mid;
      pending.push({ mid, status: "rejected", error: errorOf(outcome) });
      continue;
    }
    const { state } = outcome;
    if (outcome.changed && state) {
      const again = writes.has(ref);
      // The index row to replace is the one in storage, also after several changes here.
      const write = { state, prevSeq: again ? writes.get(ref)!.prevSeq : (current?.seq ?? null) };
      if (!again && !fill.fits(write)) await commit(clientMid);
      if (!before.has(ref)) before.set(ref, current);
      writes.set(ref, write);
      fill.add(write, again);
      // Until committed, a working state has no index row of its own (seq 0, never read).
      states.set(ref, { ...state, seq: 0 });
    }
    clientMid = mid;
    pending.push({
      mid,
      status: outcome.status,
      ...(state ? { record: toWire(state) } : {}),
      ...(outcome.conflicts.length ? { conflicts: outcome.conflicts } : {}),
    });
  }
  await commit(clientMid);
  return { clientMid, head };
}

/** Reads into `states` those of `refs` it does not hold. */
async function readMissing(
  input: Push,
  states: Map<string, StoredRecord>,
  refs: ReadonlyArray<{ type: StoredRecord["type"]; id: string }>,
): Promise<void> {
  const missing = refs.filter((r) => !states.has(recordRef(r.type, r.id)));
  for (const [ref, record] of await input.repo.readRecords(input.db, missing)) {
    states.set(ref, record);
  }
}

/**
 * The results as the caller may see them: a record (and the conflicts, which show its values)
 * only when it is in the caller's view after the whole push, both as the result states it and as
 * it now is; otherwise the result comes without them, and the client drops the record. A retry
 * answered `duplicate` names any id, so this is what keeps records outside the view unseen.
 * `states` holds the records as the push left them (what an earlier attempt committed is read).
 */
async function onlyInView(
  input: Push,
  results: MutationResult[],
  states: Map<string, StoredRecord>,
): Promise<MutationResult[]> {
  const { view } = input;
  if (!view.filter) return results;
  const shown = results.flatMap((r) => (r.record ? [r.record] : []));
  await readMissing(input, states, shown);
  const linked = shown.flatMap((r) => [
    ...linkedContactIds(r),
    ...linkedContactIds(states.get(recordRef(r.type, r.id)) ?? r),
  ]);
  await readMissing(
    input,
    states,
    linked.map((id) => ({ type: "contact" as const, id })),
  );
  const contact = (id: string) => states.get(recordRef("contact", id));
  const inViewNow = (r: WireRecord) => {
    const now = states.get(recordRef(r.type, r.id));
    return now !== undefined && inView(view, now, contact);
  };
  return results.map((result) => {
    const { record, conflicts, ...rest } = result;
    if (!record) return result;
    const stored = states.get(recordRef(record.type, record.id));
    // The state the result names, with the fields a tombstone keeps for judging views.
    const state = stored && {
      ...stored,
      ...record,
      fields: record.deleted ? stored.fields : record.fields,
    };
    if (state && inView(view, state, contact) && inViewNow(record)) return result;
    // Conflicts show the record's values: the client is told only that some of its change could
    // not apply, and lists it as needing attention.
    return conflicts?.length ? { ...rest, error: OUTSIDE_VIEW_CONFLICT } : rest;
  });
}

/**
 * What a write changes in the indexes: whether a field sync-set filters read changed (then
 * the contact's history may have to reach members it newly matches), and which links of a
 * history item to contacts appear or go. (Exported for the engine tests' in-memory server.)
 */
export function withIndexes(
  write: Pick<RecordWrite, "state" | "prevSeq">,
  stored: StoredRecord | null,
): RecordWrite {
  const { state } = write;
  const live = (r: Pick<StoredRecord, "deleted" | "fields"> | null) => (r && !r.deleted ? r : null);
  const was = live(stored);
  const now = live(state);
  // A delete leaves `viewSeq` as it was: the tombstone keeps the fields views read.
  const born = !was && now !== null;
  if (state.type === "contact") {
    const viewChanged =
      born || (!!was && !!now && VIEW_FIELDS.some((f) => !sameJson(was.fields[f], now.fields[f])));
    return { ...write, born, viewChanged };
  }
  if (state.type !== "history") return { ...write, born };
  const oldIds = new Set(was ? linkedContactIds({ type: "history", fields: was.fields }) : []);
  const newIds = new Set(now ? linkedContactIds({ type: "history", fields: now.fields }) : []);
  const linksAdded = [...newIds].filter((id) => !oldIds.has(id));
  const linksRemoved = [...oldIds].filter((id) => !newIds.has(id));
  const viewChanged = born || (!!now && (linksAdded.length > 0 || linksRemoved.length > 0));
  return { ...write, born, viewChanged, linksAdded, linksRemoved };
}

function errorOf(e: { code: string; message: string; field?: string }) {
  return { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
}

type Decision = ReturnType<typeof merge>;

/** Access, merge and the merged record's own checks for one valid mutation. */
function decide(
  m: MutationT,
  current: StoredRecord | null,
  view: View,
  user: string,
  now: string,
  contact: (id: string) => StoredRecord | undefined,
): Decision {
  // Outside the member's view only a create of a new (or deleted) record is allowed.
  if (current && !current.deleted && !inView(view, current, contact)) {
    return {
      status: "rejected",
      code: RejectCode.OutsideSyncSet,
      message: `${m.type} ${m.id} is outside your sync set.`,
    };
  }
  const merged = merge(current, m, user, now);
  if (merged.status === "rejected" || !merged.changed || !merged.state || merged.state.deleted)
    return merged;
  const whole = validateFields(m.type, merged.state.fields, "create");
  if (!whole.ok)
    return {
      status: "rejected",
      code: RejectCode.InvalidField,
      message: whole.message,
      field: `fields.${whole.field}`,
    };
  if (recordSize(merged.state.fields) > RECORD_MAX_BYTES) {
    return {
      status: "rejected",
      code: RejectCode.TooLarge,
      message: `A record holds at most ${RECORD_MAX_BYTES / 1024} KiB.`,
      field: "fields",
    };
  }
  return merged;
}
