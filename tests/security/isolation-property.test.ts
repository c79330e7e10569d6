/**
 * Isolation as a seeded fast-check property, over HTTP against the local host and Azurite: a
 * member (an editor) with a random sync set and random subscriptions pulls (pages of 1–3, now
 * and then a new copy), pushes anything (creates, edits and deletes of any id, in view or not),
 * sends requests again, and sends an old mid naming another id; the owner and another editor
 * create, change, link, delete and bring back contacts and history items, and send their
 * requests again. After every answer to the member, the true state is read back from storage
 * and judged by the server's own rule (`inView`):
 *
 * 1. every live record an answer carries (pull `records`, push `results[].record`) is in view;
 *    a result with `conflicts` carries its record;
 * 2. no answer's text holds a value that someone else wrote into a record now out of the view
 *    (error messages, conflicts and duplicates included);
 * 3. a pull from `cursor: null` names nothing in `removed` and sends no tombstone;
 * 4. every id in `removed`, and every tombstone, names a record the member's copy holds, or one
 *    that may have been in the view since the cursor's `since`: in view at some point since,
 *    or changed in what views read (docs/sync-protocol.md, clarification 5), or a history item
 *    linked to such a contact.
 *
 * Others push one mutation per request, so that every state they make is seen. The seed is
 * fixed (BCM_ISOLATION_SEED replays another, "random" explores); BCM_ISOLATION_RUNS sets the
 * number of runs (default 25, each 10–18 steps).
 */
import fc from "fast-check";
import type {
  Json,
  Mutation,
  PullResponse,
  PushResponse,
  RecordType,
} from "../../src/shared/protocol";
import { sameJson } from "../../src/shared/json";
import { TableRepository } from "../../api/src/storage/table-repository";
import type { StoredRecord } from "../../api/src/storage/repository";
import { inView, makeView, viewProjection, type View } from "../../api/src/sync/view";
import { call, type Reply } from "../support/http";
import { Client, newDatabase, newMember, share, type Member } from "../support/db";
import { propertySeed } from "../support/seed";

const SEED = propertySeed("BCM_ISOLATION_SEED", 20261205);
const RUNS = Number(process.env.BCM_ISOLATION_RUNS ?? 25);

jest.setTimeout(300_000);

const CONTACTS = ["c0", "c1", "c2", "c3"];
const HISTORY = ["h0", "h1", "h2"];
const FILTERS = [
  { any: [{ field: "categories", op: "contains", value: "A" }] },
  { all: [{ field: "country", op: "eq", value: "FR" }] },
  {
    any: [
      { field: "categories", op: "in", value: ["B"] },
      { field: "country", op: "eq", value: "DE" },
    ],
  },
] as const;

type Change =
  | { op: "contact"; id: string; categories: string[]; country: string | null }
  | { op: "history"; id: string; links: string[] }
  | { op: "delete"; type: RecordType; id: string };

type Step =
  | { kind: "other"; who: 0 | 1; change: Change }
  | { kind: "otherAgain"; who: 0 | 1 }
  | { kind: "pull"; limit: number; fresh: boolean }
  | { kind: "push"; change: Change }
  | { kind: "again" }
  | { kind: "probe"; type: RecordType; id: string };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    op: fc.constant("contact" as const),
    id: fc.constantFrom(...CONTACTS),
    categories: fc.subarray(["A", "B"]),
    country: fc.constantFrom("FR", "DE", null),
  }),
  fc.record({
    op: fc.constant("history" as const),
    id: fc.constantFrom(...HISTORY),
    links: fc.subarray(CONTACTS, { maxLength: 2 }),
  }),
  fc.record({
    op: fc.constant("delete" as const),
    type: fc.constantFrom<RecordType>("contact", "history"),
    id: fc.constantFrom(...CONTACTS, ...HISTORY),
  }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("other" as const),
      who: fc.constantFrom<0 | 1>(0, 1),
      change,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("otherAgain" as const),
      who: fc.constantFrom<0 | 1>(0, 1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("pull" as const),
      limit: fc.integer({ min: 1, max: 3 }),
      // Now and then a new copy (cursor null).
      fresh: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("push" as const), change }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("again" as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("probe" as const),
      type: fc.constantFrom<RecordType>("contact", "history"),
      id: fc.constantFrom(...CONTACTS, ...HISTORY),
    }),
  },
);

const scenario = fc.record({
  filter: fc.constantFrom(...FILTERS),
  subscriptions: fc.subarray(CONTACTS, { maxLength: 2 }),
  steps: fc.array(step, { minLength: 10, maxLength: 18 }),
});

const repo = () =>
  new TableRepository({ connectionString: process.env.BCM_TEST_STORAGE!, tablePrefix: "bcm" });
const key = (type: string, id: string) => `${type}:${id}`;

/** A client that remembers its last request, to send it again. */
class Pusher {
  last: unknown[] = [];
  constructor(readonly client: Client) {}
  async push(m: DistributiveOmit<Mutation, "mid"> | null): Promise<Reply<PushResponse> | null> {
    if (!m) return null;
    this.last = [{ ...m, mid: this.client.lastMid + 1 }];
    return this.client.push([m]);
  }
  again(): Promise<Reply<PushResponse>> {
    return this.client.send(this.last);
  }
}

let marks = 0;

/** The mutation `who` sends for `c`, on top of the true state `state`. */
function mutationFor(
  c: Change,
  state: Map<string, StoredRecord>,
  mark: string,
): DistributiveOmit<Mutation, "mid"> | null {
  const at = new Date().toISOString();
  if (c.op === "delete") {
    const current = state.get(key(c.type, c.id));
    return { op: "delete", type: c.type, id: c.id, baseVersion: current?.version ?? 1, at };
  }
  const type = c.op;
  const fields: Record<string, Json> =
    c.op === "contact"
      ? {
          givenName: mark,
          categories: c.categories,
          addresses: c.country ? [{ country: c.country }] : null,
        }
      : { kind: "note", subject: mark, contactIds: c.links };
  const current = state.get(key(type, c.id));
  if (!current || current.deleted) {
    return { op: "upsert", type, id: c.id, baseVersion: null, fields: withoutNull(fields), at };
  }
  const base = Object.fromEntries(Object.keys(fields).map((f) => [f, current.fields[f] ?? null]));
  return { op: "upsert", type, id: c.id, baseVersion: current.version, base, fields, at };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const withoutNull = (f: Record<string, Json>) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null));

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

async function run(sc: Scenario) {
  const storage = repo();
  const owner = await newMember("owner");
  const db = await newDatabase(owner);
  const set = await call(`/databases/${db}/sync-sets/S`, {
    method: "PUT",
    token: owner.token,
    body: { filter: sc.filter },
  });
  expect(set.status).toBe(200);
  const member = await share(db, owner, "editor", "S");
  for (const id of sc.subscriptions) {
    const sub = await call(
      `/databases/${db}/members/${encodeURIComponent(member.email)}/subscriptions/${id}`,
      { method: "PUT", token: owner.token },
    );
    expect(sub.status).toBe(200);
  }
  const other: Member = await share(db, owner, "editor");
  const view: View = makeView(
    {
      db,
      email: member.email,
      oid: null,
      role: "editor",
      syncSet: "S",
      subscriptions: sc.subscriptions,
    },
    sc.filter as never,
  );
  const others = [new Pusher(new Client(db, owner)), new Pusher(new Client(db, other))];
  const mine = new Pusher(new Client(db, member));

  let state = new Map<string, StoredRecord>();
  const read = async () => {
    const page = await storage.readChanges(db, 0, 1000);
    state = new Map(
      page.records.map((r) => {
        const { fieldsJson, ...rest } = r;
        const fields = JSON.parse(fieldsJson) as Record<string, Json>;
        return [key(r.type, r.id), { ...rest, fields, stamps: {} }];
      }),
    );
  };
  const contact = (id: string) => state.get(key("contact", id));
  const shown = (r: StoredRecord) => !r.deleted && inView(view, r, contact);

  /** Values others wrote into each record (its markers). */
  const written = new Map<string, Set<string>>();
  /** What the member's copy holds (live records it was sent). */
  const held = new Set<string>();
  /** Records that may have been in view since the member's `since`, and the projections then. */
  let flagged = new Set<string>();
  let projections = new Map<string, Json>();
  const resetSince = () => {
    flagged = new Set([...state.values()].filter(shown).map((r) => key(r.type, r.id)));
    projections = new Map([...state].map(([k, r]) => [k, projectionOf(r)]));
  };
  const observe = () => {
    for (const [k, r] of state) {
      const before = projections.get(k);
      const now = projectionOf(r);
      // A record made since is judged by its one state so far.
      if (shown(r) || (before !== undefined && !sameJson(before, now))) flagged.add(k);
      projections.set(k, now);
    }
  };
  const allowed = (k: string): boolean => {
    if (held.has(k) || flagged.has(k)) return true;
    const r = state.get(k);
    if (!r || r.type !== "history") return false;
    const links = (viewProjection(r).contactIds as string[] | undefined) ?? [];
    return links.some((c) => held.has(key("contact", c)) || flagged.has(key("contact", c)));
  };

  /** Checks 1 and 2 on an answer's text and records. */
  const hidesOthers = (text: string, context: string) => {
    for (const [k, values] of written) {
      const r = state.get(k);
      if (r && shown(r)) continue;
      for (const v of values) {
        if (r && !r.deleted && Object.values(r.fields).includes(v) && text.includes(v)) {
          throw new Error(`${context}: the answer shows ${v} of ${k}, out of the view`);
        }
      }
    }
  };

  let cursor: string | null = null;
  await read();
  resetSince();
  for (const s of sc.steps) {
    if (s.kind === "other" || s.kind === "otherAgain") {
      const p = others[s.who]!;
      if (s.kind === "other") {
        const mark = `o${++marks}x`;
        const m = mutationFor(s.change, state, mark);
        if (m && m.op === "upsert") {
          const k = key(m.type, m.id);
          written.set(k, new Set([...(written.get(k) ?? []), mark]));
        }
        await p.push(m);
      } else if (p.last.length) await p.again();
      await read();
      observe();
      continue;
    }
    if (s.kind === "pull") {
      const start: string | null = s.fresh ? null : cursor;
      const reply: Reply<PullResponse> = await call<PullResponse>(`/databases/${db}/pull`, {
        token: member.token,
        body: { cursor: start, limit: s.limit },
      });
      expect(reply.status).toBe(200);
      await read();
      observe();
      hidesOthers(reply.text, "pull");
      const page: PullResponse = reply.body;
      if (start === null) {
        expect(page.removed).toEqual([]);
        expect(page.records.filter((r) => r.deleted)).toEqual([]);
        held.clear();
      }
      for (const r of page.records) {
        const k = key(r.type, r.id);
        if (r.deleted) {
          if (!allowed(k)) throw new Error(`pull: tombstone of ${k}, which the copy cannot hold`);
          held.delete(k);
        } else {
          const now = state.get(k)!;
          if (!shown(now)) throw new Error(`pull: ${k} is out of the view`);
          held.add(k);
        }
      }
      for (const r of page.removed) {
        const k = key(r.type, r.id);
        if (!allowed(k)) throw new Error(`pull: removed names ${k}, which the copy cannot hold`);
        held.delete(k);
      }
      cursor = page.cursor;
      // Where the server's `since` moves: the head when a new copy begins, or a complete pull.
      if (start === null || !page.more) resetSince();
      continue;
    }
    let reply: Reply<PushResponse> | null;
    if (s.kind === "push") {
      const m = mutationFor(s.change, state, `m${++marks}x`);
      reply = await mine.push(m);
    } else if (s.kind === "again") {
      if (!mine.last.length) continue;
      reply = await mine.again();
    } else {
      if (!mine.last.length) continue;
      // An old mid naming another record: answered duplicate.
      const [last] = mine.last as Mutation[];
      reply = await mine.client.send([
        {
          op: "upsert",
          type: s.type,
          id: s.id,
          baseVersion: null,
          fields: { givenName: "probe" },
          at: new Date().toISOString(),
          mid: last!.mid,
        },
      ]);
    }
    if (!reply) continue;
    expect(reply.status).toBe(200);
    await read();
    observe();
    hidesOthers(reply.text, s.kind);
    for (const r of reply.body.results) {
      if (r.conflicts) expect(r.record).toBeDefined();
      if (!r.record) continue;
      const k = key(r.record.type, r.record.id);
      const now = state.get(k)!;
      // A tombstone is judged by the state it keeps: where the record was when deleted.
      if (now.deleted ? !allowed(k) && !inView(view, now, contact) : !shown(now))
        throw new Error(`${s.kind}: result carries ${k}, out of the view`);
      if (r.record.deleted) held.delete(k);
      else held.add(k);
    }
  }
}

function projectionOf(r: StoredRecord): Json {
  return r.deleted ? null : viewProjection(r);
}

it("no answer to a member with a sync set carries a record outside their view", async () => {
  console.log(`isolation property: seed ${SEED}, ${RUNS} runs`);
  await fc.assert(
    fc.asyncProperty(scenario, async (sc) => {
      await run(sc);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
});
