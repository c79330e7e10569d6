import { startApiHost } from "../support/stack";
import { call, signIn, uniqueEmail } from "../support/http";

describe("POST /dev/token and GET /me", () => {
  it("signs in with an e-mail and names the user, lower-cased, with no databases yet", async () => {
    const email = uniqueEmail("Ann");
    const token = await signIn(email.toUpperCase());
    const me = await call("/me", { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ email: email.toLowerCase(), databases: [] });
  });

  it.each([
    ["no body", undefined, undefined],
    ["a body that is not JSON", "{email:", undefined],
    ["no e-mail", "{}", "email"],
    ["an e-mail that is not one", JSON.stringify({ email: "not-an-address" }), "email"],
    ["an e-mail of the wrong type", JSON.stringify({ email: 42 }), "email"],
  ])("refuses a token request with %s: 400 naming the field", async (_what, raw, field) => {
    const reply = await call<{ error: { code: string; field?: string } }>("/dev/token", {
      method: "POST",
      ...(raw === undefined ? {} : { raw }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_request");
    expect(reply.body.error.field).toBe(field);
  });

  it.each([
    ["no token", {}],
    ["a token that is not a JWT", { authorization: "Bearer nonsense" }],
    ["another scheme", { authorization: "Basic YWxhZGRpbjpvcGVuc2VzYW1l" }],
  ])("answers 401 to /me with %s", async (_what, headers) => {
    const reply = await call<{ error: { code: string } }>("/me", { headers });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("unauthorized");
  });

  it("refuses a token signed by another server's key", async () => {
    const other = await startApiHost({ storageConnection: process.env.BCM_TEST_STORAGE ?? "" });
    try {
      const foreign = await signIn(uniqueEmail(), other.url);
      expect((await call("/me", { token: foreign })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it("has no /dev/token route unless BCM_AUTH=dev", async () => {
    const entra = await startApiHost({
      storageConnection: process.env.BCM_TEST_STORAGE ?? "",
      env: {
        BCM_AUTH: "entra",
        BCM_ENTRA_ISSUER:
          "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
        BCM_ENTRA_AUDIENCE: "api://bcm",
        BCM_ENTRA_JWKS_URL: "https://127.0.0.1:9/keys",
      },
    });
    try {
      const reply = await call<{ error: { code: string } }>("/dev/token", {
        base: entra.url,
        body: { email: "a@b.c" },
      });
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe("not_found");
    } finally {
      await entra.close();
    }
  });
});
