/**
 * The sync engine against the real API on Azurite, as a seeded fast-check property: three
 * clients (each its own engine, memory store, conflict rule and HTTP transport, two of them
 * editors) create, edit and delete the same few contacts, go offline and online, lose answers
 * and send requests twice, sync alone or all at once, and answer their conflict inbox. When
 * all of them have synced until quiet:
 *
 * 1. every client's view equals the server's state (an "ask me" client's fields waiting in its
 *    inbox show its own value), and nothing is left in any outbox or needs-attention list;
 * 2. an "ask me" client's inbox holds exactly the conflicts its rule filed and nobody answered
 *    (an item leaves only when answered, edited again, or replaced by a newer conflict of the
 *    same field);
 * 3. every conflict was settled by the client's rule (newest wins: `at` against `theirsAt`),
 *    "mine" always pushed the value again, every conflict the server reported reached the rule,
 *    and no conflict was made up (one read from a duplicate needs a later change of the field);
 * 4. no local change was lost: each one reached the server (the server's own answer says it
 *    applied), or the same client changed that field again, or its rule or its user chose
 *    theirs, or it waits in the inbox;
 * 5. the server's final state is what replaying every change it applied (from the answers the
 *    transports saw, lost ones included) in version order gives: no applied write is lost.
 *
 * Run time is bounded by BCM_SYNC_PROPERTY_RUNS (default 80 runs, 30–45 s here); the seed is
 * printed, and BCM_SYNC_PROPERTY_SEED replays a run (with the same BCM_SYNC_PROPERTY_RUNS).
 *
 * `npm test` (and so CI) runs one fixed seed, so that a red run always means a change broke
 * something, and replays alone (fast-check's `path`) the runs that once failed; each of those
 * found a gap in this test's oracle, not in the engine (see REPLAYED).
 * BCM_SYNC_PROPERTY_SEED=random explores new seeds.
 */
import fc from "fast-check";
import type { Json, Mutation, PullResponse, PushResponse } from "../../src/shared/protocol";
import { SyncEngine } from "../../src/sync/engine";
import { copyOwner } from "../../src/sync/owner";
import { sameJson } from "../../src/shared/json";
import { MemoryLocks } from "../../src/sync/memory-ports";
import type { Settled } from "../../src/sync/push";
import type { ConflictRule } from "../../src/sync/settings";
import type { ConflictItem } from "../../src/sync/state";
import type { PushRequest, Transport } from "../../src/sync/transport";
import { ApiClient } from "../../src/client/api-client";
import { NetworkError } from "../../src/sync/transport";
import { MemoryStore } from "../../src/store/memory-store";
import { apiUrl } from "../support/http";
import { newDatabase, newMember, pullAll, share, type Member } from "../support/db";

const FIXED_SEED = 959127968;
const SEED =
  process.env.BCM_SYNC_PROPERTY_SEED === "random"
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.BCM_SYNC_PROPERTY_SEED ?? FIXED_SEED);
const RUNS = Number(process.env.BCM_SYNC_PROPERTY_RUNS ?? 80);
const CLIENTS = 3;
const RECORDS = 4;
const FIELDS = ["givenName", "familyName", "jobTitle", "department"] as const;
const RULES: readonly ConflictRule[] = ["ask", "mine", "shared", "newest"];

jest.setTimeout(240_000);

// ── the script ────────────────────────────────────────────────────────────────────────────

type Step =
  | { kind: "edit"; client: number; record: number; field: (typeof FIELDS)[number]; clear: boolean }
  | { kind: "create"; client: number; record: number }
  | { kind: "delete"; client: number; record: number }
  | { kind: "sync"; client: number }
  | { kind: "syncAll" }
  | { kind: "offline" | "online"; client: number }
  | { kind: "fault"; client: number; fault: "lose" | "repeat"; on: "push" | "pull" }
  | { kind: "answer"; client: number; choice: "mine" | "theirs"; all: boolean };

const client = fc.nat(CLIENTS - 1);
const record = fc.nat(RECORDS - 1);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      client,
      record,
      field: fc.constantFrom(...FIELDS),
      clear: fc.nat(9).map((n) => n < 2),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("create" as const), client, record }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), client, record }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("sync" as const), client }) },
  { weight: 1, arbitrary: fc.constant({ kind: "syncAll" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom("offline" as const, "online" as const), client }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("fault" as const),
      client,
      fault: fc.constantFrom("lose" as const, "repeat" as const),
      on: fc.constantFrom("push" as const, "pull" as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("answer" as const),
      client,
      choice: fc.constantFrom("mine" as const, "theirs" as const),
      all: fc.boolean(),
    }),
  },
);

/** Conflict rules, at least one "ask me". */
const rulesArb = fc
  .tuple(...Array.from({ length: CLIENTS }, () => fc.constantFrom(...RULES)))
  .map((rules) => (rules.includes("ask") ? rules : [...rules.slice(0, -1), "ask" as const]));

// ── the transport: real HTTP, with faults, keeping every answer the server gave ──────────────

interface Answered {
  readonly client: number;
  readonly order: number;
  readonly mutations: readonly Mutation[];
  readonly response: PushResponse;
  /** Whether the engine got this answer (false: lost, or the first of a request sent twice). */
  delivered: boolean;
}

class FaultyTransport implements Transport {
  online = true;
  readonly faults: { push: Array<"lose" | "repeat">; pull: Array<"lose" | "repeat"> } = {
    push: [],
    pull: [],
  };
  requests = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly index: number,
    private readonly truth: Answered[],
  ) {}

  async pull(db: string, cursor: string | null, limit: number): Promise<PullResponse> {
    if (!this.online) throw new NetworkError("offline (test)");
    const fault = this.faults.pull.shift();
    this.requests++;
    const first = await this.api.pull(db, cursor, limit);
    if (fault === "lose") throw new NetworkError("answer lost (test)");
    if (fault === "repeat") {
      this.requests++;
      return this.api.pull(db, cursor, limit);
    }
    return first;
  }

  async push(db: string, request: PushRequest): Promise<PushResponse> {
    if (!this.online) throw new NetworkError("offline (test)");
    const fault = this.faults.push.shift();
    const send = async () => {
      this.requests++;
      const response = await this.api.push(db, request);
      const answered: Answered = {
        client: this.index,
        order: this.truth.length,
        mutations: request.mutations,
        response,
        delivered: false,
      };
      this.truth.push(answered);
      return answered;
    };
    const first = await send();
    if (fault === "lose") throw new NetworkError("answer lost (test)");
    const answer = fault === "repeat" ? await send() : first;
    answer.delivered = true;
    return answer.response;
  }
}

// ── one run ──────────────────────────────────────────────────────────────────────────────────

interface Ledger {
  readonly client: number;
  readonly step: number;
  readonly record: string;
  /** The field set (its value may be null), or `"*delete"`: the record deleted. */
  readonly field: string;
  /** Set by a create: the record made anew (it answers what was pending about the old one). */
  readonly created?: boolean;
  readonly value: Json;
  /**
   * Nothing left to send: a delete that cancelled my own create that never left, or a value
   * equal to the server's (set back before the push). The view showed it at once.
   */
  readonly cancelled?: boolean;
}

interface ClientRun {
  readonly index: number;
  readonly rule: ConflictRule;
  readonly engine: SyncEngine;
  readonly transport: FaultyTransport;
  readonly settled: Settled[];
  /** Conflicts the rule filed in the inbox, by `mid:field`, and those that left it (why). */
  readonly asked: Map<string, ConflictItem>;
  readonly left: Map<string, string>;
  readonly problems: string[];
}

const itemKey = (i: Pick<ConflictItem, "mid" | "field">) => `${i.mid}:${i.field}`;
const rid = (n: number) => `r${n}`;

beforeAll(() => {
  console.log(
    `sync property: seed ${SEED}, ${RUNS} runs (replay with BCM_SYNC_PROPERTY_SEED=${SEED})`,
  );
});

async function newRun(rules: readonly ConflictRule[]) {
  const owner = await newMember("owner");
  const db = await newDatabase(owner, "Property");
  const editors = [await share(db, owner, "editor"), await share(db, owner, "editor")];
  const members: Member[] = [owner, ...editors];
  const truth: Answered[] = [];
  const base = new ApiClient({ baseUrl: apiUrl(), fetch: (url, init) => fetch(url, init) });
  const clients: ClientRun[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const member = members[i % members.length]!;
    const transport = new FaultyTransport(base.withToken(member.token), i, truth);
    const engine = await SyncEngine.open({
      owner: copyOwner(apiUrl(), member.email, db),
      store: new MemoryStore(),
      transport,
      locks: new MemoryLocks(),
    });
    await engine.updateSettings({ conflictRule: rules[i]! });
    const run: ClientRun = {
      index: i,
      rule: rules[i]!,
      engine,
      transport,
      settled: [],
      asked: new Map(),
      left: new Map(),
      problems: [],
    };
    engine.subscribe((event) => {
      if (event.type === "settled") onSettled(run, event.settled);
    });
    clients.push(run);
  }
  return { db, owner, truth, clients };
}

/** Checks the rule's decision as it happens, and that "mine" pushed again. */
function onSettled(c: ClientRun, s: Settled): void {
  c.settled.push(s);
  const { conflict, decision } = s;
  if (s.by === "rule" && decision !== "superseded") {
    const expected =
      c.rule === "ask"
        ? "ask"
        : c.rule === "mine"
          ? "mine"
          : c.rule === "shared"
            ? "theirs"
            : Date.parse(conflict.at) >
                (conflict.theirsAt === null ? -Infinity : Date.parse(conflict.theirsAt))
              ? "mine"
              : "theirs";
    if (decision !== expected) {
      c.problems.push(`rule ${c.rule} decided ${decision} for ${JSON.stringify(conflict)}`);
    }
  }
  if (decision === "ask") {
    // An older item of the same field, filed and replaced within this same change.
    const inbox = new Set(c.engine.inbox.map(itemKey));
    for (const [key, older] of c.asked) {
      const sameField =
        older.field === conflict.field || older.field === "*" || conflict.field === "*";
      if (older.id === conflict.id && older.mid < conflict.mid && sameField && !inbox.has(key)) {
        if (!c.left.has(key)) c.left.set(key, "replaced");
      }
    }
    c.asked.set(itemKey(conflict), conflict);
  }
  if (decision === "mine") {
    const again = c.engine.outbox.some(
      ({ mutation: m }) =>
        m.id === conflict.id &&
        m.mid > conflict.mid &&
        (conflict.field === "*" ||
          (m.op === "upsert" && sameJson(m.fields[conflict.field], conflict.mine))),
    );
    if (!again) c.problems.push(`"mine" did not push again: ${JSON.stringify(conflict)}`);
  }
}

/** Runs a step and records which inbox items left and why. */
async function perform(
  c: ClientRun | null,
  all: readonly ClientRun[],
  step: Step,
  index: number,
  ledger: Ledger[],
): Promise<void> {
  const before = new Map(all.map((x) => [x, new Map(x.engine.inbox.map((i) => [itemKey(i), i]))]));
  const settledBefore = new Map(all.map((x) => [x, x.settled.length]));
  const value = (n: number) => `c${n}-s${index}`;
  const sync = async (x: ClientRun) => {
    try {
      await x.engine.sync();
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
    }
  };
  switch (step.kind) {
    case "edit": {
      const v = step.clear ? null : value(step.client);
      const id = rid(step.record);
      const outcome = await c!.engine.update("contact", id, { [step.field]: v });
      if (outcome.status === "saved") {
        const sent = c!.engine.outbox.some(
          ({ mutation: m }) => m.id === id && m.op === "upsert" && step.field in m.fields,
        );
        const shown = c!.engine.get("contact", id)?.fields[step.field];
        if (!sent && !sameJson(shown, v)) {
          c!.problems.push(
            `step ${index}: nothing to send, but the view shows ${JSON.stringify(shown)}`,
          );
        }
        ledger.push({
          client: step.client,
          step: index,
          record: id,
          field: step.field,
          value: v,
          cancelled: !sent,
        });
      }
      break;
    }
    case "create": {
      const fields = { givenName: value(step.client), familyName: value(step.client) };
      const outcome = await c!.engine.create("contact", fields, rid(step.record));
      if (outcome.status === "saved") {
        for (const [field, v] of Object.entries(fields)) {
          ledger.push({
            client: step.client,
            step: index,
            record: rid(step.record),
            field,
            value: v,
            created: true,
          });
        }
      }
      break;
    }
    case "delete": {
      const pending = c!.engine.outbox.length;
      const outcome = await c!.engine.remove("contact", rid(step.record));
      if (outcome.status === "saved") {
        ledger.push({
          client: step.client,
          step: index,
          record: rid(step.record),
          field: "*delete",
          value: null,
          cancelled: c!.engine.outbox.length < pending,
        });
      }
      break;
    }
    case "sync":
      await sync(c!);
      break;
    case "syncAll":
      await Promise.all(all.map(sync));
      break;
    case "offline":
    case "online":
      c!.transport.online = step.kind === "online";
      break;
    case "fault":
      c!.transport.faults[step.on].push(step.fault);
      break;
    case "answer": {
      const first = c!.engine.inbox[0];
      if (step.all) await c!.engine.answerAll(step.choice);
      else if (first) await c!.engine.answer(first, step.choice);
      break;
    }
  }
  track(c, all, step, index, before, settledBefore);
}

/** Why did inbox items leave during `step`? Each must have a reason that belongs to it. */
function track(
  c: ClientRun | null,
  all: readonly ClientRun[],
  step: Step,
  index: number,
  before: Map<ClientRun, Map<string, ConflictItem>>,
  settledBefore: Map<ClientRun, number>,
): void {
  for (const x of all) {
    const now = new Set(x.engine.inbox.map(itemKey));
    const newSettled = x.settled.slice(settledBefore.get(x));
    for (const [key, item] of before.get(x)!) {
      if (now.has(key)) continue;
      const answered = newSettled.some((s) => s.by === "user" && itemKey(s.conflict) === key);
      const edited =
        x === c &&
        (step.kind === "create" || step.kind === "delete" || step.kind === "edit") &&
        rid(step.record) === item.id &&
        (step.kind !== "edit" || step.field === item.field || item.field === "*");
      const replaced = newSettled.some(
        (s) =>
          s.decision === "ask" &&
          s.conflict.id === item.id &&
          s.conflict.mid > item.mid &&
          (s.conflict.field === item.field || s.conflict.field === "*" || item.field === "*"),
      );
      if (answered || edited || replaced)
        x.left.set(key, answered ? "answered" : edited ? "edited" : "replaced");
      else
        x.problems.push(`inbox item ${key} left without a reason at step ${index} (${step.kind})`);
    }
  }
}

/** Every client online and without faults syncs until no request pushes anything, then pulls. */
async function syncUntilQuiet(clients: readonly ClientRun[]): Promise<void> {
  for (const c of clients) {
    c.transport.online = true;
    c.transport.faults.push.length = 0;
    c.transport.faults.pull.length = 0;
  }
  for (let round = 0; round < 10; round++) {
    let pushed = 0;
    for (const c of clients) {
      const before = new Map(
        clients.map((x) => [x, new Map(x.engine.inbox.map((i) => [itemKey(i), i]))]),
      );
      const settledBefore = new Map(clients.map((x) => [x, x.settled.length]));
      const summary = await c.engine.sync();
      pushed += summary.push.requests;
      track(c, clients, { kind: "sync", client: c.index }, 1000 + round, before, settledBefore);
    }
    if (pushed === 0) return;
  }
  throw new Error("the clients did not become quiet in 10 rounds");
}

/**
 * Every conflict the server reported to this client reached its rule (or, its answer lost, the
 * record later held the value anyway), and every conflict the rule settled happened: the server
 * reported it, or (read from a duplicate) somebody changed the field after my write applied.
 */
function conflictsReal(c: ClientRun, truth: readonly Answered[]): string[] {
  const problems: string[] = [];
  const mine = truth.filter((a) => a.client === c.index);
  const mutation = (mid: number) => mine.flatMap((a) => a.mutations).find((m) => m.mid === mid);
  // A "*" conflict of the mutation covers its fields. And the conflicts of a lost answer are
  // only known from the duplicate that answers the repeat, which sees the record as it is
  // then: deleted since (a "*" conflict for field conflicts), or made again since (field
  // conflicts for a "*" one). Any conflict of that mutation settled covers them.
  const settled = (mid: number, field: string, delivered: boolean) =>
    c.settled.some(
      (s) =>
        s.conflict.mid === mid &&
        (!delivered || s.conflict.field === field || s.conflict.field === "*"),
    );
  for (const a of mine) {
    for (const r of a.response.results) {
      for (const x of r.conflicts ?? []) {
        if (settled(r.mid, x.field, a.delivered)) continue;
        const m = mutation(r.mid);
        const healed = mine.some(
          (b) =>
            b.delivered &&
            b.response.results.some(
              (d) =>
                d.mid === r.mid &&
                d.status === "duplicate" &&
                (x.field === "*"
                  ? m?.op === "delete" && (!d.record || d.record.deleted)
                  : d.record !== undefined &&
                    !d.record.deleted &&
                    sameJson(d.record.fields[x.field], x.mine)),
            ),
        );
        if (a.delivered || !healed) {
          problems.push(`conflict never settled: mid ${r.mid} ${JSON.stringify(x)}`);
        }
      }
    }
  }
  // Changes the server applied, per record: version, fields written, or a delete.
  const changes = truth.flatMap((a) =>
    a.response.results.flatMap((r) => {
      const m = a.mutations.find((x) => x.mid === r.mid);
      if (!m || !r.record || (r.status !== "applied" && r.status !== "partial")) return [];
      const conflicted = new Set((r.conflicts ?? []).map((x) => x.field));
      const fields =
        m.op === "upsert" ? Object.keys(m.fields).filter((f) => !conflicted.has(f)) : [];
      return [
        {
          id: m.id,
          version: r.record.version,
          fields,
          whole: m.op === "delete" || m.baseVersion === null,
        },
      ];
    }),
  );
  for (const s of c.settled.filter((x) => x.by === "rule")) {
    const { mid, field, id } = s.conflict;
    const reported = mine.some((a) =>
      a.response.results.some(
        (r) => r.mid === mid && (r.conflicts ?? []).some((x) => x.field === field),
      ),
    );
    if (reported) continue;
    const applied = mine
      .flatMap((a) => a.response.results)
      .find((r) => r.mid === mid && (r.status === "applied" || r.status === "partial"));
    const after = applied?.record?.version ?? 0;
    const changedLater = changes.some(
      (ch) =>
        ch.id === id &&
        ch.version > after &&
        (ch.whole || field === "*" || ch.fields.includes(field)),
    );
    if (!changedLater) problems.push(`made-up conflict: ${JSON.stringify(s.conflict)}`);
  }
  return problems;
}

/** The server's state replayed from every answer it gave, in version order. */
function replay(truth: readonly Answered[]): Map<string, Record<string, Json>> {
  const events: Array<{
    id: string;
    version: number;
    order: number;
    apply: (s: Record<string, Json> | null) => Record<string, Json> | null;
  }> = [];
  for (const answer of truth) {
    const byMid = new Map(answer.mutations.map((m) => [m.mid, m]));
    answer.response.results.forEach((r, i) => {
      const m = byMid.get(r.mid);
      if (!m || !r.record || r.status === "duplicate" || r.status === "rejected") return;
      const order = answer.order * 1000 + i;
      if (m.op === "delete") {
        if (r.status === "applied")
          events.push({ id: m.id, version: r.record.version, order, apply: () => null });
        return;
      }
      const conflicted = new Set((r.conflicts ?? []).map((c) => c.field));
      if (conflicted.has("*")) return;
      const applied = Object.entries(m.fields).filter(([f]) => !conflicted.has(f));
      // A create brings a deleted record back even with no field to set.
      if (applied.length === 0 && m.baseVersion !== null) return;
      events.push({
        id: m.id,
        version: r.record.version,
        order,
        apply: (s) => {
          const next = { ...(s ?? {}) };
          for (const [f, v] of applied) {
            if (v === null) delete next[f];
            else next[f] = v;
          }
          return next;
        },
      });
    });
  }
  events.sort((a, b) => a.version - b.version || a.order - b.order);
  const state = new Map<string, Record<string, Json> | null>();
  for (const e of events) state.set(e.id, e.apply(state.get(e.id) ?? null));
  const live = new Map<string, Record<string, Json>>();
  for (const [id, fields] of state) if (fields) live.set(id, fields);
  return live;
}

function accountedFor(
  entry: Ledger,
  c: ClientRun,
  ledger: readonly Ledger[],
  truth: readonly Answered[],
): boolean {
  if (entry.cancelled) return true;
  // (b) the same client changed that field (or the record as a whole) again later
  const later = ledger.some(
    (e) =>
      e.client === entry.client &&
      e.step > entry.step &&
      e.record === entry.record &&
      (e.field === entry.field ||
        e.field === "*delete" ||
        e.created === true ||
        entry.field === "*delete"),
  );
  if (later) return true;
  // (a) the server applied it, for this client
  const applied = truth.some(
    (a) =>
      a.client === entry.client &&
      a.response.results.some((r) => {
        const m = a.mutations.find((x) => x.mid === r.mid);
        if (!m || m.id !== entry.record) return false;
        // A duplicate the engine got whose record holds my value (for a delete: is gone),
        // whoever wrote it: nothing left to settle.
        if (r.status === "duplicate" && a.delivered && entry.field === "*delete") {
          return m.op === "delete" && (!r.record || r.record.deleted);
        }
        if (r.status === "duplicate" && a.delivered) {
          return (
            m.op === "upsert" &&
            entry.field in m.fields &&
            sameJson(m.fields[entry.field], entry.value) &&
            r.record !== undefined &&
            !r.record.deleted &&
            sameJson(r.record.fields[entry.field], entry.value)
          );
        }
        if (r.status !== "applied" && r.status !== "partial") return false;
        if (entry.field === "*delete") return m.op === "delete";
        if (m.op !== "upsert") return false;
        // A field carried with the value; or, for a create that brings a record back (which
        // leaves out the fields I cleared), the value null that the record then holds.
        const carried =
          entry.field in m.fields
            ? sameJson(m.fields[entry.field], entry.value)
            : m.baseVersion === null &&
              entry.value === null &&
              sameJson(r.record?.fields[entry.field], null);
        return carried && !(r.conflicts ?? []).some((x) => x.field === entry.field);
      }),
  );
  if (applied) return true;
  // (c) settled for theirs, or made moot by a later change of mine
  const covers = (conflict: ConflictItem) =>
    conflict.id === entry.record &&
    (conflict.field === "*" ||
      (entry.field !== "*delete" &&
        conflict.field === entry.field &&
        sameJson(conflict.mine, entry.value)));
  if (
    c.settled.some(
      (s) => (s.decision === "theirs" || s.decision === "superseded") && covers(s.conflict),
    )
  ) {
    return true;
  }
  // (d) waiting in the inbox
  return c.engine.inbox.some(covers);
}

/** What a client sent and was told about one record, to read a failure. */
function trace(c: ClientRun, id: string, truth: readonly Answered[]): string {
  const lines: string[] = [];
  for (const a of truth.filter((x) => x.client === c.index)) {
    for (const m of a.mutations.filter((x) => x.id === id)) {
      const r = a.response.results.find((x) => x.mid === m.mid);
      lines.push(
        `  sent ${JSON.stringify(m)} → ${JSON.stringify({ ...r, record: r?.record?.fields })}`,
      );
    }
  }
  for (const s of c.settled.filter((x) => x.conflict.id === id)) {
    lines.push(`  settled ${s.decision} by ${s.by}: ${JSON.stringify(s.conflict)}`);
  }
  return lines.join("\n");
}

async function runScript(rules: readonly ConflictRule[], steps: readonly Step[]): Promise<void> {
  const { db, owner, truth, clients } = await newRun(rules);
  const ledger: Ledger[] = [];
  // Client 0 makes the records; everyone takes a copy.
  for (let r = 0; r < RECORDS; r++) {
    await perform(clients[0]!, clients, { kind: "create", client: 0, record: r }, -1 - r, ledger);
  }
  await perform(null, clients, { kind: "syncAll" }, -10, ledger);
  for (const [i, step] of steps.entries()) {
    const c = "client" in step ? clients[step.client]! : null;
    await perform(c, clients, step, i, ledger);
  }
  await syncUntilQuiet(clients);

  const problems: string[] = clients.flatMap((c) =>
    c.problems.map((p) => `client ${c.index} (${c.rule}): ${p}`),
  );
  const server = new Map<string, Record<string, Json>>();
  for (const r of (await pullAll(db, owner)).records.values()) {
    if (!r.deleted) server.set(r.id, r.fields);
  }
  // 5. the server's state is the replay of everything it applied
  const replayed = replay(truth);
  for (const id of new Set([...server.keys(), ...replayed.keys()])) {
    if (!sameJson(server.get(id) ?? null, replayed.get(id) ?? null)) {
      problems.push(
        `server ${id} is ${JSON.stringify(server.get(id))}, replay gives ${JSON.stringify(replayed.get(id))}`,
      );
    }
  }
  for (const c of clients) {
    const who = `client ${c.index} (${c.rule})`;
    // 1. the view equals the server (inbox fields show mine); nothing pending
    if (c.engine.outbox.length > 0) problems.push(`${who}: outbox not empty`);
    if (c.engine.needsAttention.length > 0) {
      problems.push(`${who}: needs attention ${JSON.stringify(c.engine.needsAttention)}`);
    }
    const views = new Map(c.engine.records("contact").map((v) => [v.id, v]));
    for (const id of new Set([...server.keys(), ...views.keys()])) {
      const view = views.get(id);
      const truthFields = server.get(id);
      if (!view || !truthFields) {
        problems.push(
          `${who}: ${id} is ${view ? "shown" : "missing"}, server ${truthFields ? "has it" : "does not"}`,
        );
        continue;
      }
      for (const field of new Set([...Object.keys(view.fields), ...Object.keys(truthFields)])) {
        const item = c.engine.inbox.find((i) => i.id === id && i.field === field);
        const expected = item ? item.mine : (truthFields[field] ?? null);
        if (!sameJson(view.fields[field], expected)) {
          problems.push(
            `${who}: ${id}.${field} shows ${JSON.stringify(view.fields[field])}, expected ${JSON.stringify(expected)}`,
          );
        }
      }
    }
    // 2. the inbox holds exactly the conflicts filed and not answered, edited or replaced
    const inbox = new Set(c.engine.inbox.map(itemKey));
    const expectedInbox = new Set([...c.asked.keys()].filter((k) => !c.left.has(k)));
    if (c.rule !== "ask" && c.asked.size > 0)
      problems.push(`${who}: filed conflicts without "ask"`);
    if ([...inbox].sort().join() !== [...expectedInbox].sort().join()) {
      const ids = new Set([...c.asked.values()].map((i) => i.id));
      problems.push(
        `${who}: inbox ${[...inbox].join()} but filed ${[...expectedInbox].join()}\n${[...ids].map((id) => trace(c, id, truth)).join("\n")}`,
      );
    }
    // 3. every conflict the server reported was settled, and none was made up
    problems.push(...conflictsReal(c, truth).map((p) => `${who}: ${p}`));
    // 4. no local change lost
    for (const entry of ledger.filter((e) => e.client === c.index)) {
      if (!accountedFor(entry, c, ledger, truth)) {
        problems.push(`${who}: lost ${JSON.stringify(entry)}\n${trace(c, entry.record, truth)}`);
      }
    }
  }
  stats.runs++;
  stats.requests += clients.reduce((n, c) => n + c.transport.requests, 0);
  stats.conflicts += clients.reduce((n, c) => n + c.settled.length, 0);
  stats.inbox += clients.reduce((n, c) => n + c.engine.inbox.length, 0);
  if (problems.length > 0) {
    throw new Error(`rules ${rules.join(", ")}:\n${problems.join("\n")}`);
  }
}

const stats = { runs: 0, requests: 0, conflicts: 0, inbox: 0 };

/**
 * Runs that failed once, each replayed alone. All three had a lost answer whose record changed
 * before the repeat: its field conflicts came back as a "*" one (record deleted since), its "*"
 * conflict as field ones (record made again since), and a delete's conflict as a clean
 * duplicate (record deleted by someone else since).
 */
const REPLAYED = [
  { seed: 1640911297, path: "51" },
  { seed: 259156118, path: "12" },
  { seed: 2137620888, path: "62" },
];

test.each(REPLAYED)("replays the run that once failed: seed $seed, path $path", async (run) => {
  await fc.assert(
    fc.asyncProperty(
      rulesArb,
      fc.array(stepArb, { minLength: 25, maxLength: 60 }),
      (rules, steps) => runScript(rules, steps),
    ),
    { ...run, numRuns: 1, endOnFailure: true },
  );
});

test("clients that edit the same records, offline, with lost and repeated requests, converge by their rules with nothing lost", async () => {
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(
      rulesArb,
      fc.array(stepArb, { minLength: 25, maxLength: 60 }),
      (rules, steps) => runScript(rules, steps),
    ),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  console.log(
    `sync property: ${stats.runs} runs, ${stats.requests} requests, ${stats.conflicts} conflicts settled, ${stats.inbox} left in inboxes, ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`,
  );
});
