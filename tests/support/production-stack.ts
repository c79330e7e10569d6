/**
 * A deployment on this machine, for the e2e test of the production build: the production API
 * bundle (api-bundle.ts) under the local host in Entra mode against an Azurite of its own,
 * behind an https front; the add-in built by `webpack --mode production` with the deployment's
 * settings into a temporary folder, served with its staticwebapp.config.json's headers
 * (static-web-app.ts); a test tenant (entra.ts) whose tokens a stand-in for Outlook's NAA broker
 * hands out (`brokerAnswer`, fake-outlook.ts). The hosts have names of their own, as in
 * production (a production build refuses localhost): the browser maps them to 127.0.0.1.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { makeDevCerts } from "../../scripts/certs";
import { freePort } from "../../scripts/azurite";
import { buildApiBundle } from "./api-bundle";
import { ADDIN_CLIENT_ID, AUDIENCE, SCOPE, TENANT, oidOf, startTenant, type Tenant } from "./entra";
import { httpsFront, serveStaticWebApp } from "./static-web-app";
import { startAzurite, type Running } from "./stack";

const ROOT = resolve(__dirname, "../..");
export const ADDIN_HOST = "addin.bcm.test";
export const API_HOST = "api.bcm.test";
const AUTHORITY_HOST = "login.microsoftonline.com";

export interface ProductionStack {
  /** The add-in's origin, as its pages and manifest name it. */
  readonly addinUrl: string;
  /** The API as the add-in calls it (https, through the front). */
  readonly apiUrl: string;
  /** The API bundle's local host itself (http on 127.0.0.1), for the test's own calls. */
  readonly api: Running;
  /** The production build. */
  readonly dist: string;
  readonly tenant: Tenant;
  /** The build's API scope, which the pane must ask the broker for. */
  readonly scope: string;
  close(): Promise<void>;
}

export async function startProductionStack(): Promise<ProductionStack> {
  const dir = mkdtempSync(join(tmpdir(), "bcm-production-"));
  const stops: Array<() => unknown> = [() => rmSync(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
  };
  try {
    const [webPort, apiPort] = [await freePort(), await freePort()];
    const addinUrl = `https://${ADDIN_HOST}:${webPort}`;
    const apiUrl = `https://${API_HOST}:${apiPort}/api`;
    const scope = `api://${AUDIENCE}/${SCOPE}`;
    const dist = join(dir, "dist");
    const [certs, azurite, tenant, bundle] = await Promise.all([
      makeDevCerts(join(dir, "certs")),
      startAzurite(),
      startTenant(),
      buildApiBundle(),
    ]);
    stops.push(
      () => azurite.dispose(),
      () => tenant.close(),
      () => bundle.dispose(),
    );
    const building = promisify(execFile)(
      process.execPath,
      [
        join(ROOT, "node_modules/webpack-cli/bin/cli.js"),
        "--mode",
        "production",
        "--output-path",
        dist,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          BCM_ADDIN_URL: addinUrl,
          BCM_API_URL: apiUrl,
          BCM_PANE_AUTH: "naa",
          BCM_ENTRA_CLIENT_ID: ADDIN_CLIENT_ID,
          BCM_ENTRA_AUTHORITY: `https://${AUTHORITY_HOST}/${TENANT}`,
          BCM_API_SCOPE: scope,
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const api = await tenant.startApi(
      {},
      { bundle: bundle.file, storage: azurite.connectionString, webOrigin: addinUrl },
    );
    stops.push(() => api.close());
    const front = await httpsFront(new URL(api.url).origin, certs, apiPort);
    stops.push(() => front.close());
    await building;
    const web = await serveStaticWebApp(dist, certs, webPort);
    stops.push(() => web.close());
    return { addinUrl, apiUrl, api, dist, tenant, scope, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The script served in place of office.js: fake-outlook.ts for the browser. */
export async function fakeOutlookScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { installFakeOutlook } from "./fake-outlook"; installFakeOutlook(window);`,
      resolveDir: __dirname,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "warning",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild wrote no script");
  return file.text;
}

/** A request MSAL sends over the NAA bridge (the part the broker reads). */
export interface BrokerRequest {
  readonly messageType: string;
  readonly method: string;
  readonly requestId: string;
  readonly tokenParams?: { readonly clientId?: string; readonly scope?: string };
}

/**
 * Outlook's broker, answering MSAL over the NAA bridge for `user` with `tenant`'s tokens: the
 * bridge's context (the signed-in account), and for a token request an access token for the
 * API and an ID token for the add-in. Requests are kept in `seen`.
 */
export async function brokerAnswer(
  message: string,
  tenant: Tenant,
  user: { displayName: string; emailAddress: string },
  seen: BrokerRequest[],
): Promise<string> {
  const request = JSON.parse(message) as BrokerRequest;
  seen.push(request);
  const oid = oidOf(user.emailAddress);
  const account = {
    homeAccountId: `${oid}.${TENANT}`,
    environment: AUTHORITY_HOST,
    tenantId: TENANT,
    localAccountId: oid,
    username: user.emailAddress,
    name: user.displayName,
  };
  const reply = { messageType: "NestedAppAuthResponse", requestId: request.requestId };
  switch (request.method) {
    case "GetInitContext":
      return JSON.stringify({
        ...reply,
        success: true,
        initContext: {
          sdkName: "bcm-test-broker",
          sdkVersion: "1.0.0",
          capabilities: { queryAccount: false },
          accountContext: {
            homeAccountId: account.homeAccountId,
            environment: AUTHORITY_HOST,
            tenantId: TENANT,
          },
        },
      });
    case "GetToken":
    case "GetTokenPopup": {
      const claims = { oid, preferred_username: user.emailAddress, name: user.displayName };
      return JSON.stringify({
        ...reply,
        success: true,
        token: {
          access_token: await tenant.signIn(user.emailAddress),
          id_token: await tenant.token(claims, { audience: ADDIN_CLIENT_ID }),
          expires_in: 3600,
          scope: request.tokenParams?.scope ?? "",
          token_type: "Bearer",
        },
        account,
      });
    }
    default:
      return JSON.stringify({
        ...reply,
        success: false,
        error: {
          status: "NESTED_APP_AUTH_UNAVAILABLE",
          description: `${request.method}: not here`,
        },
      });
  }
}
