/**
 * A fault-injecting HTTP proxy of our own (node:http, no framework), for the fault tests and the
 * soak: put between a client and the API (or between the API and Azurite), it forwards every
 * request, and can instead, for any request, by rule or at a seeded rate:
 *
 * | fault           | what the proxy does                                                              |
 * | --------------- | -------------------------------------------------------------------------------- |
 * | `drop`          | closes the connection at once: the request never reaches the server              |
 * | `drop-response` | forwards it, the server applies it, then closes the connection without an answer |
 * | `repeat`        | forwards it twice, one after the other; the client gets the second answer        |
 * | `delay`         | holds it `delayMs` (past the client's timeout), then forwards it; no answer      |
 * | `cut-request`   | forwards the head and half the body, then cuts both connections                  |
 * | `cut-response`  | forwards it, then sends the answer's head and half its body and cuts              |
 * | `429`, `503`    | answers so itself, with `Retry-After` and the protocol's `busy` error body        |
 * | `500`           | answers 500 itself, with the protocol's `internal` error body                     |
 *
 * Randomness is a small seeded PRNG (mulberry32), drawn once per request in arrival order, so a
 * run with one client at a time replays exactly from its seed; the seed is in `seed` (tests
 * print it, and take `BCM_FAULT_SEED` to replay one).
 */
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo, Socket } from "node:net";

export const FAULTS = [
  "drop",
  "drop-response",
  "repeat",
  "delay",
  "cut-request",
  "cut-response",
  "429",
  "503",
  "500",
] as const;
export type Fault = (typeof FAULTS)[number];

/** What a rule sees of a request. */
export interface ProxiedRequest {
  readonly method: string;
  /** The path and query, as sent (`/api/databases/…/push`). */
  readonly path: string;
  /** How many requests the proxy had seen before this one. */
  readonly n: number;
}

export interface FaultRule {
  readonly match: (request: ProxiedRequest) => boolean;
  readonly fault: Fault;
  /** How many matching requests it takes (then it is spent); default 1. */
  readonly times?: number;
}

export interface FaultProxyOptions {
  /** Where requests go, e.g. `http://127.0.0.1:7071` (a path on it is ignored: paths pass as they are). */
  readonly target: string;
  /** The PRNG's seed; a random one by default (read it back from `seed`). */
  readonly seed?: number;
  /** The share of requests, in [0, 1], that get a random fault of `faults`; 0 by default. */
  readonly rate?: number;
  readonly faults?: readonly Fault[];
  /** Only requests this accepts get random faults (all by default). */
  readonly eligible?: (request: ProxiedRequest) => boolean;
  /** How long `delay` holds a request; default 20 s. */
  readonly delayMs?: number;
  /** The `Retry-After` (seconds) of the proxy's own 429 and 503; default 1. */
  readonly retryAfterSeconds?: number;
  /**
   * Called for each request before it is forwarded (after its fault is chosen); a test kills
   * a process here, "in the middle of" that request. The forward waits for it.
   */
  readonly onRequest?: (request: ProxiedRequest, fault: Fault | null) => Promise<void> | void;
  /**
   * Called once the server answered a forwarded request, before the answer goes back (or is
   * dropped): a test kills the server here, after it applied the request.
   */
  readonly onAnswered?: (request: ProxiedRequest, fault: Fault | null) => Promise<void> | void;
}

/** mulberry32: a 32-bit seeded PRNG, good enough to pick faults, and short. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from `BCM_FAULT_SEED` when set (to replay a run), else a random one. */
export function faultSeed(): number {
  const given = process.env.BCM_FAULT_SEED;
  return given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
}

export class FaultProxy {
  readonly seed: number;
  /** The proxy's base URL (`http://127.0.0.1:<port>`); add the target's path, e.g. `/api`. */
  url = "";
  /** How many of each fault were injected. */
  readonly injected: Record<Fault, number> = Object.fromEntries(
    FAULTS.map((f) => [f, 0]),
  ) as Record<Fault, number>;
  /** Every fault injected, in order: for a failing test's message. */
  readonly log: string[] = [];
  readonly #options: FaultProxyOptions;
  readonly #target: URL;
  readonly #random: () => number;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #rules: Array<FaultRule & { left: number }> = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #rate: number;
  #faults: readonly Fault[];
  #seen = 0;

  private constructor(options: FaultProxyOptions) {
    this.#options = options;
    this.#target = new URL(options.target);
    this.seed = options.seed ?? faultSeed();
    this.#random = seededRandom(this.seed);
    this.#rate = options.rate ?? 0;
    this.#faults = options.faults ?? FAULTS;
    this.#server = createServer((req, res) => {
      void this.#handle(req, res).catch(() => res.destroy());
    });
    this.#server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.once("close", () => this.#sockets.delete(socket));
    });
  }

  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const proxy = new FaultProxy(options);
    await new Promise<void>((resolve) => proxy.#server.listen(0, "127.0.0.1", resolve));
    proxy.url = `http://127.0.0.1:${(proxy.#server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** The next `times` requests that `match` get `fault` (rules before the random rate). */
  rule(rule: FaultRule): void {
    this.#rules.push({ ...rule, left: rule.times ?? 1 });
  }

  /** Random faults from now on: `rate` of the eligible requests (0: none). */
  setRate(rate: number, faults: readonly Fault[] = this.#faults): void {
    this.#rate = rate;
    this.#faults = faults;
  }

  /** How many faults were injected in all. */
  get total(): number {
    return Object.values(this.injected).reduce((a, b) => a + b, 0);
  }

  /** Stops: open connections are cut, held requests are never forwarded. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #choose(request: ProxiedRequest): Fault | null {
    const rule = this.#rules.find((r) => r.left > 0 && r.match(request));
    if (rule) {
      rule.left--;
      return rule.fault;
    }
    if (this.#rate <= 0 || !(this.#options.eligible?.(request) ?? true)) return null;
    // Two draws per eligible request, whatever the outcome: the sequence depends on the order
    // of requests only.
    const hit = this.#random() < this.#rate;
    const pick = this.#faults[Math.floor(this.#random() * this.#faults.length)] ?? null;
    return hit ? pick : null;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request: ProxiedRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      n: this.#seen++,
    };
    const body = await readAll(req);
    const fault = this.#choose(request);
    if (fault) {
      this.injected[fault]++;
      this.log.push(`${request.n} ${request.method} ${request.path}: ${fault}`);
    }
    await this.#options.onRequest?.(request, fault);
    switch (fault) {
      case "drop":
        res.destroy();
        return;
      case "429":
      case "503":
        answer(res, Number(fault), "busy", "The database is busy; try again in a moment.", {
          "retry-after": String(this.#options.retryAfterSeconds ?? 1),
          ...corsOf(req),
        });
        return;
      case "500":
        answer(res, 500, "internal", "The server could not answer; try again later.", corsOf(req));
        return;
      case "delay": {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          void this.#forward(req, body).catch(() => undefined);
        }, this.#options.delayMs ?? 20_000);
        this.#timers.add(timer);
        return; // The client gives up waiting: its timeout ends the request.
      }
      case "cut-request":
        await this.#forward(req, body.subarray(0, Math.floor(body.length / 2)), true).catch(
          () => undefined,
        );
        res.destroy();
        return;
      case "drop-response":
        await this.#forward(req, body).catch(() => undefined);
        await this.#options.onAnswered?.(request, fault);
        res.destroy();
        return;
      case "repeat":
        await this.#forward(req, body).catch(() => undefined);
        break;
      case "cut-response":
      case null:
        break;
    }
    let upstream: Upstream;
    try {
      upstream = await this.#forward(req, body);
    } catch {
      res.destroy();
      return;
    }
    await this.#options.onAnswered?.(request, fault);
    res.writeHead(upstream.status, upstream.headers);
    if (fault === "cut-response") {
      res.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)));
      res.destroy();
      return;
    }
    res.end(upstream.body);
  }

  /** Sends the request on; `cut` sends `body` and then breaks the connection. */
  #forward(req: IncomingMessage, body: Buffer, cut = false): Promise<Upstream> {
    const target = this.#target;
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const headers = { ...req.headers, host: target.host };
    return new Promise((resolve, reject) => {
      const out = send(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          rejectUnauthorized: false,
        },
        (upstream) => {
          readAll(upstream).then(
            (data) =>
              resolve({
                status: upstream.statusCode ?? 502,
                headers: upstream.headers,
                body: data,
              }),
            reject,
          );
        },
      );
      out.on("error", reject);
      if (cut) {
        out.write(body, () => {
          out.destroy(new Error("cut by the fault proxy"));
        });
      } else {
        out.end(body);
      }
    });
  }
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** The proxy's own answers carry CORS headers as the API's would, so a page can read them. */
function corsOf(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin
    ? {
        "access-control-allow-origin": origin,
        "access-control-expose-headers": "retry-after",
        vary: "Origin",
      }
    : {};
}

function answer(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}
