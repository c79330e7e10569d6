/**
 * The offline copy belongs to a user, not to the browser profile (issue 11). Two users of one
 * profile (two mailboxes in one Outlook): the second never sees the first's contacts or unsent
 * edits, nor sends them; the first finds their edit waiting and sends it when they come back.
 * A member removed while holding an unsent edit is offered an export of it, then the copy is
 * deleted.
 */
import { readFileSync } from "node:fs";
import type { FrameLocator, Page } from "playwright-core";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { Client, create, newDatabase, newMember, pullAll, share, type Member } from "../support/db";
import { call } from "../support/http";
import { copyId, copyOwner } from "../../src/sync/owner";
import {
  accessibilityViolations,
  allSent,
  apiUrl,
  browserPerFile,
  eventually,
  openHarness,
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

// Several panes, each syncing: longer than the default.
jest.setTimeout(240_000);

async function editJobTitle(frame: FrameLocator, name: string, jobTitle: string): Promise<void> {
  await frame.getByRole("list", { name: "Contacts" }).getByText(name).click();
  await frame.getByRole("button", { name: "Edit" }).click();
  await frame.getByRole("textbox", { name: "Job title" }).fill(jobTitle);
  await frame.getByRole("button", { name: "Save" }).click();
  await frame.getByRole("button", { name: "Back" }).click();
}

async function setWorkOffline(frame: FrameLocator, on: boolean): Promise<void> {
  const toggle = frame.getByRole("switch", { name: "Work offline" });
  if (on) await toggle.check();
  else await toggle.uncheck();
}

/** The keys the user's copy of `db` holds in this profile's IndexedDB (0 when there is none). */
/** Whether the pane keeps the first screen of the member's copy (contacts/first-screen.ts). */
async function firstScreenKept(page: Page, member: Member, db: string): Promise<boolean> {
  const key = `bcm.firstScreen|${await copyId(copyOwner(apiUrl(), member.email, db))}`;
  return page.evaluate((k) => localStorage.getItem(k) !== null, key);
}

async function keysInCopy(page: Page, member: Member, db: string): Promise<number> {
  const name = `bcm-copy-${await copyId(copyOwner(apiUrl(), member.email, db))}`;
  return page.evaluate(
    (database) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(database);
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const idb = open.result;
          if (!idb.objectStoreNames.contains("records")) {
            idb.close();
            resolve(0);
            return;
          }
          const count = idb.transaction("records").objectStore("records").count();
          count.onsuccess = () => {
            idb.close();
            resolve(count.result);
          };
          count.onerror = () => reject(new Error(String(count.error)));
        };
      }),
    name,
  );
}

test("two users of one browser profile each see and send only their own copy", async () => {
  const ann = await newMember("ann");
  const db = await newDatabase(ann, "Shared customers");
  const syncSet = await call(`/databases/${db}/sync-sets/Customers`, {
    method: "PUT",
    token: ann.token,
    body: { filter: { all: [{ field: "categories", op: "contains", value: "Customer" }] } },
  });
  expect(syncSet.status).toBeLessThan(300);
  await new Client(db, ann).push([
    create("contact", "p1", {
      givenName: "Ana",
      familyName: "Lima",
      displayName: "Ana Lima",
      categories: ["Customer"],
    }),
    create("contact", "p2", {
      givenName: "Sergio",
      familyName: "Secret",
      displayName: "Sergio Secret",
      categories: ["Investor"],
    }),
  ]);
  // Bob may see the customers only.
  const bob = await share(db, ann, "editor", "Customers");

  // Ann makes her copy, then edits Ana offline: the edit waits in her outbox.
  let frame = await openHarness(session, { user: ann.email, userName: "Ann Owner" });
  await frame.getByRole("button", { name: /Sergio Secret/ }).waitFor({ timeout: 60_000 });
  await allSent(frame);
  await setWorkOffline(frame, true);
  await editJobTitle(frame, "Ana Lima", "Ann's unsent title");
  await frame.getByText("1 change waiting").waitFor();

  // Bob opens the pane in the same profile: a copy of his own, empty until it syncs.
  frame = await openHarness(session, { user: bob.email, userName: "Bob Editor" });
  await frame.getByRole("heading", { name: "Shared customers" }).waitFor({ timeout: 60_000 });
  await setWorkOffline(frame, false);
  const bobsList = frame.getByRole("list", { name: "Contacts" });
  await bobsList.getByRole("button", { name: /Ana Lima/ }).waitFor({ timeout: 60_000 });
  await allSent(frame);
  await screenshot(session.page, "offline-copy-user-bob");
  // Neither Ann's contact outside his sync set, nor her unsent edit, nor her outbox.
  expect(await frame.getByText("Sergio Secret").count()).toBe(0);
  expect(await frame.getByText("Ann's unsent title").count()).toBe(0);
  expect(await frame.getByText(/\d+ changes? waiting/).count()).toBe(0);
  // Nor did Bob's pane send Ann's edit.
  const meanwhile = await pullAll(db, ann);
  expect(meanwhile.records.get("contact:p1")?.fields.jobTitle).toBeUndefined();

  // Ann comes back: her edit is still there, and is sent as hers.
  frame = await openHarness(session, { user: ann.email, userName: "Ann Owner" });
  const annsAna = frame.getByRole("button", { name: /Ana Lima/ });
  await annsAna.getByText("Ann's unsent title").waitFor({ timeout: 60_000 });
  await frame.getByRole("button", { name: /Sergio Secret/ }).waitFor();
  await allSent(frame);
  const after = await pullAll(db, ann);
  expect(after.records.get("contact:p1")?.fields.jobTitle).toBe("Ann's unsent title");
  expect(after.records.get("contact:p1")?.updatedBy).toBe(ann.email);
});

test("a member removed while holding an unsent edit is offered the export, then the copy is gone", async () => {
  const owner = await newMember("owner");
  const db = await newDatabase(owner, "Team that moves on");
  await new Client(db, owner).push([
    create("contact", "p1", { givenName: "Ana", familyName: "Lima", displayName: "Ana Lima" }),
  ]);
  const member = await share(db, owner, "editor");

  const frame = await openHarness(session, { user: member.email, userName: "Max Member" });
  await frame.getByRole("button", { name: /Ana Lima/ }).waitFor({ timeout: 60_000 });
  await allSent(frame);
  await setWorkOffline(frame, true);
  await editJobTitle(frame, "Ana Lima", "Never sent");
  await frame.getByText("1 change waiting").waitFor();
  expect(await keysInCopy(session.page, member, db)).toBeGreaterThan(0);

  // The owner removes the member; the member's next sync is answered 404.
  const removed = await call(`/databases/${db}/members/${encodeURIComponent(member.email)}`, {
    method: "DELETE",
    token: owner.token,
  });
  expect(removed.status).toBe(204);
  await setWorkOffline(frame, false);

  const dialog = frame.getByRole("alertdialog", {
    name: "You no longer have access to Team that moves on",
  });
  await dialog.waitFor({ timeout: 60_000 });
  await dialog.getByText("1 change waiting to be sent", { exact: false }).waitFor();
  await screenshot(session.page, "offline-copy-user-removed");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);

  const [download] = await Promise.all([
    session.page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Export changes" }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    databaseId: string;
    pending: Array<{ id: string; fields: Record<string, unknown> }>;
  };
  expect(exported.databaseId).toBe(db);
  expect(exported.pending).toMatchObject([{ id: "p1", fields: { jobTitle: "Never sent" } }]);

  await dialog.getByRole("button", { name: "Delete the copy" }).click();
  await dialog.waitFor({ state: "detached" });
  await frame.getByText("Its copy on this computer was deleted.", { exact: false }).waitFor();
  await screenshot(session.page, "offline-copy-user-deleted");

  await frame.getByRole("heading", { name: "No shared database yet" }).waitFor();
  expect(await frame.getByText("Ana Lima").count()).toBe(0);
  expect(await keysInCopy(session.page, member, db)).toBe(0);
  // Nothing of it reached the shared database.
  const server = await pullAll(db, owner);
  expect(server.records.get("contact:p1")?.fields.jobTitle).toBeUndefined();

  // Opened again, the pane has nothing left of it to show or to offer.
  const again = await openHarness(session, { user: member.email, userName: "Max Member" });
  await again.getByRole("heading", { name: "No shared database yet" }).waitFor({ timeout: 60_000 });
  expect(await again.getByText("Ana Lima").count()).toBe(0);
  expect(await again.getByRole("alertdialog").count()).toBe(0);
});

test("a removed member with nothing unsent has the copy deleted at once, and is told why", async () => {
  const owner = await newMember("owner");
  const db = await newDatabase(owner, "Team without unsent work");
  await new Client(db, owner).push([
    create("contact", "p1", { givenName: "Ana", familyName: "Lima", displayName: "Ana Lima" }),
  ]);
  const member = await share(db, owner, "reader");
  const frame = await openHarness(session, { user: member.email, userName: "Rita Reader" });
  await frame.getByRole("button", { name: /Ana Lima/ }).waitFor({ timeout: 60_000 });
  await allSent(frame);
  expect(await eventually(() => firstScreenKept(session.page, member, db), Boolean)).toBe(true);

  const removed = await call(`/databases/${db}/members/${encodeURIComponent(member.email)}`, {
    method: "DELETE",
    token: owner.token,
  });
  expect(removed.status).toBe(204);
  await frame.getByRole("button", { name: "Sync now" }).click();
  await frame
    .getByText("You no longer have access to Team without unsent work", { exact: false })
    .waitFor({ timeout: 60_000 });
  await frame.getByRole("heading", { name: "No shared database yet" }).waitFor();
  expect(await frame.getByRole("alertdialog").count()).toBe(0);
  expect(await frame.getByText("Ana Lima").count()).toBe(0);
  expect(await keysInCopy(session.page, member, db)).toBe(0);
  expect(await firstScreenKept(session.page, member, db)).toBe(false);
  await frame.getByRole("button", { name: "Dismiss" }).click();
  expect(await frame.getByText(/You no longer have access/).count()).toBe(0);
});
