import { HttpRequest, InvocationContext } from "@azure/functions";
import { DomainError, ErrorCode } from "../../api/src/errors";
import { param, readJson, route } from "../../api/src/http";
import { routes, serve } from "../../api/src/routes";
import { StorageUnavailableError } from "../../api/src/storage/repository";
import { Email, PullRequest } from "../../src/shared/protocol";
import { ROUTES, type DeployedRouteName, type Route } from "../../src/shared/routes";

const request = () =>
  new HttpRequest({
    method: "GET",
    url: "http://localhost/api/x",
    headers: { origin: "https://localhost:3000" },
  });
const quiet = () => new InvocationContext({ logHandler: () => undefined });

describe("route(): every handler's wrapper", () => {
  it("turns an unexpected error into a 500 that tells nothing of the server's insides", async () => {
    const handler = route(() => Promise.reject(new Error("secret detail at api/src/x.ts:12")));
    const res = await handler(request(), quiet());
    expect(res.status).toBe(500);
    const body = JSON.stringify(res.jsonBody);
    expect(body).not.toContain("secret");
    expect(res.jsonBody).toEqual({ error: { code: "internal", message: expect.any(String) } });
  });

  it("turns a DomainError into its status and the protocol's error shape, with CORS for the add-in", async () => {
    const handler = route(() =>
      Promise.reject(new DomainError(ErrorCode.MidGap, "A mid is missing.", "mutations.0.mid")),
    );
    const res = await handler(request(), quiet());
    expect(res.status).toBe(409);
    expect(res.jsonBody).toEqual({
      error: { code: "mid_gap", message: "A mid is missing.", field: "mutations.0.mid" },
    });
    expect((res.headers as Record<string, string>)["access-control-allow-origin"]).toBe(
      "https://localhost:3000",
    );
  });

  it("sends X-Content-Type-Options: nosniff on every answer: success, problem, 500 and preflights", async () => {
    const preflight = (origin: string) =>
      new HttpRequest({ method: "OPTIONS", url: "http://localhost/api/x", headers: { origin } });
    const answers = [
      await route(() => Promise.resolve({ status: 200, jsonBody: {} }))(request(), quiet()),
      await route(() => Promise.reject(new DomainError(ErrorCode.InvalidRequest, "No.")))(
        request(),
        quiet(),
      ),
      await route(() => Promise.reject(new Error("boom")))(request(), quiet()),
      await route(() => Promise.resolve({ status: 200 }))(
        preflight("https://localhost:3000"),
        quiet(),
      ),
      await route(() => Promise.resolve({ status: 200 }))(
        preflight("https://evil.example"),
        quiet(),
      ),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 400, 500, 204, 403]);
    for (const res of answers) {
      expect((res.headers as Record<string, string>)["x-content-type-options"]).toBe("nosniff");
    }
  });

  it.each([
    ["invalid_request", 400],
    ["unauthorized", 401],
    ["forbidden", 403],
    ["not_found", 404],
    ["method_not_allowed", 405],
    ["mid_gap", 409],
    ["last_owner", 409],
    ["cursor_expired", 410],
    ["too_large", 413],
    ["wrong_host", 421],
    ["internal", 500],
    ["busy", 503],
    ["storage_unavailable", 503],
    ["auth_unavailable", 503],
  ] as const)("answers %s with %i", async (code, status) => {
    const res = await route(() => Promise.reject(new DomainError(code, "No.")))(request(), quiet());
    expect(res.status).toBe(status);
    expect(res.jsonBody).toEqual({ error: { code, message: "No." } });
  });

  it("turns unreachable storage into 503 storage_unavailable", async () => {
    const handler = route(() => Promise.reject(new StorageUnavailableError("down")));
    const res = await handler(request(), quiet());
    expect(res.status).toBe(503);
    expect(res.jsonBody).toMatchObject({ error: { code: "storage_unavailable" } });
  });
});

describe("readJson() and param(): a 400 naming the field, in zod's English words", () => {
  // The shared schemas are zod/mini, which loads no locale: api/src/http.ts loads English.
  it("gives zod's own message for a check without one of its own", async () => {
    const req = new HttpRequest({
      method: "POST",
      url: "http://localhost/api/databases/db/pull",
      body: { string: JSON.stringify({ cursor: null, limit: 1001 }) },
    });
    await expect(readJson(req, PullRequest)).rejects.toMatchObject({
      code: "invalid_request",
      message: "limit: Too big: expected number to be <=1000",
      field: "limit",
    });
  });

  it("gives the schema's message when it has one", () => {
    const req = new HttpRequest({
      method: "GET",
      url: "http://localhost/api/x",
      params: { email: "ann@" },
    });
    expect(() => param(req, "email", Email)).toThrow("email: must be an e-mail address");
  });
});

describe("the route table: every route of src/shared/routes.ts has its handler", () => {
  const deployed = Object.values<Route>(ROUTES).filter((route) => !("localOnly" in route));

  it("index.ts's table registers each deployed route of the shared table, with its method and path", () => {
    expect(routes.map(({ name, method, path }) => ({ name, method, path }))).toEqual(
      deployed.map(({ name, method, path }) => ({ name, method, path })),
    );
    for (const route of routes) expect(route.handler).toEqual(expect.any(Function));
  });

  it("keeps POST /dev/token out of it: the table marks it local-only", () => {
    expect(ROUTES["dev-token"]).toMatchObject({
      method: "POST",
      path: "dev/token",
      localOnly: true,
    });
    expect(routes.map((r) => r.name)).not.toContain("dev-token");
  });

  it("gives each route of `serve` its handler; a missing or unknown name does not compile", () => {
    const handler = route(() => Promise.resolve({ status: 204 }));
    expect(serve<"health" | "me">({ health: handler, me: handler })).toEqual([
      { name: "health", method: "GET", path: "health", handler },
      { name: "me", method: "GET", path: "me", handler },
    ]);
    // @ts-expect-error -- "me" has no handler.
    expect(serve<"health" | "me">({ health: handler })).toHaveLength(1);
    // @ts-expect-error -- a handler under a name the table does not list.
    expect(serve<"health">({ health: handler, nowhere: handler })).toHaveLength(1);
    // @ts-expect-error -- the dev sign-in is not a deployed route.
    const devToken: DeployedRouteName = "dev-token";
    expect(devToken).toBe("dev-token");
  });
});
