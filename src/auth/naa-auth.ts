/**
 * Sign-in in Outlook with Microsoft Entra ID through Nested App Authentication: MSAL.js's
 * nestable client asks Outlook (the broker) for a token for the API's scope, for the account
 * Outlook is signed in with (`loginHint`). Silent first; when Entra wants the user (consent,
 * MFA), a popup that Outlook hosts. MSAL caches and renews tokens, so asking again is cheap.
 *
 * MSAL is loaded on first use (`import()`), so builds signing in with the dev token never ship
 * it and the pane's first paint never waits for it. Before it, Outlook is asked whether it has
 * NAA at all (`nestedAppAuth`, src/office's requirement check): where it has not, every call
 * fails with `NaaUnsupportedError`, and MSAL is never loaded (outside NAA it would try a
 * sign-in of its own, in a popup of the add-in's).
 */
import type { Auth, AuthConfig } from "./auth";
import { AuthError, GRAPH_SCOPES, NaaUnsupportedError, signInUnsupported } from "./auth";

/** The part of MSAL's nestable public client application used here. */
export interface NestableClient {
  acquireTokenSilent(request: {
    scopes: string[];
    loginHint?: string;
  }): Promise<{ accessToken: string }>;
  acquireTokenPopup(request: { scopes: string[]; loginHint?: string }): Promise<{
    accessToken: string;
  }>;
}

/** The part of `@azure/msal-browser` used here. */
export interface Msal {
  createNestablePublicClientApplication(configuration: {
    auth: { clientId: string; authority: string };
  }): Promise<NestableClient>;
}

export function naaAuth(
  config: Extract<AuthConfig, { kind: "naa" }>,
  options: {
    /** Whether Outlook supports NAA (`null` when it cannot say: outside Outlook). */
    nestedAppAuth: () => Promise<boolean | null>;
    loadMsal?: () => Promise<Msal>;
  },
): Auth {
  const { nestedAppAuth, loadMsal = () => import("@azure/msal-browser") } = options;
  let client: Promise<NestableClient> | null = null;
  const app = (): Promise<NestableClient> => {
    client ??= loadMsal()
      .then((msal) =>
        msal.createNestablePublicClientApplication({
          auth: { clientId: config.clientId, authority: config.authority },
        }),
      )
      .catch((cause: unknown) => {
        client = null;
        throw new AuthError("Outlook could not start the Microsoft sign-in.", { cause });
      });
    return client;
  };
  const acquire = async (email: string, scopes: readonly string[]): Promise<string> => {
    if (signInUnsupported(config, await nestedAppAuth())) throw new NaaUnsupportedError();
    const pca = await app();
    const request = { scopes: [...scopes], loginHint: email };
    try {
      return (await pca.acquireTokenSilent(request)).accessToken;
    } catch (silent) {
      try {
        return (await pca.acquireTokenPopup(request)).accessToken;
      } catch (cause) {
        throw new AuthError(
          `Microsoft sign-in did not complete for ${email}: ${messageOf(cause, silent)}`,
          { cause },
        );
      }
    }
  };
  return {
    token: (email) => acquire(email, config.scopes),
    // MSAL keeps its own cache, and renews what the API refuses on the next silent call.
    forget() {},
    // The same client asks for Graph's scope: consent to it is asked once, in Outlook's popup.
    graphToken: (email) => acquire(email, GRAPH_SCOPES),
  };
}

function messageOf(error: unknown, fallback: unknown): string {
  const pick = (e: unknown) => (e instanceof Error && e.message ? e.message : null);
  return pick(error) ?? pick(fallback) ?? "no answer";
}
