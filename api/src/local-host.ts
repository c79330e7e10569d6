/**
 * A small local stand-in for the Azure Functions host: a Node HTTP server that maps requests
 * onto the same v4 handlers that production deploys (route params, query, JSON bodies, status
 * codes, headers). `npm start` and the tests use it; Azure Functions Core Tools are not needed.
 * It alone serves `POST /dev/token` (dev sign-in is never deployed).
 *
 * It listens on the loopback interface only, and answers only requests addressed to a loopback
 * name (the `Host` header): a web page whose own name an attacker points at 127.0.0.1 (DNS
 * rebinding) is refused with 421. Every answer, its own errors included, is `nosniff`.
 *
 * Run directly (`node --import tsx api/src/local-host.ts`), it listens on BCM_API_PORT
 * (default 7071) and prints its URL. Given another route table (the routes the production
 * bundle registered with the Functions runtime, tests/support/bundle-host.ts), it serves that
 * table alone: no `POST /dev/token`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HttpRequest, HttpResponse, InvocationContext } from "@azure/functions";
import { DomainError, ErrorCode, notFound, tooLarge } from "./errors";
import { devToken } from "./functions/dev-token";
import { problemResponse } from "./http";
import { routes, serve, type RouteDef } from "./routes";
import type { LocalRouteName } from "../../src/shared/routes";
import { getServices } from "./services";

const PREFIX = "/api/";
/** The address the host listens on, and the names a request may give in its `Host` header. */
const LOOPBACK = "127.0.0.1";
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** Bodies above this are refused before they are read in full (the push limit is 4 MiB). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** The routes of the shared table that this host alone serves (never `index.ts`: dev sign-in). */
const localRoutes = serve<LocalRouteName>({ "dev-token": devToken });

interface CompiledRoute {
  def: RouteDef;
  pattern: RegExp;
  names: string[];
}

function compile(def: RouteDef): CompiledRoute {
  const names: string[] = [];
  const source = def.path
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(param[1]);
      return "([^/]+)";
    })
    .join("/");
  return { def, pattern: new RegExp(`^${source}$`), names };
}

export interface LocalHost {
  /** The API base URL, such as `http://127.0.0.1:7071/api`. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Starts the host on `127.0.0.1` (loopback only), on `port` (7071; 0 picks a free one), serving
 * `routes.ts` and `POST /dev/token`, or only the `routes` given, whose module checked its own
 * settings and started its own services as it loaded.
 */
export async function startLocalHost(
  options: { port?: number; routes?: readonly RouteDef[] } = {},
): Promise<LocalHost> {
  // The settings are checked before anything listens: a wrong one stops the host, naming it.
  if (!options.routes) getServices();
  const table = (options.routes ?? [...routes, ...localRoutes]).map(compile);
  const server = createServer((req, res) => {
    res.setHeader("x-content-type-options", "nosniff");
    handle(table, req, res).catch((err: unknown) => {
      console.error("local host:", err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // An idle connection stays open longer than clients keep one (Node's fetch drops its own after
  // 4 s), as Azure's front end does: a client never sends on a connection the host is closing,
  // which Node's 5 s default made possible on a busy machine ("other side closed").
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 7071, LOOPBACK, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/api`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The hostname a `Host` header names (`[::1]` for IPv6), or null when it names none. */
function hostname(host: string | undefined): string | null {
  try {
    return host ? new URL(`http://${host}`).hostname : null;
  } catch {
    return null;
  }
}

async function handle(
  table: readonly CompiledRoute[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const name = hostname(req.headers.host);
  if (name === null || !LOOPBACK_NAMES.has(name)) {
    req.resume();
    return sendError(
      res,
      new DomainError(
        ErrorCode.WrongHost,
        `This development server answers only to localhost, 127.0.0.1 or [::1], not to ${JSON.stringify(req.headers.host ?? "")}.`,
      ),
    );
  }
  const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
  const path = url.pathname.startsWith(PREFIX)
    ? url.pathname.slice(PREFIX.length).replace(/\/$/, "")
    : null;
  const matches = path === null ? [] : table.filter((r) => r.pattern.test(path));
  const method = (req.method ?? "GET").toUpperCase();
  const match = matches.find((r) => method === "OPTIONS" || r.def.method === method);
  if (!match || path === null) {
    req.resume();
    const allowed = matches.map((r) => r.def.method);
    return allowed.length
      ? sendError(
          res,
          new DomainError(ErrorCode.MethodNotAllowed, `Use ${allowed.join(" or ")} here.`),
          { allow: allowed.join(", ") },
        )
      : sendError(res, notFound("There is no such route."));
  }

  const body = await readBody(req);
  if (body === null)
    return sendError(res, tooLarge(`The request body is larger than ${MAX_BODY_BYTES} bytes.`));

  const values = match.pattern.exec(path)?.slice(1) ?? [];
  const params: Record<string, string> = {};
  match.names.forEach((name, i) => {
    params[name] = safeDecode(values[i] ?? "");
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const request = new HttpRequest({
    method,
    url: url.toString(),
    headers,
    query: Object.fromEntries(url.searchParams),
    params,
    ...(body.length ? { body: { bytes: body } } : {}),
  });
  const context = new InvocationContext({
    functionName: match.def.name,
    invocationId: crypto.randomUUID(),
    // Errors and warnings to stderr; information (each request's telemetry line, telemetry.ts)
    // to stdout, as Core Tools show them.
    logHandler: (level, ...args) => {
      if (level === "error" || level === "warning") console.error(`[${match.def.name}]`, ...args);
      else if (level === "information") console.log(`[${match.def.name}]`, ...args);
    },
  });
  const response = new HttpResponse(await match.def.handler(request, context));
  const payload = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, { ...out, "content-length": String(payload.length) });
  res.end(payload);
}

/** The host's own refusals, in the API's error shape and status (`http.ts`). */
function sendError(res: ServerResponse, error: DomainError, headers: Record<string, string> = {}) {
  const answer = problemResponse(error);
  res.writeHead(answer.status ?? 500, {
    ...(answer.headers as Record<string, string>),
    ...headers,
  });
  res.end(JSON.stringify(answer.jsonBody));
}

/**
 * The whole body, or null when it is larger than MAX_BODY_BYTES. An oversized body is still read
 * to its end and dropped, so the client can finish sending and read the 413 (leaving the loop of
 * an async iterator would destroy the socket under the client's feet: EPIPE, not an answer).
 */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

if (require.main === module) {
  startLocalHost({ port: Number(process.env.BCM_API_PORT ?? 7071) })
    .then((host) => console.log(`API listening on ${host.url}`))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
