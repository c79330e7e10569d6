/**
 * The pages the browser benchmarks load, built by webpack.config.js into a temporary folder and
 * served over HTTP on 127.0.0.1:
 *
 * - `production/`: the add-in as `npm run build` makes it (production mode, no harness, no
 *   source maps, Entra sign-in; the settings it requires are given as placeholders), measured
 *   for its size only. It is built apart so that `dist/` is left alone.
 * - `pages/`: the same production-mode build, but with the browser harness kept (webpack.config.js
 *   keeps the harness in development builds only, and a development build is larger and
 *   slower) and minified by esbuild, plus the benchmark's own client page and pane probe. The
 *   pane runs from here.
 *
 * The server answers `Cache-Control: no-cache` with an ETag, as a static host does: a reload
 * revalidates each script and the browser keeps its compiled code. It serves office.js from
 * its npm package, as the development server does, instead of the build copying it: in
 * production mode webpack would minify its 86 MB (twenty minutes here).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import CopyWebpackPlugin from "copy-webpack-plugin";
import { EsbuildPlugin } from "esbuild-loader";
import HtmlWebpackPlugin from "html-webpack-plugin";
import webpack from "webpack";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require("../webpack.config.js") as (
  env: unknown,
  argv: { mode: string },
) => webpack.Configuration;

export interface BenchPages {
  /** `http://127.0.0.1:<port>`: the API must allow it (CORS). */
  readonly origin: string;
  /**
   * The production build's folder (what `npm run build` writes to `dist/`), built only when
   * asked for (`production`: the pane's sizes need it, the others do not).
   */
  readonly productionDir: string;
  /** The folder the pages are served from (the pane runs from here). */
  readonly pagesDir: string;
  /** The pane probe's script, for `BrowserContext.addInitScript({ path })`. */
  readonly probeScript: string;
  close(): Promise<void>;
}

/** For the size-only production build: a deployment's settings, naming no real host. */
const SIZE_ONLY_SETTINGS = {
  BCM_ADDIN_URL: "https://addin.bench.invalid",
  BCM_API_URL: "https://api.bench.invalid/api",
  BCM_PANE_AUTH: "naa",
  BCM_ENTRA_CLIENT_ID: "00000000-0000-0000-0000-000000000000",
  BCM_API_SCOPE: "api://bench/access_as_user",
};

const OFFICE_JS = resolve(__dirname, "../node_modules/@microsoft/office-js/dist");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
};

export async function buildBenchPages(
  options: { production: boolean } = { production: true },
): Promise<BenchPages> {
  const root = mkdtempSync(join(tmpdir(), "bcm-bench-web-"));
  const productionDir = join(root, "production");
  const pagesDir = join(root, "pages");
  try {
    // Measured for its size only, never loaded: settings of the shape production requires,
    // given explicitly (a production build refuses to build without them).
    const production = makeConfig(SIZE_ONLY_SETTINGS, { mode: "production" });
    production.output = { ...production.output, path: productionDir };

    // A development build (the harness, the dev sign-in, any local API), made in production mode.
    const pages = makeConfig({}, { mode: "development" });
    pages.mode = "production";
    pages.devtool = false;
    // esbuild minifies in seconds what terser takes minutes for, and only the production build's
    // size is measured.
    pages.optimization = {
      ...pages.optimization,
      // BCM_BENCH_TRACE keeps the names, for the traces (bench/pane.ts) to be read.
      minimizer: [
        new EsbuildPlugin(
          process.env.BCM_BENCH_TRACE
            ? { target: "es2022", minify: false, minifyWhitespace: true, minifySyntax: true }
            : { target: "es2022" },
        ),
      ],
    };
    pages.output = { ...pages.output, path: pagesDir };
    pages.entry = {
      ...(pages.entry as Record<string, string>),
      "bench-client": resolve(__dirname, "client-page.ts"),
      "bench-probe": resolve(__dirname, "pane-probe.ts"),
    };
    // The pane's pages need none of the copied files but office.js, served from its package.
    pages.plugins = [
      ...(pages.plugins ?? []).filter((p) => !(p instanceof CopyWebpackPlugin)),
      new HtmlWebpackPlugin({
        filename: "bench-client.html",
        title: "Sync engine benchmark",
        chunks: ["bench-client"],
      }),
    ];

    const started = performance.now();
    await compile(options.production ? [production, pages] : [pages]);
    console.log(
      `Built the add-in's pages in ${Math.round((performance.now() - started) / 1000)} s.`,
    );

    const probe = /^bench-probe\.[0-9a-f]+\.js$/;
    const probeScript = readdirSync(pagesDir).find((f) => probe.test(f));
    if (!probeScript) throw new Error("the build has no bench-probe script");

    const server = serve([
      { prefix: "/office-js/", dir: OFFICE_JS },
      { prefix: "/", dir: pagesDir },
    ]);
    await new Promise<void>((done, fail) => {
      server.once("error", fail);
      server.listen(0, "127.0.0.1", done);
    });
    const { port } = server.address() as AddressInfo;
    return {
      origin: `http://127.0.0.1:${port}`,
      productionDir,
      pagesDir,
      probeScript: join(pagesDir, probeScript),
      close: () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }).finally(() => rmSync(root, { recursive: true, force: true })),
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

function compile(configs: webpack.Configuration[]): Promise<void> {
  return new Promise((done, fail) => {
    webpack(configs, (error, stats) => {
      if (error) return fail(error);
      if (!stats || stats.hasErrors()) {
        return fail(new Error(stats?.toString("errors-only") ?? "webpack failed"));
      }
      done();
    });
  });
}

/** A static file server for folders mounted at URL prefixes, with ETags, revalidated on every load. */
function serve(mounts: readonly { prefix: string; dir: string }[]): Server {
  const etags = new Map<string, string>();
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const mount = mounts.find((m) => path.startsWith(m.prefix));
    const file = mount ? resolve(mount.dir, `.${path.slice(mount.prefix.length - 1)}`) : "";
    const isFile =
      mount !== undefined &&
      file.startsWith(mount.dir + sep) &&
      statSync(file, { throwIfNoEntry: false })?.isFile();
    if (!isFile || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(file);
    let etag = etags.get(file);
    if (!etag) {
      etag = `"${createHash("sha1").update(body).digest("hex")}"`;
      etags.set(file, etag);
    }
    const headers = {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      etag,
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, "content-length": String(body.length) });
    res.end(req.method === "HEAD" ? undefined : body);
  });
}
