/** What the status bar says about syncing, and how the pane reads the engine. */
import { devAuth } from "../../../src/auth/dev-auth";
import { ApiError } from "../../../src/client/api-client";
import { signedInTransport } from "../../../src/client/services";
import {
  changesWaitingText,
  lastSyncedText,
  progressText,
  progressValue,
} from "../../../src/taskpane/sync-status";

test("changes waiting: none, one, several", () => {
  expect(changesWaitingText(0)).toBe("No changes waiting");
  expect(changesWaitingText(1)).toBe("1 change waiting");
  expect(changesWaitingText(2)).toBe("2 changes waiting");
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

test("the engine's transport signs in on first use, again after a failed sign-in, and after a 401", async () => {
  const tokens: string[] = [];
  let fail = true;
  let refuse = false;
  const pulled: string[] = [];
  const auth = devAuth((email) => {
    tokens.push(email);
    return fail
      ? Promise.reject(new Error("no answer"))
      : Promise.resolve(`token-${tokens.length}`);
  });
  const api = {
    withToken: (token: string) =>
      ({
        pull: (databaseId: string) => {
          if (refuse) return Promise.reject(new ApiError(401, "unauthorized", "sign in again"));
          pulled.push(`${token}:${databaseId}`);
          return Promise.resolve({ records: [], removed: [], cursor: "c", more: false });
        },
        push: () => Promise.resolve({ lastMid: 0, results: [] }),
      }) as never,
  };
  const transport = signedInTransport(auth, api, "megan@contoso.com");
  expect(tokens).toEqual([]);
  await expect(transport.pull("db-1", null, 10)).rejects.toThrow("no answer");
  fail = false;
  await transport.pull("db-1", null, 10);
  await transport.pull("db-2", null, 10);
  expect(tokens).toEqual(["megan@contoso.com", "megan@contoso.com"]);
  expect(pulled).toEqual(["token-2:db-1", "token-2:db-2"]);
  refuse = true;
  await expect(transport.pull("db-1", null, 10)).rejects.toThrow("sign in again");
  refuse = false;
  await transport.pull("db-1", null, 10);
  expect(pulled.at(-1)).toBe("token-3:db-1");
});
