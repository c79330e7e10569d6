/**
 * The task pane in the browser harness, for the e2e tests: where the stack runs, opening the
 * harness (as the sample user or a user of the test's own, on a new database of their own),
 * and axe-core's findings.
 */
import axe from "axe-core";
import type { Frame, FrameLocator, Page } from "playwright-core";
import type { BrowserSession } from "./browser";
import { openBrowser, screenshot } from "./browser";
import type { create, Member } from "./db";
import { Client, newDatabase, newMember } from "./db";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through jest's e2e project`);
  return value;
}

/** The dev server of the stack the e2e global setup started. */
export const webUrl = () => env("BCM_TEST_WEB_URL");
/** Its API. */
export const apiUrl = () => env("BCM_TEST_WEB_API_URL");

/**
 * One browser for a test file: opened before its tests, once the dev server has built the
 * pages (it builds them on first use, and again when a file changes), closed after them, and
 * no uncaught error in any of its pages during each test. `opened` receives it.
 */
export function browserPerFile(opened: (session: BrowserSession) => void): void {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await openBrowser();
    opened(session);
    await session.page.goto(`${webUrl()}/harness.html`, { timeout: 240_000 });
  }, 300_000);
  afterAll(async () => {
    await session?.close();
  });
  // Each test answers for the errors raised while it ran, not for an earlier test's.
  let before = 0;
  beforeEach(() => {
    before = session?.pageErrors.length ?? 0;
  });
  afterEach(() => {
    expect(session?.pageErrors.slice(before)).toEqual([]);
  });
}

/** The task pane's frame in the harness. */
export function pane(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Task pane"]');
}

export interface HarnessOptions {
  /** Another API than the stack's. */
  readonly api?: string;
  /** Outlook's user (an address of the test's own, so that its databases are its own). */
  readonly user?: string;
  readonly userName?: string;
  /** A Graph of the test's own for "Find e-mails" (scripts/dev-graph.ts). */
  readonly graph?: string;
}

/** Opens the harness (by default as the sample user, against the stack's API). */
export async function openHarness(
  session: BrowserSession,
  options: HarnessOptions = {},
): Promise<FrameLocator> {
  const query = new URLSearchParams();
  if (options.api) query.set("api", options.api);
  if (options.user) query.set("user", options.user);
  if (options.userName) query.set("userName", options.userName);
  if (options.graph) query.set("graph", options.graph);
  const search = query.size > 0 ? `?${query.toString()}` : "";
  // Not "load": that waits for both frames and every script, which a busy machine stretches;
  // the tests wait for what they look for anyway.
  await session.page.goto(`${webUrl()}/harness.html${search}`, { waitUntil: "domcontentloaded" });
  return pane(session.page);
}

/**
 * A new user with a database of their own ("<name> database") holding `records`, and the pane
 * open on it. `beforeOpening` runs first, on the add-in's origin (to set a preference, say).
 */
export async function openNewDatabase(
  session: BrowserSession,
  name: string,
  records: ReturnType<typeof create>[] = [],
  options: {
    userName?: string;
    graph?: string;
    beforeOpening?: (db: string) => Promise<void>;
  } = {},
): Promise<{ frame: FrameLocator; member: Member; db: string }> {
  const member = await newMember(name);
  const db = await newDatabase(member, `${name} database`);
  if (records.length > 0) {
    const reply = await new Client(db, member).push(records);
    const refused = reply.body.results.filter((r) => r.status !== "applied");
    if (refused.length > 0) throw new Error(`records refused: ${JSON.stringify(refused)}`);
  }
  await options.beforeOpening?.(db);
  const frame = await openHarness(session, {
    user: member.email,
    userName: options.userName ?? "Test User",
    ...(options.graph ? { graph: options.graph } : {}),
  });
  // The machine running the tests may be busy: the first sync can take a while.
  await frame
    .getByRole("heading", { name: `${name} database` })
    .waitFor({ timeout: 60_000 })
    .catch(async (error: unknown) => {
      // Say what the pane showed instead, so that a failure can be read.
      const shown = await frame
        .locator("body")
        .innerText({ timeout: 5_000 })
        .catch(() => "(nothing)");
      await screenshot(session.page, `open-${name}-failed`).catch(() => undefined);
      throw new Error(`${String(error)}\nThe pane showed:\n${shown}`);
    });
  return { frame, member, db };
}

/**
 * Waits until the pane's dialogs and drawers are still: their animations (opening, sliding in)
 * ended, and each one in view where it stays. Axe judges what the user is left with, not a
 * frame of an animation (a surface still growing, its content clipped meanwhile). Other
 * animations are not waited for: a toast's timer is one, and its end dismisses the toast.
 */
export async function settled(frame: Frame): Promise<void> {
  const dialogs = '[role="dialog"], [role="alertdialog"]';
  await frame.evaluate(
    (selector) =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => {
            const target = a.effect instanceof KeyframeEffect ? a.effect.target : null;
            return target?.closest(selector) && a.effect?.getComputedTiming().endTime !== Infinity;
          })
          .map((a) => a.finished.catch(() => undefined)),
      ),
    dialogs,
  );
  for (const surface of await frame.locator(dialogs).all()) {
    if (!(await surface.isVisible())) continue;
    await (await surface.elementHandle())?.waitForElementState("stable");
  }
}

/**
 * What axe-core finds wrong in the pane (WCAG 2 A/AA and best practice) at `minimum` impact
 * or above: every control and region must have an accessible name, headings and landmarks must
 * make sense. Tabster's focus sentinels (`data-tabster-dummy`: hidden, focusable elements that
 * Fluent's arrow-key groups use to hand focus on at once) are left out: axe reads them as
 * focusable content hidden from screen readers, which they are by design.
 */
export async function accessibilityViolations(
  page: Page,
  minimum: "minor" | "moderate" | "serious" | "critical" = "minor",
  /** Rules to leave out (each with the reason at the call). */
  skip: readonly string[] = [],
): Promise<string[]> {
  const paneFrame = page.frames().find((f) => f.url().includes("/taskpane.html"));
  if (!paneFrame) throw new Error("no task pane frame");
  await settled(paneFrame);
  await paneFrame.evaluate(axe.source);
  const impacts = ["minor", "moderate", "serious", "critical"];
  const found = await paneFrame.evaluate(async (skipped) => {
    const context = { include: [["html"]], exclude: [["[data-tabster-dummy]"]] };
    const results = await (window as unknown as { axe: typeof axe }).axe.run(context, {
      runOnly: ["wcag2a", "wcag2aa", "best-practice"],
      rules: Object.fromEntries(skipped.map((id) => [id, { enabled: false }])),
    });
    return results.violations.map((v) => ({
      impact: v.impact ?? "minor",
      text: `${v.id} (${v.impact ?? "?"}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    }));
  }, skip);
  return found
    .filter((v) => impacts.indexOf(v.impact) >= impacts.indexOf(minimum))
    .map((v) => v.text);
}

/** Waits until the pane sent every change (the status bar says so). */
export async function allSent(frame: FrameLocator): Promise<void> {
  await frame.getByText("No changes waiting").waitFor({ timeout: 30_000 });
}

/** Polls (every 0.5 s, at most 30 times) until `check` holds for what `read` returns. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (check(value) || attempt >= 30) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
