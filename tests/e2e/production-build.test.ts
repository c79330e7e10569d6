/**
 * The production add-in: `webpack --mode production` with a deployment's settings, served with
 * the headers of the staticwebapp.config.json it writes (its CSP included), running in Chromium
 * against the production API bundle in Entra mode (tests/support/production-stack.ts). Outlook
 * is a stand-in served in place of office.js (tests/support/fake-outlook.ts): its mailbox, its
 * requirement check, and its NAA broker handing out the test tenant's tokens to MSAL. The
 * pane's code is the build's, unchanged: it has no test hook to sign in another way.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { checkManifest, RIBBON_FUNCTIONS, REPO_ROOT } from "../../scripts/manifest-check";
import { openBrowser, screenshot, type BrowserSession } from "../support/browser";
import { Client, create } from "../support/db";
import { call, uniqueEmail } from "../support/http";
import type { FakeOutlookOptions } from "../support/fake-outlook";
import {
  ADDIN_HOST,
  API_HOST,
  brokerAnswer,
  fakeOutlookScript,
  startProductionStack,
  type BrokerRequest,
  type ProductionStack,
} from "../support/production-stack";

// Plain CommonJS, without type declarations, hence the typed require.
const { OFFICE_JS_HOST } = createRequire(__filename)("../../scripts/build-settings.cjs") as {
  OFFICE_JS_HOST: string;
};

let stack: ProductionStack;
let officeJs: string;

beforeAll(async () => {
  [stack, officeJs] = await Promise.all([startProductionStack(), fakeOutlookScript()]);
}, 600_000);
afterAll(async () => {
  await stack?.close();
});

/** What a page did that the test looks at afterwards. */
interface Watch {
  readonly requests: string[];
  readonly violations: string[];
  readonly consoleErrors: string[];
  readonly broker: BrokerRequest[];
}

/** A browser on the pane, inside the stand-in Outlook of `outlook`. */
async function openPane(
  outlook: FakeOutlookOptions,
): Promise<{ session: BrowserSession; page: Page; watch: Watch }> {
  const session = await openBrowser({ hosts: [ADDIN_HOST, API_HOST] });
  const { page } = session;
  const watch: Watch = { requests: [], violations: [], consoleErrors: [], broker: [] };
  page.on("request", (request) => watch.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") watch.consoleErrors.push(message.text());
  });
  await page.exposeFunction("__bcmViolation", (text: string) => watch.violations.push(text));
  await page.exposeFunction("__bcmBroker", (message: string) =>
    brokerAnswer(message, stack.tenant, outlook.user, watch.broker),
  );
  await page.addInitScript((options) => {
    const w = window as unknown as {
      __bcmFakeOutlook: unknown;
      __bcmViolation(text: string): void;
    };
    w.__bcmFakeOutlook = options;
    document.addEventListener("securitypolicyviolation", (event) =>
      w.__bcmViolation(`${event.violatedDirective} ${event.blockedURI}`),
    );
  }, outlook);
  // Microsoft's office.js host is not reachable from here: the stand-in answers for it.
  await page.route(`${OFFICE_JS_HOST}/lib/1/hosted/office.js`, (route) =>
    route.fulfill({ contentType: "text/javascript", body: officeJs }),
  );
  return { session, page, watch };
}

/** A user with a database of their own holding one contact, made through the API with Entra. */
async function userWithContact(name: string) {
  const user = { displayName: name, emailAddress: uniqueEmail("prod") };
  const token = await stack.tenant.signIn(user.emailAddress);
  const created = await call<{ id: string }>("/databases", {
    base: stack.api.url,
    token,
    body: { name: `${name}'s team` },
  });
  expect(created.status).toBe(201);
  const client = new Client(created.body.id, { email: user.emailAddress, token }, stack.api.url);
  const pushed = await client.push([
    create("contact", "ann", { givenName: "Ann", familyName: "Lee" }),
  ]);
  expect(pushed.status).toBe(200);
  return user;
}

test("the pane signs in through Outlook's broker and shows the shared contacts, the CSP blocking nothing", async () => {
  const user = await userWithContact("Megan Bowen");
  const { session, page, watch } = await openPane({ user, nestedAppAuth: true });
  try {
    const answer = await page.goto(`${stack.addinUrl}/taskpane.html`);
    // The host sent the build's headers: the policy the page's <meta> carries too.
    const hosting = JSON.parse(
      readFileSync(join(stack.dist, "staticwebapp.config.json"), "utf8"),
    ) as { globalHeaders: Record<string, string> };
    const headers = answer?.headers() ?? {};
    for (const [name, value] of Object.entries(hosting.globalHeaders)) {
      expect({ name, value: headers[name.toLowerCase()] }).toEqual({ name, value });
    }

    await page.getByText("Ann Lee").first().waitFor({ timeout: 60_000 });
    await page.getByText(`${user.displayName}'s team`).first().waitFor();
    await screenshot(page, "production-build-pane");
    // Browsers ask the host for /favicon.ico: the build ships the add-in's icon there.
    expect(readFileSync(join(stack.dist, "favicon.ico"))).toEqual(
      readFileSync(join(__dirname, "../../assets/favicon.ico")),
    );

    // Signed in by the broker, for the API's scope and the add-in's registration.
    const tokens = watch.broker.filter(
      (r) => r.method === "GetToken" || r.method === "GetTokenPopup",
    );
    expect(tokens.length).toBeGreaterThan(0);
    for (const request of tokens) {
      expect(request.tokenParams).toMatchObject({
        clientId: expect.any(String),
        scope: stack.scope,
      });
    }
    expect(watch.requests.some((url) => url.startsWith(`${stack.apiUrl}/me`))).toBe(true);
    // Never the dev sign-in, never Entra itself (the broker signs in), nothing blocked.
    expect(watch.requests.filter((url) => url.includes("/dev/token"))).toEqual([]);
    expect(
      watch.requests.filter((url) => new URL(url).hostname.endsWith("microsoftonline.com")),
    ).toEqual([]);
    expect(watch.violations).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expect(session.blocked).toEqual([]);
  } finally {
    await session.close();
  }
});

test("where Outlook lacks NAA the pane says what to do, and never signs in another way", async () => {
  const user = await userWithContact("Alex Wilber");
  const { session, page, watch } = await openPane({ user, nestedAppAuth: false });
  try {
    await page.goto(`${stack.addinUrl}/taskpane.html`);
    await page.getByText("This Outlook cannot sign you in").waitFor({ timeout: 60_000 });
    await expect(page.getByText(/ask your administrator/).count()).resolves.toBe(1);
    await screenshot(page, "production-build-no-naa");
    expect(watch.broker).toEqual([]);
    expect(watch.requests.filter((url) => url.includes("/dev/token"))).toEqual([]);
    expect(watch.requests.filter((url) => url.startsWith(`${stack.apiUrl}/me`))).toEqual([]);
    expect(watch.violations).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  } finally {
    await session.close();
  }
});

test("the build's manifest.xml points at the add-in's host and passes the manifest checks", () => {
  const manifest = readFileSync(join(stack.dist, "manifest.xml"), "utf8");
  expect(manifest).not.toContain("localhost");
  expect(manifest).toContain(`<AppDomain>${stack.addinUrl}</AppDomain>`);
  expect(
    checkManifest(manifest, {
      assetsDir: join(REPO_ROOT, "assets"),
      functionNames: RIBBON_FUNCTIONS,
    }),
  ).toEqual([]);
});
