/**
 * The infrastructure (infra/) gives the Function app exactly the settings the API reads in
 * Azure (api/src/config.ts), and the deployment's outputs every setting the add-in's production
 * build needs (scripts/build-settings.cjs); no key and no secret anywhere.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { AZURE_SETTING_NAMES, LOCAL_ONLY_SETTINGS } from "../../../api/src/config";
import { appSettings, outputs, readInfra, INFRA } from "./bicep-source";

/** The Functions host's and Application Insights' own settings, and why each is there. */
const HOST_SETTINGS: Record<string, string> = {
  AzureWebJobsStorage__accountName: "the host's storage, reached by identity",
  AzureWebJobsStorage__credential: "by the managed identity",
  AzureWebJobsStorage__clientId: "the user-assigned identity",
  APPLICATIONINSIGHTS_CONNECTION_STRING: "where telemetry goes (not a secret: local auth is off)",
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "telemetry sent with the identity's token",
};

const { NAMES: BUILD_SETTINGS } = createRequire(__filename)(
  "../../../scripts/build-settings.cjs",
) as { NAMES: string[] };

describe("the Function app's settings", () => {
  const settings = appSettings();
  const names = [...settings.keys()];

  it("are the settings the API reads in Azure: none missing, none unknown", () => {
    const ours = names.filter((n) => n.startsWith("BCM_"));
    expect({
      missing: AZURE_SETTING_NAMES.filter((n) => !ours.includes(n)),
      unknown: ours.filter((n) => !(AZURE_SETTING_NAMES as readonly string[]).includes(n)),
    }).toEqual({ missing: [], unknown: [] });
    expect(names.filter((n) => !n.startsWith("BCM_")).sort()).toEqual(
      Object.keys(HOST_SETTINGS).sort(),
    );
  });

  it("sign in with Entra ID and reach storage by its endpoint, never a connection string", () => {
    expect(settings.get("BCM_AUTH")).toBe("'entra'");
    for (const name of LOCAL_ONLY_SETTINGS) expect(names).not.toContain(name);
    expect(settings.get("BCM_STORAGE_TABLE_ENDPOINT")).toMatch(/primaryEndpoints\.table/);
    expect(settings.get("BCM_STORAGE_CLIENT_ID")).toMatch(/identity\.properties\.clientId/);
  });

  it("hold no key or secret, and no file in infra/ reads one", () => {
    for (const [name, value] of settings) {
      expect({ name, value }).not.toEqual({
        name,
        value: expect.stringMatching(/listKeys|AccountKey|secret/i),
      });
    }
    for (const file of readdirSync(INFRA)) {
      expect({ file, text: readInfra(file) }).not.toEqual({
        file,
        text: expect.stringMatching(/listKeys\(|AccountKey=|SharedAccessSignature|@secure\(\)/),
      });
    }
  });
});

describe("the infrastructure", () => {
  const resources = readInfra("resources.bicep");

  it("outputs every setting the add-in's production build needs", () => {
    const built = outputs();
    expect(BUILD_SETTINGS.filter((n) => !built.includes(n))).toEqual([]);
  });

  it("keeps the storage account closed to keys, plain HTTP and public blobs", () => {
    for (const property of [
      "allowSharedKeyAccess: false",
      "minimumTlsVersion: 'TLS1_2'",
      "supportsHttpsTrafficOnly: true",
      "allowBlobPublicAccess: false",
    ]) {
      expect(resources).toContain(property);
    }
  });

  it("runs the API on Flex Consumption, Node 22, HTTPS only, with its managed identity", () => {
    expect(resources).toMatch(/sku:\s*\{\s*name:\s*'FC1',\s*tier:\s*'FlexConsumption'\s*\}/);
    expect(resources).toMatch(/runtime:\s*\{\s*name:\s*'node',\s*version:\s*'22'\s*\}/);
    expect(resources).toContain("httpsOnly: true");
    expect(resources).toMatch(/type:\s*'UserAssignedIdentity'/);
  });
});
