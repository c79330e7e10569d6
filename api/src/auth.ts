/**
 * Who is calling: verifies the bearer token and names the caller by their `oid` (a stable id,
 * the identity memberships are bound to) and their lower-cased e-mail address (for display and
 * for matching an invitation, never an identity on its own).
 *
 * `entra` verifies Microsoft Entra ID access tokens fully: RS256 only, signed by a key of the
 * tenant's key set (fetched over https), the configured issuer and audience, the tenant's `tid`,
 * this API's scope in `scp` (an ID token, an app-only token or a token for another API has none
 * of it), not expired beyond a minute of clock skew. A key set that cannot be fetched is a 503,
 * not a 401: the token may be good, and a client must not throw it away.
 *
 * `dev` (the local host only) signs its own tokens with a key the server keeps, with an
 * `oid`-like id derived from the address, so that dev mode takes the same path.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import type { Config, EntraConfig } from "./config";
import { DomainError, ErrorCode, unauthorized } from "./errors";
import type { Caller } from "./members/access";

export interface Authenticator {
  /**
   * The caller an `Authorization` header names; throws a `DomainError`: `unauthorized` when the
   * token is not good, `auth_unavailable` when it cannot tell.
   */
  authenticate(authorization: string | null): Promise<Caller>;
  /** Dev mode only: a token for `email`. Undefined in other modes (the route is then 404). */
  issueDevToken?: (email: string) => Promise<string>;
}

const DEV_ISSUER = "bcm-dev";
const DEV_AUDIENCE = "bcm-api";
const DEV_TOKEN_LIFETIME = "12h";
/** How far the API's clock and the token issuer's may disagree, in seconds. */
export const CLOCK_TOLERANCE_S = 60;

export function createAuthenticator(config: Config): Authenticator {
  if (config.auth === "entra" && config.entra) return entraAuthenticator(config.entra);
  const key = devKey(config.devKeyFile);
  return {
    authenticate: (authorization) =>
      verify(authorization, async (token) => {
        const { payload } = await jwtVerify(token, key, {
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          algorithms: ["HS256"],
          requiredClaims: ["exp"],
        });
        return callerOf(payload, ["email"]);
      }),
    issueDevToken: (email) => {
      const address = email.toLowerCase();
      const oid = devOid(address);
      return new SignJWT({ email: address, oid })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(oid)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(DEV_TOKEN_LIFETIME)
        .sign(key);
    },
  };
}

function entraAuthenticator({
  issuer,
  tenantId,
  audience,
  jwksUrl,
  scope,
}: EntraConfig): Authenticator {
  const remote = createRemoteJWKSet(new URL(jwksUrl));
  // The token's own faults (no key of the set signed it, an algorithm no key has) stay 401s;
  // anything else went wrong fetching the set (unreachable, timed out, not 200, not a key set).
  const keys: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remote(header, token);
    } catch (err) {
      if (
        err instanceof errors.JWKSNoMatchingKey ||
        err instanceof errors.JWKSMultipleMatchingKeys ||
        err instanceof errors.JOSENotSupported
      )
        throw err;
      console.error(`The key set at ${jwksUrl} could not be fetched:`, err);
      throw new DomainError(
        ErrorCode.AuthUnavailable,
        "Sign-in cannot be checked right now (Microsoft Entra ID's keys are out of reach); try again shortly.",
      );
    }
  };
  return {
    authenticate: (authorization) =>
      verify(authorization, async (token) => {
        const { payload } = await jwtVerify(token, keys, {
          issuer,
          audience,
          algorithms: ["RS256"],
          clockTolerance: CLOCK_TOLERANCE_S,
          requiredClaims: ["exp"],
        });
        if (typeof payload.tid !== "string" || payload.tid.toLowerCase() !== tenantId)
          throw unauthorized("The token is from another tenant.");
        const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
        if (!scopes.includes(scope)) {
          throw unauthorized(
            `The token does not carry this API's scope (${scope}): sign in for this API.`,
          );
        }
        return callerOf(payload, ["preferred_username", "upn", "email"]);
      }),
  };
}

/** The caller a token's claims name: its `oid`, and the first of `emailClaims` holding an address. */
function callerOf(claims: JWTPayload, emailClaims: readonly string[]): Caller {
  const oid = claims.oid;
  if (typeof oid !== "string" || !oid) throw unauthorized("The token does not name a user (oid).");
  for (const name of emailClaims) {
    const value = claims[name];
    if (typeof value === "string" && value.includes("@"))
      return { oid, email: value.toLowerCase() };
  }
  throw unauthorized("The token does not name a user by e-mail.");
}

async function verify(
  authorization: string | null,
  check: (token: string) => Promise<Caller>,
): Promise<Caller> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) throw unauthorized();
  try {
    return await check(match[1]);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw unauthorized("The bearer token is not valid or has expired; sign in again.");
  }
}

/** Dev mode's stand-in for an `oid`: a UUID (version 8) made from the address, the same every time. */
export function devOid(email: string): string {
  const h = createHash("sha256").update(`bcm-dev-user\n${email.toLowerCase()}`).digest("hex");
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The dev signing key: kept in a file when one is configured, so tokens survive restarts. */
function devKey(file: string | undefined): Uint8Array {
  if (!file) return randomBytes(32);
  try {
    const saved = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    if (saved.length === 32) return saved;
  } catch {
    // No key yet: make one below.
  }
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, key.toString("base64"), { mode: 0o600 });
  return key;
}
