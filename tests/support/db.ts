/** Test helpers over HTTP: a database with an owner, members by role, pushes and full pulls. */
import { call, signIn, uniqueEmail, type Reply } from "./http";
import type { Mutation, PullResponse, PushResponse, WireRecord } from "../../src/shared/protocol";

export interface Member {
  email: string;
  token: string;
}

export async function newMember(name = "user"): Promise<Member> {
  const email = uniqueEmail(name);
  return { email, token: await signIn(email) };
}

export async function newDatabase(owner: Member, name = "Team"): Promise<string> {
  const reply = await call<{ id: string }>("/databases", { token: owner.token, body: { name } });
  if (reply.status !== 201) throw new Error(`create failed: ${reply.text}`);
  return reply.body.id;
}

export async function share(
  db: string,
  owner: Member,
  role: "owner" | "editor" | "reader",
  syncSet: string | null = null,
) {
  const member = await newMember(role);
  const reply = await call(`/databases/${db}/members/${encodeURIComponent(member.email)}`, {
    method: "PUT",
    token: owner.token,
    body: { role, syncSet },
  });
  if (reply.status !== 201) throw new Error(`share failed: ${reply.text}`);
  return member;
}

/** Defines or changes sync set `name` as `owner`; the reply, for the caller to check. */
export function putSyncSet(db: string, owner: Member, name: string, filter: unknown) {
  return call(`/databases/${db}/sync-sets/${encodeURIComponent(name)}`, {
    method: "PUT",
    token: owner.token,
    body: { filter },
  });
}

/** What a copy holding `held` holds after `pages`, in order: later wins, tombstones and `removed` go. */
export function applyPages(
  held: ReadonlyMap<string, WireRecord>,
  pages: ReadonlyArray<Pick<PullResponse, "records" | "removed">>,
): Map<string, WireRecord> {
  const next = new Map(held);
  for (const page of pages) {
    for (const r of page.records) {
      if (r.deleted) next.delete(`${r.type}:${r.id}`);
      else next.set(`${r.type}:${r.id}`, r);
    }
    for (const r of page.removed) next.delete(`${r.type}:${r.id}`);
  }
  return next;
}

/** A client's push channel: keeps its clientId and next mid. */
export class Client {
  private nextMid = 1;
  readonly clientId: string;
  constructor(
    readonly db: string,
    readonly member: Member,
    /** Another API host to push through (a second instance of the API). */
    readonly base?: string,
  ) {
    this.clientId = `c-${Math.random().toString(36).slice(2, 12)}`;
  }

  /** The mid given to the latest mutation pushed. */
  get lastMid(): number {
    return this.nextMid - 1;
  }

  /** Gives each mutation the next mid, and pushes. */
  async push(mutations: Array<DistributiveOmit<Mutation, "mid">>): Promise<Reply<PushResponse>> {
    const withMids = mutations.map((m) => ({ ...m, mid: this.nextMid++ }));
    return this.send(withMids);
  }

  send(mutations: unknown[]): Promise<Reply<PushResponse>> {
    return call<PushResponse>(`/databases/${this.db}/push`, {
      token: this.member.token,
      body: { clientId: this.clientId, mutations },
      ...(this.base ? { base: this.base } : {}),
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Everything the member's copy holds, pulled from the start until `more` is false. */
export async function pullAll(db: string, member: Member, limit = 1000) {
  const records = new Map<string, WireRecord>();
  const removed: string[] = [];
  let cursor: string | null = null;
  let requests = 0;
  for (;;) {
    const reply: Reply<{
      records: WireRecord[];
      removed: Array<{ type: string; id: string }>;
      cursor: string;
      more: boolean;
    }> = await call(`/databases/${db}/pull`, { token: member.token, body: { cursor, limit } });
    requests++;
    if (reply.status !== 200) throw new Error(`pull failed: ${reply.status} ${reply.text}`);
    for (const r of reply.body.records) records.set(`${r.type}:${r.id}`, r);
    for (const r of reply.body.removed) {
      records.delete(`${r.type}:${r.id}`);
      removed.push(`${r.type}:${r.id}`);
    }
    cursor = reply.body.cursor;
    if (!reply.body.more) return { records, removed, cursor, requests };
  }
}

export const at = () => new Date().toISOString();

export function create(type: Mutation["type"], id: string, fields: Record<string, unknown>) {
  return {
    op: "upsert" as const,
    type,
    id,
    baseVersion: null,
    fields: fields as Record<string, never>,
    at: at(),
  };
}

export function edit(
  type: Mutation["type"],
  id: string,
  baseVersion: number,
  base: Record<string, unknown>,
  fields: Record<string, unknown>,
) {
  return {
    op: "upsert" as const,
    type,
    id,
    baseVersion,
    base: base as Record<string, never>,
    fields: fields as Record<string, never>,
    at: at(),
  };
}
