/**
 * The auth port: how the add-in gets a bearer token for the shared database's API, for the
 * Outlook user. Two adapters: `dev-auth.ts` (the local API's `POST /dev/token`, the embedded
 * default) and `naa-auth.ts` (Microsoft Entra ID through Nested App Authentication, in Outlook).
 */

export interface Auth {
  /**
   * A token for the API as `email` (the Outlook user). Cheap to call again: adapters cache.
   * Rejects with `AuthError` when the user could not be signed in.
   */
  token(email: string): Promise<string>;
  /** Forgets the cached token of `email` (after the API refused it). */
  forget(email: string): void;
  /**
   * A token for Microsoft Graph as `email`, with the read-only scope `Mail.ReadBasic` (no
   * bodies), for "Find e-mails" (src/client/graph-mail.ts). The user may be asked to consent.
   * Rejects with `AuthError` when they could not be signed in or declined.
   */
  graphToken(email: string): Promise<string>;
}

/** The one Graph permission the add-in asks for: messages' headers and recipients, never bodies. */
export const GRAPH_SCOPES = ["Mail.ReadBasic"] as const;

export class AuthError extends Error {
  override readonly name: string = "AuthError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * This Outlook cannot sign the user in: the build signs in through Nested App Authentication,
 * which it lacks (an older Outlook, or an Outlook.com or Gmail mailbox). Never answered by
 * falling back to another sign-in; the pane tells the user what to do (SignInUnsupported).
 */
export class NaaUnsupportedError extends AuthError {
  override readonly name = "NaaUnsupportedError";
  constructor() {
    super(
      "This version of Outlook cannot sign you in to Business Contact Manager (it lacks Nested App Authentication).",
    );
  }
}

/**
 * Whether the pane can sign in at all: not when the build signs in through NAA and Outlook said
 * it lacks it (`nestedAppAuth` false; `null`, outside Outlook, is no answer).
 */
export function signInUnsupported(config: AuthConfig, nestedAppAuth: boolean | null): boolean {
  return config.kind === "naa" && nestedAppAuth === false;
}

/** Which adapter a build uses, and its settings (`webpack.config.js` fixes them). */
export type AuthConfig =
  | { readonly kind: "dev" }
  | {
      readonly kind: "naa";
      /** The add-in's app registration (SPA, with the `brk-multihub://` redirect). */
      readonly clientId: string;
      readonly authority: string;
      /** The API's scope, e.g. `api://<api app id>/access_as_user`. */
      readonly scopes: readonly string[];
    };

/**
 * The build's auth settings: `BCM_PANE_AUTH=naa` with its client id, authority and scope, else
 * dev. The build checks them and fills in the authority (scripts/build-settings.cjs).
 */
export function authConfig(env: {
  BCM_PANE_AUTH?: string | undefined;
  BCM_ENTRA_CLIENT_ID?: string | undefined;
  BCM_ENTRA_AUTHORITY?: string | undefined;
  BCM_API_SCOPE?: string | undefined;
}): AuthConfig {
  if (env.BCM_PANE_AUTH !== "naa") return { kind: "dev" };
  if (!env.BCM_ENTRA_CLIENT_ID || !env.BCM_ENTRA_AUTHORITY || !env.BCM_API_SCOPE) {
    throw new AuthError(
      "BCM_PANE_AUTH=naa needs BCM_ENTRA_CLIENT_ID, BCM_ENTRA_AUTHORITY and BCM_API_SCOPE.",
    );
  }
  return {
    kind: "naa",
    clientId: env.BCM_ENTRA_CLIENT_ID,
    authority: env.BCM_ENTRA_AUTHORITY,
    scopes: [env.BCM_API_SCOPE],
  };
}
