/**
 * History found in the mailbox, in Chromium: "Find e-mails for every contact" (src/taskpane/
 * history/backfill.ts) run by the pane's own code (bench/client-page.ts) against the development
 * Graph (scripts/dev-graph.ts), on a database of its own.
 *
 * - history.backfill1k: `{ms, requests, graphRequests, ...}` for a mailbox of 1,100 e-mails, of
 *   which 1,000 are with the database's 200 contacts (the other 100 with strangers, never
 *   found): from the backfill's start until the server holds every link. `requests` are the
 *   requests to our API (CORS preflights apart, `preflights` apart), `graphRequests` those to
 *   Graph (preflights apart). Goal: at most 1 request to our API per 100 e-mails.
 */
import { openBrowser } from "../tests/support/browser";
import { FakeGraph, type FakeMessage } from "../scripts/dev-graph";
import { createOf, Pusher } from "./api";
import type { BrowserBenchContext } from "./measure";

const USER = "bench.history@contoso.com";
const CONTACTS = 200;
const MESSAGES = 1_000;
const DAYS = 90;

export async function historyBench(ctx: BrowserBenchContext): Promise<void> {
  const contacts = ctx.records
    .filter((r) => r.type === "contact" && Array.isArray(r.fields.emails))
    .slice(0, CONTACTS)
    .map((c) => {
      const { companyId: _, ...fields } = c.fields;
      return { ...c, fields };
    });
  const addresses = contacts.map((c) => {
    const [first] = c.fields.emails as Array<{ address: string }>;
    if (!first) throw new Error(`contact ${c.id} has no address`);
    return first.address;
  });
  const token = await ctx.api.signIn(USER);
  const db = await ctx.api.createDatabase(token, "History benchmark");
  await new Pusher(ctx.api, db, token, "c-history-loader").push(contacts.map(createOf));

  const me = { name: "Bench History", address: USER };
  const day = 86_400_000;
  const now = Date.now();
  const messages: FakeMessage[] = Array.from({ length: MESSAGES + 100 }, (_, i) => {
    const other =
      i < MESSAGES
        ? { name: "", address: addresses[i % addresses.length] ?? "" }
        : { name: "", address: `stranger${i}@elsewhere.example` };
    const incoming = i % 2 === 0;
    return {
      id: `AAMkH${i}`,
      internetMessageId: `<bench-${i}@fabrikam.example>`,
      subject: `Message ${i}`,
      from: incoming ? other : me,
      to: incoming ? [me] : [other],
      // Every fifth with a contact copies a second one.
      cc:
        i < MESSAGES && i % 5 === 0
          ? [{ name: "", address: addresses[(i + 7) % addresses.length] ?? "" }]
          : [],
      receivedDateTime: new Date(now - (1 + (i % (DAYS - 2))) * day).toISOString(),
    };
  });
  const graph = await FakeGraph.start({
    mailboxes: { [USER]: { token: `dev-graph:${USER}`, messages } },
  });
  const session = await openBrowser();
  try {
    await session.context.unrouteAll();
    const { page } = session;
    await page.goto(`${ctx.pages.origin}/bench-client.html`);
    await page.evaluate(([api, email]) => window.bcmClientBench.signIn(api, email), [
      ctx.apiUrl,
      USER,
    ] as const);
    const copied = await page.evaluate((id) => window.bcmClientBench.openAndSync(id), db);
    if (copied.contacts !== contacts.length) throw new Error(`copied ${copied.contacts} contacts`);

    const mark = ctx.requests.mark();
    const graphMark = graph.requests.length;
    const run = await page.evaluate(([url, days]) => window.bcmClientBench.backfill(url, days), [
      graph.baseUrl,
      DAYS,
    ] as const);
    const count = ctx.requests.since(mark);
    const preflights = Object.entries(count.byRoute)
      .filter(([route]) => route.startsWith("OPTIONS"))
      .reduce((sum, [, n]) => sum + n, 0);
    const graphRequests = graph.requests
      .slice(graphMark)
      .filter((r) => r.method !== "OPTIONS").length;
    // An e-mail with contacts of two batches is found by both, and is one item.
    if (run.history !== MESSAGES) {
      throw new Error(`${run.history} history items, not ${MESSAGES}`);
    }
    ctx.report(
      "history.backfill1k",
      {
        ms: Math.round(run.ms),
        localMs: Math.round(run.localMs),
        requests: count.requests - preflights,
        preflights,
        graphRequests,
        found: run.found,
        linked: run.linked,
        byRoute: count.byRoute,
      },
      "at most 1 request to our API per 100 e-mails (10)",
    );
  } finally {
    await session.close();
    await graph.close();
  }
}
