/** Sorting and filtering the contact list. */
import fc from "fast-check";
import type { ContactEntry, SortOrder } from "../../../src/taskpane/contacts/contact-list";
import {
  categoryOptions,
  compareEntries,
  ContactIndex,
  EntrySorter,
  filterEntries,
  NO_COMPANY,
  NO_FILTER,
  sortKey,
} from "../../../src/taskpane/contacts/contact-list";
import { view } from "./view-records";

const companies = [
  view("company", "k-zeta", { name: "Zeta Ltd" }),
  view("company", "k-alpha", { name: "Alpha Inc" }),
];
const groups = [view("group", "g-news", { name: "Newsletter", memberIds: ["zoe"] })];
const contacts = [
  view(
    "contact",
    "zoe",
    { displayName: "Zoë", companyId: "k-alpha", categories: ["VIP"] },
    "2026-01-03T00:00:00.000Z",
  ),
  view(
    "contact",
    "agent10",
    { displayName: "Agent 10", companyId: "k-zeta" },
    "2026-01-01T00:00:00.000Z",
  ),
  view(
    "contact",
    "agent9",
    { displayName: "Agent 9", groupIds: ["g-news"] },
    "2026-01-05T00:00:00.000Z",
  ),
  view(
    "contact",
    "renee",
    { displayName: "Renée", categories: ["vip", "Customer"] },
    "2026-01-02T00:00:00.000Z",
  ),
  view("contact", "rene", { displayName: "Rene", fileAs: "Rene" }, "2026-01-04T00:00:00.000Z"),
  view("contact", "taylor", {
    displayName: "Margaret Taylor",
    fileAs: "Taylor, Margaret",
    companyId: "k-alpha",
  }),
];
const entries = new ContactIndex().update(contacts, companies);
const ids = (list: readonly ContactEntry[]) => list.map((e) => e.id);

test("sort keys: case and accents aside, numbers by value", () => {
  expect(sortKey("Agent 9") < sortKey("Agent 10")).toBe(true);
  expect(sortKey("agent 009") === sortKey("Agent 9")).toBe(true);
  expect(sortKey("Rene") < sortKey("Renée")).toBe(true);
  expect(sortKey("Renée") < sortKey("sofía")).toBe(true);
  expect(sortKey("sofía") < sortKey("Zoë")).toBe(true);
});

test("sorts by name (File as first), by company (none last), by last modified (newest first)", () => {
  const sorter = new EntrySorter<ContactEntry>(compareEntries);
  expect(ids(sorter.sort(entries, "name"))).toEqual([
    "agent9",
    "agent10",
    "rene",
    "renee",
    "taylor",
    "zoe",
  ]);
  expect(ids(sorter.sort(entries, "company"))).toEqual([
    "taylor",
    "zoe",
    "agent10",
    "agent9",
    "rene",
    "renee",
  ]);
  expect(ids(sorter.sort(entries, "modified"))).toEqual([
    "taylor",
    "agent9",
    "rene",
    "zoe",
    "renee",
    "agent10",
  ]);
});

test("the sorter gives the order a full sort gives, also after changes", () => {
  const name = fc.string({ maxLength: 6 });
  const records = fc.array(
    fc.record({
      name,
      stamp: fc.integer({ min: 0, max: 5 }),
      company: fc.constantFrom("k-zeta", "k-alpha", null),
    }),
    { maxLength: 30 },
  );
  const orders: SortOrder[] = ["name", "company", "modified"];
  fc.assert(
    fc.property(records, records, fc.constantFrom(...orders), (before, after, order) => {
      const sorter = new EntrySorter<ContactEntry>(compareEntries);
      const index = new ContactIndex();
      const make = (list: typeof before) =>
        index.update(
          list.map((r, i) =>
            view(
              "contact",
              `c${i}`,
              { displayName: r.name, ...(r.company ? { companyId: r.company } : {}) },
              `2026-01-0${r.stamp + 1}T00:00:00.000Z`,
            ),
          ),
          companies,
        );
      for (const list of [before, after]) {
        const built = make(list);
        const expected = [...built].sort((a, b) => compareEntries(order, a, b));
        expect(ids(sorter.sort(built, order))).toEqual(ids(expected));
      }
    }),
    { seed: 7, numRuns: 150 },
  );
});

test("filters by category (case aside), company, no company, and group (either side of membership)", () => {
  const filter = (patch: object) => ids(filterEntries(entries, { ...NO_FILTER, ...patch }, groups));
  expect(filterEntries(entries, NO_FILTER, groups)).toBe(entries);
  expect(filter({ category: "vip" })).toEqual(["zoe", "renee"]);
  expect(filter({ companyId: "k-alpha" })).toEqual(["zoe", "taylor"]);
  expect(filter({ companyId: NO_COMPANY })).toEqual(["agent9", "renee", "rene"]);
  expect(filter({ groupId: "g-news" })).toEqual(["zoe", "agent9"]);
  expect(filter({ groupId: "g-news", category: "vip" })).toEqual(["zoe"]);
  expect(filter({ groupId: "g-unknown" })).toEqual([]);
});

test("the category filter offers each category once, by name", () => {
  expect(categoryOptions(entries)).toEqual([
    { value: "customer", label: "Customer" },
    { value: "vip", label: "VIP" },
  ]);
});
