/** Work in idle time: slices until done, and it stops when cancelled. */
import { whenIdle } from "../../../../src/taskpane/contacts/idle";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("runs the work a slice at a time until it says it is done", () => {
  let slices = 0;
  whenIdle(() => ++slices === 3);
  expect(slices).toBe(0);
  jest.runAllTimers();
  expect(slices).toBe(3);
});

test("stops when cancelled", () => {
  let slices = 0;
  const cancel = whenIdle(() => {
    slices += 1;
    return false;
  });
  jest.advanceTimersToNextTimer();
  expect(slices).toBe(1);
  cancel();
  jest.runAllTimers();
  expect(slices).toBe(1);
});
