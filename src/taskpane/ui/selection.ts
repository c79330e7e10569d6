/**
 * Which rows of a list are selected (the contact list's bulk actions), as pure functions of the
 * list's items so that it is tested without a browser. The selection holds keys, not rows: it
 * covers the whole list, not only the rows a virtual list renders. It is in the pane's first
 * script, hence short.
 */

export interface Selection {
  readonly keys: ReadonlySet<string>;
  /** Where a Shift-click's range starts: the row toggled last (or extended from first). */
  readonly anchor: string | null;
}

export const NO_SELECTION: Selection = { keys: new Set(), anchor: null };

/**
 * What the user asked (VirtualList): toggle a row (Ctrl/Cmd-click, Space), add the range from
 * the anchor to a row (Shift-click, Shift+Arrow), select every item, or clear (Escape).
 */
export type SelectAction = "toggle" | "range" | "all" | "clear";

/**
 * The selection after `action` on the row at `index` of `items`. A range adds to the selection:
 * a move with Shift (`from`, the row moved from, differs from `index`) adds the rows passed
 * over; a Shift-click (`from` is `index`) adds the rows from the anchor to `index`.
 */
export function select<T>(
  selection: Selection,
  action: SelectAction,
  items: readonly T[],
  getKey: (item: T) => string,
  index: number,
  from = index,
): Selection {
  if (action === "clear") return NO_SELECTION;
  if (action === "all") return { keys: new Set(items.map(getKey)), anchor: selection.anchor };
  const item = items[index];
  if (item === undefined) return selection;
  const key = getKey(item);
  const keys = new Set(selection.keys);
  if (action === "toggle") {
    if (!keys.delete(key)) keys.add(key);
    return { keys, anchor: key };
  }
  const anchor = items.findIndex((i) => getKey(i) === selection.anchor);
  const start = from !== index || anchor < 0 ? from : anchor;
  for (let i = Math.min(start, index); i <= Math.max(start, index); i++) {
    const inRange = items[i];
    if (inRange !== undefined) keys.add(getKey(inRange));
  }
  const first = items[start];
  return { keys, anchor: selection.anchor ?? (first === undefined ? key : getKey(first)) };
}

/**
 * The selection without the keys `items` no longer holds: a search or filter that hides a
 * selected row deselects it, so that an action never reaches a row the list does not show.
 * The same selection when nothing went.
 */
export function keep<T>(
  selection: Selection,
  items: readonly T[],
  getKey: (item: T) => string,
): Selection {
  if (selection.keys.size === 0) return selection;
  const shown = new Set(items.map(getKey));
  const keys = new Set([...selection.keys].filter((k) => shown.has(k)));
  if (keys.size === selection.keys.size) return selection;
  const anchor = selection.anchor !== null && shown.has(selection.anchor) ? selection.anchor : null;
  return keys.size === 0 ? NO_SELECTION : { keys, anchor };
}
