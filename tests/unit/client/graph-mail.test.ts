/**
 * GraphMail against the fake Graph (scripts/dev-graph.ts) over HTTP: what it asks for, how
 * it pages and resumes, how it waits out throttling, and how each failure is told apart; that an
 * address cannot widen the search, and that the token never leaves Graph's origin.
 */
import {
  GraphError,
  GraphMail,
  MAX_SEARCH_LENGTH,
  searchQueries,
  searchableAddress,
  type GraphMailOptions,
  type MailPage,
  type MailSearch,
} from "../../../src/client/graph-mail";
import {
  FakeGraph,
  type FakeMessage,
  type FakePerson,
  type LoggedRequest,
} from "../../../scripts/dev-graph";

const TOKEN = "t-megan";
const ME: FakePerson = { name: "Megan Bowen", address: "megan@contoso.example" };
const ANNA: FakePerson = { name: "Anna Keller", address: "anna.keller@fabrikam.example" };
const BEN: FakePerson = { name: "Ben Ortiz", address: "ben@fabrikam.example" };
const SINCE = new Date("2024-05-31T12:00:00Z");
const ANNAS: MailSearch = { addresses: ["  Anna.Keller@Fabrikam.example "], since: SINCE };

function message(
  id: string,
  receivedDateTime: string,
  people: Pick<FakeMessage, "from" | "to" | "cc" | "bcc">,
  more: Partial<FakeMessage> = {},
): FakeMessage {
  return {
    id,
    internetMessageId: `<${id}@mail.example>`,
    subject: `About ${id}`,
    sentDateTime: receivedDateTime,
    receivedDateTime,
    conversationId: `conv-${id}`,
    ...people,
    ...more,
  };
}

/** Anna's mail: four in the window (from, to, cc, bcc), three before it, one of someone else. */
const MAILBOX: FakeMessage[] = [
  message("from-anna", "2024-06-10T09:00:00Z", { from: ANNA, to: [ME] }),
  message("to-anna", "2024-06-05T15:30:00Z", { from: ME, to: [ANNA, BEN] }),
  message("cc-anna", "2024-06-01T08:00:00Z", { from: BEN, to: [ME], cc: [ANNA] }),
  message("bcc-anna", "2024-05-31T12:00:00Z", { from: ME, to: [BEN], bcc: [ANNA] }),
  // Found by the KQL's day bound, but received before `since`: dropped by the client.
  message("same-day", "2024-05-31T08:00:00Z", { from: ANNA, to: [ME] }),
  message("day-before", "2024-05-30T10:00:00Z", { from: ANNA, to: [ME] }),
  // Not found by the search at all.
  message("last-month", "2024-05-01T10:00:00Z", { from: ANNA, to: [ME] }),
  message("ben-only", "2024-06-10T10:00:00Z", { from: BEN, to: [ME] }),
];

let graph: FakeGraph;
const others: FakeGraph[] = [];

beforeEach(async () => {
  graph = await FakeGraph.start({ mailboxes: { megan: { token: TOKEN, messages: MAILBOX } } });
});

afterEach(async () => {
  await Promise.all([graph, ...others.splice(0)].map((fake) => fake.close()));
});

/** Another server: a host the token must never reach. */
async function foreignHost(): Promise<FakeGraph> {
  const fake = await FakeGraph.start({ mailboxes: { megan: { token: TOKEN, messages: MAILBOX } } });
  others.push(fake);
  return fake;
}

/** A client of the fake that records its waits instead of waiting. */
function client(options: Partial<GraphMailOptions> = {}): { mail: GraphMail; waits: number[] } {
  const waits: number[] = [];
  const mail = new GraphMail({
    baseUrl: graph.baseUrl,
    token: () => Promise.resolve(TOKEN),
    wait: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...options,
  });
  return { mail, waits };
}

async function pagesOf(pages: AsyncIterable<MailPage>): Promise<MailPage[]> {
  const all: MailPage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const ids = (pages: readonly MailPage[]) => pages.flatMap((p) => p.messages.map((m) => m.id));
const gets = (fake: FakeGraph): LoggedRequest[] => fake.requests.filter((r) => r.method === "GET");
const param = (request: LoggedRequest | undefined, name: string) =>
  new URL(request?.url ?? "/", "http://x").searchParams.get(name);

/** Where a rejected promise's error is a GraphError, that error. */
async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphError))
    throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe("finding messages", () => {
  test("finds the messages from, to, cc and bcc the contact since the start, and no others", async () => {
    const { mail } = client();
    const pages = await pagesOf(mail.searchPages(ANNAS));

    expect(ids(pages)).toEqual(["from-anna", "to-anna", "cc-anna", "bcc-anna"]);
    expect(pages.map((p) => [p.skipped, p.next])).toEqual([[0, null]]);
    expect(pages[0]?.messages[2]).toEqual({
      id: "cc-anna",
      internetMessageId: "<cc-anna@mail.example>",
      subject: "About cc-anna",
      sentDateTime: "2024-06-01T08:00:00Z",
      receivedDateTime: "2024-06-01T08:00:00Z",
      from: { name: "Ben Ortiz", email: "ben@fabrikam.example" },
      to: [{ name: "Megan Bowen", email: "megan@contoso.example" }],
      cc: [{ name: "Anna Keller", email: "anna.keller@fabrikam.example" }],
      conversationId: "conv-cc-anna",
    });

    const [request] = gets(graph);
    expect(request?.url.startsWith("/v1.0/me/messages?$search=")).toBe(true);
    expect(request?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(param(request, "$search")).toBe(
      '"(participants:\\"anna.keller@fabrikam.example\\") AND received>=2024-05-30"',
    );
    expect(param(request, "$select")).toBe(
      "id,internetMessageId,subject,sentDateTime,receivedDateTime,from,toRecipients,ccRecipients,conversationId",
    );
    expect(param(request, "$top")).toBe("100");
    expect(mail.requests).toBe(1);
  });

  test("pages through several pages, each naming where to go on", async () => {
    const { mail } = client({ pageSize: 2 });
    const since = new Date("2024-05-01T00:00:00Z");
    const pages = await pagesOf(mail.searchPages({ addresses: [ANNA.address], since }));

    expect(pages.map((p) => p.messages.length)).toEqual([2, 2, 2, 1]);
    expect(ids(pages)).toEqual([
      "from-anna",
      "to-anna",
      "cc-anna",
      "bcc-anna",
      "same-day",
      "day-before",
      "last-month",
    ]);
    const nexts = pages.map((p) => p.next);
    expect(nexts[3]).toBeNull();
    for (const next of nexts.slice(0, 3)) {
      expect(next?.startsWith(`${graph.baseUrl}/me/messages?`)).toBe(true);
      expect(next).toContain("$skiptoken=");
    }
    // Each next link is requested whole, as Graph gave it.
    expect(
      gets(graph)
        .map((r) => `${graph.url}${r.url}`)
        .slice(1),
    ).toEqual(nexts.slice(0, 3));
    expect(mail.requests).toBe(4);
  });

  test("resumes from a saved next, in another client, where the first one stopped", async () => {
    const search = { addresses: [ANNA.address], since: new Date("2024-05-01T00:00:00Z") };
    const first = client({ pageSize: 3 }).mail;
    let saved: string | null = null;
    const before: string[] = [];
    for await (const page of first.searchPages(search)) {
      before.push(...page.messages.map((m) => m.id));
      saved = page.next;
      break; // the pane was closed
    }
    expect(saved).not.toBeNull();

    const second = client({ pageSize: 3 }).mail;
    const after = ids(await pagesOf(second.searchPages(search, saved)));
    expect(`${graph.url}${gets(graph)[1]?.url}`).toBe(saved);
    expect([...before, ...after]).toEqual([
      "from-anna",
      "to-anna",
      "cc-anna",
      "bcc-anna",
      "same-day",
      "day-before",
      "last-month",
    ]);
    expect(second.requests).toBe(2);
  });

  test("a saved next of another search (the addresses changed) starts the search over", async () => {
    const { mail } = client({ pageSize: 2 });
    const [bens] = await pagesOf(
      mail.searchPages({ addresses: [BEN.address], since: new Date("2024-05-01T00:00:00Z") }),
    );
    expect(bens?.next).not.toBeNull();

    const sent = gets(graph).length;
    const pages = await pagesOf(mail.searchPages(ANNAS, bens?.next));
    expect(ids(pages)).toEqual(["from-anna", "to-anna", "cc-anna", "bcc-anna"]);
    expect(param(gets(graph)[sent], "$skiptoken")).toBeNull();
  });

  test("splits many addresses into several searches, within the bound, each message once", async () => {
    const person = (i: number): FakePerson => ({
      name: `Person ${i}`,
      address: `person.number${i}@fabrikam.example`,
    });
    const people = Array.from({ length: 80 }, (_, i) => person(i));
    graph.setMailbox("megan", {
      token: TOKEN,
      messages: [
        message("to-first-and-last", "2024-06-03T10:00:00Z", {
          from: ME,
          to: [person(0), person(79)],
        }),
        message("from-middle", "2024-06-02T10:00:00Z", { from: person(40), to: [ME] }),
        message("from-anna", "2024-06-01T10:00:00Z", { from: ANNA, to: [ME] }),
      ],
    });
    const search = { addresses: people.map((p) => p.address), since: SINCE };
    const queries = searchQueries(search);
    expect(queries.length).toBeGreaterThan(2);
    for (const query of queries) expect(query.length).toBeLessThanOrEqual(MAX_SEARCH_LENGTH);
    expect(queries.join(" ").match(/participants:/g)).toHaveLength(80);

    const { mail } = client();
    const pages = await pagesOf(mail.searchPages(search));
    expect(ids(pages)).toEqual(["to-first-and-last", "from-middle"]);
    expect(gets(graph).map((r) => param(r, "$search"))).toEqual(queries);
    // Between searches, `next` is the next search's first request: a reload goes on from there.
    expect(pages.slice(0, -1).every((p) => p.next !== null)).toBe(true);
    expect(pages.at(-1)?.next).toBeNull();
  });

  test("sends nothing when no address can be searched", async () => {
    const { mail } = client();
    const pages = await pagesOf(mail.searchPages({ addresses: ["Anna Keller", ""], since: SINCE }));
    expect(pages).toEqual([]);
    expect(mail.requests).toBe(0);
    expect(() => searchQueries({ addresses: [ANNA.address], since: new Date("x") })).toThrow(
      RangeError,
    );
  });

  test("skips a message that is not one, and counts it; the rest of the page is kept", async () => {
    graph.setMailbox("megan", {
      token: TOKEN,
      messages: [
        message("good", "2024-06-04T10:00:00Z", { from: ANNA, to: [ME] }),
        message(
          "no-message-id",
          "2024-06-03T10:00:00Z",
          { from: ANNA },
          { internetMessageId: null },
        ),
        message(
          "wrong-types",
          "2024-06-02T10:00:00Z",
          { from: ANNA },
          {
            wire: { id: "wrong-types", internetMessageId: 42, from: "anna" },
          },
        ),
        message(
          "bad-date",
          "2024-06-01T10:00:00Z",
          { from: ANNA },
          {
            wire: { id: "bad-date", internetMessageId: "<b@x>", receivedDateTime: "yesterday" },
          },
        ),
        message(
          "unresolved-cc",
          "2024-06-01T09:00:00Z",
          { from: ANNA },
          {
            wire: {
              id: "unresolved-cc",
              internetMessageId: "<u@x>",
              receivedDateTime: "2024-06-01T09:00:00Z",
              from: { emailAddress: { name: "Anna Keller", address: ANNA.address } },
              ccRecipients: [{ emailAddress: { name: "All staff" } }],
            },
          },
        ),
      ],
    });
    const { mail } = client();
    const [page] = await pagesOf(mail.searchPages(ANNAS));
    expect(page?.skipped).toBe(3);
    expect(page?.messages.map((m) => m.id)).toEqual(["good", "unresolved-cc"]);
    expect(page?.messages[1]).toMatchObject({ subject: "", to: [], cc: [], sentDateTime: null });
  });
});

describe("addresses", () => {
  test.each([
    ["  Anna.Keller@Fabrikam.example ", "anna.keller@fabrikam.example"],
    ["o'brien+crm@mail.fabrikam.example", "o'brien+crm@mail.fabrikam.example"],
    ["jörg.müller@bäckerei.example", "jörg.müller@bäckerei.example"],
    ["OR@fabrikam.example", "or@fabrikam.example"],
  ])("%j is searched as %j", (address, searched) => {
    expect(searchableAddress(address)).toBe(searched);
  });

  test.each([
    'anna" OR participants:"*',
    "*@fabrikam.example",
    "anna*@fabrikam.example",
    "(anna@fabrikam.example) OR (ben@fabrikam.example)",
    "anna keller@fabrikam.example",
    "anna\\@fabrikam.example",
    "participants:anna@fabrikam.example",
    "anna@@fabrikam.example",
    "anna@fabrikam",
    "anna@-fabrikam.example",
    "Anna Keller",
    `${"a".repeat(250)}@fabrikam.example`,
  ])("%j is not searched", (address) => {
    expect(searchableAddress(address)).toBeNull();
  });

  test("a hostile address does not widen the search", async () => {
    const hostile = [
      'x" OR participants:"b*',
      "*@fabrikam.example",
      "(x@y.example) OR (ben@fabrikam.example)",
      'anna.keller@fabrikam.example") OR participants:("ben@fabrikam.example',
      "OR",
    ];
    const { mail } = client();
    const pages = await pagesOf(
      mail.searchPages({ addresses: [...hostile, ANNA.address], since: SINCE }),
    );
    expect(ids(pages)).toEqual(["from-anna", "to-anna", "cc-anna", "bcc-anna"]);
    expect(gets(graph).map((r) => param(r, "$search"))).toEqual([
      '"(participants:\\"anna.keller@fabrikam.example\\") AND received>=2024-05-30"',
    ]);

    // Had the first one gone out unescaped, the fake would have found Ben's mail too.
    const widened = await get(
      `$search=${encodeURIComponent('"(participants:\\"x\\" OR participants:\\"b*\\") AND received>=2024-05-30"')}`,
    );
    expect(widened.status).toBe(200);
    expect(JSON.stringify(widened.body)).toContain("ben-only");
  });

  test("KQL's words inside an address are only words", async () => {
    const or: FakePerson = { name: "Sales", address: "or@fabrikam.example" };
    graph.setMailbox("megan", {
      token: TOKEN,
      messages: [
        message("from-or", "2024-06-02T10:00:00Z", { from: or, to: [ME] }),
        message("from-ben", "2024-06-01T10:00:00Z", { from: BEN, to: [ME] }),
      ],
    });
    const { mail } = client();
    const pages = await pagesOf(
      mail.searchPages({ addresses: ["OR@fabrikam.example"], since: SINCE }),
    );
    expect(ids(pages)).toEqual(["from-or"]);
  });
});

describe("throttling", () => {
  test("waits as Retry-After says, then sends the same request again", async () => {
    graph.failNext(2, { status: 429, retryAfter: "2" });
    const { mail, waits } = client();
    const pages = await pagesOf(mail.searchPages(ANNAS));
    expect(ids(pages)).toHaveLength(4);
    expect(waits).toEqual([2000, 2000]);
    const urls = gets(graph).map((r) => r.url);
    expect(urls).toHaveLength(3);
    expect(new Set(urls).size).toBe(1);
    expect(mail.requests).toBe(3);
  });

  test("reads Retry-After as an HTTP date, against the injected clock", async () => {
    const now = Date.parse("2024-06-10T10:00:00Z");
    graph.failNext(1, { status: 503, retryAfter: new Date(now + 5000).toUTCString() });
    const { mail, waits } = client({ now: () => now });
    await pagesOf(mail.searchPages(ANNAS));
    expect(waits).toEqual([5000]);
  });

  test("without Retry-After, backs off exponentially with jitter, up to a cap", async () => {
    graph.failNext(7, { status: 504 });
    const low = client({ maxAttempts: 8, random: () => 0 });
    await pagesOf(low.mail.searchPages(ANNAS));
    expect(low.waits).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);

    graph.failNext(2, { status: 429 });
    const mid = client({ random: () => 0.5 });
    await pagesOf(mid.mail.searchPages(ANNAS));
    expect(mid.waits).toEqual([750, 1500]);
  });

  test("gives up as throttled after maxAttempts", async () => {
    graph.failNext(5, { status: 429, retryAfter: "1" });
    const { mail, waits } = client({ maxAttempts: 3 });
    const error = await graphError(pagesOf(mail.searchPages(ANNAS)));
    expect(error).toMatchObject({ kind: "throttled", status: 429, retryAfterMs: 1000 });
    expect(error.message).toMatch(/busy/);
    expect(waits).toEqual([1000, 1000]);
    expect(mail.requests).toBe(3);
  });

  test("a Retry-After longer than maxWaitMs is not waited out", async () => {
    graph.failNext(1, { status: 429, retryAfter: "600" });
    const { mail, waits } = client();
    const error = await graphError(pagesOf(mail.searchPages(ANNAS)));
    expect(error).toMatchObject({ kind: "throttled", retryAfterMs: 600_000 });
    expect(error.message).toContain("600 seconds");
    expect(waits).toEqual([]);
  });

  test("counts every request sent, pages and retries", async () => {
    graph.failNext(1, { status: 429, retryAfter: "0" });
    const { mail } = client({ pageSize: 2 });
    // Three pages (six found by the day's bound, two a page), and one of them twice.
    await pagesOf(mail.searchPages(ANNAS));
    expect(mail.requests).toBe(4);
    expect(gets(graph)).toHaveLength(4);
  });
});

describe("failures", () => {
  test("401: unauthorized, to sign in again", async () => {
    const { mail } = client({ token: () => Promise.resolve("expired") });
    const error = await graphError(pagesOf(mail.searchPages(ANNAS)));
    expect(error).toMatchObject({
      kind: "unauthorized",
      status: 401,
      code: "InvalidAuthenticationToken",
    });
    expect(error.message).toMatch(/Sign in again/);
  });

  test("403: forbidden", async () => {
    graph.failNext(1, {
      status: 403,
      code: "ErrorAccessDenied",
      message: "Access is denied. Check credentials and try again.",
    });
    const { mail } = client();
    const error = await graphError(pagesOf(mail.searchPages(ANNAS)));
    expect(error).toMatchObject({ kind: "forbidden", status: 403, code: "ErrorAccessDenied" });
  });

  test("another refusal: failed, in Graph's words where it gave some", async () => {
    graph.failNext(1, { status: 500, code: "ErrorInternalServerError", message: "Mailbox moved." });
    graph.failNext(1, { status: 400 });
    const { mail } = client();
    const said = await graphError(pagesOf(mail.searchPages(ANNAS)));
    expect(said).toMatchObject({ kind: "failed", status: 500 });
    expect(said.message).toBe("Microsoft 365 could not search your mail: Mailbox moved.");
    const silent = await graphError(pagesOf(mail.searchPages(ANNAS)));
    expect(silent.message).toBe("Microsoft 365 could not search your mail (it answered 400).");
  });

  test("an answer that is not JSON: failed", async () => {
    graph.failNext(1, { malformedJson: true });
    const { mail } = client();
    const error = await graphError(pagesOf(mail.searchPages(ANNAS)));
    expect(error).toMatchObject({ kind: "failed", status: null });
    expect(error.message).toMatch(/does not understand/);
  });

  test("no answer in time, or no server: unreachable", async () => {
    graph.failNext(1, { stall: true });
    const slow = client({ timeoutMs: 200 }).mail;
    const timedOut = await graphError(pagesOf(slow.searchPages(ANNAS)));
    expect(timedOut).toMatchObject({ kind: "unreachable", status: null });
    expect(timedOut.message).toMatch(/did not answer within 1 second/);

    const gone = await FakeGraph.start();
    const baseUrl = gone.baseUrl;
    await gone.close();
    const error = await graphError(pagesOf(client({ baseUrl }).mail.searchPages(ANNAS)));
    expect(error.kind).toBe("unreachable");
  });
});

describe("the token stays with Graph", () => {
  test("a next link on another origin is refused, and nothing is sent there", async () => {
    const foreign = await foreignHost();
    graph.failNext(1, { foreignNextLink: foreign.url });
    const { mail } = client({ pageSize: 2 });
    const pages: MailPage[] = [];
    const error = await graphError(
      (async () => {
        for await (const page of mail.searchPages(ANNAS)) pages.push(page);
      })(),
    );
    expect(error.kind).toBe("failed");
    expect(error.message).toContain(foreign.url);
    expect(pages).toEqual([]);
    expect(foreign.requests).toEqual([]);
    expect(mail.requests).toBe(1);
  });

  test("so is a resumeFrom on another origin, before anything is sent", async () => {
    const foreign = await foreignHost();
    const { mail } = client();
    const next = `${foreign.baseUrl}/me/messages?$search=x`;
    const error = await graphError(pagesOf(mail.searchPages(ANNAS, next)));
    expect(error.kind).toBe("failed");
    expect(graph.requests).toEqual([]);
    expect(foreign.requests).toEqual([]);
  });

  test("a redirect is not followed", async () => {
    const foreign = await foreignHost();
    graph.failNext(1, { status: 302, headers: { location: `${foreign.baseUrl}/me/messages` } });
    const { mail } = client();
    const error = await graphError(pagesOf(mail.searchPages(ANNAS)));
    expect(error).toMatchObject({ kind: "failed", status: 302 });
    expect(foreign.requests).toEqual([]);
  });
});

/** `GET /v1.0/me/messages?query` on the fake, with Megan's token unless told otherwise. */
async function get(
  query: string,
  token: string | null = TOKEN,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> =
    token === null ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(`${graph.baseUrl}/me/messages?${query}`, { headers });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("the fake Graph", () => {
  test.each([
    ["an unquoted $search", "$search=participants:ben@fabrikam.example"],
    ["a quote inside, not escaped", `$search=${encodeURIComponent('"participants:"ben""')}`],
    ["free text", `$search=${encodeURIComponent('"pizza"')}`],
    ["a property it does not read", `$search=${encodeURIComponent('"subject:pizza"')}`],
    ["NOT", `$search=${encodeURIComponent('"NOT participants:ben@fabrikam.example"')}`],
    [
      "an open parenthesis",
      `$search=${encodeURIComponent('"(participants:ben@fabrikam.example"')}`,
    ],
    ["a date it cannot read", `$search=${encodeURIComponent('"received>=31/05/2024"')}`],
    ["$orderby with $search", `$search=%22participants:ben%22&$orderby=receivedDateTime`],
    ["$filter with $search", `$search=%22participants:ben%22&$filter=isRead eq false`],
    ["an unknown property in $select", "$select=id,body"],
    ["$top over 1,000", "$top=1001"],
    ["a made-up skip token", "$skiptoken=abc"],
  ])("refuses %s with 400 in Graph's error shape", async (_, query) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
  });

  test("reads KQL as documented: participants, dates, AND, OR, parentheses, prefixes", async () => {
    const found = async (kql: string) => {
      const { status, body } = await get(`$search=${encodeURIComponent(kql)}&$select=id`);
      expect(status).toBe(200);
      return (body as { value: { id: string }[] }).value.map((m) => m.id);
    };
    expect(await found('"participants:ben@fabrikam.example received>=2024-06-05"')).toEqual([
      "ben-only",
      "to-anna",
    ]);
    expect(await found('"from:\\"Ben Ortiz\\" OR to:ben*"')).toEqual([
      "ben-only",
      "to-anna",
      "cc-anna",
      "bcc-anna",
    ]);
    expect(await found('"received:2024-05-31 AND (from:anna* OR bcc:anna*)"')).toEqual([
      "bcc-anna",
      "same-day",
    ]);
    expect(await found('"received<2024-05-31 AND received>2024-05-01"')).toEqual(["day-before"]);
  });

  test("checks the bearer token, in Graph's error shape", async () => {
    for (const token of [null, "someone-else"]) {
      const { status, body } = await get("$top=1", token);
      expect(status).toBe(401);
      expect(body).toMatchObject({ error: { code: "InvalidAuthenticationToken" } });
    }
  });

  test("answers a browser's preflight and exposes Retry-After", async () => {
    const preflight = await fetch(`${graph.baseUrl}/me/messages?$top=1`, {
      method: "OPTIONS",
      headers: {
        origin: "https://localhost:3000",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    graph.failNext(1, { status: 429, retryAfter: "3" });
    const throttled = await get("$top=1");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("3");
    expect(throttled.headers.get("access-control-expose-headers")).toMatch(/Retry-After/);
  });
});
