// The add-in's Microsoft Entra app registration, made or brought up to date with the Azure CLI
// (`az`, signed in to the tenant: `az login`), so that it can run any number of times. azd runs
// it before provisioning (to learn the client id) and after (to add the add-in's address);
// docs/deploy.md says how to run it alone, or to do the same by hand in the portal.
//
// One registration is both the add-in (a single-page app signing in with nested app
// authentication) and the API (the audience of the tokens it asks for):
// - accounts in this tenant only (AzureADMyOrg), v2 access tokens;
// - the scope `access_as_user` on `api://<client id>`, which the add-in asks for;
// - SPA redirects `brk-multihub://<add-in host>` (nested app authentication: Outlook brokers
//   the sign-in for the add-in's origin) and the task pane's address (MSAL's popup, where
//   Outlook has no broker);
// - the permissions it needs (its own scope; Microsoft Graph's openid, profile,
//   offline_access, and Mail.ReadBasic for "Find e-mails": messages' subjects, dates and
//   people, never their text), for an administrator's consent: `--consent` grants it for the
//   tenant.
// No pre-authorized Office clients: with nested app authentication the add-in's own client id
// asks for the token, so Office's client ids (for the older getAccessToken SSO) do not apply.
//
//   node scripts/entra-app.cjs [--consent]
//
// Reads BCM_ENTRA_CLIENT_ID (an existing registration), BCM_ADDIN_URL (once known),
// BCM_ENTRA_APP_NAME or AZURE_ENV_NAME (the display name); under azd (AZURE_ENV_NAME set) it
// keeps the client id in the environment with `azd env set BCM_ENTRA_CLIENT_ID`.
"use strict";

const { execFileSync } = require("node:child_process");
const { randomUUID } = require("node:crypto");

const SCOPE = "access_as_user";
const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
/**
 * Microsoft Graph's delegated permissions: a sign-in's (OpenID Connect), and "Find e-mails"'s
 * read-only mail scope (src/auth/auth.ts, GRAPH_SCOPES).
 */
const GRAPH_SCOPES = {
  openid: "37f7f235-527c-4136-accd-4a02d197296e",
  profile: "14dad69e-099b-42c9-810b-d002981feec1",
  offline_access: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
  "Mail.ReadBasic": "a4b8392a-d8d1-4954-a029-8e668a39a170",
};

/**
 * The SPA redirect URIs for the add-in at `addinUrl`: the broker's (origin only, no path) and
 * the task pane's own page.
 * @param {string} addinUrl
 */
function redirectUris(addinUrl) {
  const url = new URL(addinUrl);
  if (url.protocol !== "https:") throw new Error(`BCM_ADDIN_URL must be https, got ${addinUrl}`);
  return [`brk-multihub://${url.host}`, `${url.origin}/taskpane.html`];
}

/**
 * The first PATCH of the application (Microsoft Graph): audience, token version, the exposed
 * scope (keeping its id when it exists, since consent is granted to the id) and, once the
 * add-in's address is known, the SPA redirects.
 * @param {{ appId: string, api?: { oauth2PermissionScopes?: Array<{ id: string, value: string }> } }} app
 * @param {string | undefined} addinUrl
 */
function applicationPatch(app, addinUrl) {
  const existing = app.api?.oauth2PermissionScopes?.find((s) => s.value === SCOPE);
  const patch = {
    signInAudience: "AzureADMyOrg",
    identifierUris: [`api://${app.appId}`],
    api: {
      requestedAccessTokenVersion: 2,
      oauth2PermissionScopes: [
        {
          id: existing?.id ?? randomUUID(),
          value: SCOPE,
          type: "User",
          isEnabled: true,
          adminConsentDisplayName: "Use Business Contact Manager",
          adminConsentDescription:
            "Lets the Business Contact Manager add-in reach the team's shared contact database as the signed-in user.",
          userConsentDisplayName: "Use Business Contact Manager",
          userConsentDescription:
            "Lets the Business Contact Manager add-in reach your team's shared contact database as you.",
        },
      ],
    },
  };
  if (addinUrl) patch.spa = { redirectUris: redirectUris(addinUrl) };
  return patch;
}

/**
 * The second PATCH: the permissions the add-in asks for, so that an administrator's consent
 * covers them. Its own scope must exist first (the first PATCH).
 * @param {string} appId
 * @param {string} scopeId
 */
function permissionsPatch(appId, scopeId) {
  return {
    requiredResourceAccess: [
      { resourceAppId: appId, resourceAccess: [{ id: scopeId, type: "Scope" }] },
      {
        resourceAppId: GRAPH_APP_ID,
        resourceAccess: Object.values(GRAPH_SCOPES).map((id) => ({ id, type: "Scope" })),
      },
    ],
  };
}

function az(args) {
  const out = execFileSync("az", [...args, "--only-show-errors", "--output", "json"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    shell: process.platform === "win32",
  });
  return out.trim() ? JSON.parse(out) : undefined;
}

function graphPatch(objectId, body) {
  az([
    "rest",
    "--method",
    "PATCH",
    "--url",
    `https://graph.microsoft.com/v1.0/applications/${objectId}`,
    "--headers",
    "Content-Type=application/json",
    "--body",
    JSON.stringify(body),
  ]);
}

function findOrCreate(clientId, name) {
  if (clientId) return az(["ad", "app", "show", "--id", clientId]);
  const found = az(["ad", "app", "list", "--display-name", name]) ?? [];
  if (found.length > 1) {
    throw new Error(
      `${found.length} app registrations are named "${name}": set BCM_ENTRA_CLIENT_ID to the one to use.`,
    );
  }
  if (found.length === 1) return found[0];
  console.log(`Making the app registration "${name}"…`);
  return az(["ad", "app", "create", "--display-name", name, "--sign-in-audience", "AzureADMyOrg"]);
}

function main() {
  const env = process.env;
  const name =
    env.BCM_ENTRA_APP_NAME ||
    `Business Contact Manager${env.AZURE_ENV_NAME ? ` (${env.AZURE_ENV_NAME})` : ""}`;
  const addinUrl = env.BCM_ADDIN_URL || undefined;
  let app;
  try {
    app = findOrCreate(env.BCM_ENTRA_CLIENT_ID, name);
  } catch (err) {
    console.error(
      `The app registration could not be read or made with the Azure CLI (${err instanceof Error ? err.message : String(err)}).\n` +
        'Make it by hand (docs/deploy.md, "The app registration by hand") and set its client id:\n' +
        "  azd env set BCM_ENTRA_CLIENT_ID <client id>",
    );
    if (env.BCM_ENTRA_CLIENT_ID) return; // made by hand: provisioning can go on
    process.exitCode = 1;
    return;
  }
  graphPatch(app.id, applicationPatch(app, addinUrl));
  const updated = az(["ad", "app", "show", "--id", app.appId]);
  const scope = updated.api.oauth2PermissionScopes.find((s) => s.value === SCOPE);
  graphPatch(app.id, permissionsPatch(app.appId, scope.id));
  try {
    az(["ad", "sp", "show", "--id", app.appId]);
  } catch {
    az(["ad", "sp", "create", "--id", app.appId]);
  }
  if (process.argv.includes("--consent")) {
    az(["ad", "app", "permission", "admin-consent", "--id", app.appId]);
    console.log("Admin consent granted for the tenant.");
  }
  console.log(`App registration "${updated.displayName}": client id ${app.appId}`);
  console.log(`  scope api://${app.appId}/${SCOPE}`);
  console.log(
    addinUrl
      ? `  redirects ${redirectUris(addinUrl).join(", ")}`
      : "  redirects: set once the add-in's address is known (after provisioning)",
  );
  if (env.AZURE_ENV_NAME && env.BCM_ENTRA_CLIENT_ID !== app.appId) {
    execFileSync("azd", ["env", "set", "BCM_ENTRA_CLIENT_ID", app.appId], {
      stdio: "inherit",
      shell: process.platform === "win32",
    });
  }
}

if (require.main === module) main();

module.exports = { applicationPatch, permissionsPatch, redirectUris, SCOPE };
