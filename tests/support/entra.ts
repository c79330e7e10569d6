/**
 * A stand-in for a Microsoft Entra ID tenant: an RS256 key pair, its key set served over https
 * (a certificate from a CA made for the test, which the API host trusts through
 * NODE_EXTRA_CA_CERTS), and tokens shaped like Entra's v2 access tokens, signed here. The API
 * host runs as in production with `BCM_AUTH=entra`.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import { makeDevCerts } from "../../scripts/certs";
import { freePort } from "../../scripts/azurite";
import { startApiHost, type Running } from "./stack";

export const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
/** The API's audience: its app registration's client id, as in v2 access tokens. */
export const AUDIENCE = "6e2b4c0a-1f3d-4e5a-9b7c-8d9e0f1a2b3c";
export const SCOPE = "access_as_user";
/** The add-in's own client id: the audience of its ID tokens. */
export const ADDIN_CLIENT_ID = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

export interface TokenOptions {
  /** Signs with this key instead of the tenant's. */
  signWith?: CryptoKey;
  issuer?: string;
  audience?: string;
  /** As jose reads it: "1h", "2 minutes ago" …; null: no expiry at all. */
  expires?: string | null;
}

export interface Tenant {
  /** The key set's https URL. */
  jwksUrl: string;
  /** The CA that signed the key set's certificate: a file for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  publicJwk: JWK;
  /** An access token for the API (tid, oid, scp and the given claims). */
  token(claims: JWTPayload, options?: TokenOptions): Promise<string>;
  /** An access token for the user at `email`: the same `oid` for the same address. */
  signIn(email: string): Promise<string>;
  /**
   * An API host signing in with this tenant, against the tests' Azurite (or `storage`), serving
   * the source or a production `bundle`.
   */
  startApi(
    env?: Record<string, string>,
    host?: { bundle?: string; storage?: string; webOrigin?: string },
  ): Promise<Running>;
  close(): Promise<void>;
}

export async function startTenant(): Promise<Tenant> {
  const dir = mkdtempSync(join(tmpdir(), "bcm-entra-"));
  const certs = await makeDevCerts(dir);
  const pair = await generateKeyPair("RS256", { extractable: true });
  const publicJwk: JWK = {
    ...(await exportJWK(pair.publicKey)),
    kid: "test-key",
    use: "sig",
    alg: "RS256",
  };
  const server: Server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    res.writeHead(req.url === "/discovery/v2.0/keys" ? 200 : 404, {
      "content-type": "application/json",
    });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const jwksUrl = `https://127.0.0.1:${port}/discovery/v2.0/keys`;

  const token: Tenant["token"] = (claims, options = {}) => {
    const jwt = new SignJWT({ ver: "2.0", tid: TENANT, scp: SCOPE, ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "test-key", typ: "JWT" })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setNotBefore("5 minutes ago");
    if (options.expires !== null) jwt.setExpirationTime(options.expires ?? "1h");
    return jwt.sign(options.signWith ?? pair.privateKey);
  };

  return {
    jwksUrl,
    caFile: certs.caFile,
    publicJwk,
    token,
    signIn: (email) => token({ oid: oidOf(email), preferred_username: email }),
    startApi: (env = {}, host = {}) =>
      startApiHost({
        storageConnection: host.storage ?? process.env.BCM_TEST_STORAGE!,
        ...(host.bundle ? { bundle: host.bundle } : {}),
        ...(host.webOrigin ? { webOrigin: host.webOrigin } : {}),
        env: {
          BCM_AUTH: "entra",
          BCM_ENTRA_ISSUER: ISSUER,
          BCM_ENTRA_AUDIENCE: AUDIENCE,
          BCM_ENTRA_JWKS_URL: jwksUrl,
          NODE_EXTRA_CA_CERTS: certs.caFile,
          ...env,
        },
      }),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An https URL where nothing answers: a key set that is down. */
export async function unreachableUrl(): Promise<string> {
  return `https://127.0.0.1:${await freePort()}/discovery/v2.0/keys`;
}

/** A user's `oid`, made from the address (lower-cased), so that an address is always one user. */
export function oidOf(email: string): string {
  const hex = createHash("sha256").update(email.toLowerCase()).digest("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join("-");
}

/** A fresh `oid`, as Entra gives each user. */
export function newOid(): string {
  return crypto.randomUUID();
}
