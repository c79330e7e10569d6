/**
 * Bytes to text for the import. The browser's `TextDecoder` decodes every encoding (UTF-8,
 * UTF-16, the Windows and ISO-8859 code pages, Shift_JIS, …); what it cannot do is say which
 * one an undeclared file uses. The order of the guesses:
 *
 * 1. a byte order mark (UTF-8, UTF-16 LE or BE);
 * 2. UTF-16 without one, from where the NUL bytes fall (Latin text in UTF-16 has one NUL in
 *    every pair: second in little-endian, first in big-endian);
 * 3. UTF-8, when the bytes are valid UTF-8 (plain ASCII is);
 * 4. otherwise a legacy code page, which `chardet` (ICU's detector) guesses from the bytes
 *    that are not UTF-8. Files written by hand or appended to by another program mix them:
 *    lines that are valid UTF-8 stay UTF-8, the others are read in the guessed code page.
 *    A multi-byte code page (Shift_JIS, GB18030, Big5, EUC) is used for the whole file:
 *    its lines can pass as UTF-8 by chance, and such files are not mixed in practice.
 */
import { analyse } from "chardet";

/** Text and the encoding it was read in (see `ContactFileResult.encoding`). */
export interface DecodedText {
  text: string;
  encoding: string;
}

/** A Unicode encoding found from a byte order mark or the NUL pattern, and the mark's length. */
export interface UnicodeEncoding {
  encoding: "utf-8" | "utf-16le" | "utf-16be";
  bomLength: number;
}

/** The code page used when the detector has no usable answer (Western Europe's Windows one). */
export const DEFAULT_LEGACY = "windows-1252";

const MULTI_BYTE = new Set(["shift_jis", "euc-jp", "iso-2022-jp", "gb18030", "big5", "euc-kr"]);

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The Unicode encoding `bytes` declare with a byte order mark, or UTF-16 told by its NUL
 * bytes; null when neither (the bytes may still be UTF-8 without a mark).
 */
export function unicodeEncoding(bytes: Uint8Array): UnicodeEncoding | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  // Count NULs at even and odd offsets in the first KiB: text in UTF-16 with Latin letters has
  // them in one column; text in any other encoding has none (a NUL is not text).
  const sample = bytes.subarray(0, Math.min(bytes.length, 1024) & ~1);
  const pairs = sample.length / 2;
  if (pairs < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) even += 1;
    if (sample[i + 1] === 0) odd += 1;
  }
  if (odd >= pairs * 0.3 && even <= pairs * 0.05) return { encoding: "utf-16le", bomLength: 0 };
  if (even >= pairs * 0.3 && odd <= pairs * 0.05) return { encoding: "utf-16be", bomLength: 0 };
  return null;
}

/** Whether `bytes` are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  return decodeStrict(bytes) !== null;
}

function decodeStrict(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A `TextDecoder` for `label` (any name the WHATWG Encoding standard knows, case ignored:
 * "Windows-1252", "ISO-8859-1", "Shift_JIS", "utf8"), or null for a name it does not know.
 */
export function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.trim(), { ignoreBOM: false });
  } catch {
    return null;
  }
}

/**
 * The legacy code page `bytes` are most likely in, as a WHATWG label, from chardet's ranked
 * guesses: the first that is a legacy encoding `TextDecoder` knows. ICU reports ISO-8859-1 for
 * Western text without C1 bytes; WHATWG reads that label as windows-1252, its superset.
 */
export function legacyEncoding(bytes: Uint8Array): string {
  for (const { name } of analyse(bytes)) {
    const label = name.toLowerCase();
    if (label === "utf-8" || label === "ascii" || label.startsWith("utf-")) continue;
    const decoder = decoderFor(label);
    if (decoder !== null) return decoder.encoding;
  }
  return DEFAULT_LEGACY;
}

/** The bytes of each line of `bytes`, split after each LF (a line keeps its CR and LF). */
function linesOf(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    lines.push(bytes.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function concat(parts: Uint8Array[], max: number): Uint8Array {
  const out = new Uint8Array(
    Math.min(
      max,
      parts.reduce((n, p) => n + p.length, 0),
    ),
  );
  let at = 0;
  for (const part of parts) {
    if (at >= out.length) break;
    out.set(part.subarray(0, out.length - at), at);
    at += part.length;
  }
  return out;
}

/** The most of the lines that are not UTF-8 the detector reads: more adds little. */
const DETECT_SAMPLE = 64 * 1024;

/**
 * Decodes a whole file whose encoding is not declared (see the order at the top of this file).
 * Line breaks are kept as they are, so line numbers in the text are the file's.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const unicode = unicodeEncoding(bytes);
  if (unicode !== null) {
    const body = bytes.subarray(unicode.bomLength);
    return { text: new TextDecoder(unicode.encoding).decode(body), encoding: unicode.encoding };
  }
  const whole = decodeStrict(bytes);
  if (whole !== null) return { text: whole, encoding: "utf-8" };

  const lines = linesOf(bytes).map((line) => ({ line, text: decodeStrict(line) }));
  const legacyLines = lines.filter((l) => l.text === null).map((l) => l.line);
  const legacy = legacyEncoding(concat(legacyLines, DETECT_SAMPLE));
  const decoder = new TextDecoder(legacy);
  if (MULTI_BYTE.has(legacy)) return { text: decoder.decode(bytes), encoding: legacy };

  // A line that is valid UTF-8 and not plain ASCII shows the file mixes both encodings.
  let mixed = false;
  const text = lines
    .map(({ line, text }) => {
      if (text === null) return decoder.decode(line);
      if (!mixed && line.some((b) => b >= 0x80)) mixed = true;
      return text;
    })
    .join("");
  return { text, encoding: mixed ? `utf-8 + ${legacy}` : legacy };
}

/**
 * Decodes the bytes of one value: in `declared` when given and known (a declared charset wins,
 * bytes that are not valid in it show as U+FFFD), else as UTF-8 when valid, else in
 * `fallback()`, the file's legacy code page. Answers the text and the encoding used.
 */
export function decodeValue(
  bytes: Uint8Array,
  declared: string | undefined,
  fallback: () => string,
): DecodedText {
  const decoder = declared === undefined ? null : decoderFor(declared);
  if (decoder !== null) return { text: decoder.decode(bytes), encoding: decoder.encoding };
  const utf8 = decodeStrict(bytes);
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };
  const legacy = fallback();
  return { text: new TextDecoder(legacy).decode(bytes), encoding: legacy };
}
