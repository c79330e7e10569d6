/**
 * How the API reaches Table Storage: a connection string (Azurite), or in Azure the account's
 * table endpoint with the managed identity, never a key. The settings name themselves when wrong.
 */
import type { PipelineRequest } from "@azure/core-rest-pipeline";
import { ManagedIdentityCredential, type TokenCredential } from "@azure/identity";
import { loadConfig } from "../../api/src/config";
import { tableAccess } from "../../api/src/services";
import { StorageUnavailableError } from "../../api/src/storage/repository";
import { TableRepository } from "../../api/src/storage/table-repository";

const ENDPOINT = "https://bcmstore.table.core.windows.net";
const CLIENT_ID = "5b0f6a8e-2c41-4d7a-9e3b-1f2a3b4c5d6e";
/** The ENTRA settings a Function app needs besides storage. */
const AZURE = {
  WEBSITE_SITE_NAME: "bcm-api",
  BCM_AUTH: "entra",
  BCM_ALLOWED_ORIGINS: "https://contacts.contoso.com",
  BCM_ENTRA_ISSUER: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
  BCM_ENTRA_AUDIENCE: "6e2b4c0a-1f3d-4e5a-9b7c-8d9e0f1a2b3c",
  BCM_ENTRA_JWKS_URL: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
};

describe("storage settings", () => {
  it("uses Azurite's connection string when nothing is set", () => {
    expect(loadConfig({}).storage).toEqual({
      kind: "connectionString",
      connectionString: "UseDevelopmentStorage=true",
    });
  });

  it("takes the table endpoint (a trailing slash dropped) and the identity's client id", () => {
    const config = loadConfig({
      ...AZURE,
      BCM_STORAGE_TABLE_ENDPOINT: `${ENDPOINT}/`,
      BCM_STORAGE_CLIENT_ID: CLIENT_ID,
    });
    expect(config.storage).toEqual({ kind: "endpoint", endpoint: ENDPOINT, clientId: CLIENT_ID });
    expect(config.warnings).toEqual([]);
  });

  it.each([
    [
      "BCM_STORAGE_TABLE_ENDPOINT",
      { BCM_STORAGE_TABLE_ENDPOINT: "http://x.table.core.windows.net" },
      /https/,
    ],
    [
      "BCM_STORAGE_TABLE_ENDPOINT",
      { BCM_STORAGE_TABLE_ENDPOINT: `${ENDPOINT}/bcmdata` },
      /no path/,
    ],
    [
      "BCM_STORAGE_CLIENT_ID",
      { BCM_STORAGE_TABLE_ENDPOINT: ENDPOINT, BCM_STORAGE_CLIENT_ID: "me" },
      /GUID/,
    ],
    [
      "BCM_STORAGE_CLIENT_ID",
      { BCM_STORAGE_CLIENT_ID: CLIENT_ID },
      /without BCM_STORAGE_TABLE_ENDPOINT/,
    ],
    [
      "BCM_STORAGE_CONNECTION",
      {
        BCM_STORAGE_TABLE_ENDPOINT: ENDPOINT,
        BCM_STORAGE_CONNECTION: "UseDevelopmentStorage=true",
      },
      /both set/,
    ],
  ])("names %s when it is wrong", (name, change, message) => {
    const run = () => loadConfig({ ...AZURE, ...change });
    expect(run).toThrow(new RegExp(`^Setting ${name} `));
    expect(run).toThrow(message);
  });

  it("warns of a key in a connection string under the Functions runtime, not of Azurite's", () => {
    const keyed =
      "DefaultEndpointsProtocol=https;AccountName=bcmstore;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net";
    expect(loadConfig({ ...AZURE, BCM_STORAGE_CONNECTION: keyed }).warnings).toEqual([
      expect.stringMatching(
        /^Setting BCM_STORAGE_CONNECTION holds a key .*BCM_STORAGE_TABLE_ENDPOINT/,
      ),
    ]);
    const azurite =
      "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqF;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
    expect(loadConfig({ ...AZURE, BCM_STORAGE_CONNECTION: azurite }).warnings).toEqual([]);
    expect(loadConfig({ BCM_STORAGE_CONNECTION: keyed }).warnings).toEqual([]);
  });
});

describe("the credential", () => {
  it("is the managed identity with the endpoint, and none with a connection string", () => {
    const byEndpoint = tableAccess(
      loadConfig({
        ...AZURE,
        BCM_STORAGE_TABLE_ENDPOINT: ENDPOINT,
        BCM_STORAGE_CLIENT_ID: CLIENT_ID,
      }),
    );
    expect(byEndpoint).toEqual({
      endpoint: ENDPOINT,
      credential: expect.any(ManagedIdentityCredential),
    });
    expect(tableAccess(loadConfig({}))).toEqual({ connectionString: "UseDevelopmentStorage=true" });
  });

  /** What the repository sends for its first call, to an address where nothing answers. */
  async function firstRequests(
    access: { endpoint: string; credential: TokenCredential } | { connectionString: string },
  ): Promise<PipelineRequest[]> {
    const sent: PipelineRequest[] = [];
    const repo = new TableRepository({
      ...access,
      tablePrefix: "bcm",
      pingTimeoutMs: 2000,
      onRequest: (request) => sent.push(request),
    });
    await expect(repo.ping()).rejects.toBeInstanceOf(StorageUnavailableError);
    return sent;
  }

  it("signs requests to the endpoint with a token for Azure Storage, never a key", async () => {
    const scopes: string[] = [];
    const credential: TokenCredential = {
      getToken: (scope) => {
        scopes.push(...[scope].flat());
        return Promise.resolve({
          token: "token-from-identity",
          expiresOnTimestamp: Date.now() + 3.6e6,
        });
      },
    };
    const sent = await firstRequests({ endpoint: "https://127.0.0.1:9", credential });
    expect(new Set(scopes)).toEqual(new Set(["https://storage.azure.com/.default"]));
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      expect(request.url).toMatch(/^https:\/\/127\.0\.0\.1:9\//);
      expect(request.headers.get("authorization")).toBe("Bearer token-from-identity");
    }
  });

  it("signs requests with the account's key when given a connection string (Azurite)", async () => {
    const sent = await firstRequests({
      connectionString:
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0;TableEndpoint=https://127.0.0.1:9/acct",
    });
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      expect(request.url).toMatch(/^https:\/\/127\.0\.0\.1:9\/acct\//);
      expect(request.headers.get("authorization")).toMatch(/^SharedKey(Lite)? acct:/);
    }
  });
});
