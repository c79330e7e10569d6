/** The windowing math of long lists. */
import { nextIndex, revealDelta, visibleRange } from "../../../../src/taskpane/ui/windowing";

test("renders the rows in view and the overscan around them", () => {
  // 50,000 rows of 50 px, a 600 px window scrolled 1,000 px into the list.
  expect(visibleRange(50_000, 50, { top: 1000, height: 600 }, 5)).toEqual({ start: 15, end: 37 });
  // The list starts 300 px below the window's top: the rows in the 300 px left are rendered.
  expect(visibleRange(50_000, 50, { top: -300, height: 600 }, 5)).toEqual({ start: 0, end: 11 });
  // Further down than the window reaches: its first screenful.
  expect(visibleRange(50_000, 50, { top: -5000, height: 600 }, 5)).toEqual({ start: 0, end: 17 });
  // Scrolled to the very end.
  expect(visibleRange(50_000, 50, { top: 2_499_600, height: 600 }, 5)).toEqual({
    start: 49_987,
    end: 50_000,
  });
  // Scrolled past.
  expect(visibleRange(100, 50, { top: 6000, height: 600 }, 0)).toEqual({ start: 100, end: 100 });
  expect(visibleRange(0, 50, { top: 0, height: 600 }, 5)).toEqual({ start: 0, end: 0 });
  // Partly visible rows count.
  expect(visibleRange(100, 50, { top: 25, height: 50 }, 0)).toEqual({ start: 0, end: 2 });
});

test("the rendered count stays small whatever the list's length", () => {
  for (const top of [0, 12_345, 999_999, 2_499_000]) {
    const { start, end } = visibleRange(50_000, 50, { top, height: 800 }, 6);
    expect(end - start).toBeLessThanOrEqual(Math.ceil(800 / 50) + 1 + 12);
  }
});

test("scrolls as little as needed to reveal a row, below a sticky toolbar", () => {
  const viewport = { top: 1000, height: 600 };
  expect(revealDelta(25, 50, viewport)).toBe(0);
  expect(revealDelta(10, 50, viewport)).toBe(-500);
  expect(revealDelta(40, 50, viewport)).toBe(450);
  // 100 px hidden under the toolbar: row 21 (1050–1100) is under it.
  expect(revealDelta(21, 50, viewport, 100)).toBe(-50);
  expect(revealDelta(22, 50, viewport, 100)).toBe(0);
});

test("keys move through the list and stop at its ends", () => {
  expect(nextIndex("ArrowDown", 0, 10, 5)).toBe(1);
  expect(nextIndex("ArrowDown", 9, 10, 5)).toBe(9);
  expect(nextIndex("ArrowUp", 0, 10, 5)).toBe(0);
  expect(nextIndex("PageDown", 2, 10, 5)).toBe(6);
  expect(nextIndex("PageUp", 2, 10, 5)).toBe(0);
  expect(nextIndex("Home", 7, 10, 5)).toBe(0);
  expect(nextIndex("End", 0, 10, 5)).toBe(9);
  expect(nextIndex("a", 0, 10, 5)).toBeNull();
  expect(nextIndex("ArrowDown", 0, 0, 5)).toBeNull();
});
