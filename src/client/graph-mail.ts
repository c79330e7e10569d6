/**
 * "Find e-mails" on Microsoft Graph: the messages to and from a contact's addresses in the last
 * days, read with the delegated, read-only scope `Mail.ReadBasic` (no body, no preview: the
 * add-in never reads what a message says), for linking to the contact's history by
 * `internetMessageId`. `GraphMail.searchPages` pages through them; each page names the URL to go
 * on from (`next`), which a reload can keep and resume from.
 *
 * What Microsoft documents, and what this module does with it:
 *
 * - The request is `GET /me/messages?$search="…"&$select=…&$top=…`. On messages, `$search` takes
 *   KQL over named properties: `participants:` is the from, to, cc and bcc fields (an SMTP
 *   address, display name or alias), `received` the date a message was received; a `$search`
 *   returns at most 1,000 results, sorted by the date sent ("Use the $search query parameter",
 *   https://learn.microsoft.com/en-us/graph/search-query-parameter). So a contact with more
 *   than 1,000 messages in the window gets 1,000 of them (a shorter window finds the rest), and
 *   nothing here relies on the order.
 * - `$search` cannot be combined with `$filter` or `$orderby` (Graph answers 400
 *   `SearchWithOrderBy`), nor with `$skip`: the date bound goes into the KQL. KQL dates are
 *   ISO 8601 in UTC, e.g. `received>=2024-05-01` (KQL syntax reference,
 *   https://learn.microsoft.com/en-us/sharepoint/dev/general-development/keyword-query-language-kql-syntax-reference;
 *   Exchange's `received>=01/01/2016 AND received<=03/31/2016`,
 *   https://learn.microsoft.com/en-us/exchange/policy-and-compliance/ediscovery/message-properties-and-search-operators).
 *   A date is a whole day, and a mailbox may read it in its own time zone: the bound is the
 *   day before `since`, and messages received before `since` are dropped here.
 * - The query sent is `(participants:"a@x.com" OR participants:"b@y.com") AND received>=DAY`,
 *   and `$search` is that KQL as one double-quoted string, its own quotes escaped `\"`: the
 *   form Graph accepts; unescaped inner quotes get 400 (tried against Graph in
 *   https://github.com/Softeria/ms-365-mcp-server/pull/597). An address is searched only if
 *   it is a plain address (`searchableAddress`): no quote, backslash, space, parenthesis,
 *   colon or `*` (KQL's wildcard), so that none can end its phrase or widen the search; KQL's
 *   words (`OR`, `AND`) inside a quoted phrase are words.
 * - KQL allows 2,048 characters in a property restriction and in a query from SharePoint's
 *   search box (the lowest limit the KQL reference gives): a `$search` value here is at most
 *   `MAX_SEARCH_LENGTH` (1,000) characters, and more addresses are split into several searches,
 *   one after the other (a message found by two is given once).
 * - Paging: the whole `@odata.nextLink` is requested as given, until a page has none; its skip
 *   token is not to be taken apart ("Paging Microsoft Graph data in your app",
 *   https://learn.microsoft.com/en-us/graph/paging; "List messages",
 *   https://learn.microsoft.com/en-us/graph/api/user-list-messages, which also bounds `$top`
 *   to 1–1,000 and warns that large pages may time out with 504: 100 a page here, without
 *   bodies). A next link, or a `resumeFrom`, on another origin than `baseUrl` is refused: the
 *   bearer token goes to Graph only. Redirects are not followed, for the same reason.
 * - Throttling: Graph answers 429 with `Retry-After`; wait that long and send the same request
 *   again; without it, back off exponentially ("Microsoft Graph throttling guidance",
 *   https://learn.microsoft.com/en-us/graph/throttling). 503 and 504 are treated the same way.
 *   `Retry-After` is read in seconds or as an HTTP date; a wait longer than `maxWaitMs` is left
 *   to the caller (the error says how long).
 * - `Mail.ReadBasic` reads every message property but body, bodyPreview, uniqueBody,
 *   attachments, extensions and extended properties
 *   (https://learn.microsoft.com/en-us/graph/permissions-reference): `$select` names only the
 *   fields of `GraphMessage`. Earlier versions of that page added "Does not include
 *   permissions to search messages"; where Graph refuses `$search` under this scope it answers
 *   403, which this module reports as "forbidden".
 */
import { z } from "zod/mini";

/** Microsoft Graph's v1.0 endpoint, where `GraphMail` goes by default. */
export const GRAPH_URL = "https://graph.microsoft.com/v1.0";

/** The longest `$search` value (the double-quoted KQL) sent in one request. */
export const MAX_SEARCH_LENGTH = 1_000;

/** The longest address an SMTP path holds (RFC 5321). */
const MAX_ADDRESS_LENGTH = 254;

/** What a message is asked for: the fields of `GraphMessage`, and nothing of its content. */
const SELECT = [
  "id",
  "internetMessageId",
  "subject",
  "sentDateTime",
  "receivedDateTime",
  "from",
  "toRecipients",
  "ccRecipients",
  "conversationId",
].join(",");

/** Statuses that mean "busy, try again": throttled, unavailable, gateway timeout. */
const RETRIED = new Set([429, 503, 504]);

const DAY_MS = 24 * 60 * 60 * 1000;

/** A sender or recipient: display name (may be empty) and SMTP address. */
export interface MailPerson {
  readonly name: string;
  readonly email: string;
}

/** A message as found: who it was from and to, when, and the ids that link it. No content. */
export interface GraphMessage {
  /** Graph's id of the item in this mailbox (it changes when the message is moved). */
  readonly id: string;
  /** The `Message-ID` header: the same in every mailbox, what the history links by. */
  readonly internetMessageId: string;
  readonly subject: string;
  /** ISO 8601, UTC. */
  readonly sentDateTime: string | null;
  readonly receivedDateTime: string | null;
  readonly from: MailPerson | null;
  readonly to: MailPerson[];
  readonly cc: MailPerson[];
  readonly conversationId: string | null;
}

/** Whose messages to find, and since when. */
export interface MailSearch {
  /** The contact's addresses; those `searchableAddress` refuses are left out. */
  readonly addresses: readonly string[];
  readonly since: Date;
}

/** One page of found messages. */
export interface MailPage {
  readonly messages: GraphMessage[];
  /** Messages on the page that were left out: not a message as `GraphMessage` describes it. */
  readonly skipped: number;
  /** The URL to resume from (`searchPages`' `resumeFrom`); null when the search is done. */
  readonly next: string | null;
}

export interface GraphMailOptions {
  /** Graph's endpoint; `GRAPH_URL` by default (a trailing slash is ignored). */
  readonly baseUrl?: string;
  /** A delegated token with `Mail.ReadBasic`, asked for before each request (errors pass). */
  readonly token: () => Promise<string>;
  /** The browser's `fetch` by default. */
  readonly fetch?: typeof fetch;
  /** Waits between attempts; a timer by default. */
  readonly wait?: (ms: number) => Promise<void>;
  /** The clock `Retry-After`'s HTTP dates are read against; `Date.now` by default. */
  readonly now?: () => number;
  /** In [0, 1): the jitter of the backoff; `Math.random` by default. */
  readonly random?: () => number;
  /** A request that has not answered after this long fails as "unreachable"; 30 s by default. */
  readonly timeoutMs?: number;
  /** How many times a request is sent while Graph answers 429, 503 or 504; 4 by default. */
  readonly maxAttempts?: number;
  /** The longest wait between attempts; a longer `Retry-After` ends the search. 60 s by default. */
  readonly maxWaitMs?: number;
  /** Messages a page (`$top`); 100 by default. */
  readonly pageSize?: number;
}

/** How a request to Graph failed, as the pane tells it apart. */
export type GraphErrorKind =
  /** Graph stayed busy (429, 503, 504) through every attempt, or asked to wait too long. */
  | "throttled"
  /** 401: the token was refused; sign in (consent) again. */
  | "unauthorized"
  /** 403: the token does not allow this (the scope was not granted). */
  | "forbidden"
  /** No answer: offline, refused connection, or no answer in time. */
  | "unreachable"
  /** Any other refusal, an answer this module does not understand, or a link elsewhere. */
  | "failed";

/** A failed request to Graph; its message is in plain words for the user. */
export class GraphError extends Error {
  override readonly name = "GraphError";

  constructor(
    readonly kind: GraphErrorKind,
    message: string,
    options?: ErrorOptions & {
      status?: number | undefined;
      code?: string | undefined;
      retryAfterMs?: number | undefined;
    },
  ) {
    super(message, options);
    this.status = options?.status ?? null;
    this.code = options?.code ?? null;
    this.retryAfterMs = options?.retryAfterMs ?? null;
  }

  /** Graph's HTTP status; null when it did not answer (or the answer was not looked at). */
  readonly status: number | null;
  /** Graph's error code (`error.code` of its body), when it sent one. */
  readonly code: string | null;
  /** How long Graph last asked to wait (`Retry-After`), for a "throttled" error. */
  readonly retryAfterMs: number | null;
}

/** Graph's recipient: `{ emailAddress: { name, address } }`. */
const Recipient = z.object({
  emailAddress: z.object({
    name: z.optional(z.nullable(z.string())),
    address: z.optional(z.nullable(z.string())),
  }),
});
type Recipient = z.infer<typeof Recipient>;

const DateTime = z.optional(z.nullable(z.iso.datetime({ offset: true })));

/** A message as `$select` asks for it; without an `internetMessageId` it cannot be linked. */
const MessageJson = z.object({
  id: z.string().check(z.minLength(1)),
  internetMessageId: z.string().check(z.minLength(1)),
  subject: z.optional(z.nullable(z.string())),
  sentDateTime: DateTime,
  receivedDateTime: DateTime,
  from: z.optional(z.nullable(Recipient)),
  toRecipients: z.optional(z.nullable(z.array(Recipient))),
  ccRecipients: z.optional(z.nullable(z.array(Recipient))),
  conversationId: z.optional(z.nullable(z.string())),
});

/** A page of a collection; each message is checked on its own. */
const PageJson = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.optional(z.string()),
});

/** Graph's error body: `{ error: { code, message } }`. */
const ErrorJson = z.object({
  error: z.object({ code: z.optional(z.string()), message: z.optional(z.string()) }),
});

/** RFC 5322's atext (but `*`, KQL's wildcard), and dots; letters and digits of any script. */
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'+/=?^_`{|}~.-]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/**
 * `address` as it is searched (trimmed, lower case), or null when it is not a plain address
 * (`local@domain.tld`, at most 254 characters, nothing in it that KQL reads as syntax): such an
 * address is not searched at all.
 */
export function searchableAddress(address: string): string | null {
  const candidate = address.trim().toLowerCase();
  if (candidate.length > MAX_ADDRESS_LENGTH) return null;
  const at = candidate.indexOf("@");
  if (at <= 0 || candidate.lastIndexOf("@") !== at) return null;
  const labels = candidate.slice(at + 1).split(".");
  const plain =
    LOCAL_PART.test(candidate.slice(0, at)) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label));
  return plain ? candidate : null;
}

/**
 * The `$search` values that find `search`'s messages: each the double-quoted KQL
 * `(participants:"…" OR …) AND received>=DAY`, at most `MAX_SEARCH_LENGTH` characters, the
 * addresses split among them. None when no address is searchable.
 */
export function searchQueries(search: MailSearch): string[] {
  const since = search.since.getTime();
  if (Number.isNaN(since)) throw new RangeError("The search's start date is not a date.");
  // The day before: a mailbox may read the date in its own time zone (see the module's doc).
  const day = new Date(since - DAY_MS).toISOString().slice(0, 10);
  const query = (addresses: readonly string[]): string => {
    const who = addresses.map((address) => `participants:"${address}"`).join(" OR ");
    return quoted(`(${who}) AND received>=${day}`);
  };
  const addresses = new Set(
    search.addresses.map(searchableAddress).filter((address) => address !== null),
  );
  const queries: string[] = [];
  let group: string[] = [];
  for (const address of addresses) {
    if (group.length > 0 && query([...group, address]).length > MAX_SEARCH_LENGTH) {
      queries.push(query(group));
      group = [];
    }
    group.push(address);
  }
  if (group.length > 0) queries.push(query(group));
  return queries;
}

/** KQL as one double-quoted string, its own quotes and backslashes escaped with a backslash. */
function quoted(kql: string): string {
  return `"${kql.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** Reads the messages of a mailbox on Microsoft Graph with a delegated token. */
export class GraphMail {
  readonly #baseUrl: string;
  readonly #origin: string;
  readonly #token: () => Promise<string>;
  readonly #fetch: (url: string, init: RequestInit) => Promise<Response>;
  readonly #wait: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #maxWaitMs: number;
  readonly #pageSize: number;
  #requests = 0;

  constructor(options: GraphMailOptions) {
    this.#baseUrl = (options.baseUrl ?? GRAPH_URL).replace(/\/+$/, "");
    this.#origin = new URL(this.#baseUrl).origin;
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.#maxWaitMs = options.maxWaitMs ?? 60_000;
    this.#pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 100));
  }

  /** How many HTTP requests this client has sent, each retry counted. */
  get requests(): number {
    return this.#requests;
  }

  /**
   * The messages to and from `search.addresses` received since `search.since`, a page at a
   * time, each message once. `resumeFrom` is a page's `next` kept from an earlier run of the
   * same search; one from another search (the addresses have changed) is ignored, and the
   * search starts over. Throws `GraphError` when a request fails; what was yielded stays valid.
   */
  async *searchPages(
    search: MailSearch,
    resumeFrom: string | null = null,
  ): AsyncGenerator<MailPage, void, undefined> {
    const firsts = searchQueries(search).map((query) => this.#searchUrl(query));
    let index = 0;
    let url = firsts[0] ?? null;
    if (resumeFrom !== null) {
      this.#checkOrigin(resumeFrom);
      const resumed = firsts.findIndex((first) => sameSearch(first, resumeFrom));
      if (resumed >= 0) [index, url] = [resumed, resumeFrom];
    }
    const since = search.since.getTime();
    const seen = new Set<string>();
    while (url !== null) {
      const page = await this.#page(url);
      let next = page.nextLink;
      if (next === null) {
        index += 1;
        next = firsts[index] ?? null;
      }
      const messages = page.messages.filter(
        (message) =>
          !seen.has(message.id) &&
          (message.receivedDateTime === null || Date.parse(message.receivedDateTime) >= since),
      );
      for (const message of messages) seen.add(message.id);
      yield { messages, skipped: page.skipped, next };
      url = next;
    }
  }

  #searchUrl(search: string): string {
    const query = `$search=${encodeURIComponent(search)}&$select=${SELECT}&$top=${this.#pageSize}`;
    return `${this.#baseUrl}/me/messages?${query}`;
  }

  /** Refuses a URL off Graph's origin before the token goes there. */
  #checkOrigin(url: string): void {
    let origin: string | null = null;
    try {
      origin = new URL(url).origin;
    } catch {
      // Not a URL: refused below like a foreign one.
    }
    if (origin === this.#origin) return;
    throw new GraphError(
      "failed",
      `Microsoft 365 sent the search on to another address (${origin ?? url}). It was stopped there, so that your sign-in is not sent anywhere but to Microsoft 365.`,
    );
  }

  /** One page: its messages (checked one by one), those left out, and Graph's next link. */
  async #page(
    url: string,
  ): Promise<{ messages: GraphMessage[]; skipped: number; nextLink: string | null }> {
    const page = PageJson.safeParse(parseJson(await this.#get(url)));
    if (!page.success) {
      throw new GraphError(
        "failed",
        "Microsoft 365 answered in a way this version of the add-in does not understand.",
        { cause: page.error },
      );
    }
    const nextLink = page.data["@odata.nextLink"] ?? null;
    if (nextLink !== null) this.#checkOrigin(nextLink);
    const messages: GraphMessage[] = [];
    for (const value of page.data.value) {
      const message = MessageJson.safeParse(value);
      if (message.success) messages.push(toMessage(message.data));
    }
    return { messages, skipped: page.data.value.length - messages.length, nextLink };
  }

  /** `GET url`'s body, sent again while Graph is busy; any other failure throws. */
  async #get(url: string): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.#send(url);
      if (answer.status >= 200 && answer.status < 300) return answer.text;
      if (!RETRIED.has(answer.status)) throw refusal(answer);
      const askedMs = retryAfterMs(answer.retryAfter, this.#now());
      if (attempt >= this.#maxAttempts || (askedMs ?? 0) > this.#maxWaitMs) {
        const wait = askedMs === undefined ? "" : ` It asked to wait ${seconds(askedMs)}.`;
        throw new GraphError(
          "throttled",
          `Microsoft 365 is busy and asked the add-in to slow down.${wait} Try again in a few minutes.`,
          { status: answer.status, retryAfterMs: askedMs },
        );
      }
      await this.#wait(askedMs ?? this.#backoffMs(attempt));
    }
  }

  /** Waits of 1 s, 2 s, 4 s … up to 30 s, each taken at random in its upper half. */
  #backoffMs(attempt: number): number {
    return Math.min(30_000, 1_000 * 2 ** (attempt - 1)) * (0.5 + this.#random() / 2);
  }

  async #send(url: string): Promise<{ status: number; retryAfter: string | null; text: string }> {
    const token = await this.#token();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.#timeoutMs);
    this.#requests += 1;
    try {
      const response = await this.#fetch(url, {
        method: "GET",
        headers: { accept: "application/json", authorization: `Bearer ${token}` },
        redirect: "manual",
        signal: abort.signal,
      });
      const retryAfter = response.headers.get("retry-after");
      return { status: response.status, retryAfter, text: await response.text() };
    } catch (cause) {
      const message = abort.signal.aborted
        ? `Microsoft 365 did not answer within ${seconds(this.#timeoutMs)}. Check the connection and try again.`
        : "Microsoft 365 could not be reached. Check the connection and try again.";
      throw new GraphError("unreachable", message, { cause });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Whether two URLs search for the same thing (their `$search` values are equal). */
function sameSearch(a: string, b: string): boolean {
  const search = (url: string) => new URL(url).searchParams.get("$search");
  return search(a) === search(b);
}

function toMessage(json: z.infer<typeof MessageJson>): GraphMessage {
  return {
    id: json.id,
    internetMessageId: json.internetMessageId,
    subject: json.subject ?? "",
    sentDateTime: json.sentDateTime ?? null,
    receivedDateTime: json.receivedDateTime ?? null,
    from: json.from ? toPerson(json.from) : null,
    to: toPeople(json.toRecipients),
    cc: toPeople(json.ccRecipients),
    conversationId: json.conversationId ?? null,
  };
}

/** A recipient without an address (an unresolved one) is no one to link to. */
function toPerson(recipient: Recipient): MailPerson | null {
  const { name, address } = recipient.emailAddress;
  return address ? { name: name ?? "", email: address } : null;
}

function toPeople(recipients: readonly Recipient[] | null | undefined): MailPerson[] {
  return (recipients ?? []).map(toPerson).filter((person) => person !== null);
}

/** The error for a status that is not retried, with Graph's own words where it gave some. */
function refusal(answer: { status: number; text: string }): GraphError {
  const { status } = answer;
  const body = ErrorJson.safeParse(parseJson(answer.text));
  const code = body.success ? body.data.error.code : undefined;
  const said = body.success ? body.data.error.message?.trim() : undefined;
  if (status === 401) {
    return new GraphError(
      "unauthorized",
      "Your Microsoft 365 sign-in was not accepted (it may have expired). Sign in again to find e-mails.",
      { status, code },
    );
  }
  if (status === 403) {
    return new GraphError(
      "forbidden",
      "Microsoft 365 does not let the add-in read your mail's senders, recipients and subjects. Allow it when asked at sign-in (your administrator may have to), then try again.",
      { status, code },
    );
  }
  const why = said ? `: ${said}` : ` (it answered ${status}).`;
  return new GraphError("failed", `Microsoft 365 could not search your mail${why}`, {
    status,
    code,
  });
}

/** `Retry-After` in milliseconds: delay-seconds, or an HTTP date read against `now`. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  if (/^\s*\d{1,9}\s*$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function seconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s === 1 ? "1 second" : `${s} seconds`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
