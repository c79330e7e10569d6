/**
 * The production API bundle (api/dist/index.js as `npm run build` makes it: what Azure Functions
 * runs), loaded as the Functions worker loads it and served by the local host in Entra mode,
 * against Azurite, with tokens signed by a test key set (tests/support/entra.ts). It registers
 * every deployed route of the table and nothing else, refuses the dev sign-in, and passes the
 * protocol's API tests: create database, push, pull, members and sync sets, bad input. Those
 * tests are the same files the api project runs against the source (required below, with
 * `useApi` pointing their calls at the bundle and signing their users in with Entra tokens).
 */
import { ROUTES, type Route } from "../../src/shared/routes";
import { buildApiBundle, type ApiBundle } from "../support/api-bundle";
import type { RegisteredRoute } from "../support/bundle-host";
import { startTenant, type Tenant } from "../support/entra";
import { call, signIn, uniqueEmail, useApi } from "../support/http";
import type { Running } from "../support/stack";

let bundle: ApiBundle;
let tenant: Tenant;
let api: Running;

beforeAll(async () => {
  [bundle, tenant] = await Promise.all([buildApiBundle(), startTenant()]);
  api = await tenant.startApi({}, { bundle: bundle.file });
  useApi(api.url, (email) => tenant.signIn(email));
}, 120_000);
afterAll(async () => {
  await api?.close();
  await tenant?.close();
  bundle?.dispose();
});

describe("the production API bundle", () => {
  it("registers every deployed route of the table with the Functions runtime, anonymous, with OPTIONS", () => {
    const line = /^Registered: (.+)$/m.exec(api.output())?.[1];
    if (!line) throw new Error(`the bundle host printed no registrations:\n${api.output()}`);
    const registered = (JSON.parse(line) as RegisteredRoute[]).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    const deployed = Object.values<Route>(ROUTES)
      .filter((route) => !("localOnly" in route))
      .map((route) => ({
        name: route.name,
        methods: [route.method, "OPTIONS"],
        route: route.path,
        authLevel: "anonymous",
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(registered).toEqual(deployed);
  });

  it("has no dev sign-in: POST /dev/token is no route, and a dev-mode token is refused", async () => {
    expect((await call("/dev/token", { body: { email: uniqueEmail() } })).status).toBe(404);
    const devToken = await signIn(uniqueEmail(), process.env.BCM_TEST_API_URL);
    expect((await call("/me", { token: devToken })).status).toBe(401);
    expect((await call("/me", { token: await tenant.signIn(uniqueEmail()) })).status).toBe(200);
  });

  it("will not start with the dev sign-in, naming the setting", async () => {
    await expect(tenant.startApi({ BCM_AUTH: "dev" }, { bundle: bundle.file })).rejects.toThrow(
      /BCM_AUTH=dev is refused under the Azure Functions runtime/,
    );
  });
});

// The protocol's API tests, through the bundle. Required here, inside a describe, so that their
// tests are this file's, run after its beforeAll has pointed `call` and `signIn` at the bundle.
describe("through the production bundle", () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  require("./databases.test");
  require("./push.test");
  require("./push-errors.test");
  require("./push-view.test");
  require("./sharing.test");
  /* eslint-enable @typescript-eslint/no-require-imports */
});
