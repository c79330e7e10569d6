/**
 * The real CSV files of ../shared/data/import-corpus (its README names each file's source and
 * what it exercises) through readContactFile: the right column set, the number of contacts,
 * names and addresses decoded without mojibake, and the problems the files' test values cause
 * (the Outlook samples fill phone columns with their own column names). Without ../shared (a
 * clean clone, CI) the tests are reported as skipped, never as passed; tests/unit/import's
 * csv.test.ts covers every construct with small files of its own.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readContactFile } from "../../../src/import";
import type { ContactFileResult } from "../../../src/import/types";

const CORPUS = join(__dirname, "../../../../shared/data/import-corpus");
const present = existsSync(join(CORPUS, "README.md"));
if (!present) console.warn(`Import corpus CSV tests did not run: ${CORPUS} is absent.`);
const corpus = present ? describe : describe.skip;

const read = (file: string): ContactFileResult =>
  readContactFile(new Uint8Array(readFileSync(join(CORPUS, file))), file);
/** UTF-8 read as a legacy code page shows as Ã or Â followed by another character. */
const MOJIBAKE = /[ÃÂ][\u0080-\u00bf]|Ã[A-Za-z]|â€|\uFFFD/;

corpus("CSV files of the import corpus", () => {
  it("Outlook365.csv: Outlook's English set, 6 contacts, the Windows-1252 line decoded", () => {
    const result = read("Outlook365.csv");
    expect(result).toMatchObject({ format: "csv", mapping: { source: "outlook" } });
    expect(result.contacts.map((c) => [c.line, c.fields.givenName, c.fields.familyName])).toEqual([
      [2, "Anita", "Jorgensen"],
      [3, "Anne-Mette", "Olesen"],
      [4, "Dorena", "Paschke"],
      [5, "Kemal", "Celik"],
      [6, "Shiori", "Inoue"],
      [7, "Max", "Mustermann"],
    ]);
    expect(result.companies.map((c) => c.fields.name)).toEqual(["Contoso", "Google"]);
    expect(result.contacts[0]?.fields).toMatchObject({
      emails: [{ address: "Anita@contoso.com" }],
      birthday: "1981-01-20",
      phones: [
        { number: "555-555-1212", label: "work" },
        { number: "555-555-1212", label: "mobile" },
      ],
    });
    const max = result.contacts[5]!.fields;
    expect(max.addresses).toEqual([
      {
        label: "work",
        street: "Gartenallee\n2b\n3. OG\nBusiness Address PO Box",
        city: "Magdeburg",
        region: "Sachsen-Anhalt",
        postalCode: "39104",
        country: "Germany",
      },
      expect.objectContaining({ label: "home", city: "Dresden" }),
      expect.objectContaining({ label: "other", region: "Thüringen", city: "Eisenach" }),
    ]);
    expect(max).toMatchObject({
      displayName: "Dr. Max Peter Mustermann Jr.",
      birthday: "1984-06-05",
    });
    expect(JSON.stringify(result.contacts)).not.toMatch(MOJIBAKE);
    // The sample's phone columns hold their own names ("Business Phone"): not phone numbers.
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.line === 7 && !p.skipped)).toBe(true);
  });

  it("Outlook365 Web.csv: Outlook.com's set, 1 contact, the empty last record ignored", () => {
    const result = read("Outlook365 Web.csv");
    expect(result.mapping?.source).toBe("outlook.com");
    expect(result.contacts).toHaveLength(1);
    expect(result.contacts[0]).toMatchObject({
      line: 2,
      companyName: "Firma",
      fields: {
        givenName: "Max",
        familyName: "Mustermann",
        department: "Führungsetage",
        birthday: "1972-01-31",
        emails: [
          { address: "privat@folker-kinzel.de" },
          { address: "business@folker-kinzel.de" },
          { address: "andere@folker-kinzel.de" },
        ],
      },
    });
    expect(result.contacts[0]?.fields.addresses?.[0]).toMatchObject({ street: "Firmenstraße" });
    expect(JSON.stringify(result.contacts)).not.toMatch(MOJIBAKE);
  });

  it("WindowsLiveMail.csv: German, semicolons, 1 contact", () => {
    const result = read("WindowsLiveMail.csv");
    expect(result.mapping?.source).toBe("windows-live-mail-de");
    expect(result.contacts).toHaveLength(1);
    expect(result.contacts[0]).toMatchObject({
      line: 2,
      companyName: "Firma",
      fields: {
        givenName: "Max",
        familyName: "Mustermann",
        middleName: "Middle Name",
        displayName: "Maxl",
        jobTitle: "Position",
        department: "Abteilung",
        emails: [{ address: "privat@folker-kinzel.de" }],
        addresses: [
          { label: "home", street: "Straße 42", city: "Ort", country: "DE" },
          { label: "work", street: "Eisenbahnstraße", city: "Leipzig", postalCode: "04315" },
        ],
      },
    });
    expect(result.contacts[0]?.fields.notes).toContain("Kommentar Äöü");
  });

  it("export.csv: Thunderbird's set, 2 contacts, quoted commas, quotes, tabs and line breaks", () => {
    const result = read("export.csv");
    expect(result.mapping?.source).toBe("thunderbird");
    expect(result.contacts.map((c) => [c.line, c.fields.displayName])).toEqual([
      [2, "contact number one"],
      [3, "contact number two"],
    ]);
    expect(result.contacts[1]?.fields).toMatchObject({
      jobTitle: '"worker"',
      notes: "here's some unicode text…",
      custom: {
        "Custom 1": { type: "text", value: "custom, 1" },
        "Custom 2": { type: "text", value: "custom\t2" },
        "Custom 3": { type: "text", value: "custom\n3" },
        "Custom 4": { type: "text", value: "custom\n4" },
      },
    });
  });

  it("utf16_addressbook.csv: UTF-16 with a BOM, Thunderbird's set, 1 contact", () => {
    const result = read("utf16_addressbook.csv");
    expect(result).toMatchObject({ format: "csv", mapping: { source: "thunderbird" } });
    expect(result.contacts).toEqual([
      {
        line: 2,
        fields: {
          givenName: "John",
          familyName: "Doe",
          displayName: "John Doe",
          emails: [{ address: "johndoe@host.invalid" }],
        },
      },
    ]);
    expect(result.problems).toEqual([]);
  });
});
