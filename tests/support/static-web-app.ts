/**
 * Stand-ins for the two https hosts of a deployment, on this machine: the add-in's files served
 * as Azure Static Web Apps serves them from the build's staticwebapp.config.json (its
 * `globalHeaders` on every answer, errors included), and the API's https front (Azure's front
 * end before the Functions host), which passes requests on to the local host. Both listen on
 * 127.0.0.1 with a certificate of the test's own; the browser reaches them by the deployment's
 * names (browser.ts maps the names to 127.0.0.1).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { DevCerts } from "../../scripts/certs";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export interface HttpsHost {
  readonly port: number;
  close(): Promise<void>;
}

async function listen(server: Server, port: number): Promise<HttpsHost> {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Serves `dir` (a production build) with the headers of its staticwebapp.config.json. Only
 * `globalHeaders` is understood: a configuration with more would be served wrongly here, so it
 * is refused.
 */
export function serveStaticWebApp(dir: string, certs: DevCerts, port = 0): Promise<HttpsHost> {
  const config = JSON.parse(readFileSync(join(dir, "staticwebapp.config.json"), "utf8")) as {
    globalHeaders?: Record<string, string>;
  };
  const unknown = Object.keys(config).filter((key) => key !== "globalHeaders");
  if (unknown.length > 0)
    throw new Error(`staticwebapp.config.json: not served here: ${unknown.join()}`);
  const headers = config.globalHeaders ?? {};
  const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "https://x").pathname));
    const file = join(dir, path === sep ? "index.html" : path);
    const found = file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile();
    res.writeHead(found ? 200 : 404, {
      ...headers,
      "content-type": found ? (TYPES[extname(file)] ?? "application/octet-stream") : "text/plain",
    });
    res.end(found ? readFileSync(file) : "Not found");
  });
  return listen(server, port);
}

/** An https front for the http API at `target` (`http://127.0.0.1:<port>`). */
export function httpsFront(target: string, certs: DevCerts, port = 0): Promise<HttpsHost> {
  const to = new URL(target);
  const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    // The local host answers only to loopback names: the front names its target, as Azure's does.
    const forward = httpRequest(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  return listen(server, port);
}
