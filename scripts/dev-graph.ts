/**
 * A stand-in for the part of Microsoft Graph that "Find e-mails" uses (src/client/graph-mail.ts):
 * `npm start` runs one holding the harness's sample e-mails, and the tests their own. It runs
 * as a real HTTP server on 127.0.0.1 (node:http, a random port): `GET /v1.0/me/messages` with
 * `$search`, `$select` and `$top`, paged by `@odata.nextLink` (an opaque `$skiptoken`), for the
 * mailbox whose bearer token the request carries.
 *
 * Its `$search` reads KQL, not strings: the value must be one double-quoted string (inner quotes
 * escaped `\"`), made of property restrictions (`participants`, `from`, `to`, `cc`, `bcc`,
 * `recipients` with `:`; `received`, `sent` with `:`, `>=`, `>`, `<=`, `<` and a date
 * `YYYY-MM-DD` or an ISO date-time), `AND`, `OR` (or nothing, which is AND) and parentheses.
 * An address value matches an SMTP address or display name whole, case aside, or as a prefix
 * when it ends with `*`. Anything else (free text, `NOT`, another property, `$filter` or
 * `$orderby` with `$search`) is answered 400 in Graph's error shape, never with everything.
 * Results are the messages the test gives, newest first, at most 1,000 (Graph's cap).
 *
 * It answers browsers too (CORS: the preflight allows `Authorization`, `Retry-After` is exposed),
 * logs every request, and fails on cue (`failNext`).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A sender or recipient as Graph has it. */
export interface FakePerson {
  readonly name: string;
  readonly address: string;
}

/** A message in a fake mailbox. */
export interface FakeMessage {
  readonly id: string;
  readonly internetMessageId?: string | null;
  readonly subject?: string | null;
  readonly from?: FakePerson | null;
  readonly to?: readonly FakePerson[];
  readonly cc?: readonly FakePerson[];
  readonly bcc?: readonly FakePerson[];
  readonly sentDateTime?: string | null;
  /** ISO 8601, UTC. */
  readonly receivedDateTime: string;
  readonly conversationId?: string | null;
  /** Sent as the message instead of its fields (a broken message); the search reads the fields. */
  readonly wire?: unknown;
}

/** A mailbox: the token that opens it, and its messages. */
export interface FakeMailbox {
  readonly token: string;
  readonly messages: readonly FakeMessage[];
}

/** What `failNext` makes the next requests to `/v1.0/me/messages` get (after the token check). */
export type FakeFault =
  /** This status, with Graph's error body (a 3xx without one), and the headers given. */
  | {
      readonly status: number;
      readonly retryAfter?: string;
      readonly code?: string;
      readonly message?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** 200 with a body cut in the middle of its JSON. */
  | { readonly malformedJson: true }
  /** The right page, its `@odata.nextLink` moved to this origin (e.g. `http://localhost:1`). */
  | { readonly foreignNextLink: string }
  /** No answer at all (until the server closes). */
  | { readonly stall: true }
  /** The right answer: lets the faults queued after it hit later requests. */
  | { readonly pass: true };

export interface LoggedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly authorization: string | null;
}

export interface FakeGraphOptions {
  /** Mailboxes by user name (their tokens must differ). */
  readonly mailboxes?: Readonly<Record<string, FakeMailbox>>;
  /** The most results one `$search` gives; 1,000 like Graph. */
  readonly maxSearchResults?: number;
}

/** The message properties the fake knows, as `$select` names them. */
const PROPERTIES = new Set([
  "id",
  "internetMessageId",
  "subject",
  "sentDateTime",
  "receivedDateTime",
  "from",
  "toRecipients",
  "ccRecipients",
  "bccRecipients",
  "conversationId",
]);

/** Query options Graph's `$search` on messages cannot be combined with. */
const NOT_WITH_SEARCH = ["$filter", "$orderby", "$skip"];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A 400 the fake answers with Graph's error body. */
class BadRequest extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class FakeGraph {
  readonly #server: Server;
  readonly #options: FakeGraphOptions;
  readonly #mailboxes = new Map<string, FakeMailbox>();
  readonly #faults: FakeFault[] = [];
  readonly #log: LoggedRequest[] = [];
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;

  private constructor(server: Server, options: FakeGraphOptions) {
    this.#server = server;
    this.#options = options;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [user, mailbox] of Object.entries(options.mailboxes ?? {})) {
      this.setMailbox(user, mailbox);
    }
  }

  /** Starts a fake on a random port of 127.0.0.1. */
  static async start(options: FakeGraphOptions = {}): Promise<FakeGraph> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    const graph = new FakeGraph(server, options);
    server.on("request", (request, response) => graph.#handle(request, response));
    return graph;
  }

  /** Graph's v1.0 endpoint on this fake: `GraphMail`'s `baseUrl`. */
  get baseUrl(): string {
    return `${this.url}/v1.0`;
  }

  /** Every request so far, preflights included, in order of arrival. */
  get requests(): readonly LoggedRequest[] {
    return this.#log;
  }

  /** Adds or replaces `user`'s mailbox. */
  setMailbox(user: string, mailbox: FakeMailbox): void {
    this.#mailboxes.set(user, mailbox);
  }

  /** The next `n` requests for messages get `fault` (after any faults already queued). */
  failNext(n: number, fault: FakeFault): void {
    for (let i = 0; i < n; i += 1) this.#faults.push(fault);
  }

  /** Stops listening and ends every connection (stalled ones too). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const authorization = request.headers.authorization ?? null;
    this.#log.push({ method: request.method ?? "", url: request.url ?? "", authorization });
    response.setHeader("access-control-allow-origin", "*");
    response.setHeader("access-control-expose-headers", "Retry-After, request-id");
    response.setHeader("request-id", randomUUID());
    const url = new URL(request.url ?? "/", this.url);
    if (request.method === "OPTIONS") {
      response.writeHead(204, {
        "access-control-allow-methods": "GET, OPTIONS",
        "access-control-allow-headers": "Authorization, Accept, Content-Type",
        "access-control-max-age": "600",
      });
      response.end();
      return;
    }
    if (url.pathname !== "/v1.0/me/messages") {
      sendError(response, 404, "ResourceNotFound", `Resource not found for ${url.pathname}.`);
      return;
    }
    if (request.method !== "GET") {
      sendError(response, 405, "Request_BadRequest", "Only GET is supported here.");
      return;
    }
    const mailbox = this.#mailboxFor(authorization);
    if (mailbox === null) {
      const message = authorization ? "Access token validation failure." : "Access token is empty.";
      sendError(response, 401, "InvalidAuthenticationToken", message);
      return;
    }
    const fault = this.#faults.shift();
    if (fault && "stall" in fault) return;
    if (fault && "status" in fault) {
      sendFault(response, fault);
      return;
    }
    if (fault && "malformedJson" in fault) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"value":[{"id":"AAMk');
      return;
    }
    try {
      const page = this.#messages(mailbox, url);
      if (fault && "foreignNextLink" in fault) {
        const moved = new URL(page["@odata.nextLink"] ?? url.href);
        page["@odata.nextLink"] = `${fault.foreignNextLink}${moved.pathname}${moved.search}`;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(page));
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      sendError(response, 400, error.code, error.message);
    }
  }

  #mailboxFor(authorization: string | null): FakeMailbox | null {
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    return [...this.#mailboxes.values()].find((mailbox) => mailbox.token === token) ?? null;
  }

  /** A page of `/me/messages` as Graph shapes it. */
  #messages(mailbox: FakeMailbox, url: URL): { value: unknown[]; "@odata.nextLink"?: string } {
    const params = url.searchParams;
    for (const name of params.keys()) {
      const known = ["$search", "$select", "$top", "$skiptoken", ...NOT_WITH_SEARCH];
      if (name.startsWith("$") && !known.includes(name)) {
        throw new BadRequest("BadRequest", `Query option '${name}' is not supported here.`);
      }
    }
    const search = params.get("$search");
    const select = selected(params.get("$select"));
    const top = pageSize(params.get("$top"));
    const offset = skipped(params.get("$skiptoken"));
    let found = [...mailbox.messages].sort(
      (a, b) => Date.parse(b.receivedDateTime) - Date.parse(a.receivedDateTime),
    );
    if (search !== null) {
      const combined = NOT_WITH_SEARCH.find((name) => params.has(name));
      if (combined !== undefined) {
        throw new BadRequest(
          combined === "$orderby" ? "SearchWithOrderBy" : "BadRequest",
          `The query parameter '${combined}' is not supported with '$search'.`,
        );
      }
      const matches = parseSearch(search);
      found = found.filter(matches).slice(0, this.#options.maxSearchResults ?? 1000);
    }
    const value = found
      .slice(offset, offset + top)
      .map((message) => message.wire ?? project(message, select));
    if (offset + top >= found.length) return { value };
    const next = new URL(url.href);
    next.searchParams.delete("$skiptoken");
    const token = Buffer.from(JSON.stringify({ offset: offset + top })).toString("base64url");
    const query = [...next.searchParams].map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    query.push(`$skiptoken=${token}`);
    return { value, "@odata.nextLink": `${this.baseUrl}/me/messages?${query.join("&")}` };
  }
}

function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const innerError = { date: new Date().toISOString().slice(0, 19), "request-id": randomUUID() };
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify({ error: { code, message, innerError } }));
}

function sendFault(response: ServerResponse, fault: Extract<FakeFault, { status: number }>): void {
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
  if (fault.status >= 300 && fault.status < 400) {
    response.writeHead(fault.status, headers);
    response.end();
    return;
  }
  const code = fault.code ?? (fault.status === 429 ? "TooManyRequests" : "UnknownError");
  sendError(response, fault.status, code, fault.message ?? "", headers);
}

function selected(select: string | null): readonly string[] | null {
  if (select === null) return null;
  const names = select.split(",").map((name) => name.trim());
  const unknown = names.find((name) => !PROPERTIES.has(name));
  if (unknown !== undefined) {
    throw new BadRequest(
      "RequestBroker--ParseUri",
      `Could not find a property named '${unknown}' on type 'microsoft.graph.message'.`,
    );
  }
  return names;
}

function pageSize(top: string | null): number {
  if (top === null) return 10;
  const n = /^\d{1,4}$/.test(top) ? Number(top) : 0;
  if (n < 1 || n > 1000) throw new BadRequest("BadRequest", `Invalid $top value '${top}'.`);
  return n;
}

function skipped(token: string | null): number {
  if (token === null) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, "base64url").toString()) as {
      offset: unknown;
    };
    if (typeof offset === "number" && Number.isInteger(offset) && offset > 0) return offset;
  } catch {
    // Reported below.
  }
  throw new BadRequest("BadRequest", "The skip token is not valid.");
}

/** `message` in Graph's JSON, only the `$select`ed properties (and `id`) when there is one. */
function project(message: FakeMessage, select: readonly string[] | null): Record<string, unknown> {
  const recipient = (person: FakePerson) => ({
    emailAddress: { name: person.name, address: person.address },
  });
  const all: Record<string, unknown> = {
    id: message.id,
    internetMessageId: message.internetMessageId ?? null,
    subject: message.subject ?? null,
    sentDateTime: message.sentDateTime ?? null,
    receivedDateTime: message.receivedDateTime,
    from: message.from ? recipient(message.from) : null,
    toRecipients: (message.to ?? []).map(recipient),
    ccRecipients: (message.cc ?? []).map(recipient),
    bccRecipients: (message.bcc ?? []).map(recipient),
    conversationId: message.conversationId ?? null,
  };
  const names = select ?? [...PROPERTIES];
  const shown = new Set(["id", ...names]);
  return {
    "@odata.etag": `W/"${message.id}"`,
    ...Object.fromEntries(Object.entries(all).filter(([name]) => shown.has(name))),
  };
}

type Matcher = (message: FakeMessage) => boolean;

/** A KQL token: a parenthesis, an operator, or a property restriction. */
type Token =
  | { readonly kind: "(" | ")" | "AND" | "OR" }
  | {
      readonly kind: "restriction";
      readonly property: string;
      readonly op: string;
      readonly value: string;
    };

/**
 * `$search`'s value as a test of a message: one double-quoted string of KQL (see the module's
 * doc); anything else throws `BadRequest`.
 */
export function parseSearch(search: string): Matcher {
  if (search.length < 2 || !search.startsWith('"') || !search.endsWith('"')) {
    throw syntax("the $search value must be one double-quoted string");
  }
  let kql = "";
  const inner = search.slice(1, -1);
  for (let i = 0; i < inner.length; i += 1) {
    const c = inner[i];
    if (c === '"') throw syntax(`unescaped quote at ${i + 1}`);
    if (c === "\\") {
      const escaped = inner[i + 1];
      if (escaped !== '"' && escaped !== "\\") throw syntax(`bad escape at ${i + 1}`);
      kql += escaped;
      i += 1;
    } else {
      kql += c;
    }
  }
  const tokens = tokenize(kql);
  let at = 0;
  const peek = () => tokens[at];

  const primary = (): Matcher => {
    const token = tokens[at];
    at += 1;
    if (token?.kind === "(") {
      const inside = or();
      if (tokens[at]?.kind !== ")") throw syntax("a parenthesis is not closed");
      at += 1;
      return inside;
    }
    if (token?.kind === "restriction") return restriction(token);
    throw syntax(token ? `unexpected ${token.kind}` : "the query ends too early");
  };
  const and = (): Matcher => {
    const terms = [primary()];
    for (let token = peek(); token && token.kind !== "OR" && token.kind !== ")"; token = peek()) {
      if (token.kind === "AND") at += 1;
      terms.push(primary());
    }
    return (message) => terms.every((term) => term(message));
  };
  const or = (): Matcher => {
    const terms = [and()];
    while (peek()?.kind === "OR") {
      at += 1;
      terms.push(and());
    }
    return (message) => terms.some((term) => term(message));
  };

  const matcher = or();
  if (at < tokens.length) throw syntax("unexpected )");
  return matcher;
}

const TOKEN =
  /\s*(?:(\()|(\))|(AND|OR)(?=[\s()]|$)|([A-Za-z]+)(:|>=|<=|>|<)(?:"([^"]*)"|([^\s()"]+))|(\S))/y;

function tokenize(kql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < kql.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(kql);
    if (match === null) break; // only white space is left
    const [, open, close, operator, property, op, phrase, word, other] = match;
    if (open) tokens.push({ kind: "(" });
    else if (close) tokens.push({ kind: ")" });
    else if (operator) tokens.push({ kind: operator as "AND" | "OR" });
    else if (property && op) {
      tokens.push({ kind: "restriction", property, op, value: phrase ?? word ?? "" });
    } else if (other) {
      throw new BadRequest(
        "BadRequest",
        `This fake reads only property restrictions, AND, OR and parentheses; not '${kql.slice(at).trim()}'.`,
      );
    }
  }
  return tokens;
}

const PEOPLE: Record<string, (message: FakeMessage) => readonly FakePerson[]> = {
  participants: (m) => [
    ...(m.from ? [m.from] : []),
    ...(m.to ?? []),
    ...(m.cc ?? []),
    ...(m.bcc ?? []),
  ],
  from: (m) => (m.from ? [m.from] : []),
  to: (m) => m.to ?? [],
  cc: (m) => m.cc ?? [],
  bcc: (m) => m.bcc ?? [],
  recipients: (m) => [...(m.to ?? []), ...(m.cc ?? []), ...(m.bcc ?? [])],
};

const DATES: Record<string, (message: FakeMessage) => string | null | undefined> = {
  received: (m) => m.receivedDateTime,
  sent: (m) => m.sentDateTime,
};

function restriction(token: Extract<Token, { kind: "restriction" }>): Matcher {
  const property = token.property.toLowerCase();
  const people = PEOPLE[property];
  if (people !== undefined) {
    if (token.op !== ":") throw syntax(`${token.property} takes ':' only`);
    const value = token.value.toLowerCase();
    if (value === "" || value === "*") throw syntax(`${token.property} needs a value`);
    const matches = value.endsWith("*")
      ? (text: string) => text.toLowerCase().startsWith(value.slice(0, -1))
      : (text: string) => text.toLowerCase() === value;
    return (message) =>
      people(message).some((person) => matches(person.address) || matches(person.name));
  }
  const date = DATES[property];
  if (date === undefined) {
    throw new BadRequest("BadRequest", `This fake does not search '${token.property}'.`);
  }
  const day = /^\d{4}-\d{2}-\d{2}$/.test(token.value);
  const start = Date.parse(day ? `${token.value}T00:00:00Z` : token.value);
  if (Number.isNaN(start) || !/^\d{4}-\d{2}-\d{2}/.test(token.value)) {
    throw syntax(`'${token.value}' is not a date`);
  }
  // A date is its whole day; a date-time is that instant.
  const end = day ? start + DAY_MS : start;
  const test: Record<string, (t: number) => boolean> = {
    ":": (t) => (day ? t >= start && t < end : t === start),
    ">=": (t) => t >= start,
    ">": (t) => t >= end && (day || t > start),
    "<=": (t) => (day ? t < end : t <= start),
    "<": (t) => t < start,
  };
  const compare = test[token.op];
  if (compare === undefined) throw syntax(`unknown operator ${token.op}`);
  return (message) => {
    const value = date(message);
    return typeof value === "string" && compare(Date.parse(value));
  };
}

function syntax(what: string): BadRequest {
  return new BadRequest("BadRequest", `Syntax error in $search: ${what}.`);
}
