/**
 * The shared route table's `routePath`: each param is one path segment, URI-encoded as the
 * client always sent it, and no value can add a segment, a query or a fragment, nor take a
 * segment away, once a URL parser (the browser's fetch, Node's) has read the path.
 */
import fc from "fast-check";
import { ROUTES, routePath } from "../../src/shared/routes";

const BASE = "https://contacts.example/api";
const subscription = ROUTES["subscriptions-delete"];

/** The path's segments under the base as a URL parser reads them, decoded. */
function segments(path: string): { segments: string[]; search: string; hash: string } {
  const url = new URL(`${BASE}${path}`);
  return {
    segments: url.pathname.split("/").slice(2).map(decodeURIComponent),
    search: url.search,
    hash: url.hash,
  };
}

describe("routePath", () => {
  it("fills each param of the template, with a leading slash", () => {
    expect(routePath(ROUTES.health, {})).toBe("/health");
    expect(routePath(ROUTES.pull, { db: "db1" })).toBe("/databases/db1/pull");
    expect(routePath(subscription, { db: "db1", email: "Ann@x.com", contactId: "c2" })).toBe(
      "/databases/db1/members/Ann%40x.com/subscriptions/c2",
    );
  });

  it("encodes as encodeURIComponent does, the client's encoding before the table", () => {
    expect(routePath(ROUTES["sync-sets-put"], { db: "db 1/x", name: "North & west" })).toBe(
      "/databases/db%201%2Fx/sync-sets/North%20%26%20west",
    );
    expect(routePath(ROUTES["members-put"], { db: "d", email: "jürgen@köln.example" })).toBe(
      `/databases/d/members/${encodeURIComponent("jürgen@köln.example")}`,
    );
  });

  it.each([
    "a/b",
    "/",
    "?x=1",
    "#top",
    "%",
    "%2F",
    "%2E%2E",
    "a/../b",
    "../..",
    "...",
    "東京",
    "😀",
    "\u202Egnp.exe",
    " a ",
    "a\\b",
    "o'brien@contoso.test",
  ])("keeps %j one segment, with no query and no fragment", (value) => {
    const path = routePath(subscription, { db: "db1", email: value, contactId: value });
    expect(segments(path)).toEqual({
      segments: ["databases", "db1", "members", value, "subscriptions", value],
      search: "",
      hash: "",
    });
  });

  it.each(["", ".", ".."])(
    "refuses %j, which a URL parser would take away (DELETE …/subscriptions/.. is DELETE …/members/{email})",
    (value) => {
      expect(() =>
        routePath(subscription, { db: "db1", email: "a@x.com", contactId: value }),
      ).toThrow(new RangeError(`contactId: may not be empty, "." or ".." in a path`));
    },
  );

  it("keeps any other value one segment (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }).filter((s) => !["", ".", ".."].includes(s)),
        (value) => {
          const path = routePath(ROUTES["members-delete"], { db: "db1", email: value });
          expect(segments(path)).toEqual({
            segments: ["databases", "db1", "members", value],
            search: "",
            hash: "",
          });
        },
      ),
    );
  });

  it("names each route once, under its name, with a path of its own for its method", () => {
    const seen = new Set<string>();
    for (const [name, route] of Object.entries(ROUTES)) {
      expect(route.name).toBe(name);
      expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
      const key = `${route.method} ${route.path}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});
