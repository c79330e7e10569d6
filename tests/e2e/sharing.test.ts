/**
 * Sharing in Chromium against the real stack, owner and colleague each in a browser of their
 * own. The colleague, in no database yet, is told what to do next. The owner defines a sync set
 * with the filter builder and shares the database with the colleague as a reader of that set;
 * after "Check again" the colleague's copy holds only those contacts, and the pane tells a
 * reader they cannot change them (the server refuses their pushes). A subscription brings one
 * more contact to the colleague's copy; the owner changes the colleague's role, then removes
 * them.
 */
import type { BrowserSession } from "../support/browser";
import { openBrowser, screenshot } from "../support/browser";
import { Client, create, newDatabase, newMember } from "../support/db";
import { call, signIn } from "../support/http";
import { accessibilityViolations, eventually, openHarness, webUrl } from "../support/pane";

let owner: BrowserSession;
let colleague: BrowserSession;

beforeAll(async () => {
  owner = await openBrowser();
  colleague = await openBrowser();
  // The dev server builds the bundle on first use (and again when a file changes): wait for it.
  await owner.page.goto(`${webUrl()}/harness.html`, { timeout: 240_000 });
}, 300_000);

afterAll(async () => {
  await owner?.close();
  await colleague?.close();
});

afterEach(() => {
  expect(owner.pageErrors).toEqual([]);
  expect(colleague.pageErrors).toEqual([]);
});

async function noSeriousViolations(session: BrowserSession) {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

test("an owner shares with a reader through a sync set; subscriptions, role and removal", async () => {
  const me = await newMember("sharing-owner");
  const db = await newDatabase(me, "Sharing database");
  const pushed = await new Client(db, me).push([
    create("contact", "ann", { displayName: "Ann Customer", categories: ["Customers"] }),
    create("contact", "bob", { displayName: "Bob Supplier", categories: ["Suppliers"] }),
    create("contact", "cy", { displayName: "Cy Nobody" }),
  ]);
  expect(pushed.body.results.every((r) => r.status === "applied")).toBe(true);
  // The worst case for the screens and dialogs that name the colleague: the longest local part
  // an address may have, of wide letters, with no point where a line may break. Each run's stack
  // starts with empty storage, so the address is new to it.
  const colleagueEmail = `carl${"w".repeat(60)}@fabrikamwholesaledistribution.test`;

  // First run: the colleague belongs to no database yet; the pane says what to do next.
  const theirs = await openHarness(colleague, { user: colleagueEmail, userName: "Carl Colleague" });
  await theirs.getByRole("heading", { name: "No shared database yet" }).waitFor({
    timeout: 60_000,
  });
  await theirs.getByRole("heading", { name: "Waiting for a colleague?" }).waitFor();
  await screenshot(colleague.page, "sharing-first-run");
  await noSeriousViolations(colleague);

  const pane = await openHarness(owner, { user: me.email, userName: "Olga Owner" });
  await pane.getByRole("heading", { name: "Sharing database" }).waitFor({ timeout: 60_000 });
  await pane.getByRole("button", { name: /Cy Nobody/ }).waitFor({ timeout: 60_000 });
  await pane.getByRole("button", { name: "Database options" }).click();
  await pane.getByRole("menuitem", { name: "Database…" }).click();
  const sharing = pane.getByRole("dialog", { name: "Database" }).getByRole("region", {
    name: "Sharing",
  });
  await sharing.getByText("You are an owner of Sharing database.", { exact: false }).waitFor({
    timeout: 60_000,
  });
  const members = sharing.getByRole("list", { name: "Members" });
  await members.getByText(`${me.email} (you)`).waitFor();

  // A sync set, built condition by condition; an empty value is refused on its condition.
  await sharing.getByRole("button", { name: "New sync set" }).click();
  const editor = pane.getByRole("dialog", { name: "New sync set" });
  await editor.getByRole("textbox", { name: "Name" }).fill("Customers only");
  await editor.getByRole("combobox", { name: "Field of condition 1" }).selectOption("categories");
  await editor.getByRole("combobox", { name: "Operator of condition 1" }).selectOption("contains");
  await editor.getByRole("button", { name: "Save sync set" }).click();
  await editor.getByText("Enter a value for this condition.").waitFor();
  // The value offers the categories the copy holds; one no contact has is pointed out.
  const value = editor.getByRole("combobox", { name: "Value of condition 1" });
  const offered = await editor
    .locator(`datalist#${await value.getAttribute("list")} option`)
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(offered.sort()).toEqual(["Customers", "Suppliers"]);
  await value.fill("Customerz");
  await editor.getByText("No contact in your copy has this value.").waitFor();
  await editor
    .getByText("No contact in your copy meets these conditions", { exact: false })
    .waitFor();
  await value.fill("Customers");
  await editor.getByText("1 of 3 contacts in your copy are in this set.").waitFor();
  expect(await editor.getByText("No contact in your copy has this value.").count()).toBe(0);
  await screenshot(owner.page, "sharing-sync-set");
  await noSeriousViolations(owner);
  await editor.getByRole("button", { name: "Save sync set" }).click();
  await editor.waitFor({ state: "detached" });
  const sets = sharing.getByRole("list", { name: "Sync sets" });
  await sets.getByText('Contacts whose category includes "Customers"').waitFor();

  // Share: a bad address is refused before anything is sent.
  const share = sharing.getByRole("form", { name: "Share with a colleague" });
  await share.getByRole("textbox", { name: "Colleague's e-mail" }).fill("not an address");
  await share.getByRole("button", { name: "Share" }).click();
  await share.getByText("Enter your colleague's e-mail address.").waitFor();
  await share.getByRole("textbox", { name: "Colleague's e-mail" }).fill(colleagueEmail);
  await share.getByRole("combobox", { name: "Role" }).selectOption("reader");
  await share.getByRole("combobox", { name: "Their copy holds" }).selectOption("Customers only");
  await share.getByRole("button", { name: "Share" }).click();
  await share.getByText(`Shared with ${colleagueEmail} as reader.`).waitFor();
  const colleagueRow = members.getByRole("listitem").filter({ hasText: colleagueEmail });
  expect(
    await colleagueRow
      .getByRole("combobox", { name: `Sync set of ${colleagueEmail}` })
      .inputValue(),
  ).toBe("Customers only");
  await screenshot(owner.page, "sharing-owner");
  await noSeriousViolations(owner);

  // Once shared, "Check again" opens it; the colleague's copy holds the set's contacts only,
  // and the pane says they may only read.
  await theirs.getByRole("button", { name: "Check again" }).click();
  await theirs.getByRole("heading", { name: "Sharing database" }).waitFor({ timeout: 60_000 });
  const theirList = theirs.getByRole("list", { name: "Contacts", exact: true });
  await theirList.getByRole("button", { name: /Ann Customer/ }).waitFor({ timeout: 60_000 });
  expect(await theirList.getByRole("button", { name: /Bob Supplier|Cy Nobody/ }).count()).toBe(0);
  await theirs.getByRole("button", { name: "Database options" }).click();
  await theirs.getByRole("menuitem", { name: "Database…" }).click();
  const theirPanel = theirs.getByRole("dialog", { name: "Database" });
  await theirPanel
    .getByText("You can look at its contacts but not change them.", { exact: false })
    .waitFor({ timeout: 60_000 });
  await theirPanel
    .getByText(
      'Your copy holds the sync set Customers only (Contacts whose category includes "Customers")',
      { exact: false },
    )
    .waitFor();
  expect(await theirPanel.getByRole("list", { name: "Members" }).count()).toBe(0);
  await screenshot(colleague.page, "sharing-reader");
  await noSeriousViolations(colleague);
  await theirPanel.getByRole("button", { name: "Close Database" }).click();

  // The server refuses a reader's changes.
  const readerToken = await signIn(colleagueEmail);
  const refused = await call(`/databases/${db}/push`, {
    token: readerToken,
    body: {
      clientId: "c-reader",
      mutations: [
        {
          mid: 1,
          op: "upsert",
          type: "contact",
          id: "ann",
          baseVersion: 1,
          base: { jobTitle: null },
          fields: { jobTitle: "Changed" },
          at: new Date().toISOString(),
        },
      ],
    },
  });
  expect(refused.status).toBe(403);

  // A subscription brings Bob to the colleague's copy, whatever the set says.
  await colleagueRow.getByRole("button", { name: `Subscriptions of ${colleagueEmail}` }).click();
  const subscriptions = pane.getByRole("dialog", { name: `Subscriptions of ${colleagueEmail}` });
  await subscriptions.getByRole("textbox", { name: "Find a contact to add" }).fill("bob");
  await subscriptions.getByRole("button", { name: "Add Bob Supplier" }).click();
  await subscriptions
    .getByRole("list", { name: "Subscribed contacts" })
    .getByText("Bob Supplier")
    .waitFor();
  await screenshot(owner.page, "sharing-subscriptions");
  await noSeriousViolations(owner);
  await subscriptions.getByRole("button", { name: "Done" }).click();
  await colleagueRow.getByText("1 subscription").waitFor();

  await theirs.getByRole("button", { name: "Sync now" }).click();
  await theirList.getByRole("button", { name: /Bob Supplier/ }).waitFor({ timeout: 60_000 });
  await theirList.getByRole("button", { name: /Ann Customer/ }).waitFor();
  expect(await theirList.getByRole("button", { name: /Cy Nobody/ }).count()).toBe(0);

  // The owner makes the colleague an editor, then removes them.
  await colleagueRow
    .getByRole("combobox", { name: `Role of ${colleagueEmail}` })
    .selectOption("editor");
  const listed = async () =>
    (
      await call<{ members: Array<{ email: string; role: string }> }>(`/databases/${db}/members`, {
        token: me.token,
      })
    ).body.members;
  for (let attempt = 0; attempt < 40; attempt++) {
    if ((await listed()).some((m) => m.email === colleagueEmail && m.role === "editor")) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect((await listed()).find((m) => m.email === colleagueEmail)?.role).toBe("editor");

  await colleagueRow.getByRole("button", { name: `Remove ${colleagueEmail}` }).click();
  const confirm = pane.getByRole("dialog", { name: `Remove ${colleagueEmail}?` });
  await confirm.getByRole("button", { name: "Remove" }).waitFor();
  await screenshot(owner.page, "sharing-remove");
  await noSeriousViolations(owner);
  await confirm.getByRole("button", { name: "Remove" }).click();
  await colleagueRow.waitFor({ state: "detached" });
  const remaining = await eventually(listed, (members) => members.length === 1);
  expect(remaining.map((m) => m.email)).toEqual([me.email]);
}, 240_000);
