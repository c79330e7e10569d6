/**
 * The sync engine against the real API on Azurite, as a seeded fast-check property: three
 * clients (each its own engine, memory store, conflict rule and HTTP transport, two of them
 * editors) create, edit and delete the same few contacts, go offline and online, lose answers
 * and send requests twice, sync alone or all at once, and answer their conflict inbox. Their
 * copies come in pages of two records. Client 2's member has a sync set (contacts of one
 * department) and subscriptions, which the owner changes between steps, and editing a
 * department moves contacts in and out of that view: its copy gets `removed` and 410s, and its
 * changes to contacts that left its view are rejected. Client 0 talks to a second API host on
 * the same storage, so that its commits race the others'. When all of them have synced until
 * quiet:
 *
 * 1. every client's view equals the server's state restricted to its member's view (an "ask
 *    me" client's fields waiting in its inbox show its own value), nothing is left in any
 *    outbox, and only the sync-set client lists changes needing attention (rejected outside
 *    its view, or answered by a duplicate that no longer shows the record);
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
 *    transports saw, lost ones included) in version order gives: no applied write is lost. A
 *    record some answer left out (outside the pusher's view) cannot be placed in that order,
 *    and is left out of this check (counted as "unreplayed").
 *
 * `npm test` (and so CI) runs one fixed seed (BCM_SYNC_PROPERTY_RUNS runs, default 40), so
 * that a red run there always means a change broke something, and then a random seed
 * (BCM_SYNC_PROPERTY_RANDOM_RUNS, default 10) to explore; both print their seed, and
 * BCM_SYNC_PROPERTY_SEED=<seed> replays one (with the same number of runs). Runs that once
 * failed are kept as literal step lists (REPLAYED), which do not depend on the generators.
 */
import fc from "fast-check";
import type { Filter, Json, Mutation, PullResponse, PushResponse } from "../../src/shared/protocol";
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
import { contactInView, makeView } from "../../api/src/sync/view";
import { apiUrl, call } from "../support/http";
import { newDatabase, newMember, pullAll, share, type Member } from "../support/db";
import { startApiHost, type Running } from "../support/stack";

const FIXED_SEED = 959127968;
const SEED = Number(process.env.BCM_SYNC_PROPERTY_SEED ?? FIXED_SEED);
const RUNS = Number(process.env.BCM_SYNC_PROPERTY_RUNS ?? 40);
const RANDOM_SEED = Math.floor(Math.random() * 2 ** 31);
const RANDOM_RUNS = Number(process.env.BCM_SYNC_PROPERTY_RANDOM_RUNS ?? 10);
const CLIENTS = 3;
const RECORDS = 4;
const FIELDS = ["givenName", "familyName", "jobTitle", "department"] as const;
const RULES: readonly ConflictRule[] = ["ask", "mine", "shared", "newest"];
/** Records per pull page: a copy of the records takes several. */
const PAGE_SIZE = 2;
/** The client whose member has the sync set, and the set: contacts of one department. */
const VIEWER = 2;
const SYNC_SET = "team";
const DEPARTMENTS = ["Sales", "Support"] as const;
type Department = (typeof DEPARTMENTS)[number];
const teamFilter = (department: Department): Filter => ({
  all: [{ field: "department", op: "eq", value: department }],
});

jest.setTimeout(240_000);

// ── the script ────────────────────────────────────────────────────────────────────────────

type Step =
  | {
      kind: "edit";
      client: number;
      record: number;
      field: (typeof FIELDS)[number];
      clear: boolean;
      /** For `department`: one the sync set may name (by index), or null for a value of its own. */
      team?: number | null;
    }
  | { kind: "create"; client: number; record: number }
  | { kind: "delete"; client: number; record: number }
  | { kind: "sync"; client: number }
  | { kind: "syncAll" }
  | { kind: "offline" | "online"; client: number }
  | { kind: "fault"; client: number; fault: "lose" | "repeat"; on: "push" | "pull" }
  | { kind: "answer"; client: number; choice: "mine" | "theirs"; all: boolean }
  /** The owner subscribes the sync-set client's member to a contact, or ends it. */
  | { kind: "subscribe"; record: number; on: boolean }
  /** The owner changes which department the sync set selects. */
  | { kind: "filter"; department: Department };

const client = fc.nat(CLIENTS - 1);
const record = fc.nat(RECORDS - 1);
// Changes of the sync-set client's view (each a 410 for it) are rarer than the rest, so that
// most records leave its view by a department edited, through `removed`.
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      client,
      record,
      field: fc.constantFrom(...FIELDS),
      clear: fc.nat(9).map((n) => n < 2),
      team: fc.constantFrom(null, 0, 1),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("create" as const), client, record }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), client, record }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("sync" as const), client }) },
  { weight: 2, arbitrary: fc.constant({ kind: "syncAll" as const }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constantFrom("offline" as const, "online" as const), client }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("fault" as const),
      client,
      fault: fc.constantFrom("lose" as const, "repeat" as const),
      on: fc.constantFrom("push" as const, "pull" as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("answer" as const),
      client,
      choice: fc.constantFrom("mine" as const, "theirs" as const),
      all: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("subscribe" as const), record, on: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("filter" as const),
      department: fc.constantFrom(...DEPARTMENTS),
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
  /** Records the pull answers named in `removed`. */
  removed = 0;

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
    const answer =
      fault === "repeat" ? (this.requests++, await this.api.pull(db, cursor, limit)) : first;
    this.removed += answer.removed.length;
    return answer;
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

/** A second instance of the API on the same storage: client 0's commits race the others'. */
let second: Running;
beforeAll(async () => {
  second = await startApiHost({
    storageConnection: process.env.BCM_TEST_STORAGE!,
    env: { BCM_DEV_KEY_FILE: process.env.BCM_TEST_DEV_KEY_FILE! },
  });
});
afterAll(() => second.close());

/**
 * What the sync-set client's member sees: the set's department and the subscriptions. The owner
 * changes them through the host that client talks to, whose member cache they clear at once (the
 * other host would catch up only within seconds).
 */
interface Viewer {
  readonly member: Member;
  /** Whether the member has the sync set (false: it sees everything). */
  readonly syncSet: boolean;
  department: Department;
  readonly subscriptions: Set<string>;
}

interface Run {
  readonly db: string;
  readonly owner: Member;
  readonly truth: Answered[];
  readonly clients: ClientRun[];
  readonly viewer: Viewer;
}

async function newRun(rules: readonly ConflictRule[], syncSet: boolean): Promise<Run> {
  const owner = await newMember("owner");
  const db = await newDatabase(owner, "Property");
  await defineSyncSet(db, owner, "Sales");
  const editors = [
    await share(db, owner, "editor"),
    await share(db, owner, "editor", syncSet ? SYNC_SET : null),
  ];
  const members: Member[] = [owner, ...editors];
  const truth: Answered[] = [];
  const clients: ClientRun[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const member = members[i % members.length]!;
    const host = i === 0 ? second.url : apiUrl();
    const api = new ApiClient({ baseUrl: host, fetch: (url, init) => fetch(url, init) });
    const transport = new FaultyTransport(api.withToken(member.token), i, truth);
    const engine = await SyncEngine.open({
      owner: copyOwner(host, member.email, db),
      store: new MemoryStore(),
      transport,
      locks: new MemoryLocks(),
      pageSize: PAGE_SIZE,
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
  const viewer: Viewer = {
    member: members[VIEWER]!,
    syncSet,
    department: "Sales",
    subscriptions: new Set(),
  };
  return { db, owner, truth, clients, viewer };
}

async function defineSyncSet(db: string, owner: Member, department: Department): Promise<void> {
  const reply = await call(`/databases/${db}/sync-sets/${SYNC_SET}`, {
    method: "PUT",
    token: owner.token,
    body: { filter: teamFilter(department) },
  });
  if (reply.status >= 300) throw new Error(`sync set: ${reply.status} ${reply.text}`);
}

/** Whether the sync-set client's member sees `id` with `fields` now. */
function seenByViewer(viewer: Viewer, id: string, fields: Record<string, Json>): boolean {
  if (!viewer.syncSet) return true;
  const view = makeView(
    {
      db: "",
      email: viewer.member.email,
      oid: null,
      role: "editor",
      syncSet: SYNC_SET,
      subscriptions: [...viewer.subscriptions],
    },
    teamFilter(viewer.department),
  );
  return contactInView(view, { id, fields });
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
  run: Run,
  c: ClientRun | null,
  step: Step,
  index: number,
  ledger: Ledger[],
): Promise<void> {
  const all = run.clients;
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
      const team = step.field === "department" ? (step.team ?? null) : null;
      const v = step.clear ? null : team === null ? value(step.client) : DEPARTMENTS[team]!;
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
      // The first records start in the sync set's department.
      const fields = {
        givenName: value(step.client),
        familyName: value(step.client),
        ...(index < 0 && step.record < 2 ? { department: DEPARTMENTS[0] } : {}),
      };
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
    case "subscribe": {
      const { viewer } = run;
      const path = `/databases/${run.db}/members/${encodeURIComponent(viewer.member.email)}/subscriptions/${rid(step.record)}`;
      const reply = await call<{ subscriptions: string[] }>(path, {
        method: step.on ? "PUT" : "DELETE",
        token: run.owner.token,
      });
      if (reply.status !== 200) throw new Error(`subscription: ${reply.status} ${reply.text}`);
      viewer.subscriptions.clear();
      for (const id of reply.body.subscriptions) viewer.subscriptions.add(id);
      break;
    }
    case "filter":
      await defineSyncSet(run.db, run.owner, step.department);
      run.viewer.department = step.department;
      break;
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
        // Or, the answer lost, the retry's could not tell (the record left the view meanwhile):
        // the change waits in "needs attention", in the user's hands.
        const setAside = c.engine.needsAttention.some((i) => i.mutation.mid === r.mid);
        if (a.delivered || !(healed || setAside)) {
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
    const changedLater =
      changes.some(
        (ch) =>
          ch.id === id &&
          ch.version > after &&
          (ch.whole || field === "*" || ch.fields.includes(field)),
      ) ||
      // A change answered without the record (outside its pusher's view): when, unknown.
      truth.some((a) =>
        a.response.results.some(
          (r) =>
            !r.record &&
            (r.status === "applied" || r.status === "partial") &&
            a.mutations.some((m) => m.mid === r.mid && m.id === id),
        ),
      );
    if (!changedLater) problems.push(`made-up conflict: ${JSON.stringify(s.conflict)}`);
  }
  return problems;
}

/**
 * The server's state replayed from every answer it gave, in version order; `unplaced`: records
 * an applied change came back for without the record (outside the pusher's view), whose
 * version, and so place in the order, the answer does not tell.
 */
function replay(truth: readonly Answered[]): {
  live: Map<string, Record<string, Json>>;
  unplaced: Set<string>;
} {
  const unplaced = new Set<string>();
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
      if (m && !r.record && (r.status === "applied" || r.status === "partial")) unplaced.add(m.id);
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
  return { live, unplaced };
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
  if (c.engine.inbox.some(covers)) return true;
  // (e) refused, and listed as needing attention
  return c.engine.needsAttention.some(
    ({ mutation: m }) =>
      m.id === entry.record &&
      (entry.field === "*delete"
        ? m.op === "delete"
        : m.op === "upsert" &&
          entry.field in m.fields &&
          sameJson(m.fields[entry.field], entry.value)),
  );
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

async function runScript(
  rules: readonly ConflictRule[],
  steps: readonly Step[],
  options: { syncSet?: boolean } = {},
): Promise<void> {
  const run = await newRun(rules, options.syncSet ?? true);
  const { db, owner, truth, clients, viewer } = run;
  const ledger: Ledger[] = [];
  // Client 0 makes the records; everyone takes a copy.
  for (let r = 0; r < RECORDS; r++) {
    await perform(run, clients[0]!, { kind: "create", client: 0, record: r }, -1 - r, ledger);
  }
  await perform(run, null, { kind: "syncAll" }, -10, ledger);
  for (const [i, step] of steps.entries()) {
    const c = "client" in step ? clients[step.client]! : null;
    await perform(run, c, step, i, ledger);
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
  const { live: replayed, unplaced } = replay(truth);
  stats.unreplayed += unplaced.size;
  for (const id of new Set([...server.keys(), ...replayed.keys()])) {
    if (unplaced.has(id)) continue;
    if (!sameJson(server.get(id) ?? null, replayed.get(id) ?? null)) {
      problems.push(
        `server ${id} is ${JSON.stringify(server.get(id))}, replay gives ${JSON.stringify(replayed.get(id))}`,
      );
    }
  }
  for (const c of clients) {
    const who = `client ${c.index} (${c.rule})`;
    // 1. the view equals the server in the member's view (inbox fields show mine); nothing
    // pending; only the sync-set client has changes needing attention, for its view's reasons
    if (c.engine.outbox.length > 0) problems.push(`${who}: outbox not empty`);
    const attention = c.engine.needsAttention.filter(
      (a) => c.index !== VIEWER || !VIEW_REJECTIONS.includes(a.error.code),
    );
    if (attention.length > 0) problems.push(`${who}: needs attention ${JSON.stringify(attention)}`);
    stats.rejected += c.engine.needsAttention.length;
    const shown = new Map(
      [...server].filter(([id, fields]) => c.index !== VIEWER || seenByViewer(viewer, id, fields)),
    );
    const views = new Map(c.engine.records("contact").map((v) => [v.id, v]));
    for (const id of new Set([...shown.keys(), ...views.keys()])) {
      const view = views.get(id);
      const truthFields = shown.get(id);
      if (!view || !truthFields) {
        problems.push(
          `${who}: ${id} is ${view ? "shown" : "missing"}, server ${truthFields ? "has it" : "does not"}\n${trace(c, id, truth)}`,
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
  stats.removed += clients[VIEWER]!.transport.removed;
  if (problems.length > 0) {
    throw new Error(`rules ${rules.join(", ")}:\n${problems.join("\n")}`);
  }
}

const stats = {
  runs: 0,
  requests: 0,
  conflicts: 0,
  inbox: 0,
  rejected: 0,
  removed: 0,
  unreplayed: 0,
};

/**
 * Why the sync-set client's changes may need attention: a change to a contact that left its
 * view (refused), or one whose answer was lost and whose repeat, a duplicate, no longer shows
 * the record (it may have taken it out of the view itself).
 */
const VIEW_REJECTIONS: readonly string[] = ["outside_sync_set", "unknown_outcome"];

/**
 * Runs that once failed, as literal scripts: found before client 2 had a sync set, they run
 * without one (`syncSet: false`). All three had a lost answer whose record changed before the
 * repeat: its field conflicts came back as a "*" one (record deleted since), its "*" conflict as
 * field ones (record made again since), and a delete's conflict as a clean duplicate (record
 * deleted by someone else since). Each found a gap in this test's oracle, not in the engine. A
 * new failure's counterexample (fast-check prints `[rules, steps]`) goes here as it is.
 */
const REPLAYED: ReadonlyArray<{
  name: string;
  rules: readonly ConflictRule[];
  steps: readonly Step[];
  syncSet?: boolean;
}> = [
  {
    name: "found with seed 1640911297, path 51",
    syncSet: false,
    rules: ["mine", "mine", "ask"],
    steps: [
      { kind: "online", client: 2 },
      { kind: "sync", client: 0 },
      { kind: "edit", client: 1, record: 2, field: "givenName", clear: false },
      { kind: "answer", client: 2, choice: "theirs", all: false },
      { kind: "sync", client: 1 },
      { kind: "create", client: 2, record: 1 },
      { kind: "edit", client: 1, record: 2, field: "department", clear: false },
      { kind: "edit", client: 1, record: 3, field: "familyName", clear: false },
      { kind: "edit", client: 0, record: 1, field: "familyName", clear: false },
      { kind: "sync", client: 1 },
      { kind: "sync", client: 2 },
      { kind: "delete", client: 0, record: 0 },
      { kind: "fault", client: 2, fault: "lose", on: "push" },
      { kind: "delete", client: 1, record: 1 },
      { kind: "edit", client: 0, record: 2, field: "familyName", clear: false },
      { kind: "edit", client: 1, record: 3, field: "givenName", clear: false },
      { kind: "edit", client: 2, record: 0, field: "jobTitle", clear: false },
      { kind: "delete", client: 2, record: 2 },
      { kind: "fault", client: 0, fault: "repeat", on: "push" },
      { kind: "sync", client: 1 },
      { kind: "delete", client: 0, record: 3 },
      { kind: "edit", client: 2, record: 3, field: "givenName", clear: true },
      { kind: "edit", client: 1, record: 1, field: "department", clear: false },
      { kind: "syncAll" },
      { kind: "fault", client: 0, fault: "lose", on: "push" },
      { kind: "sync", client: 2 },
      { kind: "edit", client: 1, record: 3, field: "familyName", clear: true },
      { kind: "sync", client: 0 },
      { kind: "online", client: 1 },
      { kind: "fault", client: 0, fault: "lose", on: "push" },
      { kind: "create", client: 1, record: 2 },
      { kind: "sync", client: 1 },
      { kind: "fault", client: 0, fault: "lose", on: "pull" },
      { kind: "syncAll" },
      { kind: "edit", client: 1, record: 3, field: "department", clear: false },
      { kind: "sync", client: 0 },
      { kind: "sync", client: 2 },
      { kind: "create", client: 1, record: 1 },
      { kind: "edit", client: 0, record: 2, field: "givenName", clear: false },
      { kind: "sync", client: 1 },
      { kind: "online", client: 2 },
    ],
  },
  {
    name: "found with seed 259156118, path 12",
    syncSet: false,
    rules: ["mine", "newest", "ask"],
    steps: [
      { kind: "delete", client: 0, record: 0 },
      { kind: "fault", client: 2, fault: "lose", on: "push" },
      { kind: "delete", client: 2, record: 0 },
      { kind: "edit", client: 2, record: 2, field: "givenName", clear: false },
      { kind: "sync", client: 1 },
      { kind: "edit", client: 0, record: 2, field: "jobTitle", clear: false },
      { kind: "fault", client: 1, fault: "lose", on: "push" },
      { kind: "online", client: 2 },
      { kind: "sync", client: 2 },
      { kind: "edit", client: 1, record: 0, field: "familyName", clear: false },
      { kind: "sync", client: 2 },
      { kind: "edit", client: 1, record: 3, field: "department", clear: false },
      { kind: "sync", client: 0 },
      { kind: "create", client: 0, record: 3 },
      { kind: "delete", client: 2, record: 1 },
      { kind: "edit", client: 2, record: 1, field: "givenName", clear: false },
      { kind: "online", client: 2 },
      { kind: "answer", client: 0, choice: "theirs", all: false },
      { kind: "sync", client: 0 },
      { kind: "edit", client: 1, record: 0, field: "jobTitle", clear: false },
      { kind: "edit", client: 2, record: 3, field: "familyName", clear: false },
      { kind: "edit", client: 2, record: 0, field: "jobTitle", clear: true },
      { kind: "answer", client: 1, choice: "mine", all: true },
      { kind: "edit", client: 2, record: 2, field: "jobTitle", clear: false },
      { kind: "delete", client: 2, record: 2 },
      { kind: "delete", client: 0, record: 1 },
      { kind: "sync", client: 1 },
      { kind: "delete", client: 2, record: 2 },
      { kind: "edit", client: 2, record: 0, field: "department", clear: false },
      { kind: "delete", client: 2, record: 1 },
      { kind: "sync", client: 2 },
      { kind: "edit", client: 0, record: 3, field: "familyName", clear: true },
      { kind: "edit", client: 0, record: 1, field: "givenName", clear: false },
      { kind: "edit", client: 2, record: 2, field: "familyName", clear: true },
      { kind: "fault", client: 1, fault: "lose", on: "push" },
      { kind: "offline", client: 2 },
      { kind: "edit", client: 2, record: 3, field: "givenName", clear: false },
      { kind: "edit", client: 0, record: 0, field: "jobTitle", clear: false },
      { kind: "sync", client: 0 },
      { kind: "edit", client: 1, record: 3, field: "familyName", clear: false },
      { kind: "answer", client: 2, choice: "mine", all: true },
      { kind: "answer", client: 1, choice: "theirs", all: true },
      { kind: "fault", client: 0, fault: "lose", on: "pull" },
      { kind: "fault", client: 1, fault: "repeat", on: "push" },
      { kind: "edit", client: 1, record: 1, field: "givenName", clear: false },
    ],
  },
  {
    name: "found with seed 2137620888, path 62",
    syncSet: false,
    rules: ["newest", "mine", "ask"],
    steps: [
      { kind: "answer", client: 2, choice: "mine", all: false },
      { kind: "sync", client: 0 },
      { kind: "sync", client: 0 },
      { kind: "create", client: 2, record: 3 },
      { kind: "edit", client: 0, record: 0, field: "department", clear: true },
      { kind: "edit", client: 1, record: 3, field: "jobTitle", clear: false },
      { kind: "create", client: 1, record: 0 },
      { kind: "delete", client: 0, record: 0 },
      { kind: "fault", client: 2, fault: "lose", on: "push" },
      { kind: "create", client: 2, record: 3 },
      { kind: "edit", client: 2, record: 2, field: "givenName", clear: false },
      { kind: "fault", client: 2, fault: "lose", on: "push" },
      { kind: "create", client: 2, record: 0 },
      { kind: "edit", client: 1, record: 0, field: "department", clear: false },
      { kind: "syncAll" },
      { kind: "fault", client: 1, fault: "repeat", on: "push" },
      { kind: "answer", client: 0, choice: "theirs", all: false },
      { kind: "fault", client: 0, fault: "repeat", on: "push" },
      { kind: "edit", client: 2, record: 1, field: "jobTitle", clear: false },
      { kind: "create", client: 1, record: 2 },
      { kind: "online", client: 2 },
      { kind: "offline", client: 1 },
      { kind: "answer", client: 1, choice: "mine", all: false },
      { kind: "sync", client: 1 },
      { kind: "sync", client: 0 },
      { kind: "sync", client: 0 },
      { kind: "edit", client: 0, record: 2, field: "jobTitle", clear: true },
      { kind: "edit", client: 2, record: 0, field: "givenName", clear: false },
      { kind: "fault", client: 1, fault: "lose", on: "push" },
      { kind: "edit", client: 0, record: 1, field: "familyName", clear: false },
      { kind: "online", client: 1 },
      { kind: "sync", client: 1 },
      { kind: "sync", client: 0 },
      { kind: "delete", client: 1, record: 3 },
      { kind: "sync", client: 0 },
      { kind: "edit", client: 1, record: 2, field: "familyName", clear: false },
    ],
  },
];

test.each(REPLAYED)("replays the run that once failed: $name", async (run) => {
  await runScript(run.rules, run.steps, { syncSet: run.syncSet ?? true });
});

/** `runs` random scripts from `seed`, printing the seed first and what they did after. */
async function explore(seed: number, runs: number): Promise<void> {
  console.log(
    `sync property: seed ${seed}, ${runs} runs (replay with BCM_SYNC_PROPERTY_SEED=${seed} BCM_SYNC_PROPERTY_RUNS=${runs})`,
  );
  for (const key of Object.keys(stats) as Array<keyof typeof stats>) stats[key] = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(
      rulesArb,
      fc.array(stepArb, { minLength: 25, maxLength: 60 }),
      (rules, steps) => runScript(rules, steps),
    ),
    { seed, numRuns: runs, endOnFailure: true },
  );
  console.log(
    `sync property: ${stats.runs} runs, ${stats.requests} requests, ${stats.conflicts} conflicts settled, ${stats.inbox} left in inboxes, ${stats.rejected} needing attention, ${stats.removed} removed from the sync-set copy, ${stats.unreplayed} records not replayed, ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`,
  );
}

test("clients that edit the same records, offline, with lost and repeated requests, in and out of a sync set, on two hosts, converge by their rules with nothing lost (fixed seed)", async () => {
  await explore(SEED, RUNS);
});

test("...and so they do from a random seed (printed)", async () => {
  await explore(RANDOM_SEED, RANDOM_RUNS);
});
