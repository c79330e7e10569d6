/**
 * The contact list's word index (see search-index.ts for what a search matches): loaded and
 * built in the background after the pane's first paint (`EntrySearch`, entry-search.ts), so
 * that neither its code nor its building delays the first rows.
 */
import { words, type Searchable } from "./search-index";

/** Entries indexed, or words packed, between two checks of a build's time budget. */
const BUILD_STEP = 50;
const PACK_STEP = 2_000;

const always = () => true;

/** One-letter answers kept per list, at most (see `search`). */
const MAX_FIRST_LETTERS = 64;

/** A `WordIndex` being built: its words as they are collected, sorted, then packed. */
interface Building {
  /** Each word's entry positions. */
  readonly postings: Map<string, number[]>;
  /** The words by their first UTF-16 code unit. */
  readonly byInitial: Map<number, string[]>;
  /** Positions in all the postings. */
  count: number;
  /** The initials in code unit order, once every entry is indexed. */
  initials: number[] | null;
  /** How many initials have their words sorted. */
  sorted: number;
  /** The packing's progress: the initial and word it is at, the words and positions packed. */
  packing: { initial: number; word: number; words: number; positions: number } | null;
  /** The packed words, to be joined. */
  readonly text: string[];
}

/** A list searched, with each of its entries' position in the index. */
interface SearchedList<E> {
  readonly entries: readonly E[];
  readonly positions: Int32Array;
  /** Its answers to one-letter queries. */
  readonly firstLetters: Map<string, readonly E[]>;
}

/**
 * A word index over the haystacks of a fixed list of entries: every distinct word in sorted
 * order, each with the positions of the entries holding it, so that a term's matches are the
 * entries of the run of words it begins (found by binary search). Entries compare by identity.
 *
 * Packed into a few flat arrays once built: the words joined in one string with their offsets,
 * and every word's positions in one `Int32Array`. 50,000 contacts have about 300,000 distinct
 * words (addresses, phone digits), most held by one contact; a `Map` of word to array holds as
 * many small objects as that, about 50 MB that every garbage collection marks again while the
 * user types. Packed, it is about a third of that in a few objects.
 *
 * `build` works a slice at a time (indexing entries, then sorting the words an initial at a
 * time, then packing them), so that a screen can build the index in the background after its
 * first paint; `search` first finishes whatever is left.
 */
export class WordIndex<E extends Searchable> {
  readonly #entries: readonly E[];
  readonly #positions = new Map<E, number>();
  #building: Building | null = {
    postings: new Map(),
    byInitial: new Map(),
    count: 0,
    initials: null,
    sorted: 0,
    packing: null,
    text: [],
  };
  #indexed = 0;
  /** The sorted words joined: word `w` is `#text.slice(#wordStart[w], #wordStart[w + 1])`. */
  #text = "";
  #wordStart = new Int32Array(1);
  /** Word `w`'s entry positions: `#postings[#postingStart[w]]` up to `#postingStart[w + 1]`. */
  #postingStart = new Int32Array(1);
  #postings = new Int32Array(0);
  /** Per entry, the last search term it matched (a term's number, counting up). */
  readonly #marks: Uint32Array;
  #term = 0;
  /** The last list searched, with each of its entries' position (a list is searched often). */
  #list: SearchedList<E> | null = null;

  constructor(entries: readonly E[]) {
    this.#entries = entries;
    this.#marks = new Uint32Array(entries.length);
  }

  /** Whether the index is built. */
  get complete(): boolean {
    return this.#building === null;
  }

  /** Builds while `more()` holds (asked between small steps); returns `complete`. */
  build(more: () => boolean = always): boolean {
    const b = this.#building;
    if (b === null) return true;
    const entries = this.#entries;
    while (this.#indexed < entries.length) {
      if (!more()) return false;
      const end = Math.min(this.#indexed + BUILD_STEP, entries.length);
      for (let i = this.#indexed; i < end; i++) this.#add(b, entries[i]!, i);
      this.#indexed = end;
    }
    // An initial's words at a time (all of them take about a third of a second at 50,000
    // contacts): the initials in code unit order, then each one's words, are every word in code
    // unit order, the order of `sort()` and of `#firstWord`.
    const initials = (b.initials ??= [...b.byInitial.keys()].sort((x, y) => x - y));
    while (b.sorted < initials.length) {
      if (!more()) return false;
      b.byInitial.get(initials[b.sorted]!)!.sort();
      b.sorted += 1;
    }
    if (b.packing === null) {
      this.#wordStart = new Int32Array(b.postings.size + 1);
      this.#postingStart = new Int32Array(b.postings.size + 1);
      this.#postings = new Int32Array(b.count);
      b.packing = { initial: 0, word: 0, words: 0, positions: 0 };
    }
    const p = b.packing;
    while (p.initial < initials.length) {
      if (!more()) return false;
      const words = b.byInitial.get(initials[p.initial]!)!;
      const end = Math.min(p.word + PACK_STEP, words.length);
      let offset = this.#wordStart[p.words]!;
      for (; p.word < end; p.word++) {
        const word = words[p.word]!;
        const positions = b.postings.get(word)!;
        this.#postings.set(positions, p.positions);
        p.positions += positions.length;
        b.text.push(word);
        offset += word.length;
        p.words += 1;
        this.#wordStart[p.words] = offset;
        this.#postingStart[p.words] = p.positions;
      }
      if (p.word === words.length) {
        p.initial += 1;
        p.word = 0;
      }
    }
    this.#text = b.text.join("");
    this.#building = null;
    return true;
  }

  #add(b: Building, entry: E, position: number): void {
    this.#positions.set(entry, position);
    for (const word of entry.haystack.split(" ")) {
      if (word === "") continue;
      const postings = b.postings.get(word);
      if (postings === undefined) {
        b.postings.set(word, [position]);
        const initial = word.charCodeAt(0);
        const list = b.byInitial.get(initial);
        if (list) list.push(word);
        else b.byInitial.set(initial, [word]);
      } else if (postings[postings.length - 1] !== position) {
        postings.push(position);
      } else {
        continue;
      }
      b.count += 1;
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
    // Every search begins with one letter, which finds a large part of the list: those
    // answers are kept for the list (a few dozen at most: letters and digits).
    const first = terms.length === 1 && terms[0]!.length === 1 ? terms[0]! : null;
    if (first !== null) {
      const kept = this.#positionsOf(list).firstLetters;
      const results = kept.get(first) ?? this.#search(list, terms);
      if (kept.size < MAX_FIRST_LETTERS) kept.set(first, results);
      return results;
    }
    return this.#search(list, terms);
  }

  #search(list: readonly E[], terms: readonly string[]): readonly E[] {
    const marks = this.#marks;
    if (this.#term > 0xffff_ffff - terms.length) {
      marks.fill(0);
      this.#term = 0;
    }
    const starts = this.#postingStart;
    const postings = this.#postings;
    terms.forEach((term, k) => {
      const mark = ++this.#term;
      const end = starts[this.#firstWord(term, true)]!;
      for (let i = starts[this.#firstWord(term)]!; i < end; i++) {
        const at = postings[i]!;
        // The first term marks its entries; each next one keeps those the last one marked.
        if (k === 0 || marks[at] === mark - 1) marks[at] = mark;
      }
    });
    const found = this.#term;
    const positions = this.#positionsOf(list).positions;
    // Counted first, so that the answer is allocated once at its size: at 50,000 contacts a
    // first letter finds most of them, and an array grown by `push` is garbage twice over.
    let count = 0;
    for (let i = 0; i < list.length; i++) if (marks[positions[i]!] === found) count++;
    if (count === list.length) return list;
    const results = new Array<E>(count);
    for (let i = 0, n = 0; n < count; i++) {
      if (marks[positions[i]!] === found) results[n++] = list[i]!;
    }
    return results;
  }

  /**
   * The first word not below `term` in sorted order; with `past`, the first word after those
   * that begin with `term`. A binary search comparing in place, without slicing the text.
   */
  #firstWord(term: string, past = false): number {
    const text = this.#text;
    const starts = this.#wordStart;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = starts[mid]!;
      const length = starts[mid + 1]! - start;
      // The word against the term, over the term's length: 0 when the word begins with it.
      let order = 0;
      const n = Math.min(length, term.length);
      for (let i = 0; i < n && order === 0; i++) {
        order = text.charCodeAt(start + i) - term.charCodeAt(i);
      }
      // A word that is a shorter start of the term sorts below it.
      if (order === 0 && length < term.length) order = -1;
      if (order < 0 || (past && order === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** `list` with its entries' positions in the index (a list is searched often). */
  #positionsOf(list: readonly E[]): SearchedList<E> {
    if (this.#list?.entries !== list) {
      // An entry not in the index (-1) reads `undefined` from the marks: never found. A plain
      // loop: `Int32Array.from` iterates, an object per entry.
      const positions = new Int32Array(list.length);
      for (let i = 0; i < list.length; i++) positions[i] = this.#positions.get(list[i]!) ?? -1;
      this.#list = { entries: list, positions, firstLetters: new Map() };
    }
    return this.#list;
  }
}
