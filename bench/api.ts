/**
 * The benchmark's own API client in Node: a plain fetch wrapper for the calls the loader and
 * the "other clients" make, and the mutations they push. The browser benchmarks run the
 * product's own client instead (bench/client-page.ts).
 */
import type { Json, PullResponse, PushResponse } from "../src/shared/protocol";
import type { BenchRecord } from "./data";

export function createOf(r: BenchRecord) {
  return {
    op: "upsert",
    type: r.type,
    id: r.id,
    baseVersion: null,
    fields: r.fields,
    at: new Date().toISOString(),
  };
}

/** An edit of one field, based on the loaded value unless `base` says otherwise. */
export function editOf(
  r: BenchRecord,
  field: string,
  value: string,
  baseVersion = 1,
  base: Json = r.fields[field] ?? null,
) {
  return {
    op: "upsert",
    type: r.type,
    id: r.id,
    baseVersion,
    base: { [field]: base },
    fields: { [field]: value },
    at: new Date().toISOString(),
  };
}

export class Api {
  constructor(private readonly base: string) {}

  async call<T>(
    path: string,
    token: string | null,
    body?: unknown,
    method: "GET" | "POST" | "PUT" = body === undefined ? "GET" : "POST",
  ): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async signIn(email: string): Promise<string> {
    return (await this.call<{ token: string }>("/dev/token", null, { email })).token;
  }

  async createDatabase(token: string, name: string): Promise<string> {
    return (await this.call<{ id: string }>("/databases", token, { name })).id;
  }

  pull(token: string, db: string, cursor: string | null): Promise<PullResponse> {
    return this.call<PullResponse>(`/databases/${db}/pull`, token, { cursor, limit: 1000 });
  }

  async pullAll(token: string, db: string) {
    let cursor: string | null = null;
    let count = 0;
    let requests = 0;
    for (;;) {
      const page: PullResponse = await this.pull(token, db, cursor);
      requests++;
      count += page.records.length;
      cursor = page.cursor;
      if (!page.more) return { cursor, count, requests };
    }
  }
}

export class Pusher {
  private mid = 0;
  constructor(
    private readonly api: Api,
    private readonly db: string,
    private readonly token: string,
    private readonly clientId: string,
  ) {}

  async push(mutations: object[]): Promise<PushResponse> {
    const body = {
      clientId: this.clientId,
      mutations: mutations.map((m) => ({ ...m, mid: ++this.mid })),
    };
    const reply = await this.api.call<PushResponse>(`/databases/${this.db}/push`, this.token, body);
    const failed = reply.results.find((r) => r.status === "rejected");
    if (failed) throw new Error(`mutation ${failed.mid} rejected: ${JSON.stringify(failed.error)}`);
    return reply;
  }
}
