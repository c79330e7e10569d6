/**
 * Attacks on sign-in, over HTTP against a local host running as in production
 * (`BCM_AUTH=entra`, a tenant's key set served over https by the test): every token an
 * attacker can make or reuse is refused, a reused address inherits nothing, and a key set that
 * is down is a 503 (the client keeps its token), not a 401. Also the local host's own guard:
 * a request addressed to another name (DNS rebinding) is refused.
 */
import { request } from "node:http";
import { createHmac } from "node:crypto";
import { generateKeyPair } from "jose";
import { call, uniqueEmail } from "../support/http";
import {
  ADDIN_CLIENT_ID,
  AUDIENCE,
  ISSUER,
  newOid,
  SCOPE,
  startTenant,
  TENANT,
  unreachableUrl,
  type Tenant,
} from "../support/entra";
import type { Running } from "../support/stack";

interface ErrorReply {
  error: { code: string; message: string };
}

const b64url = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

describe("Entra sign-in under attack", () => {
  let tenant: Tenant;
  let api: Running;

  beforeAll(async () => {
    tenant = await startTenant();
    api = await tenant.startApi();
  });
  afterAll(async () => {
    await api?.close();
    await tenant?.close();
  });

  const me = (token: string) =>
    call<ErrorReply & { email: string }>("/me", { base: api.url, token });
  const user = () => ({ oid: newOid(), preferred_username: uniqueEmail("entra") });

  it("accepts a good access token (so that each refusal below is the attack's doing)", async () => {
    const who = user();
    const reply = await me(await tenant.token(who));
    expect(reply.status).toBe(200);
    expect(reply.body.email).toBe(who.preferred_username);
  });

  it("accepts a token up to a minute past its expiry (clock skew), not beyond", async () => {
    expect((await me(await tenant.token(user(), { expires: "10 seconds ago" }))).status).toBe(200);
    const late = await me(await tenant.token(user(), { expires: "2 minutes ago" }));
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe("unauthorized");
  });

  it("refuses a token signed by another key under the tenant's key id", async () => {
    const forger = (await generateKeyPair("RS256")).privateKey;
    expect((await me(await tenant.token(user(), { signWith: forger }))).status).toBe(401);
  });

  it("refuses a genuine token whose claims were changed after signing", async () => {
    const [header, , signature] = (await tenant.token(user())).split(".");
    const forged = {
      ver: "2.0",
      tid: TENANT,
      scp: SCOPE,
      oid: newOid(),
      preferred_username: "owner@contoso.com",
      iss: ISSUER,
      aud: AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
    expect((await me(`${header}.${b64url(forged)}.${signature}`)).status).toBe(401);
  });

  it('refuses alg "none" (no signature at all)', async () => {
    const claims = {
      ver: "2.0",
      tid: TENANT,
      scp: SCOPE,
      ...user(),
      iss: ISSUER,
      aud: AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
    for (const alg of ["none", "None"]) {
      const token = `${b64url({ alg, typ: "JWT" })}.${b64url(claims)}.`;
      expect((await me(token)).status).toBe(401);
    }
  });

  it("refuses HS256 signed with the tenant's public key (algorithm confusion)", async () => {
    // An attacker knows the public key: as an HMAC secret it would verify if the API let the
    // token choose the algorithm.
    const header = b64url({ alg: "HS256", typ: "JWT", kid: "test-key" });
    const claims = b64url({
      ver: "2.0",
      tid: TENANT,
      scp: SCOPE,
      ...user(),
      iss: ISSUER,
      aud: AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 3600,
    });
    for (const secret of [JSON.stringify(tenant.publicJwk), tenant.publicJwk.n ?? ""]) {
      const signature = createHmac("sha256", secret).update(`${header}.${claims}`).digest();
      expect((await me(`${header}.${claims}.${signature.toString("base64url")}`)).status).toBe(401);
    }
  });

  it("refuses a token that never expires", async () => {
    expect((await me(await tenant.token(user(), { expires: null }))).status).toBe(401);
  });

  it("refuses a token from another tenant, by its issuer or by its tid", async () => {
    const other = "00000000-0000-0000-0000-000000000001";
    const byIssuer = await tenant.token(user(), {
      issuer: `https://login.microsoftonline.com/${other}/v2.0`,
    });
    expect((await me(byIssuer)).status).toBe(401);
    // The configured issuer, but a tenant id that is not its tenant's.
    const byTid = await me(await tenant.token({ ...user(), tid: other }));
    expect(byTid.status).toBe(401);
    expect(byTid.body.error.message).toMatch(/tenant/);
    const noTid = await me(await tenant.token({ ...user(), tid: undefined }));
    expect(noTid.status).toBe(401);
  });

  it("refuses a token for another audience", async () => {
    expect((await me(await tenant.token(user(), { audience: "api://someone-else" }))).status).toBe(
      401,
    );
  });

  it("refuses ID tokens: for the add-in, or for the API's own registration without a scope", async () => {
    // An ID token is for the client that signed in (aud = its client id) and has no scp.
    const idToken = await me(
      await tenant.token({ ...user(), scp: undefined }, { audience: ADDIN_CLIENT_ID }),
    );
    expect(idToken.status).toBe(401);
    // When the add-in and the API share one registration, an ID token's audience is the API's:
    // only the missing scope tells it apart.
    const sameRegistration = await me(await tenant.token({ ...user(), scp: undefined }));
    expect(sameRegistration.status).toBe(401);
    expect(sameRegistration.body.error.message).toMatch(/scope/);
  });

  it("refuses tokens for another API: another audience with its scope, or this audience with another scope", async () => {
    const graph = await me(
      await tenant.token(
        { ...user(), scp: "User.Read Mail.Read" },
        { audience: "00000003-0000-0000-c000-000000000000" },
      ),
    );
    expect(graph.status).toBe(401);
    const otherScope = await me(await tenant.token({ ...user(), scp: "User.Read" }));
    expect(otherScope.status).toBe(401);
    // A scope whose name only contains this API's is not it.
    const lookalike = await me(await tenant.token({ ...user(), scp: `${SCOPE}_admin` }));
    expect(lookalike.status).toBe(401);
    // An app-only token (client credentials) has roles, no scp.
    const appOnly = await me(await tenant.token({ ...user(), scp: undefined, roles: ["x"] }));
    expect(appOnly.status).toBe(401);
  });

  it("refuses a token that names no user id (oid)", async () => {
    const reply = await me(await tenant.token({ preferred_username: uniqueEmail() }));
    expect(reply.status).toBe(401);
  });

  it("a reused address inherits nothing: the membership is bound to the first user's oid", async () => {
    const owner = await tenant.token(user());
    const created = await call<{ id: string }>("/databases", {
      base: api.url,
      token: owner,
      body: { name: "Bound" },
    });
    expect(created.status).toBe(201);
    const db = created.body.id;
    const address = uniqueEmail("alice");
    const invited = await call(`/databases/${db}/members/${encodeURIComponent(address)}`, {
      base: api.url,
      method: "PUT",
      token: owner,
      body: { role: "editor", syncSet: null },
    });
    expect(invited.status).toBe(201);

    // Alice (oid A) signs in first: the invitation becomes hers.
    const alice = await tenant.token({ oid: newOid(), preferred_username: address });
    const aliceMe = await call<{ databases: Array<{ id: string }> }>("/me", {
      base: api.url,
      token: alice,
    });
    expect(aliceMe.body.databases.map((d) => d.id)).toEqual([db]);
    expect((await call(`/databases/${db}`, { base: api.url, token: alice })).status).toBe(200);

    // Later the address belongs to someone else (oid B), or another user's UPN becomes it.
    const mallory = await tenant.token({ oid: newOid(), upn: address.toUpperCase() });
    const malloryMe = await call<{ email: string; databases: unknown[] }>("/me", {
      base: api.url,
      token: mallory,
    });
    expect(malloryMe.status).toBe(200);
    expect(malloryMe.body).toEqual({ email: address, databases: [] });
    for (const [method, path, body] of [
      ["GET", `/databases/${db}`, undefined],
      ["POST", `/databases/${db}/pull`, { cursor: null }],
      ["GET", `/databases/${db}/sync-sets`, undefined],
      ["PUT", `/databases/${db}/members/${encodeURIComponent(address)}/subscriptions/x1`, {}],
    ] as const) {
      const reply = await call<ErrorReply>(path, {
        base: api.url,
        method,
        token: mallory,
        ...(body === undefined ? {} : { body }),
      });
      expect({ path, status: reply.status }).toEqual({ path, status: 404 });
    }
    // Alice keeps her access.
    expect((await call(`/databases/${db}`, { base: api.url, token: alice })).status).toBe(200);
  });

  it("an invitation is taken by the first sign-in through GET /me, then refused to another oid", async () => {
    const owner = await tenant.token(user());
    const { body } = await call<{ id: string }>("/databases", {
      base: api.url,
      token: owner,
      body: { name: "Claimed at sign-in" },
    });
    const address = uniqueEmail("bob");
    await call(`/databases/${body.id}/members/${encodeURIComponent(address)}`, {
      base: api.url,
      method: "PUT",
      token: owner,
      body: { role: "reader", syncSet: null },
    });
    const bob = await tenant.token({ oid: newOid(), preferred_username: address });
    expect(
      (await call<{ databases: unknown[] }>("/me", { base: api.url, token: bob })).body.databases,
    ).toHaveLength(1);
    const other = await tenant.token({ oid: newOid(), preferred_username: address });
    expect((await call(`/databases/${body.id}`, { base: api.url, token: other })).status).toBe(404);
  });
});

describe("Entra sign-in with the key set out of reach", () => {
  let tenant: Tenant;
  let api: Running;

  beforeAll(async () => {
    tenant = await startTenant();
    api = await tenant.startApi({ BCM_ENTRA_JWKS_URL: await unreachableUrl() });
  });
  afterAll(async () => {
    await api?.close();
    await tenant?.close();
  });

  it("answers 503 to a token it cannot check (not 401: the client keeps its token)", async () => {
    const reply = await call<ErrorReply>("/me", {
      base: api.url,
      token: await tenant.token({ oid: newOid(), preferred_username: uniqueEmail() }),
    });
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe("auth_unavailable");
  });

  it("still answers 401 to what is no token at all", async () => {
    expect((await call("/me", { base: api.url, token: "not-a-jwt" })).status).toBe(401);
  });
});

describe("the local host refuses requests addressed to another name (DNS rebinding)", () => {
  /** A raw request with its own Host header (fetch does not let a caller set it). */
  function withHost(
    host: string,
    path = "/api/health",
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    const base = new URL(process.env.BCM_TEST_API_URL!);
    return new Promise((resolve, reject) => {
      const req = request(
        { host: base.hostname, port: base.port, path, method: "GET", headers: { host } },
        (res) => {
          let body = "";
          res.on("data", (d: Buffer) => (body += d.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  it.each(["evil.example", "evil.example:7071", "localhost.evil.example", "127.0.0.1.nip.io"])(
    "refuses Host %s with 421, saying why",
    async (host) => {
      const reply = await withHost(host);
      expect(reply.status).toBe(421);
      expect(JSON.parse(reply.body)).toMatchObject({ error: { code: "wrong_host" } });
      expect(reply.headers["x-content-type-options"]).toBe("nosniff");
      expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
    },
  );

  it.each(["localhost", "127.0.0.1", "[::1]"])("answers Host %s (with any port)", async (name) => {
    const port = new URL(process.env.BCM_TEST_API_URL!).port;
    expect((await withHost(`${name}:${port}`)).status).toBe(200);
    expect((await withHost(name)).status).toBe(200);
  });

  it("marks its own answers nosniff: 404, 405 and 421 alike", async () => {
    const port = new URL(process.env.BCM_TEST_API_URL!).port;
    for (const [host, path, status] of [
      [`localhost:${port}`, "/api/no-such-route", 404],
      [`localhost:${port}`, "/nothing", 404],
      ["evil.example", "/api/me", 421],
    ] as const) {
      const reply = await withHost(host, path);
      expect({ path, status: reply.status }).toEqual({ path, status });
      expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    }
    const wrongMethod = await call("/health", { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("x-content-type-options")).toBe("nosniff");
    const tooLarge = await call("/databases/x/push", { raw: "x".repeat(9 * 1024 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
