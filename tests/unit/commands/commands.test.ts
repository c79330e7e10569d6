/**
 * The ribbon's function file, loaded as Outlook loads it: its actions are found by name through
 * Office.actions.associate and called with an event that must always be completed.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { SampleMessage } from "../../../src/office/fake-mailbox";
import { FakeMailbox } from "../../../src/office/fake-mailbox";
import type * as CommandsModule from "../../../src/commands/commands";
import type { OfficeLike } from "../../../src/office/office";
import { NOTIFICATION_KEY } from "../../../src/office/office";
import { WORK_OFFLINE_KEY, readWorkOffline } from "../../../src/browser/work-offline";

type Action = (event: { completed: () => void }) => void;

const message: SampleMessage = {
  itemType: "message",
  itemId: "AAMkAD/msg+1=",
  internetMessageId: "<m1@fabrikam.com>",
  conversationId: "conv-1",
  subject: "Q1 volumes",
  from: {
    displayName: "Renée Dubois",
    emailAddress: "renee.dubois@fabrikam.com",
    recipientType: "externalUser",
  },
  to: [],
  cc: [],
  dateTimeCreated: "2026-11-23T08:42:00.000Z",
  body: "Hello",
};

const globals = globalThis as { Office?: unknown; localStorage?: unknown };
const actions = new Map<string, Action>();
let commands: typeof CommandsModule;

/** A fresh Office namespace per test: initOffice keeps one session per namespace. */
function installOffice(mailbox: FakeMailbox): void {
  const office: OfficeLike & { actions: { associate: (id: string, action: Action) => void } } = {
    onReady: () => Promise.resolve({ host: "Outlook" }),
    context: { mailbox },
    actions: { associate: (id, action) => actions.set(id, action) },
  };
  globals.Office = office;
}

function memoryStorage(): Pick<Storage, "setItem" | "getItem"> {
  const values = new Map<string, string>();
  return {
    setItem: (key, value) => void values.set(key, value),
    getItem: (key) => values.get(key) ?? null,
  };
}

let consoleError: jest.SpyInstance;

beforeAll(async () => {
  installOffice(
    new FakeMailbox({
      user: { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" },
    }),
  );
  commands = await import("../../../src/commands/commands");
});

beforeEach(() => {
  consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined);
});

afterEach(() => {
  consoleError.mockRestore();
  delete globals.localStorage;
});

afterAll(() => {
  delete globals.Office;
});

/**
 * Calls the associated action as Outlook does, and waits as Outlook does for
 * `event.completed()`: a command that never completes fails the test by its timeout.
 */
async function invoke(id: string): Promise<jest.Mock> {
  const action = actions.get(id);
  if (!action) throw new Error(`${id} was not associated`);
  const completed = jest.fn();
  await new Promise<void>((resolve) => {
    completed.mockImplementation(() => resolve());
    action({ completed });
  });
  // A second, wrong, call would come from the command's own promise chain: every continuation
  // queued so far runs before the next turn of the event loop (no time is waited for).
  await new Promise((resolve) => setImmediate(resolve));
  return completed;
}

test("associates exactly the functions the manifest names, buttons and events", () => {
  const manifest = readFileSync(resolve(__dirname, "../../../manifest.xml"), "utf8");
  // Ribbon buttons name theirs in <FunctionName>, launch events in their FunctionName attribute.
  const named = new Set([
    ...[...manifest.matchAll(/<FunctionName>(\w+)<\/FunctionName>/g)].map((m) => m[1]),
    ...[...manifest.matchAll(/<LaunchEvent [^>]*FunctionName="(\w+)"/g)].map((m) => m[1]),
  ]);
  expect([...actions.keys()].sort()).toEqual([...named].sort());
});

test("Work offline records when it ran, says which way it switched on the item, and completes", async () => {
  const mailbox = new FakeMailbox({
    user: { displayName: "M", emailAddress: "m@contoso.com" },
    selected: message,
  });
  installOffice(mailbox);
  const storage = memoryStorage();
  globals.localStorage = storage;
  const before = Date.now();

  const completed = await invoke("toggleWorkOffline");

  expect(completed).toHaveBeenCalledTimes(1);
  const recorded = storage.getItem(commands.lastRunKey("toggleWorkOffline"));
  expect(Date.parse(recorded ?? "")).toBeGreaterThanOrEqual(before - 1);
  await invoke("toggleWorkOffline");
  expect(mailbox.notificationsOf(message.itemId)).toEqual([
    expect.objectContaining({
      key: NOTIFICATION_KEY,
      message: commands.WORK_OFFLINE_MESSAGES.off,
    }),
  ]);
  expect(consoleError).not.toHaveBeenCalled();
});

test("the messages fit Outlook's 150 characters and say plainly what happened", () => {
  for (const text of Object.values(commands.WORK_OFFLINE_MESSAGES)) {
    expect(text.length).toBeLessThanOrEqual(150);
  }
  expect(commands.WORK_OFFLINE_MESSAGES.on).toMatch(/Work offline is on/);
  expect(commands.WORK_OFFLINE_MESSAGES.off).toMatch(/Work offline is off/);
});

test("Work offline flips the key the task pane's switch reads, each time it runs", async () => {
  installOffice(new FakeMailbox({ user: { displayName: "M", emailAddress: "m@contoso.com" } }));
  const storage = memoryStorage();
  globals.localStorage = storage;
  expect(storage.getItem(WORK_OFFLINE_KEY)).toBeNull();
  await invoke("toggleWorkOffline");
  expect(storage.getItem(WORK_OFFLINE_KEY)).toBe("true");
  expect(readWorkOffline(() => storage)).toBe(true);
  await invoke("toggleWorkOffline");
  expect(storage.getItem(WORK_OFFLINE_KEY)).toBe("false");
  expect(readWorkOffline(() => storage)).toBe(false);
  await commands.runCommand(
    "syncNow",
    { completed: () => undefined },
    {
      now: () => new Date(),
      storage: () => storage,
      syncNow: () => Promise.resolve("synced"),
    },
  );
  expect(storage.getItem(WORK_OFFLINE_KEY)).toBe("false");
});

test("completes when Outlook refuses the notification", async () => {
  const mailbox = new FakeMailbox({
    user: { displayName: "M", emailAddress: "m@contoso.com" },
    selected: message,
  });
  for (const key of ["a", "b", "c", "d", "e"]) {
    mailbox.item?.notificationMessages.replaceAsync(key, {
      type: "informationalMessage",
      message: key,
      icon: "Icon.16x16",
      persistent: false,
    });
  }
  installOffice(mailbox);
  globals.localStorage = memoryStorage();
  const completed = await invoke("toggleWorkOffline");
  expect(completed).toHaveBeenCalledTimes(1);
  expect(consoleError).toHaveBeenCalledWith(
    "The toggleWorkOffline command failed",
    expect.objectContaining({ code: 9025 }),
  );
});

test("completes, and still notifies, when storage is unavailable", async () => {
  const mailbox = new FakeMailbox({
    user: { displayName: "M", emailAddress: "m@contoso.com" },
    selected: message,
  });
  installOffice(mailbox);
  // No localStorage global at all, as in a host that blocks it.
  const completed = await invoke("toggleWorkOffline");
  expect(completed).toHaveBeenCalledTimes(1);
  expect(mailbox.notificationsOf(message.itemId)).toHaveLength(1);
  expect(consoleError).toHaveBeenCalledWith(
    "Could not record that toggleWorkOffline ran",
    expect.any(Error),
  );
});

test("completes when nothing is selected", async () => {
  installOffice(new FakeMailbox({ user: { displayName: "M", emailAddress: "m@contoso.com" } }));
  globals.localStorage = memoryStorage();
  const completed = await invoke("toggleWorkOffline");
  expect(completed).toHaveBeenCalledTimes(1);
});

test("Sync now runs the sync it is given, records when it ran, and tells its outcome on the item", async () => {
  const mailbox = new FakeMailbox({
    user: { displayName: "M", emailAddress: "m@contoso.com" },
    selected: message,
  });
  installOffice(mailbox);
  const storage = memoryStorage();
  const users: unknown[] = [];
  const event = { completed: jest.fn() };
  await commands.runCommand("syncNow", event, {
    now: () => new Date("2026-11-26T10:00:00.000Z"),
    storage: () => storage,
    syncNow: (user) => {
      users.push(user);
      return Promise.resolve("Business Contact Manager: synced.");
    },
  });
  expect(users).toEqual([{ displayName: "M", emailAddress: "m@contoso.com" }]);
  expect(storage.getItem("bcm.command.syncNow.lastRun")).toBe("2026-11-26T10:00:00.000Z");
  expect(mailbox.notificationsOf(message.itemId)).toEqual([
    expect.objectContaining({ message: "Business Contact Manager: synced." }),
  ]);
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("Sync now completes when the sync throws", async () => {
  installOffice(new FakeMailbox({ user: { displayName: "M", emailAddress: "m@contoso.com" } }));
  const event = { completed: jest.fn() };
  await commands.runCommand("syncNow", event, {
    now: () => new Date(),
    storage: () => memoryStorage(),
    syncNow: () => Promise.reject(new Error("boom")),
  });
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(consoleError).toHaveBeenCalledWith("The syncNow command failed", expect.any(Error));
});
