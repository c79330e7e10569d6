/**
 * One line of telemetry per HTTP request, written through the invocation's log: in Azure the
 * Functions host sends it to Application Insights (a trace beside the host's own request
 * record, under the same operation id); the local host prints it.
 *
 * The line is JSON, so that a query can read its fields:
 *   traces | where message startswith '{"event":"bcm.request"' | extend r = parse_json(message)
 * It names the route by its function's name (one per route template and method, `routes.ts`),
 * never by the URL, which holds database ids and members' e-mail addresses; and it carries the
 * status, the duration and how many requests the answer cost Table Storage (retries included).
 * Never a header, a query or a body: no token and no record's content can reach it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";

/** The fields of a request's line. */
export interface RequestRecord {
  event: "bcm.request";
  /** The function's name, such as `pull` or `members-put`. */
  function: string;
  method: string;
  status: number;
  durationMs: number;
  /** Requests sent to Table Storage while answering (each try of a retry counts). */
  storageRequests: number;
}

const current = new AsyncLocalStorage<{ storageRequests: number }>();

/** Counts one storage request against the HTTP request being answered, if any. */
export function countStorageRequest(): void {
  const counter = current.getStore();
  if (counter) counter.storageRequests++;
}

/** Answers with `answer`, then logs the request's line. */
export async function observed(
  req: HttpRequest,
  ctx: InvocationContext,
  answer: () => Promise<HttpResponseInit>,
): Promise<HttpResponseInit> {
  const started = performance.now();
  const counter = { storageRequests: 0 };
  const res = await current.run(counter, answer);
  const record: RequestRecord = {
    event: "bcm.request",
    function: ctx.functionName,
    method: req.method,
    status: res.status ?? 200,
    durationMs: Math.round(performance.now() - started),
    storageRequests: counter.storageRequests,
  };
  ctx.info(JSON.stringify(record));
  return res;
}
