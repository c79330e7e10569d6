/** What the contact list shows of a record, and its order. */
import type { WireRecord } from "../../../src/shared/protocol";
import { sortContacts, toContactRow } from "../../../src/taskpane/contacts/contact-view";

function contact(id: string, fields: WireRecord["fields"]): WireRecord {
  return {
    type: "contact",
    id,
    version: 1,
    deleted: false,
    updatedAt: "2026-11-26T10:00:00.000Z",
    updatedBy: "a@x.com",
    fields,
  };
}

test("shows displayName, else given and family name, else the e-mail address", () => {
  expect(toContactRow(contact("1", { displayName: " Renée Dubois ", givenName: "R" })).name).toBe(
    "Renée Dubois",
  );
  expect(
    toContactRow(contact("2", { givenName: "Thomas", familyName: "Becker", displayName: "" })).name,
  ).toBe("Thomas Becker");
  expect(toContactRow(contact("3", { familyName: "王" })).name).toBe("王");
  expect(
    toContactRow(contact("4", { emails: [{ address: "ann@x.com", label: "work", primary: true }] }))
      .name,
  ).toBe("ann@x.com");
  expect(toContactRow(contact("5", { displayName: null, notes: "no name at all" })).name).toBe(
    "Unnamed contact",
  );
});

test("shows the primary e-mail address, else the first, and the job title", () => {
  const row = toContactRow(
    contact("1", {
      jobTitle: "Buyer",
      emails: [
        { address: "home@x.com", label: "home", primary: false },
        { address: "work@x.com", label: "work", primary: true },
      ],
    }),
  );
  expect(row).toEqual({ id: "1", name: "work@x.com", jobTitle: "Buyer", email: "work@x.com" });
  expect(
    toContactRow(contact("2", { emails: [{ address: "first@x.com" }, "junk", { address: 7 }] }))
      .email,
  ).toBe("first@x.com");
  expect(toContactRow(contact("3", { emails: "not a list", jobTitle: 42 }))).toMatchObject({
    email: null,
    jobTitle: null,
  });
});

test("sorts by name as a reader expects: case and accents aside, numbers in order, ties by id", () => {
  const names = ["sofía", "Renée", "Zoë", "Liam O'Brien", "Agent 10", "Agent 9", "Rene"];
  const rows = names.map((name, i) => ({ id: `id${i}`, name, jobTitle: null, email: null }));
  expect(sortContacts(rows).map((r) => r.name)).toEqual([
    "Agent 9",
    "Agent 10",
    "Liam O'Brien",
    "Rene",
    "Renée",
    "sofía",
    "Zoë",
  ]);
  const twins = [
    { id: "b", name: "Ann", jobTitle: null, email: null },
    { id: "a", name: "ann", jobTitle: null, email: null },
  ];
  expect(sortContacts(twins).map((r) => r.id)).toEqual(["a", "b"]);
});
