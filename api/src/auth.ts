/**
 * Who is calling: verifies the bearer token and names the user by a lower-cased e-mail.
 * `dev` (the embedded default) signs its own tokens with a key the server keeps; `entra`
 * verifies Microsoft Entra ID access tokens against the tenant's JWKS, issuer and audience.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { HttpRequest } from "@azure/functions";
import type { Config } from "./config";
import { unauthorized } from "./http";

export interface Authenticator {
  /** The caller's e-mail, lower-cased; throws a 401 `ApiProblem` when the token is not good. */
  authenticate(req: HttpRequest): Promise<string>;
  /** Dev mode only: a token for `email`. Undefined in other modes (the route is then 404). */
  issueDevToken?: (email: string) => Promise<string>;
}

const DEV_ISSUER = "bcm-dev";
const DEV_AUDIENCE = "bcm-api";
const DEV_TOKEN_LIFETIME = "12h";

export function createAuthenticator(config: Config): Authenticator {
  if (config.auth === "entra" && config.entra) {
    const { issuer, audience, jwksUrl } = config.entra;
    const jwks = createRemoteJWKSet(new URL(jwksUrl));
    return {
      authenticate: (req) =>
        verify(
          req,
          async (token) => (await jwtVerify(token, jwks, { issuer, audience })).payload,
          entraEmail,
        ),
    };
  }
  const key = devKey(config.devKeyFile);
  return {
    authenticate: (req) =>
      verify(
        req,
        async (token) =>
          (await jwtVerify(token, key, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE })).payload,
        (claims) => (typeof claims.email === "string" ? claims.email : undefined),
      ),
    issueDevToken: (email) =>
      new SignJWT({ email })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(email)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(DEV_TOKEN_LIFETIME)
        .sign(key),
  };
}

/** Entra names the user in one of these claims, depending on the account and token version. */
function entraEmail(claims: JWTPayload): string | undefined {
  for (const name of ["preferred_username", "upn", "email"]) {
    const value = claims[name];
    if (typeof value === "string" && value.includes("@")) return value;
  }
  return undefined;
}

async function verify(
  req: HttpRequest,
  check: (token: string) => Promise<JWTPayload>,
  emailOf: (claims: JWTPayload) => string | undefined,
): Promise<string> {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized();
  let claims: JWTPayload;
  try {
    claims = await check(match[1]);
  } catch {
    throw unauthorized("The bearer token is not valid or has expired; sign in again.");
  }
  const email = emailOf(claims);
  if (!email) throw unauthorized("The token does not name a user by e-mail.");
  return email.toLowerCase();
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
