/**
 * The API's HTTP edge, which keeps the route handlers short: JSON bodies and route params
 * validated with the shared zod schemas (a 400 naming the field), the caller and their
 * membership of the route's database (`signedIn`, `signedInMember`), and one wrapper that every
 * route goes through: CORS for the add-in's own origin, `nosniff` on every answer, and the one
 * place where a `DomainError`'s code becomes a status and the protocol's `{"error": …}` (anything
 * else a 500 without stack traces), where each request's telemetry line is written
 * (`telemetry.ts`), and where answers are compressed (`encoded`).
 */
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import Negotiator from "negotiator";
import { en } from "zod/locales";
import { z } from "zod/mini";
import { Id, NEXT_CURSOR_HEADER, type ErrorBody, type Role } from "../../src/shared/protocol";
import { badRequest, DomainError, ErrorCode, fieldPath, forbidden, tooLarge } from "./errors";
import { requireMember, type Caller, type MemberContext } from "./members/access";
import { getServices } from "./services";
import { StorageBusyError, StorageUnavailableError } from "./storage/repository";
import { observed } from "./telemetry";

// The shared schemas are `zod/mini`, which loads no messages (so that the task pane need not
// carry them): the API's answers give zod's English ones, as in "limit: Too big: expected number
// to be <=1000", for every check that has no message of its own. Once, for the whole process.
z.config(en());

/** The HTTP status of each refusal. */
const STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.InvalidRequest]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.MidGap]: 409,
  [ErrorCode.LastOwner]: 409,
  [ErrorCode.CursorExpired]: 410,
  [ErrorCode.TooLarge]: 413,
  [ErrorCode.WrongHost]: 421,
  [ErrorCode.Internal]: 500,
  [ErrorCode.Busy]: 503,
  [ErrorCode.StorageUnavailable]: 503,
  [ErrorCode.AuthUnavailable]: 503,
};

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponseInit {
  return {
    status,
    jsonBody: body,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  };
}

/** A JSON body already written as text (a pull sends stored JSON on as it is). */
export function jsonText(
  status: number,
  text: string,
  headers: Record<string, string> = {},
): HttpResponseInit {
  return {
    status,
    body: text,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  };
}

/**
 * How many seconds a client should wait before it sends again what a passing fault refused (the
 * `Retry-After` of those 503s; clients add their own jitter).
 */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.Busy]: 2,
  [ErrorCode.StorageUnavailable]: 5,
  [ErrorCode.AuthUnavailable]: 5,
};

/** A refusal as the protocol's error body, with its code's status (and `Retry-After`). */
export function problemResponse(p: DomainError): HttpResponseInit {
  const body: ErrorBody = { error: { code: p.code, message: p.message } };
  if (p.field !== undefined) body.error.field = p.field;
  const retryAfter = RETRY_AFTER_SECONDS[p.code];
  return json(
    STATUS[p.code],
    body,
    retryAfter === undefined ? {} : { "retry-after": String(retryAfter) },
  );
}

/** The first problem zod found, as a 400 naming the field. */
function invalid(error: z.core.$ZodError, prefix?: string): DomainError {
  const issue = error.issues[0];
  const field = fieldPath([...(prefix ? [prefix] : []), ...(issue?.path ?? [])]);
  const what = field ?? "The request body";
  return badRequest(`${what}: ${issue?.message ?? "is invalid"}`, field);
}

/** Reads a JSON body of at most `maxBytes` and validates it with `schema`. */
export async function readJson<S extends z.ZodMiniType>(
  req: HttpRequest,
  schema: S,
  maxBytes = 1024 * 1024,
): Promise<z.output<S>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(`The request body is larger than ${maxBytes} bytes.`);
  const bytes = Buffer.from(await req.arrayBuffer());
  if (bytes.length > maxBytes) throw tooLarge(`The request body is larger than ${maxBytes} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw badRequest("The request body is not valid JSON in UTF-8.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** A route param checked with a schema, as a 400 naming the param when it is wrong. */
export function param<S extends z.ZodMiniType>(
  req: HttpRequest,
  name: string,
  schema: S,
): z.output<S> {
  const parsed = schema.safeParse(req.params[name] ?? "");
  if (!parsed.success) throw invalid(parsed.error, name);
  return parsed.data;
}

/** The signed-in caller: `unauthorized` when the bearer token is not good. */
export function signedIn(req: HttpRequest): Promise<Caller> {
  return getServices().auth.authenticate(req.headers.get("authorization"));
}

/** The signed-in caller's membership of the route's `{db}`, with at least `role`. */
export async function signedInMember(
  req: HttpRequest,
  role: Role = "reader",
): Promise<MemberContext> {
  const caller = await signedIn(req);
  return requireMember(getServices(), param(req, "db", Id), caller, role);
}

export type RouteHandler = (req: HttpRequest, ctx: InvocationContext) => Promise<HttpResponseInit>;

const CORS_ALLOW_HEADERS = "authorization, content-type";

/** On every answer: a browser must never take a JSON answer for a script or a page. */
const ALWAYS = { "x-content-type-options": "nosniff" };

/**
 * Wraps a route's logic: answers CORS preflights, adds CORS headers for allowed origins, and
 * turns thrown `DomainError`s into error responses; anything else is logged and becomes a 500
 * that says nothing of the server's insides. Every answer carries `ALWAYS`.
 */
export function route(logic: RouteHandler): RouteHandler {
  return (req, ctx) =>
    observed(req, ctx, async () =>
      encoded(req, withHeaders(await answer(logic, req, ctx), ALWAYS)),
    );
}

async function answer(
  logic: RouteHandler,
  req: HttpRequest,
  ctx: InvocationContext,
): Promise<HttpResponseInit> {
  const { config } = getServices();
  const origin = req.headers.get("origin");
  const allowed = origin !== null && config.allowedOrigins.has(origin);
  const cors: Record<string, string> = allowed
    ? {
        "access-control-allow-origin": origin,
        // Not a CORS-safelisted header: without this the pane could not read it.
        "access-control-expose-headers": `retry-after, ${NEXT_CURSOR_HEADER}`,
        vary: "Origin",
      }
    : {};
  if (req.method === "OPTIONS") {
    if (!allowed)
      return withHeaders(problemResponse(forbidden("This origin may not call the API.")), {
        vary: "Origin",
      });
    return {
      status: 204,
      headers: {
        ...cors,
        "access-control-allow-methods": "GET, POST, PUT, DELETE",
        "access-control-allow-headers": CORS_ALLOW_HEADERS,
        // Two hours, Chromium's cap: a sync every few minutes then costs no preflight.
        "access-control-max-age": "7200",
      },
    };
  }
  let res: HttpResponseInit;
  try {
    res = await logic(req, ctx);
  } catch (err) {
    if (err instanceof DomainError) {
      res = problemResponse(err);
    } else if (err instanceof StorageBusyError) {
      res = problemResponse(
        new DomainError(ErrorCode.Busy, "The shared database is busy; try again in a moment."),
      );
    } else if (err instanceof StorageUnavailableError) {
      res = problemResponse(
        new DomainError(
          ErrorCode.StorageUnavailable,
          "The shared database cannot be reached right now; try again shortly.",
        ),
      );
    } else {
      ctx.error(`${req.method} ${new URL(req.url).pathname} failed:`, err);
      res = problemResponse(
        new DomainError(ErrorCode.Internal, "The server could not answer; try again later."),
      );
    }
  }
  return withHeaders(res, { ...cors, "cache-control": "no-store" });
}

/**
 * Answers smaller than this go as they are: compressing a body that fits in one packet saves no
 * round trip.
 */
const COMPRESS_FROM_BYTES = 1_400;

/** The encodings the API compresses with, the better first (RFC 9110's `Accept-Encoding`). */
const ENCODINGS = ["br", "gzip", "identity"];

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * `res` compressed with the encoding the caller accepts (Brotli, else gzip), when its body is
 * JSON of `COMPRESS_FROM_BYTES` or more. Azure Functions on Linux compresses nothing itself, and
 * the offline copy's pages are megabytes of JSON that compress about four to one; Brotli's
 * quality 1 compresses as well as gzip's level 6, a 1,000-contact page (860 KB) in about 3 ms,
 * in Node's thread pool. A caller that accepts neither, or says nothing, gets the body as it is.
 */
async function encoded(req: HttpRequest, res: HttpResponseInit): Promise<HttpResponseInit> {
  const headers = res.headers as Record<string, string> | undefined;
  const vary = headers?.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
  const accepted = new Negotiator({
    headers: { "accept-encoding": req.headers.get("accept-encoding") ?? "identity" },
  }).encoding(ENCODINGS, { preferred: ENCODINGS });
  const encoding = accepted === "br" || accepted === "gzip" ? accepted : null;
  const text =
    encoding === null ? null : res.jsonBody !== undefined ? JSON.stringify(res.jsonBody) : res.body;
  const bytes = typeof text === "string" ? Buffer.byteLength(text) : 0;
  if (encoding === null || typeof text !== "string" || bytes < COMPRESS_FROM_BYTES) {
    return withHeaders(res, { vary });
  }
  const body =
    encoding === "br"
      ? await brotli(text, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 1,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes,
          },
        })
      : await gzipped(text, { level: 1 });
  return withHeaders({ ...res, jsonBody: undefined, body }, { vary, "content-encoding": encoding });
}

function withHeaders(res: HttpResponseInit, extra: Record<string, string>): HttpResponseInit {
  return { ...res, headers: { ...(res.headers as Record<string, string> | undefined), ...extra } };
}
