/**
 * BCM_AUTH=entra: tokens verified against the tenant's key set (served over https by the test),
 * issuer, audience, tenant and scope; the caller is named by `oid` and an address. The attacks
 * on it are in tests/security/auth.test.ts.
 */
import { call, uniqueEmail } from "../support/http";
import { newOid, startTenant, type Tenant } from "../support/entra";
import type { Running } from "../support/stack";

describe("Entra ID sign-in", () => {
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

  it("accepts a valid token and names the user by preferred_username, lower-cased", async () => {
    const reply = await call<{ email: string }>("/me", {
      base: api.url,
      token: await tenant.token({ oid: newOid(), preferred_username: "Megan.Bowen@Contoso.com" }),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.email).toBe("megan.bowen@contoso.com");
  });

  it("falls back to upn and email claims", async () => {
    for (const claim of ["upn", "email"]) {
      const reply = await call<{ email: string }>("/me", {
        base: api.url,
        token: await tenant.token({ oid: newOid(), [claim]: "Alex@Contoso.com" }),
      });
      expect({ claim, email: reply.body.email }).toEqual({ claim, email: "alex@contoso.com" });
    }
  });

  it("refuses a token that names no user by e-mail", async () => {
    expect(
      (await call("/me", { base: api.url, token: await tenant.token({ oid: newOid() }) })).status,
    ).toBe(401);
  });

  it("keeps a database for its creator across sign-ins (same oid), whatever the address's case", async () => {
    const oid = newOid();
    const email = uniqueEmail("owner");
    const created = await call<{ id: string }>("/databases", {
      base: api.url,
      token: await tenant.token({ oid, preferred_username: email }),
      body: { name: "Mine" },
    });
    expect(created.status).toBe(201);
    const again = await tenant.token({ oid, preferred_username: email.toUpperCase() });
    const me = await call<{ databases: Array<{ id: string; role: string }> }>("/me", {
      base: api.url,
      token: again,
    });
    expect(me.body.databases).toEqual([
      expect.objectContaining({ id: created.body.id, role: "owner" }),
    ]);
  });
});
