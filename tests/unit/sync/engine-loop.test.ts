/**
 * The engine driven by its loop (loopForEngine), with fake timers: a local change syncs after
 * the debounce, a sync's own writes never start another sync, the schedule follows the settings.
 */
import { loopForEngine } from "../../../src/sync/loop";
import { CLIENT_KEY } from "../../../src/sync/keys";
import { FakeServer, client } from "./engine-helpers";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("a local change syncs after the debounce, and a sync does not start another", async () => {
  const server = new FakeServer();
  const ann = await client(server, "ann@contoso.com");
  await ann.engine.updateSettings({ frequency: "manual" });
  const { loop, dispose } = loopForEngine(ann.engine, { debounceMs: 1_000 });
  loop.start({ syncNow: ann.engine.settings.syncOnOpen });
  await jest.advanceTimersByTimeAsync(0);
  expect(server.pulls).toHaveLength(1);
  expect(loop.state).toBe("idle");

  await ann.engine.create("contact", { givenName: "Ann" }, "c1");
  expect(loop.state).toBe("waiting");
  await jest.advanceTimersByTimeAsync(1_000);
  expect(server.pushes).toHaveLength(1);
  expect(server.record("contact", "c1")).toBeDefined();
  const rev = ((await ann.store.get(CLIENT_KEY)) as { rev: number }).rev;

  await jest.advanceTimersByTimeAsync(60 * 60_000);
  expect(server.pushes).toHaveLength(1);
  expect(server.pulls).toHaveLength(2);
  // Nothing new: another sync writes nothing.
  await loop.syncNow();
  expect(((await ann.store.get(CLIENT_KEY)) as { rev: number }).rev).toBe(rev);
  dispose();
});

test("the schedule follows the Offline Settings as they change", async () => {
  const server = new FakeServer();
  const ann = await client(server, "ann@contoso.com");
  await ann.engine.updateSettings({ frequency: 60 });
  const { loop, dispose } = loopForEngine(ann.engine);
  loop.start();
  await ann.engine.updateSettings({ frequency: 1 });
  await jest.advanceTimersByTimeAsync(60_000);
  expect(server.pulls).toHaveLength(1);
  await ann.engine.updateSettings({ frequency: "manual" });
  await jest.advanceTimersByTimeAsync(120 * 60_000);
  expect(server.pulls).toHaveLength(1);
  dispose();
  expect(loop.state).toBe("stopped");
});
