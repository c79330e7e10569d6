/**
 * Windowing math for long lists with a fixed row height: which rows to render for a viewport,
 * and where to scroll to bring a row into view. Positions are in pixels from the list's top.
 */

export interface Viewport {
  /** Where the visible area starts, from the list's top (negative while the list starts below it). */
  readonly top: number;
  readonly height: number;
}

export interface RowRange {
  /** First row to render. */
  readonly start: number;
  /** One past the last row to render. */
  readonly end: number;
}

/**
 * The rows that intersect the viewport, plus `overscan` rows on each side (so that scrolling a
 * little does not show blank space before the next render). A list that starts inside the
 * viewport renders the rows in the part of the viewport below its top. One that starts below the
 * viewport renders its first screenful, as if it started at the viewport's top: its first rows
 * are there for find-in-page and for screen readers reading on from above. One scrolled past
 * renders nothing.
 */
export function visibleRange(
  count: number,
  rowHeight: number,
  viewport: Viewport,
  overscan: number,
): RowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const height = Math.max(0, viewport.height);
  const top = viewport.top + height > 0 ? viewport.top : 0;
  const first = Math.floor(Math.max(0, top) / rowHeight);
  const last = Math.ceil((top + height) / rowHeight);
  const start = clamp(first - overscan, 0, count);
  const end = clamp(last + overscan, start, count);
  return { start, end };
}

/**
 * How far to scroll (a delta, 0 when none is needed) so that row `index` is in the viewport,
 * below `inset` pixels hidden at its top (a sticky toolbar), moving as little as possible.
 */
export function revealDelta(
  index: number,
  rowHeight: number,
  viewport: Viewport,
  inset = 0,
): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  const visibleTop = viewport.top + inset;
  const visibleBottom = viewport.top + viewport.height;
  if (rowTop < visibleTop) return rowTop - visibleTop;
  if (rowBottom > visibleBottom) return Math.min(rowBottom - visibleBottom, rowTop - visibleTop);
  return 0;
}

/** The row that keyboard navigation moves to from `index` with `key`, or null for other keys. */
export function nextIndex(key: string, index: number, count: number, pageRows: number) {
  if (count === 0) return null;
  const page = Math.max(1, pageRows - 1);
  switch (key) {
    case "ArrowDown":
      return clamp(index + 1, 0, count - 1);
    case "ArrowUp":
      return clamp(index - 1, 0, count - 1);
    case "PageDown":
      return clamp(index + page, 0, count - 1);
    case "PageUp":
      return clamp(index - page, 0, count - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
