/**
 * The browser adapters of the Locks and Broadcast ports (src/browser/). Node has
 * BroadcastChannel as browsers do; Web Locks run over a small fake LockManager that keeps the
 * API's promise (exclusive, in request order).
 */
import { BroadcastChannelBroadcast } from "../../../src/browser/broadcast-channel";
import { WebLocks } from "../../../src/browser/web-locks";
import { MemoryLocks } from "../../../src/sync/memory-ports";

test("BroadcastChannelBroadcast reaches other endpoints of the channel, not itself", async () => {
  const name = `bcm-test-${Math.random()}`;
  const a = new BroadcastChannelBroadcast(new BroadcastChannel(name));
  const b = new BroadcastChannelBroadcast(new BroadcastChannel(name));
  const got: unknown[] = [];
  const mine: unknown[] = [];
  const received = new Promise<void>((resolve) =>
    b.subscribe((m) => {
      got.push(m);
      resolve();
    }),
  );
  a.subscribe((m) => mine.push(m));
  a.post({ kind: "bcm-sync", databaseId: "db1", rev: 3 });
  await received;
  expect(got).toEqual([{ kind: "bcm-sync", databaseId: "db1", rev: 3 }]);
  expect(mine).toEqual([]);
  a.close();
  b.close();
});

test("WebLocks asks navigator.locks for an exclusive lock and resolves with the task's result", async () => {
  const calls: Array<{ name: string; mode: unknown }> = [];
  const inner = new MemoryLocks();
  const fake = {
    request: (name: string, options: { mode?: unknown }, task: () => Promise<unknown>) => {
      calls.push({ name, mode: options.mode });
      return inner.request(name, task);
    },
  } as unknown as LockManager;
  const locks = new WebLocks(fake);
  await expect(locks.request("bcm:db1:sync", () => Promise.resolve(42))).resolves.toBe(42);
  expect(calls).toEqual([{ name: "bcm:db1:sync", mode: "exclusive" }]);
});

test("without Web Locks or BroadcastChannel, the fallbacks keep working within the pane", async () => {
  // Node 20 has no navigator.locks.
  const locks = WebLocks.orFallback();
  await expect(locks.request("x", () => Promise.resolve("ok"))).resolves.toBe("ok");
  const broadcast = BroadcastChannelBroadcast.orFallback(`bcm-test-${Math.random()}`);
  expect(() => broadcast.post({ rev: 1 })).not.toThrow();
  (broadcast as BroadcastChannelBroadcast).close?.();
});
