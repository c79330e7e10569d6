/**
 * The contact list's search: the pure matching is search-index.ts's, the word index
 * word-index.ts's; this module only chooses between them and schedules the index's loading
 * and building after the first paint (so the pure modules need no part of the pane's UI).
 */
import { afterFirstContent, inBackground } from "../ui/idle";
import { NarrowingSearch, type Searchable } from "./search-index";
import type { WordIndex } from "./word-index";

/**
 * Search over a fixed list of entries (and lists made of them): by their word index once it is
 * built (`WordIndex`, whose code loads after the pane's first paint and which builds in the
 * background, `buildInBackground`), by scanning the haystacks until then. The answers are the
 * same; a search typed while the index builds never waits for it (at 50,000 contacts the
 * build is seconds of work in slices).
 */
export class EntrySearch<E extends Searchable> {
  readonly #entries: readonly E[];
  readonly #scan = new NarrowingSearch<E>();
  #index: WordIndex<E> | null = null;

  constructor(entries: readonly E[]) {
    this.#entries = entries;
  }

  /** Whether searches use the word index. */
  get indexed(): boolean {
    return this.#index !== null;
  }

  /** Loads and builds the word index in the background; returns a function that stops it. */
  buildInBackground(): () => void {
    let stopped = false;
    let stop = () => undefined as void;
    void afterFirstContent()
      .then(() => import("./word-index"))
      .then(({ WordIndex }) => {
        if (stopped) return;
        const index = new WordIndex(this.#entries);
        stop = inBackground((more) => {
          if (!index.build(more)) return false;
          this.#index = index;
          return true;
        });
      })
      // Its code could not be fetched (the network dropped): searches go on scanning.
      .catch(() => undefined);
    return () => {
      stopped = true;
      stop();
    };
  }

  /**
   * The entries of `list` (entries of this search's) in which each word of `query` begins a
   * word, in the list's order; `list` itself for a query without words.
   */
  search(list: readonly E[], query: string): readonly E[] {
    return (this.#index ?? this.#scan).search(list, query);
  }
}
