/**
 * Chromium for the browser tests: Debian's build driven by playwright-core, a fresh profile per
 * session, the dev server's self-signed certificate accepted, and no request leaving this
 * machine (office.js tries to load telemetry from Microsoft's servers; the tests run offline).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.BCM_CHROMIUM ?? "/usr/bin/chromium";
const RESULTS = resolve(__dirname, "../../test-results");
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors of any page or frame, for a test to assert there were none. */
  readonly pageErrors: readonly string[];
  /** Requests to other hosts that were refused. */
  readonly blocked: readonly string[];
  close(): Promise<void>;
}

/** What a session's pages said (console, failed and refused requests), newest last. */
interface Trail {
  readonly page: Page;
  readonly lines: string[];
}

const TRAIL_LINES = 60;
const openTrails = new Set<Trail>();

function keep(trail: Trail, line: string): void {
  trail.lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  if (trail.lines.length > TRAIL_LINES) trail.lines.shift();
}

/**
 * Called by the e2e test environment (tests/support/e2e-environment.ts) when a test failed:
 * prints what each open browser's pages said lately and the text they show, and saves a
 * screenshot, so that a failure on CI can be understood from its log.
 */
async function explainFailure(testName: string): Promise<void> {
  for (const trail of openTrails) {
    const shown = await Promise.all(
      trail.page.frames().map((frame) =>
        frame
          .evaluate(() => document.body?.innerText ?? "")
          .then((text) => `[${frame.name() || frame.url()}]\n${text.slice(0, 2_000)}`)
          .catch(() => ""),
      ),
    );
    const path = await screenshot(trail.page, `failed-${testName}`).catch(() => "none");
    console.error(
      [
        `The browser when "${testName}" failed (screenshot: ${path})`,
        "— what its pages said lately:",
        ...trail.lines,
        "— what they show:",
        ...shown.filter(Boolean),
      ].join("\n"),
    );
  }
}
(globalThis as { bcmExplainFailure?: typeof explainFailure }).bcmExplainFailure = explainFailure;

/**
 * `hosts`: names of the test's own that resolve to 127.0.0.1 (a deployment's names, for a
 * production build that refuses localhost), and are let through like this machine's.
 */
export async function openBrowser(
  options: { hosts?: readonly string[] } = {},
): Promise<BrowserSession> {
  const hosts = options.hosts ?? [];
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run "bash scripts/install-system-deps.sh", or set BCM_CHROMIUM to a Chromium binary.`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...(hosts.length > 0
        ? [`--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1`).join(", ")}`]
        : []),
    ],
  });
  try {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1100, height: 800 },
    });
    const blocked: string[] = [];
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      const local =
        LOCAL_HOSTS.has(url.hostname) ||
        hosts.includes(url.hostname) ||
        url.protocol === "data:" ||
        url.protocol === "blob:";
      if (local) {
        await route.continue();
      } else {
        blocked.push(url.href);
        await route.abort("blockedbyclient");
      }
    });
    const pageErrors: string[] = [];
    const page = await context.newPage();
    const trail: Trail = { page, lines: [] };
    openTrails.add(trail);
    page.on("pageerror", (error) => {
      pageErrors.push(error.message);
      keep(trail, `uncaught: ${error.message}`);
    });
    page.on("console", (message) => keep(trail, `console.${message.type()}: ${message.text()}`));
    page.on("requestfailed", (request) =>
      keep(
        trail,
        `no answer: ${request.method()} ${request.url()} (${request.failure()?.errorText})`,
      ),
    );
    page.on("response", (response) => {
      if (response.status() >= 400)
        keep(trail, `${response.status()}: ${response.request().method()} ${response.url()}`);
    });
    return {
      browser,
      context,
      page,
      pageErrors,
      blocked,
      close: () => {
        openTrails.delete(trail);
        return browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Saves a full-page screenshot as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name.replace(/[^A-Za-z0-9_-]+/g, "-")}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
