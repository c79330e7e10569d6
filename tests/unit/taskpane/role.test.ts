/**
 * The role the pane goes by: `/me`'s once it answered, else the one it last gave on this
 * computer (per API and user), else none; only owners and editors are offered editing.
 */
import type { Preferences } from "../../../src/client/services";
import type { DatabaseInfo } from "../../../src/taskpane/useDatabase";
import { mayEdit, readRememberedRoles, rememberRoles, roleIn } from "../../../src/taskpane/useRole";

const API = "https://api.example";

function memory(): Preferences & { readonly kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return {
    kept,
    get: (key) => kept.get(key) ?? null,
    set: (key, value) => void kept.set(key, value),
    remove: (key) => void kept.delete(key),
  };
}

const listed: DatabaseInfo[] = [
  { id: "d-read", name: "Theirs", role: "reader", syncSet: null },
  { id: "d-edit", name: "Team", role: "editor", syncSet: "Customers" },
  { id: "d-own", name: "Mine", role: "owner", syncSet: null },
];

test("readers may not edit, owners and editors may, and nobody whose role is not known", () => {
  expect(mayEdit(roleIn(listed, {}, "d-read"))).toBe(false);
  expect(mayEdit(roleIn(listed, {}, "d-edit"))).toBe(true);
  expect(mayEdit(roleIn(listed, {}, "d-own"))).toBe(true);
  expect(roleIn(listed, {}, "d-gone")).toBeNull();
  expect(mayEdit(null)).toBe(false);
});

test("until /me answered (offline at start), the role it gave last counts; none known, none", () => {
  expect(roleIn([], { "d-read": "reader" }, "d-read")).toBe("reader");
  expect(roleIn([], { "d-edit": "editor" }, "d-edit")).toBe("editor");
  expect(roleIn([], {}, "d-read")).toBeNull();
  expect(roleIn([], { "d-edit": "editor" }, "constructor")).toBeNull();
  // Once /me answered, its list is the truth: a remembered role of a database it no longer
  // lists is not used.
  expect(roleIn(listed, { "d-gone": "owner" }, "d-gone")).toBeNull();
});

test("roles are kept per API and user, replaced at each answer", () => {
  const preferences = memory();
  rememberRoles(preferences, API, "ann@contoso.test", listed);
  expect(readRememberedRoles(preferences, API, "ann@contoso.test")).toEqual({
    "d-read": "reader",
    "d-edit": "editor",
    "d-own": "owner",
  });
  expect(readRememberedRoles(preferences, API, "bob@contoso.test")).toEqual({});
  expect(readRememberedRoles(preferences, "https://other.example", "ann@contoso.test")).toEqual({});

  rememberRoles(preferences, API, "ann@contoso.test", [
    { id: "d-edit", name: "Team", role: "reader", syncSet: null },
  ]);
  expect(readRememberedRoles(preferences, API, "ann@contoso.test")).toEqual({ "d-edit": "reader" });
});

test("a damaged or foreign value counts as nothing remembered", () => {
  const preferences = memory();
  for (const text of ["not json", "null", '{"d-1":"admin"}', '["reader"]']) {
    preferences.set(`bcm.roles|${API}|ann@contoso.test`, text);
    expect(readRememberedRoles(preferences, API, "ann@contoso.test")).toEqual({});
  }
});
