/**
 * Managing a database in Chromium against the real stack, owner and member each in a browser of
 * their own. The owner renames the database and the member's pane shows the new name; the owner
 * deletes it after typing its name, and the member's pane, holding a change made offline, says
 * it is gone and offers that change for export before it deletes the copy. A member leaves one
 * (not while the database does not answer), and the owner's sharing list no longer shows them;
 * the last owner cannot leave.
 */
import { readFileSync } from "node:fs";
import type { FrameLocator } from "playwright-core";
import type { BrowserSession } from "../support/browser";
import { openBrowser, screenshot } from "../support/browser";
import { Client, create, newDatabase, newMember, share } from "../support/db";
import { call } from "../support/http";
import { accessibilityViolations, allSent, apiUrl, openHarness, webUrl } from "../support/pane";

let owner: BrowserSession;
let member: BrowserSession;

// Two panes, each syncing: longer than the default.
jest.setTimeout(240_000);

beforeAll(async () => {
  owner = await openBrowser();
  member = await openBrowser();
  // The dev server builds the bundle on first use (and again when a file changes): wait for it.
  await owner.page.goto(`${webUrl()}/harness.html`, { timeout: 240_000 });
}, 300_000);

afterAll(async () => {
  await owner?.close();
  await member?.close();
});

afterEach(() => {
  expect(owner.pageErrors).toEqual([]);
  expect(member.pageErrors).toEqual([]);
});

async function noSeriousViolations(session: BrowserSession) {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

/** Opens the database panel; its "Manage this database" section. */
async function openPanel(frame: FrameLocator) {
  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name: "Database…" }).click();
  const panel = frame.getByRole("dialog", { name: "Database" });
  return { panel, manage: panel.getByRole("region", { name: "Manage this database" }) };
}

async function setWorkOffline(frame: FrameLocator, on: boolean): Promise<void> {
  const toggle = frame.getByRole("switch", { name: "Work offline" });
  if (on) await toggle.check();
  else await toggle.uncheck();
}

/** The owner's database with one contact, shared with an editor; both panes open on it. */
async function sharedDatabase(name: string) {
  const me = await newMember("owner");
  const db = await newDatabase(me, name);
  await new Client(db, me).push([
    create("contact", "p1", { givenName: "Ana", familyName: "Lima", displayName: "Ana Lima" }),
  ]);
  const editor = await share(db, me, "editor");
  const theirs = await openHarness(member, { user: editor.email, userName: "Max Member" });
  // "Work offline" is a choice of the browser profile: a test before may have left it on.
  await setWorkOffline(theirs, false);
  await theirs.getByRole("button", { name: /Ana Lima/ }).waitFor({ timeout: 60_000 });
  const mine = await openHarness(owner, { user: me.email, userName: "Olga Owner" });
  await mine.getByRole("button", { name: /Ana Lima/ }).waitFor({ timeout: 60_000 });
  return { db, me, editor, mine, theirs };
}

test("an owner renames, then deletes; the member's pane shows the new name, then offers its unsent change", async () => {
  const { db, me, mine, theirs } = await sharedDatabase("Northwind team");

  // Rename: a name the API would refuse is refused in the dialog.
  let { panel, manage } = await openPanel(mine);
  await manage.getByRole("button", { name: "Rename database…" }).click();
  const rename = mine.getByRole("dialog", { name: "Rename Northwind team" });
  const newName = rename.getByRole("textbox", { name: "New name" });
  expect(await newName.inputValue()).toBe("Northwind team");
  await newName.fill("   ");
  await rename.getByRole("button", { name: "Rename" }).click();
  await rename.getByText("The name must not be empty.").waitFor();
  await newName.fill("Fabrikam accounts");
  await screenshot(owner.page, "database-manage-rename");
  await noSeriousViolations(owner);
  await rename.getByRole("button", { name: "Rename" }).click();
  await rename.waitFor({ state: "detached" });
  await panel
    .getByRole("region", { name: "Your databases" })
    .getByText("Fabrikam accounts")
    .waitFor();
  await panel.getByRole("button", { name: "Close Database" }).click();
  await mine.getByRole("heading", { name: "Fabrikam accounts" }).waitFor();

  // The member's pane learns the name when it lists the databases again (opening the panel).
  ({ panel } = await openPanel(theirs));
  await panel
    .getByRole("region", { name: "Your databases" })
    .getByText("Fabrikam accounts")
    .waitFor({
      timeout: 60_000,
    });
  await panel.getByRole("button", { name: "Close Database" }).click();
  await theirs.getByRole("heading", { name: "Fabrikam accounts" }).waitFor();

  // The member changes a contact offline: a change the shared database will never get.
  await allSent(theirs);
  await setWorkOffline(theirs, true);
  await theirs.getByRole("list", { name: "Contacts" }).getByText("Ana Lima").click();
  await theirs.getByRole("button", { name: "Edit" }).click();
  await theirs.getByRole("textbox", { name: "Job title" }).fill("Never sent");
  await theirs.getByRole("button", { name: "Save" }).click();
  await theirs.getByRole("button", { name: "Back" }).click();
  await theirs.getByText("1 change waiting").waitFor();

  // Delete: enabled only once the database's name is typed exactly.
  ({ manage } = await openPanel(mine));
  await manage.getByRole("button", { name: "Delete database…" }).click();
  const confirm = mine.getByRole("dialog", { name: "Delete Fabrikam accounts?" });
  await confirm.getByText("for every member, at once and for good", { exact: false }).waitFor();
  const deleteButton = confirm.getByRole("button", { name: "Delete for everyone" });
  expect(await deleteButton.isDisabled()).toBe(true);
  const typed = confirm.getByRole("textbox", { name: /To confirm, type the database's name/ });
  await typed.fill("Fabrikam");
  expect(await deleteButton.isDisabled()).toBe(true);
  await typed.fill("Fabrikam accounts");
  expect(await deleteButton.isEnabled()).toBe(true);
  await screenshot(owner.page, "database-manage-delete");
  await noSeriousViolations(owner);
  await deleteButton.click();
  await mine
    .getByText("Fabrikam accounts is deleted", { exact: false })
    .waitFor({ timeout: 60_000 });
  await mine.getByRole("heading", { name: "No shared database yet" }).waitFor();
  expect((await call(`/databases/${db}`, { token: me.token })).status).toBe(404);

  // The member's pane, back online, says it is gone and offers the unsent change first.
  await setWorkOffline(theirs, false);
  const gone = theirs.getByRole("alertdialog", {
    name: "You no longer have access to Fabrikam accounts",
  });
  await gone.waitFor({ timeout: 60_000 });
  await gone.getByText("deleted the database", { exact: false }).waitFor();
  await gone.getByText("1 change waiting to be sent", { exact: false }).waitFor();
  await noSeriousViolations(member);
  const [download] = await Promise.all([
    member.page.waitForEvent("download"),
    gone.getByRole("button", { name: "Export changes" }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    databaseId: string;
    pending: Array<{ id: string; fields: Record<string, unknown> }>;
  };
  expect(exported.databaseId).toBe(db);
  expect(exported.pending).toMatchObject([{ id: "p1", fields: { jobTitle: "Never sent" } }]);
  await gone.getByRole("button", { name: "Delete the copy" }).click();
  await gone.waitFor({ state: "detached" });
  await theirs.getByRole("heading", { name: "No shared database yet" }).waitFor();
  expect(await theirs.getByText("Ana Lima").count()).toBe(0);
});

test("a member leaves (not while the database is offline); the owner's list drops them; the last owner cannot leave", async () => {
  const { editor, mine, theirs } = await sharedDatabase("Team to leave");

  // The database stops answering: leaving waits for it, and the pane says why.
  const api = `${apiUrl()}/**`;
  await member.page.route(api, (route) => route.abort("connectionrefused"));
  await theirs
    .getByText("Connectivity to your shared database has been lost", { exact: false })
    .waitFor({ timeout: 60_000 });
  let { panel, manage } = await openPanel(theirs);
  await manage.getByText("The database is offline", { exact: false }).waitFor();
  expect(await manage.getByRole("button", { name: "Leave database…" }).isDisabled()).toBe(true);
  expect(await manage.getByRole("button", { name: "Rename database…" }).count()).toBe(0);
  await member.page.unroute(api);
  await manage.getByText("The database is offline", { exact: false }).waitFor({
    state: "detached",
    timeout: 60_000,
  });
  await panel.getByRole("button", { name: "Close Database" }).click();

  ({ manage } = await openPanel(theirs));
  await manage.getByRole("button", { name: "Leave database…" }).click();
  const leave = theirs.getByRole("dialog", { name: "Leave Team to leave?" });
  await leave.getByText("its copy on this computer is deleted", { exact: false }).waitFor();
  await screenshot(member.page, "database-manage-leave");
  await noSeriousViolations(member);
  await leave.getByRole("button", { name: "Leave" }).click();
  await theirs.getByText("You left Team to leave", { exact: false }).waitFor({ timeout: 60_000 });
  await theirs.getByRole("heading", { name: "No shared database yet" }).waitFor();
  expect(await theirs.getByText("Ana Lima").count()).toBe(0);

  // The owner's sharing list no longer shows them; the owner, its last, may not leave.
  ({ panel, manage } = await openPanel(mine));
  const members = panel.getByRole("list", { name: "Members" });
  await members.getByText("(you)", { exact: false }).waitFor({ timeout: 60_000 });
  expect(await members.getByText(editor.email).count()).toBe(0);
  await manage.getByRole("button", { name: "Leave database…" }).click();
  const ownerLeave = mine.getByRole("dialog", { name: "Leave Team to leave?" });
  await ownerLeave.getByRole("button", { name: "Leave" }).click();
  await ownerLeave.getByText("You are this database's last owner", { exact: false }).waitFor();
  await ownerLeave.getByRole("button", { name: "Cancel" }).click();
  await ownerLeave.waitFor({ state: "detached" });
  await panel.getByRole("region", { name: "Your databases" }).getByText("Team to leave").waitFor();
});
