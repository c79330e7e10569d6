/**
 * BCM_AUTH=entra: tokens verified against the tenant's JWKS, issuer and audience. The JWKS is
 * served locally and the tokens are signed here, shaped like Microsoft Entra ID v2 tokens.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { call } from "../support/http";
import { startApiHost, type Running } from "../support/stack";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const AUDIENCE = "api://bcm-test";

describe("Entra ID sign-in", () => {
  let jwks: Server;
  let api: Running;
  let key: CryptoKey;
  let otherKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    key = pair.privateKey;
    otherKey = (await generateKeyPair("RS256")).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "test-key", use: "sig", alg: "RS256" };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    const { port } = jwks.address() as AddressInfo;
    api = await startApiHost({
      storageConnection: process.env.BCM_TEST_STORAGE!,
      env: {
        BCM_AUTH: "entra",
        BCM_ENTRA_ISSUER: ISSUER,
        BCM_ENTRA_AUDIENCE: AUDIENCE,
        BCM_ENTRA_JWKS_URL: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
      },
    });
  });
  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  function token(
    claims: JWTPayload,
    options: { signWith?: CryptoKey; issuer?: string; audience?: string; expires?: string } = {},
  ) {
    return new SignJWT({
      ver: "2.0",
      tid: TENANT,
      oid: "3f2c1e6a-0000-4000-8000-000000000001",
      scp: "access_as_user",
      ...claims,
    })
      .setProtectedHeader({ alg: "RS256", kid: "test-key", typ: "JWT" })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expires ?? "1h")
      .sign(options.signWith ?? key);
  }

  it("accepts a valid token and names the user by preferred_username, lower-cased", async () => {
    const reply = await call<{ email: string }>("/me", {
      base: api.url,
      token: await token({ preferred_username: "Megan.Bowen@Contoso.com" }),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.email).toBe("megan.bowen@contoso.com");
  });

  it("falls back to upn and email claims", async () => {
    const upn = await call<{ email: string }>("/me", {
      base: api.url,
      token: await token({ upn: "Alex@Contoso.com" }),
    });
    expect(upn.body.email).toBe("alex@contoso.com");
  });

  it.each([
    ["another audience", { audience: "api://someone-else" }],
    [
      "another issuer",
      { issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0" },
    ],
    ["an expired token", { expires: "1 second ago" }],
  ])("refuses %s with 401", async (_what, options) => {
    const reply = await call("/me", {
      base: api.url,
      token: await token({ preferred_username: "a@contoso.com" }, options),
    });
    expect(reply.status).toBe(401);
  });

  it("refuses a token signed by a key not in the tenant's JWKS, and one that names no user", async () => {
    expect(
      (
        await call("/me", {
          base: api.url,
          token: await token({ preferred_username: "a@contoso.com" }, { signWith: otherKey }),
        })
      ).status,
    ).toBe(401);
    expect((await call("/me", { base: api.url, token: await token({}) })).status).toBe(401);
  });
});
