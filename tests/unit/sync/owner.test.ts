/**
 * Whose copy it is (src/sync/owner.ts and the engine): a copy is named after its API, user and
 * database, records its owner with its first write, and is refused to anyone else; a copy of
 * the version before owners is adopted whole; a 404 from the API tells the pane the user is no
 * longer a member.
 */
import { OWNER_KEY, outboxKey } from "../../../src/sync/keys";
import { MemoryLocks } from "../../../src/sync/memory-ports";
import { CopyOwnerError, adoptCopy, checkOwner, copyId, copyOwner } from "../../../src/sync/owner";
import type { Locks } from "../../../src/sync/ports";
import { SyncEngine } from "../../../src/sync/engine";
import { ApiError } from "../../../src/sync/transport";
import { MemoryStore } from "../../../src/store/memory-store";
import { API, DB, FakeServer, client, ownerOf } from "./engine-helpers";

const ANN = "ann@contoso.com";
const BOB = "bob@contoso.com";

describe("copyOwner and copyId", () => {
  test("one address however Outlook spells it, one API however it ends", () => {
    expect(copyOwner("https://api.test/api/", "  Ann@Contoso.COM ", "db1")).toEqual({
      api: "https://api.test/api",
      user: "ann@contoso.com",
      databaseId: "db1",
    });
  });

  test("a stable name of 32 hex digits, different for each API, user and database", async () => {
    const ann = await copyId(ownerOf(ANN));
    expect(ann).toMatch(/^[0-9a-f]{32}$/);
    expect(await copyId(copyOwner(`${API}/`, ANN.toUpperCase(), DB))).toBe(ann);
    const others = await Promise.all([
      copyId(ownerOf(BOB)),
      copyId(ownerOf(ANN, "db2")),
      copyId(copyOwner("https://other.example.test/api", ANN, DB)),
      // No separator trick makes two owners one name.
      copyId(copyOwner(API, `${ANN}","db1`, "")),
    ]);
    expect(new Set([ann, ...others]).size).toBe(5);
    expect(ann).not.toContain("contoso");
  });
});

describe("checkOwner", () => {
  test("an empty store is nobody's; the owner's is theirs; anyone else's is refused", async () => {
    const store = new MemoryStore();
    await expect(checkOwner(store, ownerOf(ANN))).resolves.toBe(false);
    await store.set(OWNER_KEY, ownerOf(ANN));
    await expect(checkOwner(store, copyOwner(API, "ANN@contoso.com", DB))).resolves.toBe(true);
    for (const other of [ownerOf(BOB), ownerOf(ANN, "db2"), copyOwner("https://x.test", ANN, DB)]) {
      await expect(checkOwner(store, other)).rejects.toBeInstanceOf(CopyOwnerError);
    }
    await store.set(OWNER_KEY, "ann");
    await expect(checkOwner(store, ownerOf(ANN))).rejects.toBeInstanceOf(CopyOwnerError);
  });

  test("a store holding data but no owner is nobody's to open", async () => {
    const store = new MemoryStore();
    await store.set("sync:client", { clientId: "c-1", nextMid: 1, sentMid: 0, rev: 1 });
    await expect(checkOwner(store, ownerOf(ANN))).rejects.toThrow(/does not say whose it is/);
  });
});

describe("the engine and the owner", () => {
  test("the first write records the owner, ahead of the rest of its batch", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await expect(ann.store.keys()).resolves.toEqual([]);
    const batches: string[][] = [];
    const apply = ann.store.apply.bind(ann.store);
    ann.store.apply = (writes) => {
      batches.push(writes.map((w) => w.key));
      return apply(writes);
    };
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    await ann.engine.create("contact", { givenName: "Cy" }, "c2");
    expect(batches[0]?.[0]).toBe(OWNER_KEY);
    expect(batches[1]).not.toContain(OWNER_KEY);
    await expect(ann.store.get(OWNER_KEY)).resolves.toEqual(ownerOf(ANN));
  });

  test("another user's engine refuses the copy: nothing of it is shown or sent", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await ann.engine.create("contact", { givenName: "Ann's unsent contact" }, "c1");
    await expect(
      SyncEngine.open({ owner: ownerOf(BOB), store: ann.store, transport: server.as(BOB) }),
    ).rejects.toBeInstanceOf(CopyOwnerError);
    expect(server.pushes).toEqual([]);
    expect(server.pulls).toEqual([]);
    // Ann's copy is untouched, and still hers.
    await expect(ann.store.get(outboxKey(1))).resolves.toBeDefined();
    const again = await SyncEngine.open({
      owner: ownerOf(ANN),
      store: ann.store,
      transport: server.as(ANN),
    });
    expect(again.outbox).toHaveLength(1);
  });

  test("a dropped copy is nobody's until its next write", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    await ann.engine.drop({ force: true });
    await expect(ann.store.keys()).resolves.toEqual([]);
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    await expect(ann.store.get(OWNER_KEY)).resolves.toEqual(ownerOf(ANN));
  });

  test("locks and messages are the copy's, so two users of one database never share them", async () => {
    const names: string[] = [];
    const inner = new MemoryLocks();
    const locks: Locks = {
      request: (name, task) => {
        names.push(name);
        return inner.request(name, task);
      },
      tryRequest: (name, task) => inner.tryRequest(name, task),
    };
    const server = new FakeServer();
    const ann = await client(server, ANN, { extra: { locks } });
    const bob = await client(server, BOB, { extra: { locks } });
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    await bob.engine.create("contact", { givenName: "Bob" }, "c2");
    const [annLock, bobLock] = new Set(names);
    expect(annLock).toBe(`bcm:${ann.engine.copyId}:write`);
    expect(bobLock).toBe(`bcm:${bob.engine.copyId}:write`);
    expect(ann.engine.copyId).not.toBe(bob.engine.copyId);
  });

  test("a 404 from the API marks the copy revoked once, keeps it, and clears on a good sync", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    const gone = () =>
      new ApiError(404, "not_found", "There is no such database, or you are not a member of it.");
    server.failNext("push", gone(), gone());
    await expect(ann.engine.sync()).rejects.toMatchObject({ status: 404 });
    await expect(ann.engine.sync()).rejects.toMatchObject({ status: 404 });
    expect(ann.engine.revoked).toBe(true);
    expect(ann.events.filter((e) => e.type === "revoked")).toHaveLength(1);
    // Nothing is lost until the user chooses: the change is still waiting, and can be exported.
    expect(ann.engine.exportChanges().pending).toMatchObject([{ id: "c1" }]);
    // Another error is not a revocation.
    server.failNext("push", new ApiError(403, "forbidden", "Readers cannot change records."));
    await ann.engine.sync().catch(() => undefined);
    expect(ann.events.filter((e) => e.type === "revoked")).toHaveLength(1);
    await ann.engine.sync();
    expect(ann.engine.revoked).toBe(false);
  });
});

describe("adoptCopy: a copy made before copies had owners", () => {
  test("moves everything, unsent changes and client id included, under the owner", async () => {
    const server = new FakeServer();
    const legacy = await client(server, ANN);
    await legacy.engine.create("contact", { givenName: "Unsent" }, "c1");
    // The version before owners wrote no owner.
    await legacy.store.delete(OWNER_KEY);
    const target = new MemoryStore();
    await target.set("rec:000000000000", { records: [] });
    await expect(adoptCopy(legacy.store, target, ownerOf(ANN))).resolves.toBe(true);
    await expect(target.get(OWNER_KEY)).resolves.toEqual(ownerOf(ANN));
    await expect(target.get("rec:000000000000")).resolves.toBeUndefined();
    const adopted = await SyncEngine.open({
      owner: ownerOf(ANN),
      store: target,
      transport: server.as(ANN),
    });
    expect(adopted.clientId).toBe(legacy.engine.clientId);
    expect(adopted.outbox.map((e) => e.mutation.id)).toEqual(["c1"]);
    await adopted.sync();
    expect(server.record("contact", "c1")?.fields).toMatchObject({ givenName: "Unsent" });
  });

  test("an empty old copy adopts nothing and writes nothing", async () => {
    const target = new MemoryStore();
    await expect(adoptCopy(new MemoryStore(), target, ownerOf(ANN))).resolves.toBe(false);
    await expect(target.keys()).resolves.toEqual([]);
  });
});
