/** Work in the background: slices until done, and it stops when cancelled. */
import type * as IdleModule from "../../../../src/taskpane/ui/idle";
import { inBackground } from "../../../../src/taskpane/ui/idle";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("runs the work a slice at a time until it says it is done", () => {
  let slices = 0;
  inBackground(() => ++slices === 3);
  expect(slices).toBe(0);
  jest.runAllTimers();
  expect(slices).toBe(3);
});

test("stops when cancelled", () => {
  let slices = 0;
  const cancel = inBackground(() => {
    slices += 1;
    return false;
  });
  jest.advanceTimersToNextTimer();
  expect(slices).toBe(1);
  cancel();
  jest.runAllTimers();
  expect(slices).toBe(1);
});

test("runs in background tasks where the browser has scheduler.postTask, and aborts them", () => {
  const tasks: Array<{ task: () => void; priority: string; signal: AbortSignal }> = [];
  const scheduler = {
    postTask(task: () => void, options: { priority: string; signal: AbortSignal }) {
      tasks.push({ task, ...options });
      return Promise.resolve();
    },
  };
  Object.assign(globalThis, { scheduler });
  try {
    let slices = 0;
    const cancel = inBackground(() => ++slices === 3);
    expect(tasks.map((t) => t.priority)).toEqual(["background"]);
    tasks[0]!.task();
    tasks[1]!.task();
    expect(slices).toBe(2);
    cancel();
    expect(tasks[2]!.signal.aborted).toBe(true);
  } finally {
    delete (globalThis as { scheduler?: unknown }).scheduler;
  }
});

describe("what waits for the first content", () => {
  // A fresh module each time: the first content is painted once per page.
  type Idle = typeof IdleModule;
  const fresh = () => {
    let idle: Idle | undefined;
    jest.isolateModules(() => {
      idle = jest.requireActual<Idle>("../../../../src/taskpane/ui/idle");
    });
    return idle!;
  };
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("loads after the first content painted, not while the page is merely idle before it", async () => {
    const idle = fresh();
    let ready = false;
    void idle.afterFirstContent().then(() => (ready = true));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(ready).toBe(false);
    idle.contentPainted();
    await jest.advanceTimersByTimeAsync(1);
    expect(ready).toBe(true);
  });

  test("loads anyway a few seconds on when no screen says it painted", async () => {
    const idle = fresh();
    let ready = false;
    void idle.afterFirstContent().then(() => (ready = true));
    await jest.advanceTimersByTimeAsync(2_900);
    expect(ready).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(ready).toBe(true);
  });
});
