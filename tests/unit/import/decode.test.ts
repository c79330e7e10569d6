/**
 * src/import/decode.ts: each encoding a contact file comes in, from bytes written here (Node's
 * TextEncoder writes only UTF-8, so the other encodings are spelled out byte by byte).
 */
import {
  decodeText,
  decodeValue,
  legacyEncoding,
  unicodeEncoding,
} from "../../../src/import/decode";

const utf8 = (s: string) => new TextEncoder().encode(s);
/** One byte per character: the text's Windows-1252 (Latin-1 range) bytes. */
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
function utf16(s: string, order: "le" | "be", bom: boolean): Uint8Array {
  const out: number[] = bom ? (order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < s.length; i += 1) {
    const u = s.charCodeAt(i);
    out.push(...(order === "le" ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]));
  }
  return Uint8Array.from(out);
}
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

const TEXT = "First Name,Last Name\r\nJürgen,Müller\r\n山田,太郎\r\n";

describe("decodeText", () => {
  it("reads UTF-8 with and without a byte order mark", () => {
    expect(decodeText(utf8(TEXT))).toEqual({ text: TEXT, encoding: "utf-8" });
    const bom = concat(Uint8Array.from([0xef, 0xbb, 0xbf]), utf8(TEXT));
    expect(decodeText(bom)).toEqual({ text: TEXT, encoding: "utf-8" });
  });

  it.each([
    ["le", true],
    ["le", false],
    ["be", true],
    ["be", false],
  ] as const)("reads UTF-16 %s (byte order mark: %s)", (order, bom) => {
    expect(decodeText(utf16(TEXT, order, bom))).toEqual({ text: TEXT, encoding: `utf-16${order}` });
  });

  it("reads a Windows-1252 file (no mark, not UTF-8) in Windows-1252", () => {
    const text = "Name,City\nJürgen Müller,Düsseldorf\nFrançois Bérard,Orléans\n";
    expect(decodeText(latin1(text))).toEqual({ text, encoding: "windows-1252" });
  });

  it("reads Shift_JIS, told from its bytes", () => {
    // 名前,メール / 山田 太郎,taro@example.jp / 鈴木 花子,hanako@example.jp in Shift_JIS.
    const bytes = Uint8Array.from([
      150, 188, 145, 79, 44, 131, 129, 129, 91, 131, 139, 10, 142, 82, 147, 99, 32, 145, 190, 152,
      89, 44, 116, 97, 114, 111, 64, 101, 120, 97, 109, 112, 108, 101, 46, 106, 112, 10, 151, 233,
      150, 216, 32, 137, 212, 142, 113, 44, 104, 97, 110, 97, 107, 111, 64, 101, 120, 97, 109, 112,
      108, 101, 46, 106, 112, 10,
    ]);
    expect(decodeText(bytes)).toEqual({
      text: "名前,メール\n山田 太郎,taro@example.jp\n鈴木 花子,hanako@example.jp\n",
      encoding: "shift_jis",
    });
  });

  it("reads a Windows-1251 (Cyrillic) file", () => {
    // Иван Петров / Москва / Ольга Смирнова / Санкт-Петербург in Windows-1251.
    const cyrillic = "Иван Петров\nМосква\nОльга Смирнова\nСанкт-Петербург\n";
    const table = (c: string) =>
      c >= "А" && c <= "я" ? c.charCodeAt(0) - 0x410 + 0xc0 : c.charCodeAt(0);
    const bytes = Uint8Array.from([...cyrillic].map(table));
    expect(decodeText(bytes)).toEqual({ text: cyrillic, encoding: "windows-1251" });
  });

  it("reads a file that mixes UTF-8 lines and a Windows-1252 line line by line", () => {
    const bytes = concat(
      utf8("Name,City\nJürgen Müller,Köln\n"),
      latin1("Anna Schütz,Thüringen\n"),
      utf8("Zoë Brontë,Genève\n"),
    );
    expect(decodeText(bytes)).toEqual({
      text: "Name,City\nJürgen Müller,Köln\nAnna Schütz,Thüringen\nZoë Brontë,Genève\n",
      encoding: "utf-8 + windows-1252",
    });
  });

  it("keeps CR LF line ends, so line numbers stay the file's", () => {
    const bytes = concat(utf8("a,b\r\n"), latin1("ü,ß\r\n"), utf8("c,d\r\n"));
    expect(decodeText(bytes).text).toBe("a,b\r\nü,ß\r\nc,d\r\n");
  });
});

describe("unicodeEncoding", () => {
  it("finds no Unicode encoding in plain ASCII or in a legacy code page", () => {
    expect(unicodeEncoding(utf8("a,b\n1,2\n"))).toBeNull();
    expect(unicodeEncoding(latin1("Müller\n"))).toBeNull();
    expect(unicodeEncoding(new Uint8Array())).toBeNull();
  });
});

describe("legacyEncoding", () => {
  it("falls back to Windows-1252 when the detector has no legacy answer", () => {
    expect(legacyEncoding(utf8("plain ascii"))).toBe("windows-1252");
  });
});

describe("decodeValue", () => {
  const never = () => {
    throw new Error("the fallback is not needed");
  };
  it("uses a declared charset, whatever the bytes look like", () => {
    expect(decodeValue(latin1("Stra\u00dfe"), "Windows-1252", never)).toEqual({
      text: "Straße",
      encoding: "windows-1252",
    });
    // 0xA3 is Ł in ISO-8859-2 and £ in Windows-1252.
    expect(decodeValue(Uint8Array.from([0xa3, 0x6f, 0x64, 0xb6]), "ISO-8859-2", never).text).toBe(
      "Łodś",
    );
  });

  it("shows bytes not valid in the declared charset as U+FFFD", () => {
    expect(decodeValue(Uint8Array.from([0x41, 0xc3]), "utf-8", never).text).toBe("A\ufffd");
  });

  it("reads undeclared bytes as UTF-8 when valid, else in the file's code page", () => {
    expect(decodeValue(utf8("Ñandú"), undefined, never)).toEqual({
      text: "Ñandú",
      encoding: "utf-8",
    });
    expect(decodeValue(latin1("Ñandú"), undefined, () => "windows-1252").text).toBe("Ñandú");
  });

  it("ignores a charset it does not know and reads the bytes as undeclared", () => {
    expect(decodeValue(utf8("Zoë"), "x-unknown-charset", never).text).toBe("Zoë");
  });
});
