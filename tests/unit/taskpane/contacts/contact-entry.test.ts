/** A contact's list entry: what sorting needs at once, the haystack only when a search reads it. */
import type { Fields } from "../../../../src/shared/json";
import { contactEntry, ContactIndex } from "../../../../src/taskpane/contacts/contact-list";
import { view } from "../view-records";

/** Fields whose notes count their reads (notes are only searched, never shown in the list). */
function countingNotes(fields: Fields): { fields: Fields; reads: () => number } {
  let reads = 0;
  const counted = { ...fields };
  Object.defineProperty(counted, "notes", {
    enumerable: true,
    get() {
      reads += 1;
      return "Met at the spring fair";
    },
  });
  return { fields: counted, reads: () => reads };
}

test("an entry sorts and shows without working out its haystack, which is kept once read", () => {
  const { fields, reads } = countingNotes({ displayName: "Ann Lee", fileAs: "Lee, Ann" });
  const entry = contactEntry(view("contact", "ann", fields), "Contoso");
  expect([entry.name, entry.nameKey, entry.companyName]).toEqual([
    "Ann Lee",
    "lee, ann",
    "Contoso",
  ]);
  expect(reads()).toBe(0);
  expect(entry.haystack).toBe(" ann lee lee ann contoso met at the spring fair");
  expect(entry.haystack).toBe(" ann lee lee ann contoso met at the spring fair");
  expect(reads()).toBe(1);
});

test("an update that changes no entry gives back the same list (the sort and index stand)", () => {
  const index = new ContactIndex();
  const ann = view("contact", "ann", { displayName: "Ann Lee" });
  const bob = view("contact", "bob", { displayName: "Bob Ray" });
  const first = index.update([ann, bob], []);
  // The engine hands out new views of unchanged records after any change to the copy.
  expect(index.update([{ ...ann }, { ...bob }], [])).toBe(first);
  const renamed = index.update([ann, view("contact", "bob", { displayName: "Bob Rae" })], []);
  expect(renamed).not.toBe(first);
  expect(renamed[0]).toBe(first[0]);
  expect(index.update([bob, ann], [])).not.toBe(renamed);
});
