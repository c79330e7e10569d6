/**
 * The database chosen last, per API and user; and which user may adopt a copy made before
 * copies had owners: the one whose choice the previous version wrote.
 */
import {
  chosenBeforeOwnedCopies,
  readRememberedDatabase,
  rememberDatabase,
} from "../../../src/client/remembered-database";

const API = "https://api.example.test/api";

function preferences() {
  const values = new Map<string, string>();
  return {
    values,
    get: (k: string) => values.get(k) ?? null,
    set: (k: string, v: string) => void values.set(k, v),
    remove: (k: string) => void values.delete(k),
  };
}

test("a choice is kept per API and user", () => {
  const prefs = preferences();
  rememberDatabase(prefs, API, "ann@contoso.com", { id: "db1", name: "Contoso" });
  expect(readRememberedDatabase(prefs, API, "ann@contoso.com")).toEqual({
    id: "db1",
    name: "Contoso",
  });
  expect(readRememberedDatabase(prefs, API, "bob@contoso.com")).toBeNull();
  expect(readRememberedDatabase(prefs, "https://other.test/api", "ann@contoso.com")).toBeNull();
  rememberDatabase(prefs, API, "ann@contoso.com", null);
  expect(readRememberedDatabase(prefs, API, "ann@contoso.com")).toBeNull();
});

test("only a choice the previous version wrote lets its user adopt that version's copy", () => {
  const prefs = preferences();
  // As the version before owned copies wrote it.
  prefs.set(`bcm.database|${API}|ann@contoso.com`, JSON.stringify({ id: "db1", name: "Contoso" }));
  expect(chosenBeforeOwnedCopies(prefs, API, "ann@contoso.com")).toBe("db1");
  expect(readRememberedDatabase(prefs, API, "ann@contoso.com")?.id).toBe("db1");
  // Another user choosing the same database now may not adopt it.
  rememberDatabase(prefs, API, "bob@contoso.com", { id: "db1", name: "Contoso" });
  expect(chosenBeforeOwnedCopies(prefs, API, "bob@contoso.com")).toBeNull();
  // Once this version wrote Ann's choice, the old copy is no longer hers to adopt either.
  rememberDatabase(prefs, API, "ann@contoso.com", { id: "db1", name: "Contoso" });
  expect(chosenBeforeOwnedCopies(prefs, API, "ann@contoso.com")).toBeNull();
  prefs.set(`bcm.database|${API}|cy@contoso.com`, "not json");
  expect(chosenBeforeOwnedCopies(prefs, API, "cy@contoso.com")).toBeNull();
});
