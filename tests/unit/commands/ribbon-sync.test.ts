/** The ribbon's Sync now: which database, the sync, and what the notification says. */
import { lastSyncKey } from "../../../src/browser/last-sync";
import { WORK_OFFLINE_KEY } from "../../../src/browser/work-offline";
import type { RibbonSyncDeps } from "../../../src/commands/ribbon-sync";
import { syncFromRibbon } from "../../../src/commands/ribbon-sync";
import { ApiError, NetworkError } from "../../../src/sync/transport";
import { rememberDatabase } from "../../../src/client/remembered-database";

const user = { displayName: "Megan Bowen", emailAddress: "megan@contoso.com" };
const API = "http://localhost:7071/api";

function setup(
  sync: () => Promise<unknown>,
  options: { name?: string; inbox?: number; remembered?: boolean } = {},
) {
  const values = new Map<string, string>();
  const storage = {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
  };
  const preferences = {
    get: (k: string) => values.get(k) ?? null,
    set: (k: string, v: string) => void values.set(k, v),
    remove: (k: string) => void values.delete(k),
  };
  if (options.remembered !== false) {
    rememberDatabase(preferences, API, user.emailAddress, {
      id: "db-1",
      name: options.name ?? "Contoso",
    });
  }
  const opened: string[] = [];
  const deps: RibbonSyncDeps = {
    services: {
      apiBaseUrl: API,
      preferences,
      openEngine: (databaseId, email) => {
        opened.push(`${databaseId}|${email}`);
        return Promise.resolve({
          copyId: `copy of ${databaseId} for ${email}`,
          sync: sync as never,
          inbox: Array.from({ length: options.inbox ?? 0 }) as never,
        });
      },
    },
    storage: () => storage,
    now: () => 1_700_000_000_000,
  };
  return { deps, values, opened };
}

const summary = (answered: number, changes: number) =>
  Promise.resolve({ push: { answered }, pull: { changes } });

test("syncs the database the pane last opened, records the time, and counts what moved", async () => {
  const { deps, values, opened } = setup(() => summary(3, 1));
  const text = await syncFromRibbon(user, deps);
  expect(opened).toEqual(["db-1|megan@contoso.com"]);
  expect(text).toBe(
    'Business Contact Manager: synced "Contoso". Sent 3 changes, received 1 change.',
  );
  // The time is this user's copy's: another user of this computer does not see it.
  expect(values.get(lastSyncKey("copy of db-1 for megan@contoso.com"))).toBe("1700000000000");
  expect(values.has(lastSyncKey("db-1"))).toBe(false);
});

test("says when conflicts wait, and keeps within 150 characters with a long name", async () => {
  const { deps } = setup(() => summary(1, 0), { name: "N".repeat(100), inbox: 2 });
  const text = await syncFromRibbon(user, deps);
  expect(text.length).toBeLessThanOrEqual(150);
  expect(text).toMatch(/…". Sent 1 change, received 0 changes\. 2 conflicts wait for you\.$/);
});

test("does nothing while working offline, and says so", async () => {
  const sync = jest.fn(() => summary(0, 0));
  const { deps, values } = setup(sync);
  values.set(WORK_OFFLINE_KEY, "true");
  expect(await syncFromRibbon(user, deps)).toMatch(/Work offline is on/);
  expect(sync).not.toHaveBeenCalled();
});

test("asks the user to open the pane once when no database was chosen", async () => {
  const { deps, opened } = setup(() => summary(0, 0), { remembered: false });
  expect(await syncFromRibbon(user, deps)).toMatch(/open Business Contacts once/);
  expect(await syncFromRibbon(null, deps)).toMatch(/open Business Contacts once/);
  expect(opened).toEqual([]);
});

test("an unreachable database keeps the changes, other failures are named; no time recorded", async () => {
  const offline = setup(() => Promise.reject(new NetworkError("no answer")));
  expect(await syncFromRibbon(user, offline.deps)).toMatch(
    /could not be reached\. Your changes stay on this computer/,
  );
  expect([...offline.values.keys()].filter((k) => k.startsWith("bcm.lastSync"))).toEqual([]);
  const broken = setup(() => Promise.reject(new Error("disk full")));
  expect(await syncFromRibbon(user, broken.deps)).toMatch(/the sync failed\. .*disk full/);
});

test("a user who is no longer a member is sent to the pane, where their changes can be saved", async () => {
  const removed = setup(() =>
    Promise.reject(
      new ApiError(404, "not_found", "There is no such database, or you are not a member of it."),
    ),
  );
  const text = await syncFromRibbon(user, removed.deps);
  expect(text).toBe(
    'Business Contact Manager: you no longer have access to "Contoso". Open Business Contacts to save your unsent changes.',
  );
  expect(text.length).toBeLessThanOrEqual(150);
});
