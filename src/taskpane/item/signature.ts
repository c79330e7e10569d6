/**
 * The job title and phone numbers of an e-mail's sender, read from the signature block of the
 * message they wrote, where one is plain to read. Pure: the e-mail's text in (as Outlook gives it
 * in plain text), suggestions out, which the pane offers one by one and never saves by itself.
 *
 * What counts as the sender's own signature:
 * - only their own message: the text stops at the first quoted part (lines starting with `>`,
 *   "On … wrote:", "Am … schrieb …:", "Le … a écrit :", Outlook's "-----Original Message-----"
 *   and underscore rule, a forwarded message, or a "From:"/"Von:"/"De :" header block), so a
 *   colleague's signature further down a thread is never taken;
 * - the block after the signature delimiter `-- ` when there is one; else the lines after the
 *   last sign-off ("Best regards", "Mit freundlichen Grüßen", "Cordialement"…); else the lines
 *   from the last one naming the sender, near the end. No block, no suggestions;
 * - at most {@link BLOCK_LINES} lines of it, ending at a long line (a disclaimer's paragraph).
 *
 * In the block, the job title is the line after the sender's name (or what follows the name on
 * its own line, after a `|`, `,` or dash), without a part naming the company; phone numbers are
 * those labelled Tel/Phone/Mobile/Fax/T:/M:… (English, German and French labels) or written in
 * international form (`+…`), with an extension kept as `x123`.
 */
import { PhoneEntry } from "../../shared/records";
import { fold } from "../records/search-index";

export interface SignatureSuggestions {
  /** The job title, when the block has a line that reads as one. */
  readonly jobTitle: string | null;
  /** Phone numbers valid as a contact's, each once, in the block's order. */
  readonly phones: readonly PhoneEntry[];
}

const NONE: SignatureSuggestions = { jobTitle: null, phones: [] };

/** The most lines of a signature block read. */
export const BLOCK_LINES = 12;
/** A line longer than this is prose (a disclaimer, a sentence), not a signature's line. */
const LONG_LINE = 90;

/** Where the sender's own text ends and a quoted or forwarded message starts. */
const QUOTE_STARTS: readonly RegExp[] = [
  /^>/,
  /^On .{4,200}wrote:?\s*$/i,
  /^Am .{4,200}schrieb.*:\s*$/i,
  /^Le .{4,200}a écrit\s*:?\s*$/i,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Forwarded message|Weitergeleitete Nachricht|Message transféré)/i,
  /^_{10,}\s*$/,
  /^(Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié)\s*:/i,
  /^(From|Von|De|Sent|Gesendet|Envoyé)\s?:\s*\S/i,
];

/** Sign-offs, folded (no accents, lower case), with trailing punctuation removed. */
const SIGN_OFFS: readonly RegExp[] = [
  /^(best|kind|warm|warmest|many|with kind)?\s*(regards|wishes)$/,
  /^(thanks|thank you|many thanks|thanks again|cheers|sincerely|yours sincerely|yours truly|yours|best|all the best|respectfully|take care)$/,
  /^(mit )?(freundlichen|besten|herzlichen|vielen|liebe|viele|beste|freundliche|schone) (grussen|grusse|gruss|dank)$/,
  /^(grusse|gruss|mfg|lg|vg|danke)$/,
  /^(bien )?(cordialement|amicalement|a vous)$/,
  /^(bien a vous|salutations|sinceres salutations|meilleures salutations|bonne journee|merci|merci beaucoup|a bientot)$/,
];

/** A phone label and the kind it names. */
const LABELS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(mobile|mob|mobil|mobiltelefon|cell|cellular|handy|portable|port|gsm|m|c)$/, "mobile"],
  [/^(fax|telefax|telecopie|f)$/, "fax"],
  [
    /^(tel|telephone|telefon|phone|ph|office|direct|direct line|dir|work|buro|fixe|ligne directe|t|o|d|p)$/,
    "work",
  ],
];

/** A number as signatures write it: at least 7 digits, `+`, brackets, spaces, - . / between. */
const NUMBER = String.raw`\+?\(?\d[\d ().\-/]{5,}\d`;
const EXTENSION = String.raw`(?:\s*,?\s*\(?(?:x|ext|extn|extension|poste|dw|durchwahl)\.?\s*:?\s*(\d{1,6})\)?)?`;
/** A label (a word, or one letter with `:` or `.`), then a number; or a bare `+` number. */
const PHONE = new RegExp(
  String.raw`(?:(?<![\p{L}\d])([\p{L}][\p{L} ]{1,20}?|[\p{L}])\.?\s*(?::|\.|\s)\s*)?(${NUMBER})${EXTENSION}`,
  "gu",
);

/** Lines of the sender's own text, up to the first quoted part. */
function ownLines(body: string): string[] {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const end = lines.findIndex((line) => QUOTE_STARTS.some((start) => start.test(line.trim())));
  return (end < 0 ? lines : lines.slice(0, end)).map((line) => line.replace(/\s+$/, ""));
}

function isSignOff(line: string): boolean {
  const folded = fold(line.trim())
    .replace(/[,.!:;\-–—]+$/, "")
    .trim();
  return folded !== "" && SIGN_OFFS.some((pattern) => pattern.test(folded));
}

/** The words of the sender's name, folded, of at least two letters. */
function nameWords(name: string): string[] {
  return fold(name)
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 2);
}

/** Whether `line` names the sender: it holds one of their name's words as a word. */
function namesSender(line: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const lineWords = new Set(fold(line).split(/[^\p{L}]+/u));
  return words.some((w) => lineWords.has(w));
}

/** The signature block's lines (blank ones dropped), or null when there is none. */
function signatureBlock(lines: readonly string[], senderWords: readonly string[]): string[] | null {
  let start = -1;
  const delimiter = lines.findLastIndex((line) => line === "--" || line === "-- ");
  if (delimiter >= 0) start = delimiter + 1;
  else {
    const signOff = lines.findLastIndex(isSignOff);
    if (signOff >= 0) start = signOff + 1;
    else {
      // No delimiter, no sign-off: the sender's name near the end starts the block.
      const from = Math.max(0, lines.length - BLOCK_LINES);
      const named = lines.findLastIndex(
        (line, i) =>
          i >= from &&
          line.trim().length <= 60 &&
          namesSender(line, senderWords) &&
          !line.includes("@"),
      );
      if (named >= 0) start = named;
    }
  }
  if (start < 0) return null;
  const block: string[] = [];
  for (const raw of lines.slice(start)) {
    const line = raw.trim();
    if (line === "") continue;
    // A disclaimer's paragraph (or prose after the signature) ends the block.
    if (line.length > LONG_LINE) break;
    block.push(line);
    if (block.length >= BLOCK_LINES) break;
  }
  return block.length === 0 ? null : block;
}

/**
 * The kind a phone label names, or null when the text before a number is no label. The text
 * may run on from words before the label ("Fabrikam GmbH Tel"): its last words are tried too.
 */
function labelKind(label: string): string | null {
  const words = fold(label.trim()).replace(/\.$/, "").split(/\s+/);
  for (const size of [2, 1]) {
    const tail = words.slice(-size).join(" ");
    for (const [pattern, kind] of LABELS) if (pattern.test(tail)) return kind;
  }
  return null;
}

/** The phone numbers of one line of the block. */
function phonesIn(line: string): PhoneEntry[] {
  const found: PhoneEntry[] = [];
  for (const match of line.matchAll(PHONE)) {
    const [, label, number = "", extension] = match;
    const kind = label === undefined ? null : labelKind(label);
    // A bare number is taken only in international form: dates, postcodes and account
    // numbers are digits too.
    if (kind === null && !number.startsWith("+")) continue;
    const digits = number.replace(/\D/g, "").length;
    if (digits < 7 || digits > 15) continue;
    const entry = {
      number: extension === undefined ? number.trim() : `${number.trim()} x${extension}`,
      label: kind ?? "work",
    };
    if (PhoneEntry.safeParse(entry).success) found.push(entry);
  }
  return found;
}

/** Whether a line holds contact details rather than words: digits, an address, a link. */
function isDetails(line: string): boolean {
  return /@|https?:|www\.|\d{3}/i.test(line) || phonesIn(line).length > 0;
}

/** What separates a title from a name or a company on one line: `|`, `·`, `,`, a dash, "at". */
const SEPARATORS = /\s*(?:[|·•,]|\s[–—-]\s|\s(?:at|bei|chez)\s)\s*/;

/** Whether `part` names the company (of `companyWords`, folded without spaces). */
function namesCompany(part: string, companyWords: readonly string[]): boolean {
  const squeezed = fold(part).replace(/[^\p{L}\p{N}]+/gu, "");
  if (squeezed === "") return false;
  return companyWords.some((c) => c.length >= 3 && (squeezed.includes(c) || c.includes(squeezed)));
}

/**
 * A job title from a line, without the parts naming the company ("IT Director, Woodgrove Bank"
 * → "IT Director"); null when the line does not read as one.
 */
function titleOf(line: string, companyWords: readonly string[]): string | null {
  if (isDetails(line) || isSignOff(line) || /[?!;]$|\.$/.test(line)) return null;
  const parts = line
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== "" && !namesCompany(p, companyWords));
  const title = parts.join(", ");
  const words = title.split(/\s+/).length;
  if (title.length < 2 || words > 8 || !/\p{L}/u.test(title)) return null;
  return title;
}

/**
 * What the signature block of `body`, written by `senderName`, suggests for a new contact.
 * `companyNames` are the names (and domains) of the company the sender is at, so that a title
 * line naming it too gives the title alone.
 */
export function readSignature(
  body: string,
  senderName: string,
  companyNames: readonly string[] = [],
): SignatureSuggestions {
  const senderWords = nameWords(senderName);
  const block = signatureBlock(ownLines(body), senderWords);
  if (block === null) return NONE;
  const companyWords = companyNames
    .map((n) => fold(n.split(".")[0] ?? "").replace(/[^\p{L}\p{N}]+/gu, ""))
    .concat(companyNames.map((n) => fold(n).replace(/[^\p{L}\p{N}]+/gu, "")))
    .filter((w) => w !== "");

  // The name: a line naming the sender among the first three, else the first line when it
  // reads as a name (a few words, no details).
  let nameAt = block.slice(0, 3).findIndex((line) => namesSender(line, senderWords));
  if (nameAt < 0 && !isDetails(block[0] ?? "") && (block[0] ?? "").split(/\s+/).length <= 4) {
    nameAt = 0;
  }
  let jobTitle: string | null = null;
  if (nameAt >= 0) {
    // "Julia Schneider | Head of Sales": the title on the name's line, after the name.
    const rest = (block[nameAt] ?? "")
      .split(SEPARATORS)
      .filter((part) => !namesSender(part, senderWords))
      .join(", ");
    const sameLine = rest === "" ? null : titleOf(rest, companyWords);
    const next = block[nameAt + 1];
    jobTitle =
      sameLine ??
      (next === undefined || namesSender(next, senderWords) ? null : titleOf(next, companyWords));
  }

  const phones: PhoneEntry[] = [];
  const seen = new Set<string>();
  for (const line of block) {
    for (const phone of phonesIn(line)) {
      const key = phone.number.replace(/\D/g, "");
      if (seen.has(key)) continue;
      seen.add(key);
      phones.push(phone);
    }
  }
  return { jobTitle, phones };
}
