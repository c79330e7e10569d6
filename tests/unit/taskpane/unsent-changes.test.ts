/**
 * The list of unsent changes kept beside the copy (src/taskpane/offline/unsent-changes.ts): what
 * a wiped copy could not keep is named from it, without field values, bounded, and a storage
 * that throws loses only the list.
 */
import type { UnsentChange } from "../../../src/taskpane/offline/unsent-changes";
import {
  MAX_NAMED,
  describeUnsent,
  rememberUnsent,
  rememberedUnsent,
} from "../../../src/taskpane/offline/unsent-changes";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    storage: () => ({
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    }),
  };
}

const change = (i: number, op: UnsentChange["op"] = "edit"): UnsentChange => ({
  type: "contact",
  id: `c${i}`,
  name: `Person ${i}`,
  op,
  at: "2026-11-26T09:58:00.000Z",
});

test("what waits is remembered per copy, bounded, and forgotten once sent", () => {
  const { items, storage } = memoryStorage();
  const many = Array.from({ length: MAX_NAMED + 5 }, (_, i) => change(i));
  rememberUnsent(storage, "copy1", many);
  expect(rememberedUnsent(storage, "copy1")).toEqual({
    changes: many.slice(0, MAX_NAMED),
    more: 5,
  });
  expect(rememberedUnsent(storage, "copy2")).toBeNull();
  expect([...items.values()].join()).not.toContain("fields");
  rememberUnsent(storage, "copy1", []);
  expect(rememberedUnsent(storage, "copy1")).toBeNull();
});

test("a lost change in words", () => {
  expect(describeUnsent(change(1, "create"), "en-GB")).toMatch(
    /^New contact Person 1 \(26\/11\/2026/,
  );
  expect(describeUnsent(change(2, "delete"), "en-GB")).toMatch(/^Deleted contact Person 2 /);
  expect(describeUnsent(change(3), "en-GB")).toMatch(/^Edited contact Person 3 /);
});

test("a storage that throws, or holds garbage, loses only the list", () => {
  const throwing = () => ({
    getItem: () => {
      throw new Error("blocked");
    },
    setItem: () => {
      throw new Error("blocked");
    },
    removeItem: () => {
      throw new Error("blocked");
    },
  });
  expect(() => rememberUnsent(throwing, "copy1", [change(1)])).not.toThrow();
  expect(rememberedUnsent(throwing, "copy1")).toBeNull();
  const { items, storage } = memoryStorage();
  items.set("bcm.unsent|copy1", "{not json");
  expect(rememberedUnsent(storage, "copy1")).toBeNull();
});
