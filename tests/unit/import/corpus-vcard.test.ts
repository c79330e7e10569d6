/**
 * The real contact files of ../shared/data/import-corpus (its README names each file's source
 * and what it exercises) through readContactFile: the vCard files' contacts, names and
 * addresses decoded right, and a clear problem for the broken ones; the CSV files reach the CSV
 * reader in the right encoding (tests/unit/import's CSV tests check what it reads). Without
 * ../shared (a clean clone, CI) the tests are reported as skipped, never as passed.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readContactFile } from "../../../src/import";
import type { ContactFileResult } from "../../../src/import/types";

const CORPUS = join(__dirname, "../../../../shared/data/import-corpus");
const present = existsSync(join(CORPUS, "README.md"));
if (!present) console.warn(`Import corpus tests did not run: ${CORPUS} is absent.`);
const corpus = present ? describe : describe.skip;

const read = (file: string): ContactFileResult =>
  readContactFile(new Uint8Array(readFileSync(join(CORPUS, file))), file);
const names = (r: ContactFileResult) => r.contacts.map((c) => c.fields.displayName);
/** UTF-8 read as a legacy code page shows as Ã or Â followed by another character. */
const MOJIBAKE = /[ÃÂ][\u0080-\u00bf]|Ã[A-Za-z]|â€/;

corpus("vCard files of the import corpus", () => {
  const VCARDS = [
    "rfc6350-example.vcf",
    "rfc2426-example.vcf",
    "John_Doe_MS_OUTLOOK.vcf",
    "John_Doe_ANDROID.vcf",
    "outlook-2003.vcf",
    "John_Doe_EVOLUTION.vcf",
    "vcard.vcf",
    "v4.vcf",
    "LabelIssue.vcf",
    "Cropped_2_1.vcf",
  ];

  it.each(VCARDS)("%s is read as a vCard, without mojibake", (file) => {
    const result = read(file);
    expect(result.format).toBe("vcard");
    for (const c of result.contacts) expect(JSON.stringify(c)).not.toMatch(MOJIBAKE);
  });

  it("rfc6350-example.vcf: the RFC 6350 example (4.0)", () => {
    const result = read("rfc6350-example.vcf");
    expect(result.contacts).toHaveLength(1);
    expect(result.contacts[0]).toMatchObject({
      companyName: "Viagenie",
      fields: {
        displayName: "Simon Perreault",
        familyName: "Perreault",
        givenName: "Simon",
        phones: [
          { number: "+1-418-656-9254 x102", label: "work" },
          { number: "+1-418-262-6501", label: "mobile" },
        ],
        addresses: [{ street: "2875 Laurier\nSuite D2-630", city: "Quebec", country: "Canada" }],
      },
    });
    expect(result.problems.map((p) => p.reason)).toEqual([expect.stringContaining("no year")]);
  });

  it("rfc2426-example.vcf: two 3.0 cards, a folded ADR", () => {
    const result = read("rfc2426-example.vcf");
    expect(names(result)).toEqual(["Frank Dawson", "Tim Howes"]);
    expect(result.contacts.map((c) => c.fields.addresses?.[0]?.city)).toEqual([
      "Raleigh",
      "Mountain View",
    ]);
    expect(result.companies.map((c) => c.fields.name)).toEqual([
      "Lotus Development Corporation",
      "Netscape Communications Corp.",
    ]);
    expect(result.problems).toEqual([]);
  });

  it("John_Doe_MS_OUTLOOK.vcf: Outlook 2.1 with a photo and QP labels", () => {
    const result = read("John_Doe_MS_OUTLOOK.vcf");
    expect(result.contacts).toHaveLength(1);
    const { fields } = result.contacts[0]!;
    expect(fields).toMatchObject({
      givenName: "John",
      familyName: "Doe",
      department: "Accounting",
      birthday: "1980-03-22",
      emails: [{ address: "john.doe@ibm.cm", primary: true }],
    });
    expect(fields.addresses?.map((a) => [a.label, a.city])).toEqual([
      ["work", "Albaney"],
      ["home", "New York"],
    ]);
    expect(fields.notes).toContain("Manager: Big Blue");
    expect(fields.notes).not.toContain("/9j/"); // the photo is left out
    expect(fields.notes).not.toContain("<card"); // and Outlook's card layout
  });

  it("John_Doe_ANDROID.vcf: six 2.1 cards, two with only an e-mail address, UTF-8 QP names", () => {
    const result = read("John_Doe_ANDROID.vcf");
    expect(result.contacts).toHaveLength(6);
    expect(result.contacts[0]?.fields).toEqual({
      emails: [{ address: "john.doe@company.com", primary: true }],
      categories: ["My Contacts"],
    });
    expect(names(result).slice(2)).toEqual([
      "Ñ Ñ Ñ Ñ Ñ",
      "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ",
      "Ñ Ñ Ñ Ñ",
      "ÑÑÑÑ",
    ]);
    // One ORG of the last card ends in a byte that is not UTF-8: said, not hidden.
    expect(result.problems.filter((p) => p.reason.includes("not valid utf-8"))).toHaveLength(1);
  });

  it("outlook-2003.vcf: a QP note, ORG with a comma, a certificate and a garbage FBURL", () => {
    const result = read("outlook-2003.vcf");
    expect(result.contacts).toHaveLength(1);
    expect(result.contacts[0]).toMatchObject({
      companyName: "Company, The",
      fields: { displayName: "John Doe III", department: "TheDepartment", birthday: "1980-03-21" },
    });
    expect(result.contacts[0]?.fields.notes).toMatch(
      /^This is the note field!!\nSecond line\n\nThird line is empty\n/,
    );
    expect(result.contacts[0]?.fields.notes).not.toContain("MIIDITCC"); // the key is left out
  });

  it("John_Doe_EVOLUTION.vcf: Evolution 3.0, folded mid-word, escaped commas", () => {
    const { fields } = read("John_Doe_EVOLUTION.vcf").contacts[0]!;
    expect(fields).toMatchObject({
      displayName: "Mr. John Richter, James Doe Sr.",
      fileAs: "Doe, John",
      department: "Accounting, Dungeon",
      emails: [{ address: "john.doe@ibm.com", label: "work" }],
      phones: [
        { number: "905-666-1234", label: "mobile" },
        { number: "905-555-1234", label: "work" },
      ],
      addresses: [{ label: "home", country: "United States of America" }],
      categories: ["VIP"],
    });
    expect(fields.notes).toMatch(/^THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND/);
    expect(fields.notes).toContain("PROFITS; OR BUSINESS INTERRUPTION");
  });

  it("vcard.vcf: nearly every 4.0 property; what has no field goes to the notes", () => {
    const result = read("vcard.vcf");
    expect(result.contacts).toHaveLength(1);
    expect(result.contacts[0]).toMatchObject({
      companyName: "ABC, Inc.",
      fields: { displayName: "J. Doe", familyName: "Stevenson", jobTitle: "Research Scientist" },
    });
    expect(result.contacts[0]?.fields.notes).toContain("IM: xmpp:alice@example.com");
  });

  it("v4.vcf: two Thunderbird cards, German names, a date that does not exist", () => {
    const result = read("v4.vcf");
    expect(names(result)).toEqual(["Möhrke Gerda", "Dr. Max Horst Mustermann jr. Maxl SED"]);
    expect(result.companies.map((c) => c.fields.name)).toEqual(["KiTa Öhrdingen", "SED"]);
    expect(result.contacts[1]?.fields.jobTitle).toBe("Gröfaz");
    expect(result.contacts[1]?.fields.notes).toContain("Hochzeitstag: 20190707");
    expect(result.problems).toContainEqual({
      line: 15,
      reason: expect.stringContaining("not a real date"),
      skipped: false,
    });
  });

  it("LabelIssue.vcf: a raw Windows-1252 byte under CHARSET=Windows-1252", () => {
    const result = read("LabelIssue.vcf");
    expect(result.contacts[0]?.fields.addresses?.[0]).toEqual({
      label: "work",
      street: "Business-Straße 19",
      city: "Schaffhausen",
      postalCode: "76543",
      country: "Deutschland",
    });
    expect(result.problems).toEqual([]);
  });

  it("Cropped_2_1.vcf: cut off inside a QP note; what is there is read and the cut is said", () => {
    const result = read("Cropped_2_1.vcf");
    expect(result.contacts).toHaveLength(1);
    expect(result.contacts[0]).toMatchObject({
      companyName: "Firma",
      fields: { familyName: "Mustermann", department: "Führungsetage" },
    });
    expect(result.contacts[0]?.fields.notes).toMatch(
      /^Kommentar ÄÄÄÄÄÄ ääääää ÖÖÖÖÖÖ öööööö ÜÜÜÜÜÜ üüüü/,
    );
    expect(result.problems).toContainEqual({
      line: 1,
      reason: expect.stringContaining("no END:VCARD"),
      skipped: false,
    });
  });
});

corpus("CSV files of the import corpus reach the CSV reader", () => {
  it.each([
    ["Outlook365.csv", "windows-1252"],
    ["Outlook365 Web.csv", "utf-8"],
    ["WindowsLiveMail.csv", "utf-8"],
    ["export.csv", "utf-8"],
    ["utf16_addressbook.csv", "utf-16le"],
  ])("%s as CSV in %s", (file, encoding) => {
    const result = read(file);
    expect([result.format, result.encoding]).toEqual(["csv", encoding]);
    expect(result.contacts.length).toBeGreaterThan(0);
  });
});
