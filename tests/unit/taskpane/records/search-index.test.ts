/**
 * The contact list's word index: the same answers as scanning the haystacks, built in steps;
 * and `EntrySearch`, which scans until its index is built in the background.
 */
import fc from "fast-check";
import type { ContactEntry } from "../../../../src/taskpane/contacts/contact-list";
import { ContactIndex } from "../../../../src/taskpane/contacts/contact-list";
import { EntrySearch } from "../../../../src/taskpane/records/entry-search";
import { matches, words } from "../../../../src/taskpane/records/search-index";
import { WordIndex } from "../../../../src/taskpane/records/word-index";
import { contentPainted } from "../../../../src/taskpane/ui/idle";
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
  const index = new WordIndex(entries);
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
      const index = new WordIndex(entries);
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
  const index = new WordIndex(entries);
  expect(index.build(() => false)).toBe(false);
  let slices = 0;
  expect(index.build(() => slices++ < 1)).toBe(false);
  expect(index.complete).toBe(false);
  expect(ids(index.search(entries, "119"))).toEqual(["p119"]);
  expect(index.complete).toBe(true);
});

test("yields between steps of every phase (indexing, sorting, packing) and answers the same", () => {
  // 5,000 entries of several distinct words each: many initials, and more words than a step packs.
  const many = Array.from({ length: 5_000 }, (_, i) =>
    view("contact", `p${i}`, {
      displayName: `${String.fromCharCode(97 + (i % 26))}${i} Émile${i % 7}`,
      emails: [{ address: `x${i}@d${i % 13}.example`, label: "work", primary: true }],
    }),
  );
  const entries = new ContactIndex().update(many, []);
  const index = new WordIndex(entries);
  let calls = 0;
  let slices = 0;
  // Each slice may take three steps.
  while (!index.build(() => calls++ % 3 !== 2)) slices++;
  // 100 slices of entries alone, then the sorting (an initial a step) and the packing.
  expect(slices).toBeGreaterThan(5_000 / 50 / 2 + 10);
  for (const query of ["a", "a1", "emile3", "x49", "d12 b", "é", "zz", "p"]) {
    expect(ids(index.search(entries, query))).toEqual(scan(entries, query));
  }
});

test("keeps a list's one-letter answers, and answers another list for itself", () => {
  const entries = new ContactIndex().update(contacts, []);
  const index = new WordIndex(entries);
  const first = index.search(entries, "r");
  expect(ids(first)).toEqual(scan(entries, "r"));
  expect(index.search(entries, "R")).toBe(first);
  expect(index.search(entries, "re")).not.toBe(first);
  const others = entries.filter((e) => e.id !== "renee");
  expect(ids(index.search(others, "r"))).toEqual(scan(others, "r"));
  expect(ids(index.search(entries, "r"))).toEqual(scan(entries, "r"));
  // A query every entry of the list matches answers the list itself.
  const toms = entries.filter((e) => e.id === "tom" || e.id === "thomas");
  expect(index.search(toms, "t")).toBe(toms);
});

test("an entry the index was not built from is never found", () => {
  const entries = new ContactIndex().update(contacts, []);
  const index = new WordIndex(entries.slice(1));
  expect(ids(index.search(entries, "renee"))).toEqual(["tom"]);
});

test("EntrySearch scans until its word index is built in the background, then uses it, with the same answers", async () => {
  const entries = new ContactIndex().update(contacts, []);
  const search = new EntrySearch(entries);
  const queries = ["re", "ren", "t", "th be", "芳", "0472104580", "x", ""];
  const answers = () => queries.map((q) => ids(search.search(entries, q)));
  const scanned = answers();
  expect(scanned).toEqual(queries.map((q) => scan(entries, q)));
  expect(search.indexed).toBe(false);
  contentPainted();
  const stop = search.buildInBackground();
  for (const deadline = Date.now() + 5_000; !search.indexed && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  stop();
  expect(search.indexed).toBe(true);
  expect(answers()).toEqual(scanned);
});

test("EntrySearch stopped before its index loads never builds it", async () => {
  const entries = new ContactIndex().update(contacts, []);
  const search = new EntrySearch(entries);
  contentPainted();
  search.buildInBackground()();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(search.indexed).toBe(false);
  expect(ids(search.search(entries, "re"))).toEqual(scan(entries, "re"));
});
