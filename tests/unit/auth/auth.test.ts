/** The auth port's adapters: the dev token and Nested App Authentication (with a fake MSAL). */
import {
  AuthError,
  NaaUnsupportedError,
  authConfig,
  signInUnsupported,
} from "../../../src/auth/auth";
import { devAuth } from "../../../src/auth/dev-auth";
import type { Msal, NestableClient } from "../../../src/auth/naa-auth";
import { naaAuth } from "../../../src/auth/naa-auth";

describe("authConfig", () => {
  test("dev unless the build asks for NAA", () => {
    expect(authConfig({})).toEqual({ kind: "dev" });
    expect(authConfig({ BCM_PANE_AUTH: "" })).toEqual({ kind: "dev" });
  });

  test("NAA needs a client id, an authority and the API's scope (the build fills the authority in)", () => {
    for (const missing of ["BCM_ENTRA_CLIENT_ID", "BCM_ENTRA_AUTHORITY", "BCM_API_SCOPE"]) {
      const env = {
        BCM_PANE_AUTH: "naa",
        BCM_ENTRA_CLIENT_ID: "app",
        BCM_ENTRA_AUTHORITY: "https://login.microsoftonline.com/common",
        BCM_API_SCOPE: "api://bcm/access_as_user",
        [missing]: "",
      };
      expect(() => authConfig(env)).toThrow(AuthError);
    }
    expect(
      authConfig({
        BCM_PANE_AUTH: "naa",
        BCM_ENTRA_CLIENT_ID: "app",
        BCM_ENTRA_AUTHORITY: "https://login.microsoftonline.com/common",
        BCM_API_SCOPE: "api://bcm/access_as_user",
      }),
    ).toEqual({
      kind: "naa",
      clientId: "app",
      authority: "https://login.microsoftonline.com/common",
      scopes: ["api://bcm/access_as_user"],
    });
  });
});

describe("signInUnsupported", () => {
  const naa = {
    kind: "naa",
    clientId: "app",
    authority: "https://login.microsoftonline.com/common",
    scopes: ["api://bcm/access_as_user"],
  } as const;

  test("only a build signing in through NAA, in an Outlook that said it lacks NAA", () => {
    expect(signInUnsupported(naa, false)).toBe(true);
    expect(signInUnsupported(naa, true)).toBe(false);
    expect(signInUnsupported(naa, null)).toBe(false);
    // The dev sign-in needs nothing of Outlook, and NAA's absence never switches to it.
    expect(signInUnsupported({ kind: "dev" }, false)).toBe(false);
  });
});

describe("devAuth", () => {
  test("keeps one token per user for 11 hours, and asks again after forget or a failure", async () => {
    let now = 0;
    let fail = false;
    const issued: string[] = [];
    const auth = devAuth(
      (email) => {
        issued.push(email);
        return fail ? Promise.reject(new Error("down")) : Promise.resolve(`t${issued.length}`);
      },
      () => now,
    );
    expect(await auth.token("a@x.test")).toBe("t1");
    expect(await auth.token("a@x.test")).toBe("t1");
    expect(await auth.token("b@x.test")).toBe("t2");
    now = 11 * 60 * 60 * 1000;
    expect(await auth.token("a@x.test")).toBe("t3");
    auth.forget("a@x.test");
    fail = true;
    await expect(auth.token("a@x.test")).rejects.toThrow("down");
    fail = false;
    expect(await auth.token("a@x.test")).toBe("t5");
  });
});

describe("naaAuth", () => {
  const config = {
    kind: "naa",
    clientId: "app-id",
    authority: "https://login.microsoftonline.com/common",
    scopes: ["api://bcm/access_as_user"],
  } as const;

  function fakeMsal(client: Partial<NestableClient>) {
    const created: unknown[] = [];
    let loads = 0;
    const msal: Msal = {
      createNestablePublicClientApplication: (configuration) => {
        created.push(configuration);
        return Promise.resolve({
          acquireTokenSilent: () => Promise.reject(new Error("interaction_required")),
          acquireTokenPopup: () => Promise.reject(new Error("user_cancelled")),
          ...client,
        });
      },
    };
    return {
      created,
      loads: () => loads,
      load: () => {
        loads += 1;
        return Promise.resolve(msal);
      },
    };
  }

  /** Outlook supports NAA (the requirement set NestedAppAuth 1.1). */
  const supported = () => Promise.resolve(true);

  test.each([
    ["lacks NAA", false],
    ["cannot say (outside Outlook)", null],
  ] as const)(
    "where Outlook %s: never loads MSAL, and fails with NaaUnsupportedError only when it said no",
    async (_, answer) => {
      const msal = fakeMsal({ acquireTokenSilent: () => Promise.resolve({ accessToken: "t" }) });
      const auth = naaAuth(config, {
        nestedAppAuth: () => Promise.resolve(answer),
        loadMsal: msal.load,
      });
      if (answer === false) {
        const failure = auth.token("megan@contoso.com");
        await expect(failure).rejects.toBeInstanceOf(NaaUnsupportedError);
        await expect(failure).rejects.toBeInstanceOf(AuthError);
        expect(msal.loads()).toBe(0);
      } else {
        // No answer is not a "no": MSAL decides (outside Outlook it finds no broker).
        expect(await auth.token("megan@contoso.com")).toBe("t");
      }
    },
  );

  test("silent first, for the Outlook user, with the API's scope; MSAL made once", async () => {
    const requests: unknown[] = [];
    const msal = fakeMsal({
      acquireTokenSilent: (request) => {
        requests.push(request);
        return Promise.resolve({ accessToken: "silent-token" });
      },
    });
    const auth = naaAuth(config, { nestedAppAuth: supported, loadMsal: msal.load });
    expect(msal.loads()).toBe(0);
    expect(await auth.token("megan@contoso.com")).toBe("silent-token");
    expect(await auth.token("megan@contoso.com")).toBe("silent-token");
    expect(msal.loads()).toBe(1);
    expect(msal.created).toEqual([
      { auth: { clientId: "app-id", authority: "https://login.microsoftonline.com/common" } },
    ]);
    expect(requests[0]).toEqual({
      scopes: ["api://bcm/access_as_user"],
      loginHint: "megan@contoso.com",
    });
  });

  test("Graph's token: the same client, the read-only mail scope, a consent popup if needed", async () => {
    const requests: Array<{ scopes: string[] }> = [];
    const msal = fakeMsal({
      acquireTokenPopup: (request) => {
        requests.push(request);
        return Promise.resolve({ accessToken: "graph-token" });
      },
    });
    const auth = naaAuth(config, { nestedAppAuth: supported, loadMsal: msal.load });
    expect(await auth.graphToken("megan@contoso.com")).toBe("graph-token");
    expect(requests).toEqual([{ scopes: ["Mail.ReadBasic"], loginHint: "megan@contoso.com" }]);
    const refused = naaAuth(config, {
      nestedAppAuth: supported,
      loadMsal: fakeMsal({}).load,
    }).graphToken("megan@contoso.com");
    await expect(refused).rejects.toBeInstanceOf(AuthError);
  });

  test("a popup when the silent call fails", async () => {
    const msal = fakeMsal({ acquireTokenPopup: () => Promise.resolve({ accessToken: "popup" }) });
    expect(
      await naaAuth(config, { nestedAppAuth: supported, loadMsal: msal.load }).token(
        "megan@contoso.com",
      ),
    ).toBe("popup");
  });

  test("an AuthError naming the user when neither works", async () => {
    const msal = fakeMsal({});
    const failure = naaAuth(config, { nestedAppAuth: supported, loadMsal: msal.load }).token(
      "megan@contoso.com",
    );
    await expect(failure).rejects.toBeInstanceOf(AuthError);
    await expect(failure).rejects.toThrow(/megan@contoso.com: user_cancelled/);
  });

  test("MSAL that fails to load is an AuthError, and is loaded again next time", async () => {
    let attempts = 0;
    const auth = naaAuth(config, {
      nestedAppAuth: supported,
      loadMsal: () => {
        attempts += 1;
        return attempts === 1
          ? Promise.reject(new Error("chunk failed"))
          : fakeMsal({ acquireTokenSilent: () => Promise.resolve({ accessToken: "ok" }) }).load();
      },
    });
    await expect(auth.token("m@x.test")).rejects.toBeInstanceOf(AuthError);
    expect(await auth.token("m@x.test")).toBe("ok");
  });
});
