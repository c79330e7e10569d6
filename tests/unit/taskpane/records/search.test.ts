/** The search index: folding, prefix matches on words, the fields searched, narrowing. */
import fc from "fast-check";
import type { ContactEntry } from "../../../../src/taskpane/contacts/contact-list";
import { contactEntry, ContactIndex } from "../../../../src/taskpane/contacts/contact-list";
import {
  fold,
  haystack,
  matches,
  NarrowingSearch,
  narrows,
  words,
} from "../../../../src/taskpane/records/search-index";
import { view } from "../view-records";

const search = (entries: readonly ContactEntry[], query: string) =>
  new NarrowingSearch<ContactEntry>().search(entries, query).map((e) => e.id);

test("folding drops accents and case, and spells out letters without a decomposition", () => {
  expect(fold("Renée DUBOIS")).toBe("renee dubois");
  expect(fold("Søren Łukasz Straße Œuvre İstanbul")).toBe("soren lukasz strasse oeuvre istanbul");
  expect(fold("ｆｕｌｌｗｉｄｔｈ")).toBe("fullwidth");
  expect(words("Jean-Luc O'Brien, +33 4")).toEqual(["jean", "luc", "o", "brien", "33", "4"]);
  // Chinese and Japanese: every ideograph is a word of its own.
  expect(words("王芳 さくら")).toEqual(["王", "芳", "さ", "く", "ら"]);
});

test("every query word must begin a word of the record", () => {
  const hay = haystack(["Renée Dubois", "renee.dubois@fabrikam.com"]);
  expect(matches(hay, words("ren"))).toBe(true);
  expect(matches(hay, words("RENEE du"))).toBe(true);
  expect(matches(hay, words("dubois fabrik"))).toBe(true);
  expect(matches(hay, words("enee"))).toBe(false);
  expect(matches(hay, words("renee smith"))).toBe(false);
});

const contacts = [
  view("contact", "renee", {
    displayName: "Renée Dubois",
    companyId: "fabrikam",
    emails: [{ address: "renee.dubois@fabrikam.com", label: "work", primary: true }],
    phones: [{ number: "+33 4 72 10 45 80", label: "work" }],
    categories: ["Key account"],
    notes: "Prefers a call before a written quote.",
  }),
  view("contact", "thomas", {
    givenName: "Thomas",
    familyName: "Becker",
    companyId: "fabrikam",
    jobTitle: "Procurement",
    phones: [{ number: "+49 69 2475 3310" }],
  }),
  view("contact", "wang", { displayName: "王芳", categories: ["Supplier"] }),
  view("contact", "ann", { fileAs: "Lee, Ann", emails: [{ address: "ann@contoso.com" }] }),
];
const companies = [view("company", "fabrikam", { name: "Fabrikam, Inc." })];

test("search looks in names, company, e-mails, phones, categories and notes", () => {
  const entries = new ContactIndex().update(contacts, companies);
  expect(search(entries, "renee")).toEqual(["renee"]);
  expect(search(entries, "Rénée")).toEqual(["renee"]);
  expect(search(entries, "becker")).toEqual(["thomas"]);
  expect(search(entries, "lee")).toEqual(["ann"]);
  expect(search(entries, "fabrik")).toEqual(["renee", "thomas"]);
  expect(search(entries, "contoso.com")).toEqual(["ann"]);
  expect(search(entries, "2475 3310")).toEqual(["thomas"]);
  expect(search(entries, "+49 69")).toEqual(["thomas"]);
  expect(search(entries, "4969247")).toEqual(["thomas"]);
  expect(search(entries, "6924753310")).toEqual(["thomas"]);
  expect(search(entries, "069 2475")).toEqual(["thomas"]);
  expect(search(entries, "0472104580")).toEqual(["renee"]);
  expect(search(entries, "key acc")).toEqual(["renee"]);
  expect(search(entries, "supplier")).toEqual(["wang"]);
  expect(search(entries, "芳")).toEqual(["wang"]);
  expect(search(entries, "written quote")).toEqual(["renee"]);
  // The job title is not searched (the list of fields), nor are parts inside words.
  expect(search(entries, "procurement")).toEqual([]);
  expect(search(entries, "ubois")).toEqual([]);
  expect(search(entries, "  ")).toEqual(["renee", "thomas", "wang", "ann"]);
});

test("the index keeps an unchanged contact's entry and rebuilds a changed one", () => {
  const index = new ContactIndex();
  const first = index.update(contacts, companies);
  const again = index.update(contacts, companies);
  again.forEach((entry, i) => expect(entry).toBe(first[i]));

  const edited = contacts.map((c) =>
    c.id === "ann" ? view("contact", "ann", { ...c.fields, displayName: "Ann Lee-Smith" }) : c,
  );
  const renamed = [view("company", "fabrikam", { name: "Fabrikam Europe" })];
  const next = index.update(edited, renamed);
  expect(next.find((e) => e.id === "wang")).toBe(first.find((e) => e.id === "wang"));
  expect(next.find((e) => e.id === "ann")?.name).toBe("Ann Lee-Smith");
  // The company's new name reaches its contacts' entries.
  expect(next.find((e) => e.id === "thomas")?.companyName).toBe("Fabrikam Europe");
  expect(search(next, "europe")).toEqual(["renee", "thomas"]);
  expect(index.update(contacts.slice(1), companies).map((e) => e.id)).toEqual([
    "thomas",
    "wang",
    "ann",
  ]);
});

test("a query that only grew narrows: the previous results are searched, not the whole list", () => {
  expect(narrows([], ["a"])).toBe(true);
  expect(narrows(["re"], ["ren"])).toBe(true);
  expect(narrows(["re"], ["re", "du"])).toBe(true);
  expect(narrows(["re", "d"], ["re", "du"])).toBe(true);
  expect(narrows(["ren"], ["re"])).toBe(false);
  expect(narrows(["re", "du"], ["ren", "du"])).toBe(false);
  expect(narrows(["re", "du"], ["re"])).toBe(false);

  let reads = 0;
  const counted = contactsEntries().map((entry) => ({
    ...entry,
    get haystack() {
      reads += 1;
      return entry.haystack;
    },
  }));
  const searcher = new NarrowingSearch<ContactEntry>();
  expect(searcher.search(counted, "r").map((e) => e.id)).toEqual(["renee"]);
  expect(reads).toBe(counted.length);
  reads = 0;
  expect(searcher.search(counted, "re").map((e) => e.id)).toEqual(["renee"]);
  expect(searcher.search(counted, "renee d").map((e) => e.id)).toEqual(["renee"]);
  expect(reads).toBe(2);
  // A shorter query, or another list, searches everything again.
  reads = 0;
  searcher.search(counted, "re");
  expect(reads).toBe(counted.length);
  reads = 0;
  searcher.search([...counted], "ren");
  expect(reads).toBe(counted.length);
});

function contactsEntries(): ContactEntry[] {
  return contacts.map((c) => contactEntry(c, c.fields.companyId ? "Fabrikam, Inc." : null));
}

test("narrowing finds exactly what a fresh search finds, whatever the typing", () => {
  const alphabet = ["a", "e", "é", "n", "r", " ", "B", "-"];
  const names = fc.array(
    fc.array(fc.constantFrom(...alphabet), { maxLength: 10 }).map((c) => c.join("")),
    {
      minLength: 1,
      maxLength: 20,
    },
  );
  fc.assert(
    fc.property(names, fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (ns, typed) => {
      const entries = new ContactIndex().update(
        ns.map((displayName, i) => view("contact", `c${i}`, { displayName })),
        [],
      );
      const searcher = new NarrowingSearch<ContactEntry>();
      let query = "";
      for (const key of typed) {
        query += key;
        const narrowed = searcher.search(entries, query).map((e) => e.id);
        expect(narrowed).toEqual(search(entries, query));
      }
    }),
    { seed: 5, numRuns: 200 },
  );
});
