/**
 * Every HTTP request the API host answers, as the server sees it: CORS preflights included,
 * which the browser makes but does not report to the page. The browser benchmarks count the
 * requests a page made during a measurement from here, and the time the API spent on them.
 */
import type { Server } from "node:http";

export interface ApiRequest {
  /** `POST databases/{db}/pull`, `OPTIONS me`, `GET health` … */
  readonly route: string;
  /** From the request's arrival to the response's last byte handed to the socket. */
  readonly ms: number;
  /** Bytes of the response, its headers included. */
  readonly bytes: number;
}

export interface RequestCount {
  /** Requests other than `/health` probes (preflights included). */
  readonly requests: number;
  /** Those requests by route. */
  readonly byRoute: Record<string, number>;
  /** `/health` probes (and their preflights), apart. */
  readonly health: number;
  /** The API's time on the counted requests, summed. */
  readonly serverMs: number;
  /** Their responses' bytes, summed. */
  readonly bytes: number;
}

const HEALTH = /^[A-Z]+ health$/;

export class RequestLog {
  readonly #done: ApiRequest[] = [];

  constructor(server: Server) {
    server.on("request", (req, res) => {
      const started = performance.now();
      // Requests on one connection come one after another (HTTP/1.1), so the bytes the socket
      // wrote meanwhile are this response's.
      const written = req.socket.bytesWritten;
      const path = new URL(req.url ?? "/", "http://x").pathname
        .replace(/^\/api\//, "")
        .replace(/^databases\/[^/]+/, "databases/{db}");
      res.once("finish", () => {
        this.#done.push({
          route: `${req.method ?? "GET"} ${path}`,
          ms: performance.now() - started,
          bytes: req.socket.bytesWritten - written,
        });
      });
    });
  }

  /** A mark to count from: the requests answered so far. */
  mark(): number {
    return this.#done.length;
  }

  /** The requests answered since `mark`. */
  since(mark: number): RequestCount {
    const count = {
      requests: 0,
      byRoute: {} as Record<string, number>,
      health: 0,
      serverMs: 0,
      bytes: 0,
    };
    for (const r of this.#done.slice(mark)) {
      if (HEALTH.test(r.route)) {
        count.health++;
        continue;
      }
      count.requests++;
      count.byRoute[r.route] = (count.byRoute[r.route] ?? 0) + 1;
      count.serverMs += r.ms;
      count.bytes += r.bytes;
    }
    return { ...count, serverMs: Math.round(count.serverMs) };
  }
}
