/**
 * Local search: every record gets a precomputed "haystack", its searchable words folded (accents
 * and case removed) and joined by spaces. A query's words must each begin a word of the record
 * (prefix match, all words required).
 *
 * Short lists scan the haystacks (`NarrowingSearch`, which remembers its last answer: when the
 * query only grew, only the last results are searched again). The contact list, 10,000 contacts
 * and more, asks a `SearchIndex` instead: scanning that many haystacks takes milliseconds per
 * keystroke, the index well under one.
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

/** Entries indexed between two checks of a build's time budget (a few milliseconds' work). */
const BUILD_STEP = 50;

const always = () => true;

/**
 * A word index over the haystacks of a fixed list of entries: each distinct word with the
 * positions of the entries holding it, and the words grouped by their first character, so that a
 * term's matches are the entries of the few words it begins. Entries compare by identity.
 *
 * `build` indexes entries a slice at a time, so that a screen can build the index in the background
 * after its first paint; `search` first finishes whatever is left.
 */
export class SearchIndex<E extends Searchable> {
  readonly #entries: readonly E[];
  readonly #positions = new Map<E, number>();
  readonly #postings = new Map<string, number[]>();
  readonly #wordsByInitial = new Map<string, string[]>();
  #indexed = 0;
  /** Per entry, the last search term it matched (a term's number, counting up). */
  readonly #marks: Uint32Array;
  #term = 0;
  /** The last list searched, with each of its entries' position (a list is searched often). */
  #list: { readonly entries: readonly E[]; readonly positions: Int32Array } | null = null;

  constructor(entries: readonly E[]) {
    this.#entries = entries;
    this.#marks = new Uint32Array(entries.length);
  }

  /** Whether every entry is indexed. */
  get complete(): boolean {
    return this.#indexed === this.#entries.length;
  }

  /** Indexes entries while `more()` holds (asked every `BUILD_STEP`); returns `complete`. */
  build(more: () => boolean = always): boolean {
    const entries = this.#entries;
    while (!this.complete && more()) {
      const end = Math.min(this.#indexed + BUILD_STEP, entries.length);
      for (let i = this.#indexed; i < end; i++) this.#add(entries[i]!, i);
      this.#indexed = end;
    }
    return this.complete;
  }

  #add(entry: E, position: number): void {
    this.#positions.set(entry, position);
    for (const word of entry.haystack.split(" ")) {
      if (word === "") continue;
      const postings = this.#postings.get(word);
      if (postings === undefined) {
        this.#postings.set(word, [position]);
        const initial = word.charAt(0);
        const list = this.#wordsByInitial.get(initial);
        if (list) list.push(word);
        else this.#wordsByInitial.set(initial, [word]);
      } else if (postings[postings.length - 1] !== position) {
        postings.push(position);
      }
    }
  }

  /**
   * The entries of `list` (entries of this index) in which each word of `query` begins a word,
   * in the list's order; `list` itself for a query without words.
   */
  search(list: readonly E[], query: string): readonly E[] {
    const terms = words(query);
    if (terms.length === 0) return list;
    this.build();
    const marks = this.#marks;
    if (this.#term > 0xffff_ffff - terms.length) {
      marks.fill(0);
      this.#term = 0;
    }
    terms.forEach((term, k) => {
      const mark = ++this.#term;
      for (const word of this.#wordsByInitial.get(term.charAt(0)) ?? []) {
        if (!word.startsWith(term)) continue;
        for (const i of this.#postings.get(word) ?? []) {
          // The first term marks its entries; each next one keeps those the last one marked.
          if (k === 0 || marks[i] === mark - 1) marks[i] = mark;
        }
      }
    });
    const found = this.#term;
    const positions = this.#positionsOf(list);
    return list.filter((_, i) => marks[positions[i]!] === found);
  }

  #positionsOf(list: readonly E[]): Int32Array {
    if (this.#list?.entries !== list) {
      // An entry not in the index (-1) reads `undefined` from the marks: never found.
      const positions = Int32Array.from(list, (entry) => this.#positions.get(entry) ?? -1);
      this.#list = { entries: list, positions };
    }
    return this.#list.positions;
  }
}
