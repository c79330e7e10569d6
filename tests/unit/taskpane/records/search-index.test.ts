/** The contact list's word index: the same answers as scanning the haystacks, built in steps. */
import fc from "fast-check";
import type { ContactEntry } from "../../../../src/taskpane/contacts/contact-list";
import { ContactIndex } from "../../../../src/taskpane/contacts/contact-list";
import { matches, SearchIndex, words } from "../../../../src/taskpane/records/search-index";
import { view } from "../view-records";

const scan = (list: readonly ContactEntry[], query: string) =>
  list.filter((e) => matches(e.haystack, words(query))).map((e) => e.id);
const ids = (list: readonly ContactEntry[]) => list.map((e) => e.id);

const contacts = [
  view("contact", "renee", {
    displayName: "Renée Dubois",
    emails: [{ address: "renee.dubois@fabrikam.com", label: "work", primary: true }],
    phones: [{ number: "+33 4 72 10 45 80", label: "work" }],
    notes: "Prefers a call before a written quote.",
  }),
  view("contact", "thomas", { givenName: "Thomas", familyName: "Becker", categories: ["VIP"] }),
  view("contact", "wang", { displayName: "王芳" }),
  view("contact", "tom", { displayName: "Tom Renard", notes: "renee's colleague" }),
];

test("finds what a scan of the haystacks finds, in the order of the list searched", () => {
  const entries = new ContactIndex().update(contacts, []);
  const index = new SearchIndex(entries);
  for (const query of ["re", "ren", "renee d", "t", "th be", "vip", "芳", "0472104580", "x", ""]) {
    expect(ids(index.search(entries, query))).toEqual(scan(entries, query));
  }
  // A list made of the index's entries, in another order and filtered, keeps its order.
  const reversed = [...entries].reverse().filter((e) => e.id !== "tom");
  expect(ids(index.search(reversed, "re"))).toEqual(["renee"]);
  expect(ids(index.search(reversed, "t"))).toEqual(["thomas"]);
  expect(index.search(reversed, "  ")).toBe(reversed);
});

test("matches exactly what a scan matches, whatever the names and the query", () => {
  const alphabet = ["a", "e", "é", "n", "r", " ", "B", "-", "1"];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 10 }).map((c) => c.join(""));
  fc.assert(
    fc.property(fc.array(text, { minLength: 1, maxLength: 20 }), text, (names, query) => {
      const entries = new ContactIndex().update(
        names.map((displayName, i) => view("contact", `c${i}`, { displayName })),
        [],
      );
      const index = new SearchIndex(entries);
      expect(ids(index.search(entries, query))).toEqual(scan(entries, query));
    }),
    { seed: 11, numRuns: 300 },
  );
});

test("is built a slice at a time while there is time, and a search finishes the build", () => {
  const many = Array.from({ length: 120 }, (_, i) =>
    view("contact", `p${i}`, { displayName: `P ${i}` }),
  );
  const entries = new ContactIndex().update(many, []);
  const index = new SearchIndex(entries);
  expect(index.build(() => false)).toBe(false);
  let slices = 0;
  expect(index.build(() => slices++ < 1)).toBe(false);
  expect(index.complete).toBe(false);
  expect(ids(index.search(entries, "119"))).toEqual(["p119"]);
  expect(index.complete).toBe(true);
});

test("an entry the index was not built from is never found", () => {
  const entries = new ContactIndex().update(contacts, []);
  const index = new SearchIndex(entries.slice(1));
  expect(ids(index.search(entries, "renee"))).toEqual(["tom"]);
});
