/**
 * What scripts/entra-app.cjs asks Microsoft Graph to set on the app registration: this tenant's
 * accounts only, v2 tokens, the `access_as_user` scope (its id kept across runs, since consent
 * is given to the id), and the nested-app-authentication redirect for the add-in's origin.
 */
import { createRequire } from "node:module";

interface Patch {
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion: number;
    oauth2PermissionScopes: Array<{ id: string; value: string; type: string; isEnabled: boolean }>;
  };
  spa?: { redirectUris: string[] };
}
const { applicationPatch, permissionsPatch, redirectUris } = createRequire(__filename)(
  "../../../scripts/entra-app.cjs",
) as {
  applicationPatch: (app: { appId: string; api?: unknown }, addinUrl?: string) => Patch;
  permissionsPatch: (
    appId: string,
    scopeId: string,
  ) => { requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: unknown[] }> };
  redirectUris: (addinUrl: string) => string[];
};

const APP_ID = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

describe("the app registration", () => {
  it("is for this tenant, v2 tokens, exposing access_as_user on api://<client id>", () => {
    const patch = applicationPatch({ appId: APP_ID });
    expect(patch).toMatchObject({
      signInAudience: "AzureADMyOrg",
      identifierUris: [`api://${APP_ID}`],
      api: { requestedAccessTokenVersion: 2 },
    });
    expect(patch.api.oauth2PermissionScopes).toEqual([
      expect.objectContaining({ value: "access_as_user", type: "User", isEnabled: true }),
    ]);
    expect(patch.spa).toBeUndefined();
  });

  it("keeps the scope's id when it exists", () => {
    const id = "7d3c2b1a-0f9e-4d8c-b7a6-554433221100";
    const patch = applicationPatch({
      appId: APP_ID,
      api: { oauth2PermissionScopes: [{ id, value: "access_as_user" }] },
    });
    expect(patch.api.oauth2PermissionScopes[0]?.id).toBe(id);
  });

  it("redirects to the broker for the add-in's origin, and to the task pane", () => {
    const patch = applicationPatch({ appId: APP_ID }, "https://contacts.contoso.com/");
    expect(patch.spa?.redirectUris).toEqual([
      "brk-multihub://contacts.contoso.com",
      "https://contacts.contoso.com/taskpane.html",
    ]);
    expect(redirectUris("https://bcm.example.net:8443")).toEqual([
      "brk-multihub://bcm.example.net:8443",
      "https://bcm.example.net:8443/taskpane.html",
    ]);
    expect(() => redirectUris("http://contacts.contoso.com")).toThrow(/https/);
  });

  it("asks for its own scope and the sign-in's Graph permissions, for an admin's consent", () => {
    const scope = "7d3c2b1a-0f9e-4d8c-b7a6-554433221100";
    const { requiredResourceAccess } = permissionsPatch(APP_ID, scope);
    expect(requiredResourceAccess).toEqual([
      { resourceAppId: APP_ID, resourceAccess: [{ id: scope, type: "Scope" }] },
      {
        resourceAppId: "00000003-0000-0000-c000-000000000000",
        resourceAccess: expect.arrayContaining([
          { id: "37f7f235-527c-4136-accd-4a02d197296e", type: "Scope" },
        ]),
      },
    ]);
  });
});
