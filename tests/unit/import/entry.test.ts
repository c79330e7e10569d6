/**
 * readContactFile (src/import/index.ts): the format comes from the content, not the name; CSV
 * goes to the CSV reader (its own tests check what it reads); nothing in a file makes it throw.
 */
import { readContactFile } from "../../../src/import";

const utf8 = (s: string) => new TextEncoder().encode(s);
const VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n";
const CSV = "First Name,Last Name,E-mail Address\r\nAnn,Lee,ann@example.com\r\n";

describe("readContactFile", () => {
  it("reads a vCard as a vCard whatever its name", () => {
    for (const name of ["contacts.vcf", "contacts.csv", "export.txt", ""]) {
      const result = readContactFile(utf8(VCARD), name);
      expect(result.format).toBe("vcard");
      expect(result.contacts.map((c) => c.fields.displayName)).toEqual(["Ann Lee"]);
    }
  });

  it("tells a vCard after a byte order mark, blank lines, or in UTF-16", () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("\r\n\r\n" + VCARD)]);
    expect(readContactFile(bom, "x").format).toBe("vcard");
    const utf16be = Uint8Array.from([
      0xfe,
      0xff,
      ...[...VCARD].flatMap((c) => [0, c.charCodeAt(0)]),
    ]);
    expect(readContactFile(utf16be, "x").contacts[0]?.fields.displayName).toBe("Ann Lee");
  });

  it("reads a .vcf file with text before its first card as a vCard, and reports the text", () => {
    const result = readContactFile(utf8("Exported by PhoneSync\r\n" + VCARD), "phone.vcf");
    expect(result.format).toBe("vcard");
    expect(result.contacts).toHaveLength(1);
    expect(result.problems).toEqual([
      { line: 1, reason: expect.stringContaining("not inside a vCard"), skipped: true },
    ]);
  });

  it("reads CSV as CSV, even when named .vcf", () => {
    for (const name of ["contacts.csv", "contacts.vcf"]) {
      const result = readContactFile(utf8(CSV), name);
      expect(result.format).toBe("csv");
      expect(result.encoding).toBe("utf-8");
      expect(result.contacts.map((c) => c.fields.emails)).toEqual([
        [expect.objectContaining({ address: "ann@example.com" })],
      ]);
    }
  });

  it("validates what the CSV reader read (a row with no name and no address is left out)", () => {
    const result = readContactFile(utf8(CSV + ",,\r\nBo,,\r\n"), "contacts.csv");
    expect(result.contacts).toHaveLength(2);
  });

  it("answers, without throwing, for an empty file and for bytes that are no contact file", () => {
    expect(readContactFile(new Uint8Array(), "empty.vcf").contacts).toEqual([]);
    const noise = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256);
    expect(readContactFile(noise, "photo.jpg").contacts).toEqual([]);
    // Cut in a quoted-printable byte, in a charset nobody knows: read as undeclared bytes.
    const cut = utf8("BEGIN:VCARD\r\nN;ENCODING=QUOTED-PRINTABLE;CHARSET=x-nope:=C3=");
    const result = readContactFile(cut, "cut.vcf");
    expect(result.contacts.map((c) => c.fields.familyName)).toEqual(["Ã"]);
    expect(result.problems.map((p) => p.reason)).toEqual([expect.stringContaining("no END:VCARD")]);
  });
});
