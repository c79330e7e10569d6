/**
 * The LocalStore contract (src/sync/store.ts), one suite for every adapter. localforage has no
 * storage driver under Node, so it runs here over an in-memory driver that serializes values as
 * its localStorage driver does; the browser e2e test exercises it over IndexedDB.
 */
import localforage from "localforage";
import type { LocalStore, StoredValue } from "../../../src/sync/store";
import { StoreError } from "../../../src/sync/store";
import { OWNER_KEY } from "../../../src/sync/keys";
import {
  CopyOwnerError,
  adoptCopy,
  checkOwner,
  copyOwner,
  ownerWrite,
} from "../../../src/sync/owner";
import { LocalforageStore } from "../../../src/store/localforage-store";
import { MemoryStore } from "../../../src/store/memory-store";

const MEMORY_DRIVER = "bcmTestMemory";
const BROKEN_DRIVER = "bcmTestBroken";
const databases = new Map<string, Map<string, string>>();

function dataOf(instance: LocalForage): Map<string, string> {
  const { name = "", storeName = "" } = instance.config();
  const id = `${name}/${storeName}`;
  let data = databases.get(id);
  if (!data) {
    data = new Map();
    databases.set(id, data);
  }
  return data;
}

const memoryDriver: LocalForageDriver = {
  _driver: MEMORY_DRIVER,
  _support: true,
  _initStorage: () => undefined,
  getItem<T>(this: LocalForage, key: string) {
    const text = dataOf(this).get(key);
    return Promise.resolve(text === undefined ? null : (JSON.parse(text) as T));
  },
  setItem<T>(this: LocalForage, key: string, value: T) {
    dataOf(this).set(key, JSON.stringify(value));
    return Promise.resolve(value);
  },
  removeItem(this: LocalForage, key: string) {
    dataOf(this).delete(key);
    return Promise.resolve();
  },
  clear(this: LocalForage) {
    dataOf(this).clear();
    return Promise.resolve();
  },
  dropInstance(options?: LocalForageDbInstanceOptions) {
    for (const id of [...databases.keys()]) {
      if (id.startsWith(`${options?.name ?? ""}/`)) databases.delete(id);
    }
    return Promise.resolve();
  },
  length(this: LocalForage) {
    return Promise.resolve(dataOf(this).size);
  },
  key(this: LocalForage, index: number) {
    return Promise.resolve([...dataOf(this).keys()][index] ?? "");
  },
  // In insertion order on purpose: only IndexedDB sorts, and the adapter must not rely on it.
  keys(this: LocalForage) {
    return Promise.resolve([...dataOf(this).keys()]);
  },
  iterate<T, U>(this: LocalForage, iteratee: (value: T, key: string, n: number) => U) {
    let n = 0;
    for (const [key, text] of dataOf(this)) {
      const result = iteratee(JSON.parse(text) as T, key, ++n);
      if (result !== undefined) return Promise.resolve(result);
    }
    return Promise.resolve(undefined as U);
  },
};

const quota = () =>
  Promise.reject(new DOMException("The quota has been exceeded.", "QuotaExceededError"));
const brokenDriver: LocalForageDriver = {
  _driver: BROKEN_DRIVER,
  _support: true,
  _initStorage: () => undefined,
  getItem: quota,
  setItem: quota,
  removeItem: quota,
  clear: quota,
  length: quota,
  key: quota,
  keys: quota,
  iterate: quota,
};

let instances = 0;
function localforageInstance(driver: string): LocalForage {
  instances += 1;
  return localforage.createInstance({
    name: `bcm-test-${instances}`,
    storeName: "records",
    driver,
  });
}

beforeAll(async () => {
  await localforage.defineDriver(memoryDriver);
  await localforage.defineDriver(brokenDriver);
});

describe.each<[string, () => LocalStore]>([
  ["MemoryStore", () => new MemoryStore()],
  ["LocalforageStore", () => new LocalforageStore(localforageInstance(MEMORY_DRIVER))],
])("%s keeps the LocalStore contract", (_, create) => {
  let store: LocalStore;
  beforeEach(() => {
    store = create();
  });

  test("a key never set reads as undefined", async () => {
    await expect(store.get("contact:nobody")).resolves.toBeUndefined();
  });

  test("reads back an equal value, never the same object", async () => {
    const value = {
      type: "contact",
      fields: { emails: [{ address: "ann@x.com", primary: true }], n: 1.5, ok: false, none: null },
    };
    await store.set("contact:ann", value);
    const read = await store.get("contact:ann");
    expect(read).toEqual(value);
    expect(read).not.toBe(value);
    value.fields.n = 2;
    expect(await store.get("contact:ann")).toMatchObject({ fields: { n: 1.5 } });
  });

  test.each<[string, StoredValue]>([
    ["a string", "c|000000000042"],
    ["an empty string", ""],
    ["a number", 0],
    ["false", false],
    ["an array", [1, "two", { three: 3 }]],
  ])("keeps %s", async (_what, value) => {
    await store.set("sync:value", value);
    await expect(store.get("sync:value")).resolves.toEqual(value);
  });

  test("keeps any Unicode in keys and values", async () => {
    await store.set("contact:王芳", { displayName: "王芳 🧭 Renée" });
    await expect(store.get("contact:王芳")).resolves.toEqual({ displayName: "王芳 🧭 Renée" });
  });

  test("set replaces, delete removes, and deleting a missing key resolves", async () => {
    await store.set("k", "one");
    await store.set("k", "two");
    await expect(store.get("k")).resolves.toBe("two");
    await store.delete("k");
    await expect(store.get("k")).resolves.toBeUndefined();
    await expect(store.delete("k")).resolves.toBeUndefined();
  });

  test("keys lists every key once, sorted by code unit", async () => {
    for (const key of [
      "contact:b",
      "sync:cursor",
      "company:a",
      "contact:a",
      "contact:B",
      "contact:b",
    ]) {
      await store.set(key, key);
    }
    await store.delete("company:a");
    await expect(store.keys()).resolves.toEqual([
      "contact:B",
      "contact:a",
      "contact:b",
      "sync:cursor",
    ]);
  });

  test("getMany reads each key asked, in the order asked, as copies", async () => {
    await store.set("a", { n: 1 });
    await store.set("c", [3]);
    const read = await store.getMany(["c", "missing", "a", "c"]);
    expect(read).toEqual([[3], undefined, { n: 1 }, [3]]);
    expect(read[0]).not.toBe(read[3]);
    await expect(store.getMany([])).resolves.toEqual([]);
  });

  test("entries gives the keys with a prefix and their values, sorted by key", async () => {
    for (const key of [
      "outbox:000000000002",
      "rec:000000000000",
      "outbox:000000000010",
      "outbox",
    ]) {
      await store.set(key, key.length);
    }
    await store.set("outbox:000000000001", { mid: 1 });
    await expect(store.entries("outbox:")).resolves.toEqual([
      ["outbox:000000000001", { mid: 1 }],
      ["outbox:000000000002", 19],
      ["outbox:000000000010", 19],
    ]);
    await expect(store.entries("nothing:")).resolves.toEqual([]);
    expect((await store.entries("")).map(([key]) => key)).toEqual(await store.keys());
  });

  test("apply makes every write of a batch, in order, before it resolves", async () => {
    await store.set("old", "gone soon");
    await store.apply([
      { op: "set", key: "rec:1", value: { records: [] } },
      { op: "set", key: "k", value: "first" },
      { op: "delete", key: "old" },
      { op: "set", key: "k", value: "second" },
      { op: "delete", key: "never-there" },
      { op: "set", key: "deleted-then-set", value: 1 },
    ]);
    await store.apply([{ op: "delete", key: "deleted-then-set" }]);
    await expect(store.getMany(["rec:1", "k", "old", "deleted-then-set"])).resolves.toEqual([
      { records: [] },
      "second",
      undefined,
      undefined,
    ]);
    await expect(store.apply([])).resolves.toBeUndefined();
  });

  test("a batch of 1,000 records round-trips", async () => {
    const writes = Array.from({ length: 1000 }, (_, i) => ({
      op: "set" as const,
      key: `r:${String(i).padStart(4, "0")}`,
      value: { i, name: `Contact ${i}` },
    }));
    await store.apply(writes);
    const entries = await store.entries("r:");
    expect(entries).toHaveLength(1000);
    expect(entries[999]).toEqual(["r:0999", { i: 999, name: "Contact 999" }]);
  });

  test("holds one owner's copy: recorded with the first batch, refused to anyone else", async () => {
    const ann = copyOwner("https://api.test/api", "ann@contoso.com", "db1");
    const bob = copyOwner("https://api.test/api", "bob@contoso.com", "db1");
    await expect(checkOwner(store, ann)).resolves.toBe(false);
    await store.apply([ownerWrite(ann), { op: "set", key: "outbox:000000000001", value: 1 }]);
    await expect(checkOwner(store, ann)).resolves.toBe(true);
    await expect(checkOwner(store, bob)).rejects.toBeInstanceOf(CopyOwnerError);
    // An old copy of this adapter is adopted whole into another store of it.
    const target = create();
    await store.delete(OWNER_KEY);
    await expect(adoptCopy(store, target, bob)).resolves.toBe(true);
    await expect(target.entries("")).resolves.toEqual([
      ["outbox:000000000001", 1],
      [OWNER_KEY, bob],
    ]);
  });

  test("awaited operations take effect in order", async () => {
    for (let i = 0; i < 20; i++) await store.set("counter", i);
    await store.delete("counter");
    await store.set("counter", "last");
    await expect(store.get("counter")).resolves.toBe("last");
  });
});

test("LocalforageStore turns every storage failure into a StoreError with the original as cause", async () => {
  const store = new LocalforageStore(localforageInstance(BROKEN_DRIVER));
  for (const attempt of [
    store.get("k"),
    store.set("k", "v"),
    store.delete("k"),
    store.keys(),
    store.getMany(["k"]),
    store.entries("k"),
    store.apply([{ op: "set", key: "k", value: "v" }]),
  ]) {
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toMatchObject({
      name: "StoreError",
      cause: expect.objectContaining({ name: "QuotaExceededError" }) as unknown,
    });
  }
});

test("LocalforageStore keeps each database apart", async () => {
  const a = new LocalforageStore(localforageInstance(MEMORY_DRIVER));
  const b = new LocalforageStore(localforageInstance(MEMORY_DRIVER));
  await a.set("contact:x", "in a");
  await expect(b.get("contact:x")).resolves.toBeUndefined();
});

test("LocalforageStore names a copy after its copy id, and the old copy after its database", () => {
  const created = jest.spyOn(localforage, "createInstance");
  LocalforageStore.forCopy("0123456789abcdef0123456789abcdef");
  LocalforageStore.legacy("db1");
  expect(created.mock.calls.map(([options]) => options)).toEqual([
    { name: "bcm-copy-0123456789abcdef0123456789abcdef", storeName: "records" },
    { name: "bcm-db1", storeName: "records" },
  ]);
  created.mockRestore();
});

test("LocalforageStore.destroy deletes its database and no other", async () => {
  const a = new LocalforageStore(localforageInstance(MEMORY_DRIVER));
  const b = new LocalforageStore(localforageInstance(MEMORY_DRIVER));
  await a.set("outbox:000000000001", 1);
  await b.set("outbox:000000000001", 2);
  await a.destroy();
  await expect(a.keys()).resolves.toEqual([]);
  await expect(b.get("outbox:000000000001")).resolves.toBe(2);
});
