/** The list's selection model: toggles, ranges, select all in the search, and what a search keeps. */
import type { Selection } from "../../../../src/taskpane/ui/selection";
import { keep, NO_SELECTION, select } from "../../../../src/taskpane/ui/selection";

const items = ["a", "b", "c", "d", "e", "f"].map((id) => ({ id }));
const key = (item: { id: string }) => item.id;
const keys = (s: Selection) => [...s.keys].sort();
const apply = (s: Selection, ...steps: [Parameters<typeof select>[1], number, number?][]) =>
  steps.reduce((acc, [action, index, from]) => select(acc, action, items, key, index, from), s);

test("a toggle adds a row, a second one removes it; each sets the anchor", () => {
  const one = apply(NO_SELECTION, ["toggle", 1]);
  expect(keys(one)).toEqual(["b"]);
  expect(one.anchor).toBe("b");
  const two = apply(one, ["toggle", 3]);
  expect(keys(two)).toEqual(["b", "d"]);
  const back = apply(two, ["toggle", 1]);
  expect(keys(back)).toEqual(["d"]);
  expect(back.anchor).toBe("b");
  // The selection given is left as it was.
  expect(keys(one)).toEqual(["b"]);
});

test("a range runs from the anchor, either way, and adds to the selection", () => {
  const down = apply(NO_SELECTION, ["toggle", 1], ["range", 3]);
  expect(keys(down)).toEqual(["b", "c", "d"]);
  expect(down.anchor).toBe("b");
  const up = apply(NO_SELECTION, ["toggle", 5], ["toggle", 4], ["range", 2]);
  expect(keys(up)).toEqual(["c", "d", "e", "f"]);
  // Shift-clicking again from the same anchor widens the range.
  expect(keys(apply(down, ["range", 4]))).toEqual(["b", "c", "d", "e"]);
});

test("a move with Shift adds the rows passed over, wherever the anchor is", () => {
  const moved = apply(NO_SELECTION, ["range", 3, 2]);
  expect(keys(moved)).toEqual(["c", "d"]);
  expect(moved.anchor).toBe("c");
  expect(keys(apply(moved, ["range", 4, 3]))).toEqual(["c", "d", "e"]);
  // Toggled at a, moved to e without Shift, then Shift+Down: e and f, not a to f.
  expect(keys(apply(NO_SELECTION, ["toggle", 0], ["range", 5, 4]))).toEqual(["a", "e", "f"]);
  // Shift+Home from d: a to d.
  expect(keys(apply(NO_SELECTION, ["range", 0, 3]))).toEqual(["a", "b", "c", "d"]);
  // A Shift-click with no anchor selects the row itself, and anchors there.
  const clicked = apply(NO_SELECTION, ["range", 2]);
  expect(keys(clicked)).toEqual(["c"]);
  expect(clicked.anchor).toBe("c");
});

test("all selects every item of the list given (the search's results), clear nothing", () => {
  const all = apply(NO_SELECTION, ["toggle", 0], ["all", 0]);
  expect(keys(all)).toEqual(["a", "b", "c", "d", "e", "f"]);
  expect(all.anchor).toBe("a");
  const results = items.slice(2, 4);
  expect(keys(select(NO_SELECTION, "all", results, key, 0))).toEqual(["c", "d"]);
  expect(apply(all, ["clear", 0])).toBe(NO_SELECTION);
});

test("all covers a list of 10,000 items, not only the rows rendered", () => {
  const many = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}` }));
  expect(select(NO_SELECTION, "all", many, key, 0).keys.size).toBe(10_000);
});

test("a row past the list's end changes nothing", () => {
  const one = apply(NO_SELECTION, ["toggle", 1]);
  expect(apply(one, ["toggle", 99])).toBe(one);
});

test("a search keeps the selected rows it still shows and deselects the others", () => {
  const chosen = apply(NO_SELECTION, ["toggle", 1], ["toggle", 3], ["toggle", 5]);
  const narrower = items.filter((i) => i.id !== "d");
  const kept = keep(chosen, narrower, key);
  expect(keys(kept)).toEqual(["b", "f"]);
  expect(kept.anchor).toBe("f");
  // Widening the search again does not bring back what it deselected.
  expect(keys(keep(kept, items, key))).toEqual(["b", "f"]);
  // The anchor goes with its row.
  expect(
    keep(
      chosen,
      items.filter((i) => i.id !== "f"),
      key,
    ).anchor,
  ).toBeNull();
  // Nothing left: no selection at all.
  expect(keep(chosen, [{ id: "a" }], key)).toBe(NO_SELECTION);
});

test("a search that hides no selected row keeps the same selection", () => {
  const chosen = apply(NO_SELECTION, ["toggle", 1]);
  expect(keep(chosen, items.slice(0, 3), key)).toBe(chosen);
  expect(keep(NO_SELECTION, [], key)).toBe(NO_SELECTION);
});
