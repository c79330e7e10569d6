/** Where the add-in's pages find the shared database's API, and how they sign in. */
import type { AuthConfig } from "../auth/auth";
import { authConfig } from "../auth/auth";

/**
 * `process.env.BCM_API_URL`, fixed at build time. In development builds, the page's `?api=`
 * query parameter wins, so that the harness and the tests can point the pane at another API.
 */
export function apiBaseUrl(search: string): string {
  if (process.env.BCM_HARNESS === "1") {
    const fromQuery = new URLSearchParams(search).get("api");
    if (fromQuery) return fromQuery;
  }
  return process.env.BCM_API_URL ?? "";
}

/**
 * Where "Find e-mails" asks Microsoft Graph: `process.env.BCM_GRAPH_URL`, fixed at build time
 * (Microsoft's Graph in production; `npm start`'s development Graph). In development builds the
 * page's `?graph=` query parameter wins, for the tests' own. Empty: this build has no Graph,
 * and the pane does not offer it.
 */
export function graphBaseUrl(search: string): string {
  if (process.env.BCM_HARNESS === "1") {
    const fromQuery = new URLSearchParams(search).get("graph");
    if (fromQuery) return fromQuery;
  }
  return process.env.BCM_GRAPH_URL ?? "";
}

/** How the add-in signs in, fixed at build time (README, "Settings"). */
export function clientAuthConfig(): AuthConfig {
  return authConfig({
    BCM_PANE_AUTH: process.env.BCM_PANE_AUTH,
    BCM_ENTRA_CLIENT_ID: process.env.BCM_ENTRA_CLIENT_ID,
    BCM_ENTRA_AUTHORITY: process.env.BCM_ENTRA_AUTHORITY,
    BCM_API_SCOPE: process.env.BCM_API_SCOPE,
  });
}
