/** The in-process Locks and Broadcast adapters (memory-ports.ts). */
import { MemoryBroadcastHub, MemoryLocks } from "../../../src/sync/memory-ports";

test("MemoryLocks runs one holder of a name at a time, in request order, and passes results and errors on", async () => {
  const locks = new MemoryLocks();
  const log: string[] = [];
  const hold = (name: string, tag: string, ms: number) =>
    locks.request(name, async () => {
      log.push(`${tag}+`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`${tag}-`);
      return tag;
    });
  const results = await Promise.all([hold("a", "1", 5), hold("a", "2", 1), hold("b", "3", 1)]);
  expect(results).toEqual(["1", "2", "3"]);
  expect(log.indexOf("2+")).toBeGreaterThan(log.indexOf("1-"));
  expect(log.indexOf("3+")).toBeLessThan(log.indexOf("1-"));
  await expect(locks.request("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  await expect(locks.request("a", () => Promise.resolve("after"))).resolves.toBe("after");
});

test("MemoryBroadcastHub delivers copies to the other endpoints, later, never to the sender", async () => {
  const hub = new MemoryBroadcastHub();
  const a = hub.endpoint();
  const b = hub.endpoint();
  const c = hub.endpoint();
  const got: Record<string, unknown[]> = { a: [], b: [], c: [] };
  a.subscribe((m) => got.a!.push(m));
  b.subscribe((m) => got.b!.push(m));
  const stop = c.subscribe((m) => got.c!.push(m));
  const message = { kind: "bcm-sync", rev: 1 };
  a.post(message);
  expect(got.b).toEqual([]);
  await Promise.resolve();
  await Promise.resolve();
  expect(got).toEqual({ a: [], b: [message], c: [message] });
  expect(got.b![0]).not.toBe(message);
  stop();
  b.post({ rev: 2 });
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(got.c).toHaveLength(1);
  expect(got.a).toEqual([{ rev: 2 }]);
});
