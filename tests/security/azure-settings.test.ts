/**
 * A deployment that forgets a setting fails closed, at start: under the Azure Functions
 * runtime's variables the API refuses dev sign-in and a missing `BCM_AUTH` or
 * `BCM_ALLOWED_ORIGINS`, naming the setting, when `api/src/index.ts` (the Functions entry point)
 * loads; and `POST /dev/token` is never registered with Azure Functions.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { routes } from "../../api/src/routes";
import { call } from "../support/http";
import { startApiHost } from "../support/stack";

const ROOT = resolve(__dirname, "../..");
const ENTRA = {
  BCM_AUTH: "entra",
  BCM_ENTRA_ISSUER: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
  BCM_ENTRA_AUDIENCE: "api://bcm",
  BCM_ENTRA_JWKS_URL: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
  BCM_ALLOWED_ORIGINS: "https://contacts.contoso.com",
};
/** What Azure sets in a Function App (App Service plans), and what Core Tools sets locally. */
const AZURE = {
  WEBSITE_INSTANCE_ID: "6b1d0c9e2f",
  WEBSITE_SITE_NAME: "bcm-api",
  FUNCTIONS_WORKER_RUNTIME: "node",
};
const CORE_TOOLS = { FUNCTIONS_WORKER_RUNTIME: "node", FUNCTIONS_CORETOOLS_ENVIRONMENT: "true" };

/** Loads the Functions entry point in a fresh Node process with `env` (and no BCM_ settings of ours). */
function loadEntryPoint(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith("BCM_") && !(name in AZURE) && !(name in CORE_TOOLS),
    ),
  );
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "-e", 'require("./api/src/index.ts"); console.log("loaded");'],
      { cwd: ROOT, env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => done({ code, output }));
  });
}

describe("settings under the Azure Functions runtime", () => {
  it("has no /dev/token in the route table Azure Functions registers", () => {
    expect(routes.map((r) => r.path)).not.toContain("dev/token");
    expect(routes.map((r) => r.name)).not.toContain("dev-token");
  });

  it.each([
    ["BCM_AUTH missing", { ...AZURE, ...ENTRA, BCM_AUTH: "" }, /Setting BCM_AUTH is required/],
    ["BCM_AUTH=dev", { ...AZURE, ...ENTRA, BCM_AUTH: "dev" }, /Setting BCM_AUTH=dev is refused/],
    [
      "BCM_AUTH=dev under Core Tools",
      { ...CORE_TOOLS, BCM_AUTH: "dev" },
      /BCM_AUTH=dev is refused/,
    ],
    [
      "BCM_ALLOWED_ORIGINS missing",
      { ...AZURE, ...ENTRA, BCM_ALLOWED_ORIGINS: "" },
      /Setting BCM_ALLOWED_ORIGINS is required/,
    ],
    [
      "a key set over http",
      { ...AZURE, ...ENTRA, BCM_ENTRA_JWKS_URL: "http://login.example/keys" },
      /Setting BCM_ENTRA_JWKS_URL must be an https:\/\/ URL/,
    ],
  ])("fails to load with %s, naming the setting", async (_what, env, message) => {
    const { code, output } = await loadEntryPoint(env);
    expect(code).not.toBe(0);
    expect(output).toMatch(message);
    expect(output).not.toMatch(/^loaded$/m);
  });

  it("loads with entra sign-in and the add-in's origin, registering every route but /dev/token", async () => {
    const { code, output } = await loadEntryPoint({ ...AZURE, ...ENTRA });
    expect({ code, output }).toEqual({ code: 0, output: expect.stringMatching(/^loaded$/m) });
    // Outside the runtime, @azure/functions names each function it would register.
    const registered = [...output.matchAll(/register function "([^"]+)"/g)].map((m) => m[1]);
    expect(registered).toEqual(routes.map((r) => r.name));
    expect(registered).not.toContain("dev-token");
  });

  it("the local host, too, will not start with dev sign-in under the runtime's variables", async () => {
    await expect(
      startApiHost({
        storageConnection: process.env.BCM_TEST_STORAGE!,
        env: { WEBSITE_INSTANCE_ID: "6b1d0c9e2f", BCM_AUTH: "dev" },
      }),
    ).rejects.toThrow(/Setting BCM_AUTH=dev is refused/);
  });

  it("the local host serves /dev/token in dev mode (npm start, tests)", async () => {
    expect((await call("/dev/token", { body: { email: "a@contoso.test" } })).status).toBe(200);
  });
});
