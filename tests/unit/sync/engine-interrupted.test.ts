/**
 * Syncs and changes cut short: a copy resumes where it stopped (also a re-download after a 410),
 * and a store that cannot write leaves the view, the outbox and the cursor as they were, in
 * memory and after a reopen (stored before shown). Every check of "after a reopen" opens a new
 * engine on the same store, as a pane closed and opened again would.
 */
import { MemoryStore } from "../../../src/store/memory-store";
import { CURSOR_KEY } from "../../../src/sync/keys";
import { StoreError, type StoreWrite } from "../../../src/sync/store";
import { FakeServer, client, type Client } from "./engine-helpers";

const ANN = "ann@contoso.com";
const BOB = "bob@contoso.com";

function seed(server: FakeServer, n: number) {
  return Array.from({ length: n }, (_, i) =>
    server.write(BOB, "c-bob", {
      op: "upsert",
      type: "contact",
      id: `c${i}`,
      baseVersion: null,
      fields: { givenName: `N${i}` },
      at: "2026-11-26T08:00:00.000Z",
    }),
  );
}

const reopen = (store: MemoryStore, server: FakeServer, pageSize = 2) =>
  client(server, ANN, { store, extra: { pageSize } });

const ids = (c: Client) =>
  c.engine
    .records("contact")
    .map((r) => r.id)
    .sort();

describe("a copy resumes where it stopped", () => {
  test("the first copy, cut at its third page, goes on from the kept cursor after a reopen", async () => {
    const server = new FakeServer();
    seed(server, 7);
    const ann = await reopen(new MemoryStore(), server);
    // Pages 1 and 2 come; the third request fails (asked while page 2 is written).
    server.failNext("pull", "pass", "pass", "offline");
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
    expect(ann.engine.copy).toMatchObject({ complete: false });
    expect(ids(ann)).toEqual(["c0", "c1", "c2", "c3"]);

    const before = server.pulls.length;
    const again = await reopen(ann.store, server);
    expect(ids(again)).toEqual(["c0", "c1", "c2", "c3"]);
    await again.engine.sync();
    expect(server.pulls.slice(before).map((p) => p.at)).toEqual(["1:4", "1:6"]);
    expect(again.engine.copy).toMatchObject({ complete: true });
    expect(ids(again)).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6"]);
  });

  test("a re-download after a 410, cut short, resumes from its own cursor and still sweeps", async () => {
    const server = new FakeServer();
    const [first] = seed(server, 7);
    const ann = await reopen(new MemoryStore(), server);
    await ann.engine.sync();
    // Restored: cursors expire, and c0 is gone from the database.
    server.write(BOB, "c-bob", {
      op: "delete",
      type: "contact",
      id: "c0",
      baseVersion: first!.record!.version,
    });
    server.expireCursors();
    // 410, then pages 1 and 2 of the re-download; the third request fails (it is not logged).
    server.failNext("pull", "pass", "pass", "pass", "offline");
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
    expect(server.pulls.slice(-3).map((p) => p.at)).toEqual(["1:7", null, "2:3"]);
    // Usable meanwhile: nothing was swept yet.
    expect(ids(ann)).toHaveLength(7);

    const before = server.pulls.length;
    const again = await reopen(ann.store, server);
    const summary = await again.engine.sync();
    expect(server.pulls.slice(before).map((p) => p.at)).toEqual(["2:5", "2:7"]);
    expect(summary.pull.restarted).toBe(true);
    expect(ids(again)).toEqual(["c1", "c2", "c3", "c4", "c5", "c6"]);
    expect(ids(await reopen(ann.store, server))).toEqual(["c1", "c2", "c3", "c4", "c5", "c6"]);
  });
});

/** A memory store whose writes fail, writing nothing, once `failAfter(n)` let `n` more through. */
class BrokenStore extends MemoryStore {
  #left = Infinity;
  failAfter(n: number): void {
    this.#left = n;
  }
  mend(): void {
    this.#left = Infinity;
  }
  override apply(writes: readonly StoreWrite[]): Promise<void> {
    if (this.#left <= 0) return Promise.reject(new StoreError("The quota is exceeded."));
    this.#left -= 1;
    return super.apply(writes);
  }
}

describe("stored before shown, when the store fails", () => {
  /** What a copy shows and keeps: the view of c0 and c1, the outbox, the needs-attention list. */
  const snapshot = (c: Client) => ({
    c0: c.engine.get("contact", "c0"),
    c1: c.engine.get("contact", "c1"),
    contacts: ids(c),
    outbox: c.engine.outbox,
    attention: c.engine.needsAttention,
    copy: c.engine.copy,
  });

  async function annWithChange() {
    const server = new FakeServer();
    seed(server, 2);
    const store = new BrokenStore();
    const ann = await reopen(store, server);
    await ann.engine.sync();
    await ann.engine.update("contact", "c0", { jobTitle: "CFO" });
    return { server, store, ann, before: snapshot(ann) };
  }

  test("a create, an edit and a delete that cannot be stored change nothing, also after a reopen", async () => {
    const { server, store, ann, before } = await annWithChange();
    const changes = ann.events.length;
    store.failAfter(0);
    await expect(ann.engine.create("contact", { givenName: "New" }, "c9")).rejects.toThrow(
      StoreError,
    );
    await expect(ann.engine.update("contact", "c0", { jobTitle: "CEO" })).rejects.toThrow(
      StoreError,
    );
    await expect(ann.engine.update("contact", "c1", { jobTitle: "CTO" })).rejects.toThrow(
      StoreError,
    );
    await expect(ann.engine.remove("contact", "c1")).rejects.toThrow(StoreError);
    expect(snapshot(ann)).toEqual(before);
    expect(ann.events.slice(changes)).toEqual([]);
    store.mend();
    expect(snapshot(await reopen(store, server))).toEqual(before);
    // The next change takes the mid the failed ones did not use.
    await ann.engine.create("contact", { givenName: "New" }, "c9");
    expect(ann.engine.outbox.map((e) => e.mutation.mid)).toEqual([1, 2]);
  });

  test("a pull page that cannot be stored leaves the copy and its cursor; the next sync fetches it again", async () => {
    const server = new FakeServer();
    seed(server, 2);
    const store = new BrokenStore();
    const ann = await reopen(store, server);
    await ann.engine.sync();
    const before = snapshot(ann);
    const cursor = await store.get(CURSOR_KEY);
    server.write(BOB, "c-bob", {
      op: "upsert",
      type: "contact",
      id: "c1",
      baseVersion: 1,
      base: { jobTitle: null },
      fields: { jobTitle: "CTO" },
      at: "2026-11-26T08:30:00.000Z",
    });
    store.failAfter(0);
    await expect(ann.engine.sync()).rejects.toThrow(StoreError);
    expect(snapshot(ann)).toEqual(before);
    store.mend();
    expect(await store.get(CURSOR_KEY)).toEqual(cursor);
    expect(snapshot(await reopen(store, server))).toEqual(before);
    await ann.engine.sync();
    expect(ann.engine.get("contact", "c1")?.fields.jobTitle).toBe("CTO");
  });

  test("a push answer that cannot be stored keeps the change queued; sent again, it applies once", async () => {
    const { server, store, ann, before } = await annWithChange();
    const pushed = server.pushes.length;
    // The outbox's `sentMid` is stored before the push leaves; the answer is not.
    store.failAfter(1);
    await expect(ann.engine.sync()).rejects.toThrow(StoreError);
    expect(snapshot(ann)).toEqual(before);
    store.mend();
    expect(snapshot(await reopen(store, server))).toEqual(before);
    await ann.engine.sync();
    expect(server.pushes.slice(pushed).map((p) => p.mutations.map((m) => m.mid))).toEqual([
      [1],
      [1],
    ]);
    expect(server.record("contact", "c0")).toMatchObject({
      version: 2,
      fields: { jobTitle: "CFO" },
    });
    expect(ann.engine.outbox).toEqual([]);
    expect(ann.settled).toEqual([]);
  });
});
