/**
 * The vCard reader through the entry point (src/import/index.ts), one construct per test, each
 * on a small file written here. The corpus test (corpus-vcard.test.ts) runs it on real exports.
 */
import { readContactFile } from "../../../src/import";
import type { ContactFileResult } from "../../../src/import/types";

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** Reads the lines as one file with CRLF line ends. */
const read = (...lines: string[]): ContactFileResult =>
  readContactFile(utf8(lines.join("\r\n") + "\r\n"), "contacts.vcf");
/** The fields of the only contact of a card with these lines. */
function one(version: string, ...lines: string[]) {
  const result = read("BEGIN:VCARD", `VERSION:${version}`, "FN:Test Person", ...lines, "END:VCARD");
  expect(result.contacts).toHaveLength(1);
  return result.contacts[0]!;
}

describe("cards and lines", () => {
  it("reads several cards of a file, whatever the case of BEGIN:VCARD", () => {
    const result = read(
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:Ann Lee",
      "END:VCARD",
      "begin:vCard",
      "version:3.0",
      "fn:Bo Chen",
      "end:vCard",
    );
    expect(result.format).toBe("vcard");
    expect(result.contacts.map((c) => [c.line, c.fields.displayName])).toEqual([
      [1, "Ann Lee"],
      [5, "Bo Chen"],
    ]);
    expect(result.problems).toEqual([]);
  });

  it("unfolds 3.0 and 4.0 lines (a space or tab starts a continuation, and is removed)", () => {
    const c = one("4.0", "NOTE:This note is fol", " ded in the mid", "\tdle of words.");
    expect(c.fields.notes).toBe("This note is folded in the middle of words.");
  });

  it("unfolds 2.1 lines the same way, base64 photos indented by several spaces included", () => {
    const c = one(
      "2.1",
      "PHOTO;ENCODING=BASE64;TYPE=JPEG:",
      "    /9j/4AAQSkZJRgABAQEAYABgAAD/",
      "    2wBDAAYEBQYFBAYGBQYHBwYIChAK",
      "",
      "TITLE:Engin",
      " eer",
    );
    expect(c.fields.jobTitle).toBe("Engineer");
    expect(c.fields.notes).toBeUndefined();
  });

  it("reads quoted-printable with soft line breaks, in the declared charset", () => {
    const c = one(
      "2.1",
      "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:First line=0D=0ASecond =C3=",
      "=BCber line=",
      "",
    );
    expect(c.fields.notes).toBe("First line\nSecond über line");
  });

  it("joins quoted-printable continuations across the empty lines some writers put between", () => {
    const c = one(
      "2.1",
      "NOTE;CHARSET=utf-8;ENCODING=QUOTED-PRINTABLE:K=C3=A4se und =C3=",
      "",
      "=B6l =C3=",
      "",
      "=BC",
      "TITLE:Chef",
    );
    expect(c.fields.notes).toBe("Käse und öl ü");
    expect(c.fields.jobTitle).toBe("Chef");
  });

  it("reads a bare QUOTED-PRINTABLE parameter (2.1)", () => {
    expect(one("2.1", "TITLE;QUOTED-PRINTABLE:Head=20of=20sales").fields.jobTitle).toBe(
      "Head of sales",
    );
  });

  it("decodes CHARSET=ISO-8859-1 and Windows-1252 values from their raw bytes", () => {
    const file = concat(
      utf8("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:"),
      latin1("M\u00fcller;J\u00fcrgen"),
      utf8("\r\nADR;WORK;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:;;Stra=DFe 1;K=F6ln\r\n"),
      utf8("END:VCARD\r\n"),
    );
    const result = readContactFile(file, "nokia.vcf");
    expect(result.contacts[0]?.fields).toMatchObject({
      familyName: "Müller",
      givenName: "Jürgen",
      addresses: [{ label: "work", street: "Straße 1", city: "Köln" }],
    });
    expect(result.encoding).toBe("windows-1252");
  });

  it("reads undeclared values as UTF-8 where valid and in the guessed code page elsewhere", () => {
    const file = concat(
      utf8("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brontë\r\nNOTE:"),
      latin1("Gr\u00fc\u00dfe aus M\u00fcnchen"),
      utf8("\r\nEND:VCARD\r\n"),
    );
    const result = readContactFile(file, "mixed.vcf");
    expect(result.contacts[0]?.fields).toMatchObject({
      displayName: "Zoë Brontë",
      notes: "Grüße aus München",
    });
    expect(result.encoding).toBe("utf-8 + windows-1252");
  });

  it("reads a UTF-16 file, with or without a byte order mark", () => {
    const text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brontë\r\nEND:VCARD\r\n";
    const le = Uint8Array.from([...text].flatMap((c) => [c.charCodeAt(0), 0]));
    for (const bytes of [concat(Uint8Array.from([0xff, 0xfe]), le), le]) {
      const result = readContactFile(bytes, "x.vcf");
      expect(result.encoding).toBe("utf-16le");
      expect(result.contacts[0]?.fields.displayName).toBe("Zoë Brontë");
    }
  });

  it("reads what a cut card holds and says the card is cut", () => {
    const result = read("BEGIN:VCARD", "VERSION:3.0", "FN:Cut Short", "EMAIL:cut@example.com");
    expect(result.contacts[0]?.fields).toMatchObject({ displayName: "Cut Short" });
    expect(result.problems).toEqual([
      { line: 1, reason: expect.stringContaining("no END:VCARD"), skipped: false },
    ]);
  });

  it("closes a card whose END is missing when the next one begins", () => {
    const result = read("BEGIN:VCARD", "FN:One", "BEGIN:VCARD", "FN:Two", "END:VCARD");
    expect(result.contacts.map((c) => c.fields.displayName)).toEqual(["One", "Two"]);
    expect(result.problems).toEqual([
      { line: 1, reason: expect.stringContaining("no END:VCARD"), skipped: false },
    ]);
  });

  it("reports text outside any card, and lines that are not properties", () => {
    const result = read("garbage", "BEGIN:VCARD", "FN:Ann", "no colon here", "END:VCARD");
    expect(result.contacts).toHaveLength(1);
    expect(result.problems).toEqual([
      { line: 1, reason: expect.stringContaining("not inside a vCard"), skipped: true },
      { line: 4, reason: expect.stringContaining("not a vCard property"), skipped: false },
    ]);
  });

  it("leaves out a 2.1 AGENT's embedded vCard", () => {
    const result = read(
      "BEGIN:VCARD",
      "VERSION:2.1",
      "FN:Boss",
      "AGENT:",
      "BEGIN:VCARD",
      "FN:Assistant",
      "END:VCARD",
      "TITLE:CEO",
      "END:VCARD",
    );
    expect(result.contacts.map((c) => c.fields)).toEqual([
      { displayName: "Boss", jobTitle: "CEO" },
    ]);
  });
});

describe("values", () => {
  it("undoes 3.0/4.0 escapes: \\, \\; \\n \\N \\\\", () => {
    const c = one("3.0", "NOTE:a\\, b\\; c\\nd\\Ne\\\\f");
    expect(c.fields.notes).toBe("a, b; c\nd\ne\\f");
  });

  it("keeps 2.1 backslashes other than \\; as text", () => {
    expect(one("2.1", "NOTE:C:\\new\\; folder").fields.notes).toBe("C:\\new; folder");
  });

  it("reads N into its parts, and makes the display name from N when there is no FN", () => {
    const result = read("BEGIN:VCARD", "VERSION:3.0", "N:Doe;John;Paul,Peter;Dr.;Jr.", "END:VCARD");
    expect(result.contacts[0]?.fields).toEqual({
      familyName: "Doe",
      givenName: "John",
      middleName: "Paul Peter",
      displayName: "Dr. John Paul Peter Doe, Jr.",
    });
  });

  it("reads ORG as the company and its units as the department", () => {
    const result = read(
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:A",
      "ORG:ABC\\, Inc.;North American Division;Marketing",
      "END:VCARD",
    );
    expect(result.contacts[0]).toMatchObject({
      companyName: "ABC, Inc.",
      fields: { department: "North American Division, Marketing" },
    });
    expect(result.companies).toEqual([{ fields: { name: "ABC, Inc." } }]);
  });

  it("reads ADR parts; street, extended address and PO box become the street's lines", () => {
    const c = one("4.0", "ADR;TYPE=home:PO Box 7;Apt 4;1 Main St;Springfield;IL;62701;USA");
    expect(c.fields.addresses).toEqual([
      {
        label: "home",
        street: "1 Main St\nApt 4\nPO Box 7",
        city: "Springfield",
        region: "IL",
        postalCode: "62701",
        country: "USA",
      },
    ]);
  });

  it.each([
    ["TEL;WORK;VOICE:+1 555 0100", "work"],
    ["TEL;TYPE=work,voice:+1 555 0100", "work"],
    ['TEL;TYPE="home,voice":+1 555 0100', "home"],
    ["TEL;TYPE=WORK;TYPE=FAX:+1 555 0100", "fax"],
    ["TEL;TYPE=CELL:+1 555 0100", "mobile"],
    ["TEL;CELL;PREF:+1 555 0100", "mobile"],
    ["TEL;TYPE=pager:+1 555 0100", "pager"],
    ['TEL;VALUE=uri;TYPE="work,cell,voice";PREF=1:tel:+1 555 0100', "mobile"],
  ])("reads the phone label of %s", (line, label) => {
    expect(one("3.0", line).fields.phones).toEqual([{ number: "+1 555 0100", label }]);
  });

  it("reads tel: URIs without the scheme, with their extension", () => {
    const c = one("4.0", "TEL;VALUE=uri:tel:+1-418-656-9254;ext=102");
    expect(c.fields.phones).toEqual([{ number: "+1-418-656-9254 x102" }]);
  });

  it("moves a phone number with signs a number cannot hold to the notes, with a problem", () => {
    const result = read("BEGIN:VCARD", "FN:A", "TEL;HOME:call me maybe!", "END:VCARD");
    expect(result.contacts[0]?.fields.phones).toBeUndefined();
    expect(result.contacts[0]?.fields.notes).toBe("Phone (home): call me maybe!");
    expect(result.problems).toEqual([
      { line: 1, reason: expect.stringContaining("call me maybe!"), skipped: false },
    ]);
  });

  it("reads e-mail labels and the preferred address, and moves an invalid address to the notes", () => {
    const result = read(
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:A",
      "EMAIL;TYPE=INTERNET,HOME:home@example.com",
      "EMAIL;TYPE=INTERNET,WORK,PREF:work@example.com",
      "EMAIL;TYPE=work;PREF=1:second-pref@example.com",
      "EMAIL:not an address",
      "END:VCARD",
    );
    const c = result.contacts[0]!;
    expect(c.fields.emails).toEqual([
      { address: "home@example.com", label: "home" },
      { address: "work@example.com", label: "work", primary: true },
      { address: "second-pref@example.com", label: "work" },
    ]);
    expect(c.fields.notes).toBe("E-mail: not an address");
    expect(result.problems).toEqual([
      { line: 1, reason: expect.stringContaining("not a valid e-mail address"), skipped: false },
    ]);
  });

  it("labels grouped properties with their X-ABLabel (Apple, Google)", () => {
    const c = one(
      "3.0",
      "item1.EMAIL;type=INTERNET:assistant@example.com",
      "item1.X-ABLabel:Assistant",
      "ITEM2.TEL:+1 555 0101",
      "ITEM2.X-ABLABEL:_$!<Mobile>!$_",
      "item3.X-ABDATE:2010-06-01",
      "item3.X-ABLabel:_$!<Anniversary>!$_",
    );
    expect(c.fields.emails).toEqual([{ address: "assistant@example.com", label: "Assistant" }]);
    expect(c.fields.phones).toEqual([{ number: "+1 555 0101", label: "mobile" }]);
    expect(c.fields.notes).toBe("anniversary: 2010-06-01");
  });

  it.each([
    ["BDAY:1980-03-21", "1980-03-21"],
    ["BDAY:19800321", "1980-03-21"],
    ["BDAY:1980-03-21T00:00:00Z", "1980-03-21"],
    ["BDAY;VALUE=date:19531015T231000Z", "1953-10-15"],
  ])("reads %s as the birthday", (line, birthday) => {
    expect(one("4.0", line).fields.birthday).toBe(birthday);
  });

  it.each(["BDAY:--0203", "BDAY:--02-03", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-03"])(
    "keeps the yearless %s in the notes, with a problem",
    (line) => {
      const result = read("BEGIN:VCARD", "VERSION:4.0", "FN:A", line, "END:VCARD");
      expect(result.contacts[0]?.fields.birthday).toBeUndefined();
      expect(result.contacts[0]?.fields.notes).toBe("Birthday: --02-03 (no year)");
      expect(result.problems).toEqual([
        { line: 4, reason: expect.stringContaining("has no year"), skipped: false },
      ]);
    },
  );

  it("moves a date that does not exist to the notes, with a problem, and reads the rest", () => {
    const result = read("BEGIN:VCARD", "FN:A", "BDAY:19723101", "TITLE:B", "END:VCARD");
    expect(result.contacts[0]?.fields).toEqual({
      displayName: "A",
      jobTitle: "B",
      notes: "Birthday: 1972-31-01",
    });
    expect(result.problems).toEqual([
      { line: 1, reason: expect.stringContaining("not a real date"), skipped: false },
    ]);
  });

  it("reads URL, TITLE, CATEGORIES (without repeats), and NOTE", () => {
    const c = one(
      "3.0",
      "URL:http://example.com/a\\,b",
      "TITLE:Buyer",
      "CATEGORIES:VIP,Customers,vip",
      "NOTE:Met at the fair.",
    );
    expect(c.fields).toMatchObject({
      websites: ["http://example.com/a,b"],
      jobTitle: "Buyer",
      categories: ["VIP", "Customers"],
      notes: "Met at the fair.",
    });
  });

  it("keeps NICKNAME, ROLE and unknown X- properties in the notes; ignores photos and bookkeeping", () => {
    const c = one(
      "3.0",
      "NICKNAME:Bob",
      "ROLE:Project leader",
      "X-MS-MANAGER:Big Boss",
      "X-CUSTOM-THING:kept",
      "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg==",
      "PRODID:-//Apple Inc.//iPhone OS 17.0//EN",
      "REV:2024-01-01T00:00:00Z",
      "UID:1234",
      "item1.ADR;type=HOME:;;1 Main St;Town;;;",
      "item1.X-ABADR:us",
    );
    expect(c.fields.notes).toBe(
      "Nickname: Bob\nRole: Project leader\nManager: Big Boss\nX-CUSTOM-THING: kept",
    );
  });

  it("keeps a LABEL only when the card has no ADR", () => {
    expect(one("2.1", "LABEL;ENCODING=QUOTED-PRINTABLE:1 Main St=0D=0ATown").fields.notes).toBe(
      "Address label: 1 Main St\nTown",
    );
    const c = one("2.1", "ADR;HOME:;;1 Main St;Town;;;", "LABEL;HOME:1 Main St, Town");
    expect(c.fields.notes).toBeUndefined();
  });

  it("gives contacts the names of the group vCards that list them (KIND:group, Apple's)", () => {
    const result = read(
      "BEGIN:VCARD",
      "VERSION:4.0",
      "UID:urn:uuid:AAA",
      "FN:Ann",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:4.0",
      "KIND:group",
      "FN:Suppliers",
      "MEMBER:urn:uuid:aaa",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:3.0",
      "X-ADDRESSBOOKSERVER-KIND:group",
      "FN:Friends",
      "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:AAA",
      "END:VCARD",
    );
    expect(result.contacts).toEqual([
      { line: 1, fields: { displayName: "Ann" }, groupNames: ["Suppliers", "Friends"] },
    ]);
  });
});

describe("validation of what was read", () => {
  it("leaves out a card with no name and no e-mail address, saying what it held", () => {
    const result = read("BEGIN:VCARD", "VERSION:3.0", "TEL:+1 555 0100", "ORG:Acme", "END:VCARD");
    expect(result.contacts).toEqual([]);
    expect(result.companies).toEqual([]);
    expect(result.problems).toEqual([
      {
        line: 1,
        reason: "Has no name and no e-mail address: left out (it has: Acme; +1 555 0100).",
        skipped: true,
      },
    ]);
  });

  it("keeps a card with an e-mail address and no name", () => {
    const result = read("BEGIN:VCARD", "EMAIL:a@example.com", "END:VCARD");
    expect(result.contacts[0]?.fields).toEqual({ emails: [{ address: "a@example.com" }] });
  });

  it("cuts text over its limit, with a problem naming the field", () => {
    const c = read("BEGIN:VCARD", `FN:${"x".repeat(300)}`, "END:VCARD");
    expect(c.contacts[0]?.fields.displayName).toBe("x".repeat(256));
    expect(c.problems).toEqual([
      {
        line: 1,
        reason: "Display name was longer than 256 characters: cut to 256.",
        skipped: false,
      },
    ]);
  });

  it("keeps the first 20 e-mail addresses and moves the others to the notes", () => {
    const emails = Array.from({ length: 22 }, (_, i) => `EMAIL:a${i}@example.com`);
    const result = read("BEGIN:VCARD", "FN:A", ...emails, "END:VCARD");
    expect(result.contacts[0]?.fields.emails).toHaveLength(20);
    expect(result.contacts[0]?.fields.notes).toBe(
      "E-mail: a20@example.com\nE-mail: a21@example.com",
    );
    expect(result.problems).toHaveLength(1);
  });

  it("makes one company per organization name, case and spacing ignored", () => {
    const result = read(
      "BEGIN:VCARD",
      "FN:A",
      "ORG:Contoso Ltd",
      "END:VCARD",
      "BEGIN:VCARD",
      "FN:B",
      "ORG:CONTOSO  ltd",
      "END:VCARD",
    );
    expect(result.companies).toEqual([{ fields: { name: "Contoso Ltd" } }]);
    expect(result.contacts.map((c) => c.companyName)).toEqual(["Contoso Ltd", "CONTOSO ltd"]);
  });
});
