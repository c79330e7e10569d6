/**
 * Bulk actions in Chromium against the real stack: contacts selected with the pointer (Ctrl- and
 * Shift-click) and the keyboard (Space, Shift+Arrow, Ctrl+A, Escape) or all of a search's
 * results; a category set on them (checked on the server: the matching contacts have it, no
 * other does), a group and a company; a delete with one Undo; the export of a selection; and a
 * reader, who is offered only Export. Axe on the list while contacts are selected and on the
 * dialogs. One browser for the file; each test has a user of its own.
 */
import { readFileSync } from "node:fs";
import type { FrameLocator } from "playwright-core";
import { readContactFile } from "../../src/import";
import type { WireRecord } from "../../src/shared/protocol";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { Client, create, newDatabase, newMember, pullAll, share } from "../support/db";
import {
  accessibilityViolations,
  allSent,
  browserPerFile,
  eventually,
  openHarness,
  openNewDatabase,
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

async function noSeriousViolations() {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

/** The contact list, a list or (while contacts are selected) a grid. */
const contactList = (frame: FrameLocator) => frame.locator('[aria-label="Contacts"]');
const row = (frame: FrameLocator, name: string) =>
  contactList(frame).getByRole("button", { name: new RegExp(`^${name}\\b`) });
const selectedCount = (frame: FrameLocator) =>
  frame.getByRole("group", { name: "Selected contacts" });

async function chooseAction(frame: FrameLocator, name: string) {
  await selectedCount(frame).getByRole("button", { name: "Actions" }).click();
  await frame.getByRole("menuitem", { name }).click();
}

const contacts = (records: Map<string, WireRecord>) =>
  [...records.values()].filter((r) => r.type === "contact" && !r.deleted);
const categoriesOf = (r: WireRecord) => (r.fields.categories as string[] | undefined) ?? [];

test("all of a search's results get a category: on the server every match has it, no other contact does", async () => {
  const fifty = Array.from({ length: 50 }, (_, i) => `Tag ${i}`);
  const alphas = Array.from({ length: 12 }, (_, i) =>
    create("contact", `a${i}`, {
      displayName: `Alpha ${String(i).padStart(2, "0")}`,
      ...(i === 0 ? { categories: ["vip"] } : {}),
      ...(i === 1 ? { categories: fifty } : {}),
    }),
  );
  const betas = Array.from({ length: 30 }, (_, i) =>
    create("contact", `b${i}`, { displayName: `Beta ${String(i).padStart(2, "0")}` }),
  );
  const { frame, member, db } = await openNewDatabase(session, "bulkcat", [...alphas, ...betas]);
  await frame.getByText("42 contacts", { exact: true }).waitFor({ timeout: 30_000 });

  await frame.getByRole("searchbox", { name: "Search contacts" }).fill("alpha");
  await frame.getByText("12 of 42 contacts").waitFor();
  // One row Ctrl-clicked, then all of the search's results from the bar.
  await row(frame, "Alpha 05").click({ modifiers: ["Control"] });
  await selectedCount(frame).getByText("1 selected").waitFor();
  await selectedCount(frame).getByRole("button", { name: "Select all 12" }).click();
  await selectedCount(frame).getByText("12 selected").waitFor();
  // A multi-selectable grid while contacts are selected; every match selected, rendered or not.
  const grid = frame.getByRole("grid", { name: "Contacts" });
  expect(await grid.getAttribute("aria-multiselectable")).toBe("true");
  const rows = grid.getByRole("row");
  expect(await rows.count()).toBeGreaterThan(0);
  for (const r of await rows.all()) expect(await r.getAttribute("aria-selected")).toBe("true");
  await screenshot(session.page, "bulk-selected");
  await noSeriousViolations();

  await chooseAction(frame, "Set category…");
  const dialog = frame.getByRole("dialog", { name: "Set a category" });
  const category = dialog.getByRole("combobox", { name: "Category to add to 12 contacts" });
  // Refused in words: a comma would split the category in the form.
  await category.fill("VIP, Gold");
  await dialog.getByRole("button", { name: "Apply" }).click();
  await dialog.getByText("A category cannot contain a comma.").waitFor();
  await category.fill("VIP");
  await screenshot(session.page, "bulk-category-dialog");
  await noSeriousViolations();
  await dialog.getByRole("button", { name: "Apply" }).click();
  await frame
    .getByText(
      "Added ‘VIP’ to 10 contacts. 1 contact has it already. 1 contact was left out: it has 50 categories, the most a contact can have.",
    )
    .waitFor({ timeout: 30_000 });

  await allSent(frame);
  const copy = await eventually(
    () => pullAll(db, member),
    (c) => contacts(c.records).filter((r) => categoriesOf(r).includes("VIP")).length === 10,
  );
  for (const r of contacts(copy.records)) {
    const has = categoriesOf(r).some((c) => c.toLowerCase() === "vip");
    expect([r.id, has]).toEqual([r.id, r.id.startsWith("a") && r.id !== "a1"]);
  }
  expect(categoriesOf(copy.records.get("contact:a0")!)).toEqual(["vip"]);
  expect(categoriesOf(copy.records.get("contact:a1")!)).toEqual(fifty);

  // A search that hides selected contacts deselects them.
  await frame.getByRole("searchbox", { name: "Search contacts" }).fill("alpha 0");
  await selectedCount(frame).getByText("10 selected").waitFor();

  // Cleared again from those ten, whatever its case (Alpha 00 had it as "vip").
  await chooseAction(frame, "Clear category…");
  const clear = frame.getByRole("dialog", { name: "Clear a category" });
  await clear
    .getByRole("combobox", { name: "Category to remove from 10 contacts" })
    .selectOption({ label: "vip" });
  await noSeriousViolations();
  await clear.getByRole("button", { name: "Apply" }).click();
  await frame
    .getByText("Removed ‘vip’ from 9 contacts. 1 contact does not have it.")
    .waitFor({ timeout: 30_000 });
  await allSent(frame);
  const cleared = await eventually(
    () => pullAll(db, member),
    (c) => contacts(c.records).filter((r) => categoriesOf(r).length > 0).length === 3,
  );
  // Left: Alpha 01's fifty, and VIP on Alpha 10 and 11, which the search hid.
  expect(
    contacts(cleared.records)
      .filter((r) => categoriesOf(r).length > 0)
      .map((r) => [r.id, categoriesOf(r).includes("VIP")])
      .sort(),
  ).toEqual([
    ["a1", false],
    ["a10", true],
    ["a11", true],
  ]);
}, 180_000);

test("Ctrl- and Shift-click and the keyboard select contacts; a plain click still opens; add to a group, set the company", async () => {
  const people = Array.from({ length: 8 }, (_, i) =>
    create("contact", `p${i + 1}`, { displayName: `Person ${i + 1}` }),
  );
  const { frame, member, db } = await openNewDatabase(session, "bulkpick", [
    ...people,
    create("company", "k-fab", { name: "Fabrikam" }),
    create("group", "g-news", { name: "Newsletter", memberIds: ["p1"] }),
  ]);
  await frame.getByText("8 contacts", { exact: true }).waitFor({ timeout: 30_000 });

  // Pointer: Ctrl-click toggles, Shift-click adds the range from the row toggled last.
  await row(frame, "Person 2").click({ modifiers: ["Control"] });
  await selectedCount(frame).getByText("1 selected").waitFor();
  await row(frame, "Person 5").click({ modifiers: ["Shift"] });
  await selectedCount(frame).getByText("4 selected").waitFor();
  await row(frame, "Person 3").click({ modifiers: ["Control"] });
  await selectedCount(frame).getByText("3 selected").waitFor();
  const selected = async () =>
    (
      await frame
        .getByRole("grid", { name: "Contacts" })
        .locator('[role="row"][aria-selected="true"]')
        .allInnerTexts()
    ).map((t) => /Person \d+/.exec(t)?.[0]);
  expect(await selected()).toEqual(["Person 2", "Person 4", "Person 5"]);

  // Keyboard: Escape clears, Space toggles the focused row, Shift+Arrow extends, Ctrl+A all.
  await row(frame, "Person 5").press("Escape");
  await selectedCount(frame).waitFor({ state: "detached" });
  await frame.getByRole("list", { name: "Contacts" }).waitFor();
  // Into the list from the search box (onto the row focused last), then to its first row.
  await frame.getByRole("searchbox", { name: "Search contacts" }).press("ArrowDown");
  await session.page.keyboard.press("Home");
  await session.page.keyboard.press("Space");
  await selectedCount(frame).getByText("1 selected").waitFor();
  await session.page.keyboard.press("Shift+ArrowDown");
  await session.page.keyboard.press("Shift+ArrowDown");
  await selectedCount(frame).getByText("3 selected").waitFor();
  expect(await selected()).toEqual(["Person 1", "Person 2", "Person 3"]);
  await session.page.keyboard.press("Control+a");
  await selectedCount(frame).getByText("8 selected").waitFor();
  await session.page.keyboard.press("Escape");
  await selectedCount(frame).waitFor({ state: "detached" });
  await session.page.keyboard.press("Space");
  await session.page.keyboard.press("Shift+ArrowDown");
  await selectedCount(frame).getByText("2 selected").waitFor();
  expect(await selected()).toEqual(["Person 3", "Person 4"]);

  // A plain click opens the card as before; back, the selection is still there.
  await row(frame, "Person 8").click();
  await frame.getByRole("article", { name: "Person 8" }).waitFor();
  await frame.getByRole("button", { name: "Back" }).click();
  await selectedCount(frame).getByText("2 selected").waitFor();
  await row(frame, "Person 1").click({ modifiers: ["Control"] });
  await selectedCount(frame).getByText("3 selected").waitFor();

  await chooseAction(frame, "Add to group…");
  const group = frame.getByRole("dialog", { name: "Add to a group" });
  await group.getByRole("combobox", { name: "Group to add 3 contacts to" }).selectOption({
    label: "Newsletter",
  });
  await noSeriousViolations();
  await group.getByRole("button", { name: "Apply" }).click();
  await frame
    .getByText("Added 2 contacts to Newsletter. 1 contact was a member already.")
    .waitFor({ timeout: 30_000 });

  await chooseAction(frame, "Set company…");
  const company = frame.getByRole("dialog", { name: "Set the company" });
  await company.getByRole("combobox", { name: "Company of 3 contacts" }).selectOption({
    label: "Fabrikam",
  });
  await noSeriousViolations();
  await company.getByRole("button", { name: "Apply" }).click();
  await frame.getByText("Set the company of 3 contacts to Fabrikam.").waitFor({ timeout: 30_000 });

  await allSent(frame);
  const copy = await eventually(
    () => pullAll(db, member),
    (c) => contacts(c.records).filter((r) => r.fields.companyId === "k-fab").length === 3,
  );
  const chosen = ["p1", "p3", "p4"];
  expect(new Set(copy.records.get("group:g-news")?.fields.memberIds as string[])).toEqual(
    new Set(chosen),
  );
  for (const r of contacts(copy.records)) {
    const inIt = chosen.includes(r.id);
    expect([r.id, r.fields.companyId ?? null]).toEqual([r.id, inIt ? "k-fab" : null]);
    // Person 1, a member on the group's side only, gets its own side too.
    expect([r.id, r.fields.groupIds ?? null]).toEqual([r.id, inIt ? ["g-news"] : null]);
  }
}, 180_000);

test("deleting the selected contacts asks first; one Undo brings every one back", async () => {
  const people = Array.from({ length: 6 }, (_, i) =>
    create("contact", `d${i}`, {
      displayName: i < 4 ? `Gone ${i}` : `Kept ${i}`,
      categories: [`c${i}`],
    }),
  );
  const { frame, member, db } = await openNewDatabase(session, "bulkdel", people);
  await frame.getByText("6 contacts", { exact: true }).waitFor({ timeout: 30_000 });
  await frame.getByRole("searchbox", { name: "Search contacts" }).fill("gone");
  await frame.getByText("4 of 6 contacts").waitFor();
  // Ctrl+A in the list selects the search's results.
  await row(frame, "Gone 1").press("Control+a");
  await selectedCount(frame).getByText("4 selected").waitFor();
  await chooseAction(frame, "Delete…");
  const dialog = frame.getByRole("alertdialog", { name: "Delete contacts" });
  await dialog.getByText(/^Delete 4 contacts\?/).waitFor();
  await noSeriousViolations();
  await dialog.getByRole("button", { name: "Delete 4 contacts" }).click();
  await frame.getByText("Deleted 4 contacts.", { exact: true }).waitFor({ timeout: 30_000 });
  await frame.getByRole("heading", { name: "No contacts match “gone”" }).waitFor();
  await allSent(frame);
  const before = await eventually(
    () => pullAll(db, member),
    (c) => contacts(c.records).length === 2,
  );
  expect(contacts(before.records).map((r) => r.id)).toEqual(["d4", "d5"]);

  const undo = frame.getByRole("button", { name: "Undo" });
  await frame.getByText("Deleted 4 contacts", { exact: true }).waitFor();
  await undo.click();
  await frame.getByText("Restored 4 contacts.").waitFor({ timeout: 30_000 });
  await frame.getByText("4 of 6 contacts").waitFor();
  await allSent(frame);
  const after = await eventually(
    () => pullAll(db, member),
    (c) => contacts(c.records).length === 6,
  );
  for (const p of people) {
    expect(after.records.get(`contact:${p.id}`)?.fields).toEqual(p.fields);
  }
}, 180_000);

test("a reader is offered only Export; the export holds exactly the contacts selected", async () => {
  const owner = await newMember("bulkowner");
  const db = await newDatabase(owner, "Read together");
  const pushed = await new Client(db, owner).push([
    create("contact", "r1", { givenName: "Ann", familyName: "Lee" }),
    create("contact", "r2", { givenName: "Bob", familyName: "Ray" }),
    create("contact", "r3", { givenName: "Cy", familyName: "Moe" }),
    create("contact", "r4", { givenName: "Dee", familyName: "Fox" }),
  ]);
  expect(pushed.body.results.every((r) => r.status === "applied")).toBe(true);
  const reader = await share(db, owner, "reader");
  const frame = await openHarness(session, { user: reader.email, userName: "Rita Reader" });
  await frame.getByRole("heading", { name: "Read together" }).waitFor({ timeout: 60_000 });
  await row(frame, "Ann Lee").waitFor({ timeout: 60_000 });

  await row(frame, "Ann Lee").click({ modifiers: ["Control"] });
  await row(frame, "Cy Moe").click({ modifiers: ["Control"] });
  await selectedCount(frame).getByText("2 selected").waitFor();
  await selectedCount(frame).getByRole("button", { name: "Actions" }).click();
  const menu = frame.getByRole("menu");
  await menu.getByRole("menuitem", { name: "Export…" }).waitFor();
  expect(await menu.getByRole("menuitem").allInnerTexts()).toEqual(["Export…"]);
  await noSeriousViolations();
  await menu.getByRole("menuitem", { name: "Export…" }).click();

  const dialog = frame.getByRole("dialog", { name: "Export" });
  await dialog.getByRole("radio", { name: "The selected contacts (2)" }).waitFor();
  const [csv] = await Promise.all([
    session.page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Export" }).click(),
  ]);
  const file = readContactFile(readFileSync(await csv.path()), csv.suggestedFilename());
  expect(file.contacts.map((c) => c.fields.familyName).sort()).toEqual(["Lee", "Moe"]);
}, 180_000);
