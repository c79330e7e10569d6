/** What the status bar says about syncing. */
import {
  changesWaitingText,
  lastSyncedText,
  progressText,
  progressValue,
} from "../../../src/taskpane/sync-status";

test("changes waiting: none, one, several", () => {
  const none = { pending: 0, conflicts: 0, refused: 0 };
  expect(changesWaitingText(none)).toBe("No changes waiting");
  expect(changesWaitingText({ ...none, pending: 1 })).toBe("1 change waiting");
  expect(changesWaitingText({ ...none, pending: 2 })).toBe("2 changes waiting");
  // Issue 18, defect 6: conflicts and refused changes wait for the user too; the bar counts them.
  expect(changesWaitingText({ ...none, conflicts: 1 })).toBe("1 conflict to answer");
  expect(changesWaitingText({ ...none, refused: 2 })).toBe("2 changes refused");
  expect(changesWaitingText({ pending: 3, conflicts: 2, refused: 1 })).toBe(
    "3 changes waiting · 2 conflicts to answer · 1 change refused",
  );
});

test("last synced: never, or the time of day", () => {
  expect(lastSyncedText(null)).toBe("Not synced yet");
  const at = new Date(2026, 10, 26, 14, 5).getTime();
  expect(lastSyncedText(at, "en-GB")).toBe("Last synced at 14:05");
});

test("progress: push has a fraction, pull counts without a total", () => {
  const push = { phase: "push", answered: 3, pending: 2 } as const;
  expect(progressText(push, false)).toBe("Sending changes: 3 of 5");
  expect(progressValue(push)).toBeCloseTo(0.6);
  expect(progressValue({ phase: "push", answered: 0, pending: 0 })).toBe(1);

  const pull = { phase: "pull", pages: 2, changes: 1500, held: 1500, restarted: false } as const;
  expect(progressText(pull, true)).toBe(
    "Making the offline copy: 1500 received, 1500 records held",
  );
  expect(progressText(pull, false)).toBe("Receiving changes: 1500 received, 1500 records held");
  expect(progressValue(pull)).toBeUndefined();

  expect(progressText(null, true)).toBe("Making the offline copy…");
  expect(progressText(null, false)).toBe("Syncing…");
  expect(progressValue(null)).toBeUndefined();
});
