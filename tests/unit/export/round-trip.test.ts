/**
 * An export read back by the import gives the same contacts (issue 14): generated records are
 * written as Outlook CSV and as vCard 3.0 and 4.0, read with `readContactFile`, and compared on
 * the fields each format carries (the headers of src/export/outlook-csv.ts and vcard.ts say
 * which, and what is lost).
 */
import fc from "fast-check";
import { contactsToOutlookCsv, contactsToVCard } from "../../../src/export";
import { OUTLOOK_COLUMNS } from "../../../src/import/columns";
import { readContactFile } from "../../../src/import";
import type { ContactFields, CompanyFields, GroupFields } from "../../../src/shared/records";

/** Text as users write it, accents, CJK, emoji and CSV's special signs included. */
const chars = fc.constantFrom(
  ..."aZk é ß 漢字 😀 , ; \" ' \t ( ) . - / : \\".split(" "),
  "x",
  "Ö",
  " ",
);
/** One line of text: no line break, nothing around it (every reader trims a value). */
const word = (max = 12) =>
  fc
    .array(chars, { minLength: 1, maxLength: max })
    .map((a) => a.join("").trim().replace(/\s+/g, " "))
    .filter((s) => s !== "");
/** Lines of text joined by `\n`. */
const paragraph = fc.array(word(), { minLength: 1, maxLength: 3 }).map((l) => l.join("\n"));
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,8}$/), fc.stringMatching(/^[a-z]{1,8}$/))
  .map(([local, host]) => `${local}@${host}.example`);
const phone = fc.stringMatching(/^\+?[0-9][0-9 ()./-]{0,14}[0-9]$/);
const date = fc
  .date({
    min: new Date("1900-01-01T00:00:00Z"),
    max: new Date("2030-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const COMPANIES = new Map<string, CompanyFields>([
  ["c-1", { name: "Contoso, Ltd." }],
  ["c-2", { name: "Grüne AG; Köln" }],
]);
const GROUPS = new Map<string, GroupFields>([
  ["g-1", { name: "Customers" }],
  ["g-2", { name: "Früh & spät" }],
  ["g-3", { name: "VIP, gold" }],
]);

/** Drops the keys whose value is undefined (the import writes no such key). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const base = {
  givenName: word(),
  middleName: opt(word()),
  familyName: opt(word()),
  jobTitle: opt(word()),
  department: opt(word()),
  notes: opt(paragraph),
  birthday: opt(date),
  companyId: opt(fc.constantFrom("c-1", "c-2")),
  groupIds: opt(fc.uniqueArray(fc.constantFrom("g-1", "g-2", "g-3"), { minLength: 1 })),
};

describe("Outlook CSV, read back", () => {
  const outlookIndex = (target: string) => OUTLOOK_COLUMNS.findIndex(([, t]) => t === target);
  const PHONE_LABELS = [
    "work",
    "home",
    "mobile",
    "fax",
    "home fax",
    "other fax",
    "pager",
    "main",
    "company",
    "assistant",
    "callback",
    "car",
    "isdn",
    "radio",
    "tty",
    "telex",
    "other",
  ];
  const contact = fc
    .record(
      {
        ...base,
        emails: opt(
          fc
            .uniqueArray(email, { minLength: 1, maxLength: 3 })
            .chain((addresses) =>
              fc
                .nat({ max: addresses.length })
                .map((primary) =>
                  addresses.map((address, i) =>
                    i === primary ? { address, primary: true } : { address },
                  ),
                ),
            ),
        ),
        phones: opt(
          fc
            .uniqueArray(fc.tuple(fc.constantFrom(...PHONE_LABELS), phone), {
              minLength: 1,
              selector: ([label]) => label,
            })
            .map((list) => list.map(([label, number]) => ({ number, label }))),
        ),
        addresses: opt(
          fc
            .uniqueArray(
              fc.record({
                label: fc.constantFrom("work", "home", "other"),
                street: paragraph,
                city: opt(word()),
                region: opt(word()),
                postalCode: opt(word(8)),
                country: opt(word()),
              }),
              { minLength: 1, selector: (a) => a.label },
            )
            .map((list) => list.map(defined)),
        ),
        websites: opt(fc.webUrl().map((u) => [u])),
        custom: opt(
          fc
            .dictionary(fc.constantFrom("Spouse", "Hobby", "User 1", "Referred By"), word(), {
              minKeys: 1,
            })
            .map((d) =>
              Object.fromEntries(
                Object.entries(d).map(([k, v]) => [k, { type: "text" as const, value: v }]),
              ),
            ),
        ),
      },
      { requiredKeys: ["givenName"] },
    )
    .map((c) => defined(c) as ContactFields);

  it("gives back what the columns carry", () => {
    fc.assert(
      fc.property(fc.array(contact, { minLength: 1, maxLength: 5 }), (contacts) => {
        const text = contactsToOutlookCsv(contacts, COMPANIES, GROUPS);
        const read = readContactFile(new TextEncoder().encode(text), "contacts.csv");
        expect(read.problems).toEqual([]);
        expect(read.mapping?.source).toBe("outlook");
        expect(read.contacts).toEqual(
          contacts.map((c, i) => {
            const { companyId, groupIds, emails, phones, addresses, ...same } = c;
            // Outlook has one Categories column: groups go there and come back as categories.
            const categories = groupIds?.map((id) => GROUPS.get(id)!.name);
            const expected: Record<string, unknown> = {
              line: i + 2 + contacts.slice(0, i).reduce((n, x) => n + lineBreaks(x), 0),
              fields: defined({
                ...same,
                categories,
                emails: emails
                  ?.slice()
                  .sort((a, b) => Number(b.primary ?? 0) - Number(a.primary ?? 0))
                  .map((e) => ({ address: e.address })),
                phones: phones
                  ?.slice()
                  .sort(
                    (a, b) => outlookIndex(`phone:${a.label}`) - outlookIndex(`phone:${b.label}`),
                  ),
                addresses: addresses
                  ?.slice()
                  .sort(
                    (a, b) =>
                      outlookIndex(`address:${a.label}.city`) -
                      outlookIndex(`address:${b.label}.city`),
                  ),
              }),
            };
            if (companyId) expected.companyName = COMPANIES.get(companyId)!.name;
            return expected;
          }),
        );
      }),
      { numRuns: 60 },
    );
  });

  /** The line breaks inside a contact's quoted values, which move the next row's line. */
  function lineBreaks(c: ContactFields): number {
    const texts = [
      c.notes,
      ...(c.addresses ?? []).map((a) => (a.street ?? "").split("\n").slice(2).join("\n")),
    ];
    return texts.reduce((n, t) => n + (t?.split("\n").length ?? 1) - 1, 0);
  }
});

describe.each(["3.0", "4.0"] as const)("vCard %s, read back", (version) => {
  const contact = fc
    .record(
      {
        ...base,
        displayName: opt(word()),
        fileAs: opt(word()),
        emails: opt(
          fc
            .uniqueArray(
              fc.record({
                address: email,
                label: opt(fc.constantFrom("work", "home", "other", "Assistant")),
              }),
              { minLength: 1, maxLength: 4, selector: (e) => e.address },
            )
            .chain((list) =>
              fc
                .nat({ max: list.length })
                .map((primary) =>
                  list.map((e, i) => defined(i === primary ? { ...e, primary: true } : e)),
                ),
            ),
        ),
        phones: opt(
          fc
            .array(
              fc.record({
                number: phone,
                label: opt(
                  fc.constantFrom(
                    "work",
                    "home",
                    "mobile",
                    "fax",
                    "pager",
                    "car",
                    "other",
                    "Assistant",
                  ),
                ),
              }),
              { minLength: 1, maxLength: 4 },
            )
            .map((list) => list.map(defined)),
        ),
        addresses: opt(
          fc
            .array(
              fc.record({
                label: opt(fc.constantFrom("work", "home", "other", "Holiday")),
                street: paragraph,
                city: opt(word()),
                region: opt(word()),
                postalCode: opt(word(8)),
                country: opt(word()),
              }),
              { minLength: 1, maxLength: 3 },
            )
            .map((list) => list.map(defined)),
        ),
        websites: opt(fc.array(fc.webUrl(), { minLength: 1, maxLength: 3 })),
        categories: opt(fc.uniqueArray(fc.constantFrom("Red", "Blue category"), { minLength: 1 })),
      },
      { requiredKeys: ["givenName"] },
    )
    .map((c) => defined(c) as ContactFields);

  it("gives back what the cards carry", () => {
    fc.assert(
      fc.property(fc.array(contact, { minLength: 1, maxLength: 4 }), (contacts) => {
        const text = contactsToVCard(contacts, COMPANIES, GROUPS, version);
        const read = readContactFile(new TextEncoder().encode(text), "contacts.vcf");
        expect(read.problems).toEqual([]);
        expect(
          read.contacts.map((c) => ({ companyName: c.companyName, fields: c.fields })),
        ).toEqual(
          contacts.map((c) => {
            const { companyId, groupIds, categories, ...same } = c;
            const names = [
              ...(groupIds ?? []).map((id) => GROUPS.get(id)!.name),
              ...(categories ?? []),
            ];
            return {
              companyName: companyId ? COMPANIES.get(companyId)!.name : undefined,
              fields: defined({
                ...same,
                displayName:
                  c.displayName ??
                  [c.givenName, c.middleName, c.familyName].filter((p) => p).join(" "),
                categories: names.length ? names : undefined,
              }),
            };
          }),
        );
      }),
      { numRuns: 60 },
    );
  });
});
