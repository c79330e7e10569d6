/**
 * The export writers (src/export) on small records: the exact text of each format, its
 * escaping, folding, byte order mark and line ends.
 */
import {
  companiesToCsv,
  contactsToOutlookCsv,
  contactsToVCard,
  groupsToCsv,
} from "../../../src/export";
import { fold } from "../../../src/export/vcard";
import { OUTLOOK_COLUMNS } from "../../../src/import/columns";
import type { ContactFields } from "../../../src/shared/records";

const NONE = new Map();

describe("Outlook CSV", () => {
  const ann: ContactFields = {
    givenName: "Ann",
    familyName: "Müller",
    companyId: "c1",
    emails: [{ address: "a@x.example" }, { address: "p@x.example", primary: true }],
    phones: [
      { number: "+1 555 0100", label: "work" },
      { number: "555 0101", label: "work" },
      { number: "555 0102", label: "work" },
      { number: "555 0103", label: "Holiday home" },
    ],
    addresses: [{ label: "work", street: "1 Road\nSuite 2\nFloor 3\nDesk 4", city: "Town" }],
    birthday: "1980-01-05",
    notes: 'Said "hi",\nthen left',
    groupIds: ["g1"],
    categories: ["Red"],
    custom: { spouse: { type: "text", value: "Sam" }, Shoe: { type: "text", value: "42" } },
  };

  it("writes Outlook's 92 English columns with a byte order mark and CRLF", () => {
    const text = contactsToOutlookCsv([], NONE, NONE);
    expect(text).toBe(`\uFEFF${OUTLOOK_COLUMNS.map(([h]) => h).join(",")}\r\n`);
    expect(OUTLOOK_COLUMNS).toHaveLength(92);
  });

  it("puts each field in its column, quoting what needs it", () => {
    const text = contactsToOutlookCsv(
      [ann],
      new Map([["c1", { name: "Contoso, Ltd." }]]),
      new Map([["g1", { name: "VIP" }]]),
    );
    const [, row] = text.slice(1).split("\r\n");
    const value = (header: string) => {
      const values = row!.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((v) => v.replace(/,$/, ""));
      return values[OUTLOOK_COLUMNS.findIndex(([h]) => h === header)];
    };
    expect(value("First Name")).toBe("Ann");
    expect(value("Company")).toBe('"Contoso, Ltd."');
    expect(value("E-mail Address")).toBe("p@x.example");
    expect(value("E-mail 2 Address")).toBe("a@x.example");
    expect(value("Business Phone")).toBe("+1 555 0100");
    expect(value("Business Phone 2")).toBe("555 0101");
    // A third work number and an unknown label go to Other Phone while it is free.
    expect(value("Other Phone")).toBe("555 0102");
    expect(value("Business Street")).toBe("1 Road");
    expect(value("Business Street 2")).toBe("Suite 2");
    expect(text).toContain('"Floor 3\nDesk 4"');
    expect(value("Birthday")).toBe("1/5/1980");
    expect(text).toContain('"Said ""hi"",\nthen left"');
    expect(value("Categories")).toBe("VIP;Red");
    expect(value("Spouse")).toBe("Sam");
    expect(text).not.toContain("42");
  });

  it("guards values a spreadsheet would run as formulas", () => {
    const text = contactsToOutlookCsv(
      [
        {
          givenName: "=HYPERLINK(1)",
          familyName: "@SUM(1)",
          phones: [{ number: "+1 555", label: "home" }],
        },
      ],
      NONE,
      NONE,
    );
    expect(text).toContain("'=HYPERLINK(1)");
    expect(text).toContain("'@SUM(1)");
    expect(text).not.toContain("'+1");
  });
});

describe("vCard", () => {
  const ann: ContactFields = {
    givenName: "Ann",
    middleName: "B.",
    familyName: "Lee; Jr",
    companyId: "c1",
    department: "Sales, EMEA",
    emails: [
      { address: "a@x.example", label: "work", primary: true },
      { address: "b@x.example", label: "Assistant" },
    ],
    phones: [
      { number: "+1 555", label: "mobile" },
      { number: "556", label: "fax" },
      { number: "557" },
    ],
    addresses: [{ label: "home", street: "1 Road\nFlat 2", city: "Town", country: "UK" }],
    birthday: "1980-01-05",
    notes: "a\\b",
    custom: { Spouse: { type: "text", value: "Sam" } },
  };
  const companies = new Map([["c1", { name: "Contoso" }]]);

  it("writes 3.0 with escaped text, TYPE lists and X-ABLabel for other labels", () => {
    expect(contactsToVCard([ann], companies, NONE, "3.0")).toBe(
      [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Lee\\; Jr;Ann;B.;;",
        "FN:Ann B. Lee\\; Jr",
        "ORG:Contoso;Sales\\, EMEA",
        "EMAIL;TYPE=internet,work,pref:a@x.example",
        "item1.EMAIL;TYPE=internet:b@x.example",
        "item1.X-ABLabel:Assistant",
        "TEL;TYPE=cell:+1 555",
        "TEL;TYPE=work,fax:556",
        "TEL:557",
        "ADR;TYPE=home:;;1 Road\\nFlat 2;Town;;;UK",
        "BDAY:1980-01-05",
        "NOTE:a\\\\b",
        "item2.X-BCM-FIELD:Sam",
        "item2.X-ABLabel:Spouse",
        "END:VCARD",
        "",
      ].join("\r\n"),
    );
  });

  it("writes 4.0 with PREF=1 and a basic-format birthday", () => {
    const text = contactsToVCard([ann], companies, NONE, "4.0");
    expect(text).toContain("VERSION:4.0\r\n");
    expect(text).toContain("EMAIL;TYPE=work;PREF=1:a@x.example\r\n");
    expect(text).toContain("BDAY:19800105\r\n");
    expect(text).not.toContain("internet");
  });

  it("folds lines at 75 octets without cutting a UTF-8 character", () => {
    const line = `NOTE:${"é".repeat(40)}${"😀".repeat(20)}`;
    const folded = fold(line);
    const pieces = folded.split("\r\n");
    const octets = (s: string) => new TextEncoder().encode(s).length;
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => octets(p) <= 75)).toBe(true);
    expect(pieces.slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(pieces.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(line);
    expect(fold("N:short")).toBe("N:short");
  });

  it("names a contact without a name by its company or e-mail address", () => {
    const text = contactsToVCard([{ emails: [{ address: "x@y.example" }] }], NONE, NONE, "4.0");
    expect(text).toContain("FN:x@y.example\r\n");
  });
});

describe("companies and groups", () => {
  it("writes companies one a row, lists joined", () => {
    expect(
      companiesToCsv([
        {
          name: "Contoso",
          domains: ["contoso.com", "contoso.de"],
          phones: [{ number: "555", label: "work" }],
          addresses: [{ label: "work", street: "1 Road\nFlat 2", city: "Town", postalCode: "123" }],
        },
      ]),
    ).toBe(
      "\uFEFFName,Domains,Industry,Phones,Addresses,Web Pages,Categories,Notes,Owner\r\n" +
        'Contoso,contoso.com; contoso.de,,work: 555,"work: 1 Road, Flat 2, 123 Town",,,,\r\n',
    );
  });

  it("writes groups with their members' names", () => {
    const names = new Map([["a", "Ann Lee"]]);
    expect(
      groupsToCsv([{ name: "VIP", description: "Best", memberIds: ["a", "gone"] }], (id) =>
        names.get(id),
      ),
    ).toBe("\uFEFFName,Description,Member Count,Members\r\nVIP,Best,2,Ann Lee\r\n");
  });
});
