/**
 * Local search: every record gets a precomputed "haystack", its searchable words folded (accents
 * and case removed) and joined by spaces. A query's words must each begin a word of the record
 * (prefix match, all words required).
 *
 * Short lists scan the haystacks (`NarrowingSearch`, which remembers its last answer: when the
 * query only grew, only the last results are searched again). The contact list, 10,000 contacts
 * and more, asks an `EntrySearch` (entry-search.ts), which scans until its word index
 * (word-index.ts) is built: scanning that many haystacks takes milliseconds per keystroke, the
 * index well under one.
 */

/** Letters that Unicode decomposition does not split into a base letter and a mark. */
const FOLDED: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  ı: "i",
  þ: "th",
};

/** Printable ASCII needs no Unicode work: most names, addresses, numbers and notes are. */
const ASCII = /^[\t\n\r -~]*$/;

/** Text as search compares it: no accents, no case, compatibility forms unified. */
export function fold(value: string): string {
  if (ASCII.test(value)) return value.toLowerCase();
  return value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßæœøđðłıþ]/g, (c) => FOLDED[c] ?? c);
}

/**
 * Chinese and Japanese write words without spaces: each ideograph or kana counts as a word, so
 * that `芳` finds `王芳`.
 */
const UNSPACED = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu;

/** Any ideograph or kana at all (a cheap test before the Unicode script one). */
const MAYBE_UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;

function spaceUnspaced(value: string): string {
  return MAYBE_UNSPACED.test(value) ? value.replace(UNSPACED, " $1 ") : value;
}

/** The folded words of a text: runs of letters and digits. */
export function words(value: string): string[] {
  if (ASCII.test(value))
    return value
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== "");
  return spaceUnspaced(fold(value))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

/**
 * The haystack of a record from its searchable texts: each text's words, and for phone numbers
 * (`phones`) also their digits run together from each group on, so that `442050777052`,
 * `2050777052` and `50777052` find `+44 20 5077 7052`, and with a leading 0 in place of the
 * country code (`02050777052`), as the number is dialled at home.
 */
export function haystack(texts: Iterable<string>, phones: Iterable<string> = []): string {
  // All texts folded at once, to their words separated by single spaces: one pass of each
  // regular expression instead of one per text. Plain ASCII (most of it) skips the Unicode work.
  const joined = [...texts].join(" ");
  const folded = ASCII.test(joined)
    ? joined.toLowerCase().replace(/[^a-z0-9]+/g, " ")
    : spaceUnspaced(fold(joined)).replace(/[^\p{L}\p{N}]+/gu, " ");
  let runs = "";
  for (const number of phones) {
    const groups = number.split(/\D+/).filter((g) => g !== "");
    for (let i = 0; i < groups.length - 1; i++) runs += ` ${groups.slice(i).join("")}`;
    if (number.trimStart().startsWith("+") && groups.length > 1) {
      runs += ` 0${groups.slice(1).join("")}`;
    }
  }
  return ` ${folded.trim()}${runs}`;
}

/** Whether each term begins some word of the haystack. */
export function matches(hay: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!hay.includes(` ${term}`)) return false;
  return true;
}

/** Whether a query of `next` terms can only find a subset of what `previous` terms found. */
export function narrows(previous: readonly string[], next: readonly string[]): boolean {
  if (previous.length === 0) return true;
  if (next.length < previous.length) return false;
  const last = previous.length - 1;
  for (let i = 0; i < last; i++) if (next[i] !== previous[i]) return false;
  // Any word that begins with the longer term begins with the shorter one.
  return next[last]?.startsWith(previous[last] ?? "") ?? false;
}

export interface Searchable {
  readonly haystack: string;
}

/**
 * Searches a list of entries, narrowing from its last answer when the list is the same and the
 * query only grew. Results keep the list's order.
 */
export class NarrowingSearch<E extends Searchable> {
  #last: {
    readonly source: readonly E[];
    readonly terms: readonly string[];
    readonly results: readonly E[];
  } | null = null;

  search(source: readonly E[], query: string): readonly E[] {
    const terms = words(query);
    const last = this.#last;
    let results: readonly E[];
    if (terms.length === 0) {
      results = source;
    } else {
      const from =
        last && last.source === source && narrows(last.terms, terms) ? last.results : source;
      results = from.filter((entry) => matches(entry.haystack, terms));
    }
    this.#last = { source, terms, results };
    return results;
  }
}
