/** Who is offered editing: anyone but a reader of the open database. */
import { canEditDatabase } from "../../../../src/taskpane/contacts/useCanEdit";
import type { DatabaseState } from "../../../../src/taskpane/useDatabase";

const state = (databases: DatabaseState["databases"]) => ({ databases }) as DatabaseState;

test("readers may not edit, owners and editors may", () => {
  const databases: DatabaseState["databases"] = [
    { id: "d-read", name: "Theirs", role: "reader", syncSet: null },
    { id: "d-edit", name: "Team", role: "editor", syncSet: "Customers" },
    { id: "d-own", name: "Mine", role: "owner", syncSet: null },
  ];
  expect(canEditDatabase(state(databases), "d-read")).toBe(false);
  expect(canEditDatabase(state(databases), "d-edit")).toBe(true);
  expect(canEditDatabase(state(databases), "d-own")).toBe(true);
});

test("until the databases are listed (offline at start), editing stays offered", () => {
  expect(canEditDatabase(state([]), "d-read")).toBe(true);
});
