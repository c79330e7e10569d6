/**
 * The contact list's first screen kept between openings (src/taskpane/contacts/first-screen.ts):
 * per copy, rewritten only when it changed, never trusted when damaged, forgotten when empty,
 * and never a reason for the pane to fail.
 */
import {
  FIRST_SCREEN_ROWS,
  forgetFirstScreen,
  readFirstScreen,
  saveFirstScreen,
} from "../../../../src/taskpane/contacts/first-screen";

function memoryStorage() {
  const values = new Map<string, string>();
  let writes = 0;
  const storage = () => ({
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => {
      writes++;
      values.set(k, v);
    },
    removeItem: (k: string) => void values.delete(k),
  });
  return { storage, values, writes: () => writes };
}

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `Person ${i}`, detail: "Buyer" }));

test("a screen is kept per copy and read back; the same screen is not written twice", () => {
  const { storage, writes } = memoryStorage();
  expect(readFirstScreen(storage, "copy1")).toBeNull();
  saveFirstScreen(storage, "copy1", { total: 12, rows: rows(12) });
  expect(readFirstScreen(storage, "copy1")).toEqual({ total: 12, rows: rows(12) });
  expect(readFirstScreen(storage, "copy2")).toBeNull();
  saveFirstScreen(storage, "copy1", { total: 12, rows: rows(12) });
  expect(writes()).toBe(1);
  saveFirstScreen(storage, "copy1", { total: 13, rows: rows(12) });
  expect(writes()).toBe(2);
  expect(readFirstScreen(storage, "copy1")?.total).toBe(13);
});

test("no more rows than a screen shows are kept", () => {
  const { storage } = memoryStorage();
  saveFirstScreen(storage, "copy1", { total: 500, rows: rows(FIRST_SCREEN_ROWS + 20) });
  expect(readFirstScreen(storage, "copy1")?.rows).toEqual(rows(FIRST_SCREEN_ROWS));
});

test("an empty list forgets the screen, as deleting the copy does", () => {
  const { storage } = memoryStorage();
  saveFirstScreen(storage, "copy1", { total: 2, rows: rows(2) });
  saveFirstScreen(storage, "copy1", { total: 0, rows: [] });
  expect(readFirstScreen(storage, "copy1")).toBeNull();
  saveFirstScreen(storage, "copy1", { total: 2, rows: rows(2) });
  forgetFirstScreen(storage, "copy1");
  expect(readFirstScreen(storage, "copy1")).toBeNull();
});

test.each([
  ["not JSON", "{"],
  ["another shape", JSON.stringify({ total: 3, rows: [{ id: "c1", name: 5, detail: "" }] })],
  ["a negative count", JSON.stringify({ total: -1, rows: [] })],
  ["too many rows", JSON.stringify({ total: 99, rows: rows(FIRST_SCREEN_ROWS + 1) })],
  ["null", "null"],
])("a kept screen that is %s is not shown", (_, text) => {
  const { storage, values } = memoryStorage();
  values.set("bcm.firstScreen|copy1", text);
  expect(readFirstScreen(storage, "copy1")).toBeNull();
});

test("a host that blocks localStorage loses only the early paint", () => {
  const blocked = () => {
    throw new Error("blocked");
  };
  expect(readFirstScreen(blocked, "copy1")).toBeNull();
  expect(() => saveFirstScreen(blocked, "copy1", { total: 1, rows: rows(1) })).not.toThrow();
  expect(() => forgetFirstScreen(blocked, "copy1")).not.toThrow();
});
