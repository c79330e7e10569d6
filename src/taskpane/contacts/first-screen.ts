/**
 * The contact list's first screen, kept in localStorage under `bcm.firstScreen|<copy id>` (the
 * copy id names one user's copy of one database, src/sync/owner.ts): the first rows of the list
 * as it opens (sorted by name, no search, no filter) and how many contacts it counted. The pane
 * paints it at once when it opens, read-only, while the offline copy is read from IndexedDB and
 * sorted, which takes a second at 50,000 contacts (docs/sync-engine.md, "Opening the pane").
 *
 * It holds only what those rows show (a name and one line under it), rewritten whenever the
 * list's first rows change, and it is deleted with the copy. Reads and writes never throw: a
 * host that blocks localStorage only loses the early paint.
 */
import { z } from "zod/mini";

/** Rows kept: more than a tall task pane shows. */
export const FIRST_SCREEN_ROWS = 30;

const PREFIX = "bcm.firstScreen|";

const FirstScreen = z.object({
  total: z.int().check(z.nonnegative()),
  rows: z
    .array(z.object({ id: z.string(), name: z.string(), detail: z.string() }))
    .check(z.maxLength(FIRST_SCREEN_ROWS)),
});
export type FirstScreen = z.infer<typeof FirstScreen>;
export type FirstScreenRow = FirstScreen["rows"][number];

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function readFirstScreen(storage: () => StorageLike, copyId: string): FirstScreen | null {
  try {
    const text = storage().getItem(PREFIX + copyId);
    if (text === null) return null;
    const parsed = FirstScreen.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Keeps `screen` for the next opening; writes nothing when it is what is kept already. An empty
 * list is not kept: the pane then says "Loading your contacts…" rather than "no contacts".
 */
export function saveFirstScreen(
  storage: () => StorageLike,
  copyId: string,
  screen: FirstScreen,
): void {
  if (screen.rows.length === 0) {
    forgetFirstScreen(storage, copyId);
    return;
  }
  try {
    const text = JSON.stringify({
      total: screen.total,
      rows: screen.rows.slice(0, FIRST_SCREEN_ROWS),
    });
    if (storage().getItem(PREFIX + copyId) !== text) storage().setItem(PREFIX + copyId, text);
  } catch {
    // The next opening shows "Loading your contacts…" instead.
  }
}

/** Forgets it: the copy was deleted. */
export function forgetFirstScreen(storage: () => StorageLike, copyId: string): void {
  try {
    storage().removeItem(PREFIX + copyId);
  } catch {
    // As when writing.
  }
}
