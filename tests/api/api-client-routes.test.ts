/**
 * The client and the API agree on every route of the shared table (src/shared/routes.ts):
 * `ApiClient` calls each one over HTTP against the local host, with parameters that must be
 * encoded, and each answer passes the route's response schema (the client checks every answer).
 * The calls are counted by route, so that a route the client never calls fails here.
 */
import type { Filter } from "../../src/shared/protocol";
import { ApiClient, type FetchLike } from "../../src/client/api-client";
import { downloadBackup, restoreBackup } from "../../src/client/backup";
import { ulid } from "../../src/shared/ids";
import { ROUTES, type RouteName } from "../../src/shared/routes";
import { apiUrl, uniqueEmail } from "../support/http";

/** The route a request reached, by its method and path under the API's base. */
function routeOf(method: string, url: string): RouteName | undefined {
  const path = new URL(url).pathname.slice(new URL(apiUrl()).pathname.length + 1);
  return Object.values(ROUTES).find((route) => {
    const pattern = route.path.replace(/\{\w+\}/g, "[^/]+");
    return route.method === method && new RegExp(`^${pattern}$`).test(path);
  })?.name;
}

it("calls every route of the table, and each answer passes the route's schema", async () => {
  const called = new Set<RouteName | undefined>();
  const fetching: FetchLike = async (url, request) => {
    called.add(routeOf(request.method, url));
    return fetch(url, request);
  };
  const api = new ApiClient({ baseUrl: apiUrl(), fetch: fetching });
  // Addresses with characters a path segment carries encoded ('@', '+', an apostrophe).
  const ownerEmail = uniqueEmail("o'wner+routes");
  const memberEmail = uniqueEmail("member+routes");
  const owner = api.withToken(await api.devToken(ownerEmail));
  const member = api.withToken(await api.devToken(memberEmail));

  expect(await api.health()).toMatchObject({ status: "ok" });
  const { id: db } = await owner.createDatabase("Routes");
  expect(await owner.me()).toMatchObject({ email: ownerEmail });
  expect(await owner.database(db)).toMatchObject({ id: db, role: "owner" });

  const filter: Filter = { any: [{ field: "categories", op: "contains", value: "Investor" }] };
  // A sync set's name with a space and a non-ASCII letter, which its path carries encoded.
  expect(await owner.putSyncSet(db, "Köln Nord", filter)).toEqual({
    name: "Köln Nord",
    filter,
  });
  expect(await owner.syncSets(db)).toEqual([{ name: "Köln Nord", filter }]);
  expect(
    await owner.putMember(db, memberEmail, { role: "editor", syncSet: "Köln Nord" }),
  ).toMatchObject({ email: memberEmail, role: "editor" });
  expect((await owner.members(db)).map((m) => m.email).sort()).toEqual(
    [ownerEmail, memberEmail].sort(),
  );

  const at = new Date().toISOString();
  const fields = { givenName: "Ann", categories: ["Prospect"] };
  const pushed = await member.push(db, {
    clientId: "routes-client",
    mutations: [
      { mid: 1, op: "upsert", type: "contact", id: "c-1", baseVersion: null, fields, at },
    ],
  });
  expect(pushed.results.map((r) => r.status)).toEqual(["applied"]);
  expect((await owner.subscribe(db, memberEmail, "c-1")).subscriptions).toEqual(["c-1"]);
  const page = await member.pull(db, null, 100);
  expect(page.records.map((r) => r.id)).toEqual(["c-1"]);
  expect((await member.unsubscribe(db, memberEmail, "c-1")).subscriptions).toEqual([]);
  await owner.deleteMember(db, memberEmail);
  await expect(member.database(db)).rejects.toMatchObject({ status: 404 });

  // Backed up and restored into a new database (tests/api/backup.test.ts says more).
  const backup = await downloadBackup(owner, db);
  expect(backup.records.map((r) => r.id)).toEqual(["c-1"]);
  const restored = ulid();
  expect(await restoreBackup(owner, backup, { id: restored, name: "Routes again" })).toMatchObject({
    id: restored,
    role: "owner",
  });
  expect(await owner.renameDatabase(restored, "Routes renamed")).toEqual({
    id: restored,
    name: "Routes renamed",
    role: "owner",
    syncSet: null,
  });
  await owner.deleteDatabase(restored);
  await expect(owner.database(restored)).rejects.toMatchObject({ status: 404 });

  expect([...called].sort()).toEqual(Object.keys(ROUTES).sort());
});
