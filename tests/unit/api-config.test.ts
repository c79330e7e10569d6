/** The API's settings: local defaults, and no defaults under the Azure Functions runtime. */
import { FUNCTIONS_RUNTIME_VARIABLES, loadConfig } from "../../api/src/config";

const ENTRA = {
  BCM_AUTH: "entra",
  BCM_ENTRA_ISSUER: "https://login.microsoftonline.com/72F988BF-86F1-41AF-91AB-2D7CD011DB47/v2.0",
  BCM_ENTRA_AUDIENCE: "6e2b4c0a-1f3d-4e5a-9b7c-8d9e0f1a2b3c",
  BCM_ENTRA_JWKS_URL: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
};

describe("loadConfig", () => {
  it("defaults to dev sign-in and the local add-in's origin outside the Functions runtime", () => {
    const config = loadConfig({});
    expect(config.auth).toBe("dev");
    expect([...config.allowedOrigins]).toEqual(["https://localhost:3000"]);
  });

  it.each(FUNCTIONS_RUNTIME_VARIABLES)("under %s: BCM_AUTH is required", (marker) => {
    expect(() => loadConfig({ [marker]: "x", BCM_ALLOWED_ORIGINS: "https://a.example" })).toThrow(
      /^Setting BCM_AUTH is required under the Azure Functions runtime/,
    );
  });

  it("refuses dev sign-in under the runtime's variables, and when the entry point says so", () => {
    const origins = { BCM_ALLOWED_ORIGINS: "https://a.example" };
    expect(() => loadConfig({ WEBSITE_INSTANCE_ID: "1", BCM_AUTH: "dev", ...origins })).toThrow(
      /^Setting BCM_AUTH=dev is refused.*\(WEBSITE_INSTANCE_ID is set\)/,
    );
    expect(() => loadConfig({ BCM_AUTH: "dev", ...origins }, { functionsRuntime: true })).toThrow(
      /^Setting BCM_AUTH=dev is refused/,
    );
  });

  it("requires BCM_ALLOWED_ORIGINS under the runtime (no localhost default)", () => {
    expect(() => loadConfig({ WEBSITE_SITE_NAME: "bcm", ...ENTRA })).toThrow(
      /^Setting BCM_ALLOWED_ORIGINS is required/,
    );
    expect(() =>
      loadConfig({ WEBSITE_SITE_NAME: "bcm", ...ENTRA, BCM_ALLOWED_ORIGINS: " " }),
    ).toThrow(/^Setting BCM_ALLOWED_ORIGINS is required/);
    const config = loadConfig({
      WEBSITE_SITE_NAME: "bcm",
      ...ENTRA,
      BCM_ALLOWED_ORIGINS: "https://contacts.contoso.com/",
    });
    expect([...config.allowedOrigins]).toEqual(["https://contacts.contoso.com"]);
    expect(config.entra).toEqual({
      issuer: ENTRA.BCM_ENTRA_ISSUER,
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      audience: ENTRA.BCM_ENTRA_AUDIENCE,
      jwksUrl: ENTRA.BCM_ENTRA_JWKS_URL,
      scope: "access_as_user",
    });
  });

  it.each([
    ["BCM_ENTRA_JWKS_URL", { BCM_ENTRA_JWKS_URL: "http://keys.example/keys" }, /https/],
    ["BCM_ENTRA_ISSUER", { BCM_ENTRA_ISSUER: "http://login.example/t/v2.0" }, /https/],
    [
      "BCM_ENTRA_ISSUER",
      { BCM_ENTRA_ISSUER: "https://login.microsoftonline.com/common/v2.0" },
      /tenant/,
    ],
    ["BCM_ENTRA_AUDIENCE", { BCM_ENTRA_AUDIENCE: undefined }, /required/],
    ["BCM_ENTRA_SCOPE", { BCM_ENTRA_SCOPE: "a b" }, /one scope/],
  ])("checks the Entra settings: %s", (name, change, message) => {
    const run = () => loadConfig({ ...ENTRA, ...change });
    expect(run).toThrow(new RegExp(`^Setting ${name}`));
    expect(run).toThrow(message);
  });
});
