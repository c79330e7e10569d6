/**
 * The one entry point of the import's reading code: the pane, its worker and the tests all
 * call {@link readContactFile}. Pure and synchronous: no DOM, storage or network, so it runs
 * in a Web Worker and in Node alike.
 */
import { companiesOf } from "./companies";
import { readCsv } from "./csv";
import { decodeText, unicodeEncoding } from "./decode";
import type { ContactFileResult, ReadOptions } from "./types";
import { validateContacts } from "./validate";
import { looksLikeVcard, readVcard } from "./vcard";

export type * from "./types";

/** The start of the file as text, enough to tell the format (all formats start in ASCII). */
function head(bytes: Uint8Array): string {
  const unicode = unicodeEncoding(bytes);
  const sample = bytes.subarray(unicode?.bomLength ?? 0, 4096);
  return new TextDecoder(unicode?.encoding ?? "windows-1252").decode(sample);
}

/**
 * Reads a contact file: vCard (2.1, 3.0, 4.0) or CSV, told from the content (a file whose first
 * line is `BEGIN:VCARD` is a vCard, whatever its name; anything else is read as CSV), in any
 * encoding ./decode.ts knows. Answers the contacts, valid against `ContactFields`, the
 * companies their organization names make, and every problem met with its line. It never
 * throws on a file's content: a broken file gives problems, not an error.
 *
 * `fileName` is used only when the content does not tell: a `.vcf` file that has a
 * `BEGIN:VCARD` somewhere near the start, after other text, is read as a vCard.
 */
export function readContactFile(
  bytes: Uint8Array,
  fileName: string,
  options: ReadOptions = {},
): ContactFileResult {
  // The reader's records are the first half of the steps, the checks of its contacts the second.
  const progress = options.onProgress;
  const step =
    (half: 0 | 1) =>
    (done: number, total: number): void =>
      progress?.(half * total + done, 2 * total);
  const start = head(bytes);
  const vcard =
    looksLikeVcard(start) ||
    (/\.(vcf|vcard)$/i.test(fileName.trim()) && /^BEGIN:VCARD\s*$/im.test(start));
  if (vcard) {
    const read = readVcard(bytes, { onProgress: step(0) });
    const checked = validateContacts(read.contacts, step(1));
    return {
      format: "vcard",
      encoding: read.encoding,
      contacts: checked.contacts,
      companies: companiesOf(checked.contacts),
      problems: sortByLine([...read.problems, ...checked.problems]),
    };
  }
  const { text, encoding } = decodeText(bytes);
  const read = readCsv(text, { ...options, onProgress: step(0) });
  const checked = validateContacts(read.contacts, step(1));
  const result: ContactFileResult = {
    format: "csv",
    encoding,
    contacts: checked.contacts,
    companies: companiesOf(checked.contacts),
    problems: sortByLine([...read.problems, ...checked.problems]),
  };
  if (read.mapping) result.mapping = read.mapping;
  return result;
}

/** Problems in the order of the file (a stable sort keeps a line's own order). */
function sortByLine<T extends { line: number }>(problems: T[]): T[] {
  return problems.sort((a, b) => a.line - b.line);
}
