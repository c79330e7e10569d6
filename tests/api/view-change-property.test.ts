/**
 * The difference a view change brings (docs/sync-protocol.md, clarification 4) as a seeded
 * fast-check property, over HTTP against the local host and Azurite. The owner creates, edits
 * (in what views read and not), links, deletes and brings back a few contacts and history
 * items, builds the snapshot now and then (a new copy of theirs), and changes a member's view
 * (the sync set's filter, subscriptions); the member catches up now and then, in pages of 3 or
 * 1,000, and the owner now and then does something between two pages (a difference of several
 * pages, or a catch-up). The server judges a view change from the snapshot and the changes
 * after it or the cursor, whichever is earlier, so the snapshot lands before, between and after
 * the member's cursors. After every catch-up (and the pull after it, when the owner did
 * something between its pages):
 *
 * 1. the member's copy is what a new copy of their view holds (every record, every version);
 * 2. no page carried a live record that is not in that view, nor a contact the copy held as
 *    it is (of pages read after every change).
 *
 * A catch-up answered 410 (a difference of more than 4 pages, or a view changed between its
 * pages) starts a new copy, as the client does. The seed is fixed (BCM_VIEW_CHANGE_SEED replays
 * another, "random" explores); BCM_VIEW_CHANGE_RUNS sets the number of runs (default 50, each
 * 10–20 steps after every record is made).
 */
import fc from "fast-check";
import type { Filter, Json, PullResponse, WireRecord } from "../../src/shared/protocol";
import { call } from "../support/http";
import {
  Client,
  applyPages,
  newDatabase,
  newMember,
  pullAll,
  putSyncSet,
  share,
  type Member,
} from "../support/db";
import { propertySeed } from "../support/seed";

const SEED = propertySeed("BCM_VIEW_CHANGE_SEED", 20261206);
const RUNS = Number(process.env.BCM_VIEW_CHANGE_RUNS ?? 50);

jest.setTimeout(300_000);

const CONTACTS = ["c0", "c1", "c2", "c3", "c4"];
const HISTORY = ["h0", "h1", "h2"];
const FILTERS: readonly Filter[] = [
  { any: [{ field: "categories", op: "contains", value: "N" }] },
  {
    any: [
      { field: "categories", op: "contains", value: "N" },
      { field: "jobTitle", op: "eq", value: "Counsel" },
    ],
  },
  { all: [{ field: "jobTitle", op: "eq", value: "Counsel" }] },
];

const contactStep = (id: fc.Arbitrary<string>) =>
  fc.record({
    kind: fc.constant("contact" as const),
    id,
    // What views read (categories, job title); the name changes every time.
    categories: fc.constantFrom<string[] | null>(["N"], ["S"], null),
    jobTitle: fc.constantFrom("Counsel", "Buyer", null),
  });
const historyStep = (id: fc.Arbitrary<string>) =>
  fc.record({
    kind: fc.constant("history" as const),
    id,
    links: fc.subarray(CONTACTS, { maxLength: 2 }),
  });

const ownerStep = fc.oneof(
  { weight: 4, arbitrary: contactStep(fc.constantFrom(...CONTACTS)) },
  { weight: 2, arbitrary: historyStep(fc.constantFrom(...HISTORY)) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("delete" as const),
      key: fc.constantFrom(
        ...CONTACTS.map((id) => `contact:${id}`),
        ...HISTORY.map((id) => `history:${id}`),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("snapshot" as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("view" as const),
      filter: fc.integer({ min: 0, max: FILTERS.length - 1 }),
      subscribe: fc.option(fc.constantFrom(...CONTACTS), { nil: undefined }),
    }),
  },
);

const step = fc.oneof(
  { weight: 5, arbitrary: ownerStep },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("catchUp" as const),
      // Something the owner does after the first page of several, now and then.
      between: fc.option(ownerStep, { nil: undefined, freq: 2 }),
    }),
  },
);

const scenario = fc.record({
  limit: fc.constantFrom(3, 1000),
  // Every record made first, then the steps.
  made: fc.tuple(
    fc.tuple(...CONTACTS.map((id) => contactStep(fc.constant(id)))),
    fc.tuple(...HISTORY.map((id) => historyStep(fc.constant(id)))),
  ),
  steps: fc.array(step, { minLength: 10, maxLength: 20 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
type OwnerStep = typeof ownerStep extends fc.Arbitrary<infer T> ? T : never;

const key = (r: { type: string; id: string }) => `${r.type}:${r.id}`;

/** The owner's side: the true state, from the answers to their pushes. */
class Owner {
  readonly state = new Map<string, WireRecord>();
  private marks = 0;
  constructor(
    readonly member: Member,
    readonly client: Client,
  ) {}

  async apply(s: OwnerStep): Promise<void> {
    const at = new Date().toISOString();
    if (s.kind === "delete") {
      const current = this.state.get(s.key);
      if (!current || current.deleted) return;
      const [type, id] = s.key.split(":") as ["contact" | "history", string];
      return this.push({ op: "delete", type, id, baseVersion: current.version, at });
    }
    if (s.kind !== "contact" && s.kind !== "history") return;
    const mark = `Mark ${++this.marks}`;
    const fields: Record<string, Json> =
      s.kind === "contact"
        ? { givenName: mark, categories: s.categories, jobTitle: s.jobTitle }
        : { kind: "note", subject: mark, contactIds: s.links };
    const current = this.state.get(key({ type: s.kind, id: s.id }));
    if (!current || current.deleted) {
      const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
      return this.push({
        op: "upsert",
        type: s.kind,
        id: s.id,
        baseVersion: null,
        fields: present,
        at,
      });
    }
    const base = Object.fromEntries(Object.keys(fields).map((f) => [f, current.fields[f] ?? null]));
    return this.push({
      op: "upsert",
      type: s.kind,
      id: s.id,
      baseVersion: current.version,
      base,
      fields,
      at,
    });
  }

  private async push(mutation: Parameters<Client["push"]>[0][number]): Promise<void> {
    const reply = await this.client.push([mutation]);
    expect(reply.status).toBe(200);
    const [result] = reply.body.results;
    expect(result?.status).toBe("applied");
    this.state.set(key(result!.record!), result!.record!);
  }
}

/** The member's copy and cursor, kept as the client keeps them. */
interface Copy {
  held: Map<string, WireRecord>;
  cursor: string;
}

const live = (records: ReadonlyMap<string, WireRecord>) =>
  new Map([...records].filter(([, r]) => !r.deleted));

async function newCopy(db: string, member: Member, limit: number): Promise<Copy> {
  const copy = await pullAll(db, member, limit);
  return { held: live(copy.records), cursor: copy.cursor };
}

/** Pages from `cursor` until `more` is false, `between` run after the first of several. */
async function readPages(
  db: string,
  member: Member,
  from: string,
  limit: number,
  between?: () => Promise<void>,
): Promise<{ pages: PullResponse[]; cursor: string; interleaved: boolean } | "expired"> {
  const pages: PullResponse[] = [];
  let interleaved = false;
  for (let cursor = from; ;) {
    const reply = await call<PullResponse>(`/databases/${db}/pull`, {
      token: member.token,
      body: { cursor, limit },
    });
    if (reply.status === 410) {
      expect(reply.text).toContain("cursor_expired");
      return "expired";
    }
    expect(reply.status).toBe(200);
    pages.push(reply.body);
    cursor = reply.body.cursor;
    if (!reply.body.more) return { pages, cursor, interleaved };
    if (between && !interleaved) {
      await between();
      interleaved = true;
    }
  }
}

/**
 * Pulls until `more` is false (and once more when `between` changed something meanwhile); a
 * 410 starts a new copy. Checks both properties: the second only of pages read after every
 * change when `between` ran.
 */
async function catchUp(
  db: string,
  member: Member,
  copy: Copy,
  limit: number,
  between?: () => Promise<void>,
): Promise<Copy> {
  const read = await readPages(db, member, copy.cursor, limit, between);
  const after =
    read !== "expired" && read.interleaved ? await readPages(db, member, read.cursor, limit) : read;
  if (read === "expired" || after === "expired") return newCopy(db, member, limit);
  const pages = read === after ? read.pages : [...read.pages, ...after.pages];
  const held = applyPages(copy.held, pages);
  const fresh = await newCopy(db, member, 1000);
  const versions = (m: ReadonlyMap<string, WireRecord>) =>
    [...m].map(([k, r]) => `${k}@${r.version}`).sort();
  expect(versions(held)).toEqual(versions(fresh.held));
  const sentLive = after.pages.flatMap((p) => p.records.filter((r) => !r.deleted));
  expect(sentLive.map(key).filter((k) => !fresh.held.has(k))).toEqual([]);
  if (read !== after) return { held, cursor: after.cursor };
  // Only what the copy does not hold as it is: a contact is never sent again unchanged (a
  // history item may be, when a linked contact changed in what views read).
  const again = sentLive.filter(
    (r) => r.type === "contact" && copy.held.get(key(r))?.version === r.version,
  );
  expect(again.map(key)).toEqual([]);
  return { held, cursor: after.cursor };
}

async function run(sc: Scenario): Promise<void> {
  const ownerMember = await newMember("owner");
  const db = await newDatabase(ownerMember);
  const owner = new Owner(ownerMember, new Client(db, ownerMember));
  expect((await putSyncSet(db, ownerMember, "V", FILTERS[0])).status).toBe(200);
  const member = await share(db, ownerMember, "editor", "V");
  for (const s of sc.made.flat()) await owner.apply(s);
  const subscriptions = new Set<string>();
  const act = async (s: OwnerStep): Promise<void> => {
    if (s.kind === "snapshot") {
      const reply = await call(`/databases/${db}/pull`, {
        token: ownerMember.token,
        body: { cursor: null, limit: 1, snapshot: true },
      });
      expect(reply.status).toBe(200);
    } else if (s.kind === "view") {
      expect((await putSyncSet(db, ownerMember, "V", FILTERS[s.filter])).status).toBe(200);
      if (!s.subscribe) return;
      const on = !subscriptions.has(s.subscribe);
      const reply = await call(
        `/databases/${db}/members/${encodeURIComponent(member.email)}/subscriptions/${s.subscribe}`,
        { method: on ? "PUT" : "DELETE", token: ownerMember.token },
      );
      expect(reply.status).toBe(200);
      if (on) subscriptions.add(s.subscribe);
      else subscriptions.delete(s.subscribe);
    } else {
      await owner.apply(s);
    }
  };
  let copy = await newCopy(db, member, sc.limit);
  for (const s of sc.steps) {
    if (s.kind !== "catchUp") await act(s);
    else {
      const { between } = s;
      copy = await catchUp(db, member, copy, sc.limit, between && (() => act(between)));
    }
  }
  await catchUp(db, member, copy, sc.limit);
}

it("a view change brings the member's copy to their view, and nothing outside it", async () => {
  console.log(`view change property: seed ${SEED}, ${RUNS} runs`);
  await fc.assert(
    fc.asyncProperty(scenario, (sc) => run(sc)),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
});
