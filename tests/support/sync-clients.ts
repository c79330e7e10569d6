/**
 * Simulated clients for the fault tests and the soak: the real sync engine (src/sync) on the
 * memory store, in Node, talking to an API over HTTP (directly, or through the fault proxy),
 * and the checks every run ends with: the server's state against every client's copy, the
 * mutations the clients saw acknowledged against what the server holds, nothing left waiting.
 */
import { Agent } from "undici";
import { ApiClient, type FetchLike } from "../../src/client/api-client";
import type { Json, PushResponse, RecordType, WireRecord } from "../../src/shared/protocol";
import { sameJson } from "../../src/shared/json";
import { SyncEngine } from "../../src/sync/engine";
import { MemoryLocks } from "../../src/sync/memory-ports";
import { copyOwner } from "../../src/sync/owner";
import { NetworkError, type PushRequest, type Transport } from "../../src/sync/transport";
import { MemoryStore } from "../../src/store/memory-store";
import { call } from "./http";
import { pullAll, type Member } from "./db";

/**
 * A new connection for every call: a connection the fault proxy cut must not be reused by the
 * next call (which would then fail for a fault nobody injected).
 */
const fresh = new Agent({ pipelining: 0 });
export const nodeFetch: FetchLike = (url, init) =>
  fetch(url, { ...init, dispatcher: fresh } as RequestInit);

/**
 * A transport that keeps every mutation it sent and every answer it received: an acknowledged
 * mutation is one the server answered.
 */
export class RecordingTransport implements Transport {
  /** `${clientId}:${mid}` → the status the server answered, for every answer that arrived. */
  readonly acknowledged = new Map<string, string>();
  /** `${clientId}:${mid}` → the record it changed, for every mutation sent (answered or not). */
  readonly sent = new Map<string, string>();

  /** While true, every call fails at once as without a network. */
  offline = false;

  /**
   * While true, calls go through `patientApi` (a longer timeout): the end of a soak, faults off,
   * where a large push on a loaded machine takes longer than the fault phase's short timeout.
   */
  patient = false;

  constructor(
    readonly api: ApiClient,
    readonly patientApi: ApiClient = api,
  ) {}

  get #api(): ApiClient {
    return this.patient ? this.patientApi : this.api;
  }

  pull(databaseId: string, cursor: string | null, limit: number) {
    if (this.offline) return Promise.reject(new NetworkError("offline"));
    return this.#api.pull(databaseId, cursor, limit);
  }

  async push(databaseId: string, request: PushRequest): Promise<PushResponse> {
    if (this.offline) throw new NetworkError("offline");
    for (const m of request.mutations)
      this.sent.set(`${request.clientId}:${m.mid}`, `${m.type}:${m.id}`);
    const answer = await this.#api.push(databaseId, request);
    for (const result of answer.results) {
      const key = `${request.clientId}:${result.mid}`;
      // A later `duplicate` does not hide what an earlier answer said happened.
      if (!this.acknowledged.has(key) || this.acknowledged.get(key) === "duplicate")
        this.acknowledged.set(key, result.status);
    }
    return answer;
  }

  /**
   * Per record, how many of this transport's mutations may have changed it: those answered
   * `applied` or `partial`, and those whose outcome is unknown (no answer, or only `duplicate`).
   * A record at a higher version than every writer's count together was changed twice by one.
   */
  mayHaveChanged(into: Map<string, number>): void {
    for (const [key, record] of this.sent) {
      const status = this.acknowledged.get(key);
      if (status === "conflict" || status === "rejected") continue;
      into.set(record, (into.get(record) ?? 0) + 1);
    }
  }
}

export interface SimClient {
  readonly name: string;
  readonly member: Member;
  readonly engine: SyncEngine;
  readonly transport: RecordingTransport;
}

/** An engine for `member` on a new memory store, calling the API at `baseUrl`. */
export async function openClient(
  name: string,
  member: Member,
  db: string,
  baseUrl: string,
  options: { timeoutMs?: number; random?: () => number } = {},
): Promise<SimClient> {
  const api = (timeoutMs: number) =>
    new ApiClient({ baseUrl, fetch: nodeFetch, token: member.token, timeoutMs });
  const transport = new RecordingTransport(api(options.timeoutMs ?? 15_000), api(60_000));
  const engine = await SyncEngine.open({
    owner: copyOwner(baseUrl, member.email, db),
    store: new MemoryStore(),
    transport,
    locks: new MemoryLocks(),
    ...(options.random ? { random: options.random } : {}),
  });
  return { name, member, engine, transport };
}

/** Syncs until a sync succeeds (at most `attempts` times); the errors met on the way. */
export async function syncUntilDone(client: SimClient, attempts = 12): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (let i = 0; i < attempts; i++) {
    try {
      await client.engine.sync();
      // A sync can leave work behind (a conflict pushed again under "mine wins", a renumbered
      // outbox): sync until nothing waits.
      if (client.engine.outbox.length === 0) return errors;
    } catch (error) {
      errors.push(error);
    }
  }
  throw new Error(
    `${client.name} did not finish syncing after ${attempts} attempts: ${errors.map(String).join("; ")}`,
  );
}

/** `lastMid` the server holds for a client (an empty push asks it). */
export async function serverLastMid(db: string, member: Member, clientId: string): Promise<number> {
  const reply = await call<{ lastMid: number }>(`/databases/${db}/push`, {
    token: member.token,
    body: { clientId, mutations: [] },
  });
  if (reply.status !== 200) throw new Error(`empty push failed: ${reply.status} ${reply.text}`);
  return reply.body.lastMid;
}

export interface Verdict {
  /** Acknowledged mutations the server does not hold (their client's lastMid is below them). */
  lost: string[];
  /** Records whose server version is above the number of changes applied to them. */
  duplicated: string[];
  /** Clients whose copy differs from the server's view for their member, with the first difference. */
  diverged: string[];
  /** Clients with anything still in their outbox. */
  unsent: string[];
  /** Needs-attention items without a reason the server gave. */
  unexplained: string[];
}

/**
 * The end-of-run check. A record at a higher version than the changes that may have been
 * applied to it (every client's `mayHaveChanged`, plus `outside`: changes made by writers that
 * are not among `clients`, per record) had a change applied twice.
 */
export async function verdict(
  db: string,
  clients: readonly SimClient[],
  options: { outside?: ReadonlyMap<string, number> } = {},
): Promise<Verdict> {
  const result: Verdict = { lost: [], duplicated: [], diverged: [], unsent: [], unexplained: [] };
  const views = new Map<string, Map<string, WireRecord>>();
  for (const client of clients) {
    const key = client.member.email;
    if (!views.has(key)) views.set(key, (await pullAll(db, client.member)).records);
    const server = views.get(key)!;
    const difference = firstDifference(client, server);
    if (difference) result.diverged.push(`${client.name}: ${difference}`);
    if (client.engine.outbox.length > 0)
      result.unsent.push(`${client.name}: ${client.engine.outbox.length}`);
    for (const item of client.engine.needsAttention) {
      if (!item.error.code || !item.error.message)
        result.unexplained.push(`${client.name}: ${item.id}`);
    }
    const lastMid = await serverLastMid(db, client.member, client.engine.clientId);
    for (const [key, status] of client.transport.acknowledged) {
      const [clientId, mid] = [
        key.slice(0, key.lastIndexOf(":")),
        Number(key.slice(key.lastIndexOf(":") + 1)),
      ];
      if (clientId === client.engine.clientId && mid > lastMid)
        result.lost.push(`${client.name}: mid ${mid} (${status}) above lastMid ${lastMid}`);
    }
  }
  const bound = new Map(options.outside ?? []);
  for (const client of clients) client.transport.mayHaveChanged(bound);
  const everything = new Map<string, WireRecord>();
  for (const view of views.values()) for (const [k, r] of view) everything.set(k, r);
  for (const [key, record] of everything) {
    const most = bound.get(key) ?? 0;
    if (record.version > most)
      result.duplicated.push(`${key}: version ${record.version}, at most ${most} changes`);
  }
  return result;
}

/**
 * The first way `client`'s copy differs from `all` (its member's view, pulled from the start:
 * tombstones included, which a copy does not hold), or null.
 */
function firstDifference(client: SimClient, all: Map<string, WireRecord>): string | null {
  const server = new Map([...all].filter(([, r]) => !r.deleted));
  const types = ["contact", "company", "group", "history"] as const;
  let held = 0;
  for (const type of types) {
    for (const record of client.engine.records(type)) {
      held++;
      const theirs = server.get(`${type}:${record.id}`);
      if (!theirs) return `${type}:${record.id} held but not in the server's view`;
      if (theirs.version !== record.version)
        return `${type}:${record.id} at version ${record.version}, the server's ${theirs.version}`;
      // A field whose conflict waits in the inbox shows the user's own value, by design.
      const waiting = new Set(record.conflicts);
      const mine = clean(record.fields, waiting);
      if (!sameJson(clean(theirs.fields, waiting), mine))
        return `${type}:${record.id} fields ${JSON.stringify(record.fields)} ≠ ${JSON.stringify(theirs.fields)}`;
    }
  }
  if (held !== server.size) {
    const missing = [...server.keys()].filter((key) => {
      const [type, id] = key.split(":") as [RecordType, string];
      return client.engine.get(type, id) === null;
    });
    const named = missing.slice(0, 5).map((key) => {
      const r = server.get(key)!;
      return `${key} v${r.version} ${r.updatedAt} by ${r.updatedBy}`;
    });
    return `holds ${held} records, the server's view ${server.size} (missing ${named.join(", ")})`;
  }
  return null;
}

/** Fields without nulls (absent and null are the same), and without `skip`. */
function clean(
  fields: Readonly<Record<string, Json>>,
  skip: ReadonlySet<string>,
): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => v !== null && v !== undefined && !skip.has(k)),
  );
}

/** An empty verdict: nothing lost, duplicated, diverged, unsent or unexplained. */
export function isClean(v: Verdict): boolean {
  return Object.values(v).every((list: string[]) => list.length === 0);
}
