/** Plain HTTP calls to the API under test, and sign-in through `POST /dev/token`. */
import { Agent } from "undici";

/**
 * A new connection for every call. Jest runs many files in one worker, and Node's fetch keeps
 * connections for the whole process: a file's first call could reuse a connection a test
 * before had left to the host, which the host had closed meanwhile (`read ECONNRESET`, seen
 * in CI under load). The tests count nothing by connection, so none is reused.
 */
const freshConnections = new Agent({ pipelining: 0 });
export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** The API `useApi` named, and how its users sign in (module state: one per test file). */
let otherApi: { url: string; signIn: (email: string) => Promise<string> } | null = null;

/**
 * Points this test file's calls at another API, whose users sign in with `signIn` (an Entra
 * token, say): `call`, `apiUrl` and `signIn` without a `base` go there from now on. Each jest
 * test file has its own copy of this module, so other files are left as they were.
 */
export function useApi(url: string, signIn: (email: string) => Promise<string>): void {
  otherApi = { url, signIn };
}

/** The API under test: the api project's local host, or the one the e2e project's stack runs. */
export function apiUrl(): string {
  if (otherApi) return otherApi.url;
  const url = process.env.BCM_TEST_API_URL;
  if (!url)
    throw new Error(
      "BCM_TEST_API_URL is not set: run this test through jest's api or e2e project.",
    );
  return url;
}

export async function call<T = unknown>(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    raw?: string;
    token?: string;
    headers?: Record<string, string>;
    base?: string;
  } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] = "application/json";
  }
  const request: RequestInit & { dispatcher: Agent } = {
    // Node's fetch takes an undici dispatcher; the DOM's RequestInit does not name it.
    dispatcher: freshConnections,
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body === undefined ? {} : { body }),
  };
  const res = await fetch(`${init.base ?? apiUrl()}${path}`, request);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** A token for `email`: a dev-mode one, unless `useApi` named another API and its sign-in. */
export async function signIn(email: string, base?: string): Promise<string> {
  if (otherApi && base === undefined) return otherApi.signIn(email);
  const reply = await call<{ token: string }>("/dev/token", {
    body: { email },
    ...(base ? { base } : {}),
  });
  if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status} ${reply.text}`);
  return reply.body.token;
}

/** A unique address per call, so tests never share a user by accident. */
export function uniqueEmail(name = "user"): string {
  return `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@contoso.test`;
}
