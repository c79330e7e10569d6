/**
 * Import and export in the pane, in Chromium against the real stack: a CSV chosen in the
 * import dialog, its preview (counts, first rows, problems, duplicates, the column mapping
 * changed and read again), the import with its counts in the status bar, Undo import; an
 * import while working offline that syncs later, and an undo that keeps what someone edited
 * since; the export of all contacts as vCard and of the listed ones as Outlook CSV, read back
 * with readContactFile.
 */
import { readFileSync } from "node:fs";
import type { FrameLocator } from "playwright-core";
import { readContactFile } from "../../src/import";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { Client, create, pullAll } from "../support/db";
import {
  accessibilityViolations,
  allSent,
  browserPerFile,
  eventually,
  openNewDatabase,
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

async function noSeriousViolations() {
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
}

async function openMenuItem(frame: FrameLocator, name: string) {
  await frame.getByRole("button", { name: "Database options" }).click();
  await frame.getByRole("menuitem", { name }).click();
}

/** Opens "Import contacts…" and chooses a file of `text`. */
async function chooseFile(frame: FrameLocator, name: string, text: string) {
  await openMenuItem(frame, "Import contacts…");
  const dialog = frame.getByRole("dialog", { name: "Import contacts" });
  await dialog
    .getByLabel("Contact file (CSV or vCard)")
    .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  return dialog;
}

type Records = Awaited<ReturnType<typeof pullAll>>["records"];
const live = (records: Records, type: string) =>
  [...records.values()].filter((r) => r.type === type && !r.deleted);

test("choose a CSV, see the preview, change a column, fill the duplicate, import, then undo", async () => {
  const { frame, member, db } = await openNewDatabase(session, "import", [
    create("company", "k-contoso", { name: "Contoso" }),
    create("contact", "ann", {
      givenName: "Ann",
      familyName: "Lee",
      companyId: "k-contoso",
      emails: [{ address: "ann@contoso.com" }],
    }),
  ]);
  await allSent(frame);

  const dialog = await chooseFile(
    frame,
    "people.csv",
    [
      "First Name,Last Name,E-mail Address,Company,Job Title,Extra",
      "Ben,Hughes,ben@fabrikam.com,Fabrikam,Buyer,Sales",
      "Cara,Diaz,cara@fabrikam.com,FABRIKAM,CFO,Finance",
      "Ann,Lee, ANN@Contoso.com,Contoso,Head of Purchasing,Purchasing",
      ",,,Nobody Inc,,",
    ].join("\r\n"),
  );
  // The preview: counts, the duplicate with its match, the problem with its line, first rows.
  await dialog
    .getByText("3 contacts and 2 companies read from people.csv", { exact: false })
    .waitFor();
  await dialog.getByText("1 contact matches an existing one").waitFor();
  await dialog.getByText("Ann Lee (line 4) matches Ann Lee: the same e-mail address").waitFor();
  await dialog.getByText(/^Line 5: /).waitFor();
  await dialog.getByRole("cell", { name: "Ben Hughes" }).waitFor();
  await screenshot(session.page, "import-preview");
  await noSeriousViolations();

  // The column "Extra" goes to Department: the file is read again with that mapping.
  const extra = dialog.getByRole("combobox", { name: "Column “Extra”" });
  await extra.selectOption({ label: "Department" });
  await dialog.getByText("3 contacts and 2 companies read", { exact: false }).waitFor();
  expect(await extra.inputValue()).toBe("department");

  await dialog.getByRole("radio", { name: "Fill in their empty fields only" }).check();
  await dialog.getByText("2 contacts will be added, 1 updated", { exact: false }).waitFor();
  await dialog.getByRole("button", { name: "Import 3 contacts" }).click();

  const outcome = frame.getByText(
    "Imported from people.csv: 2 contacts added, 1 contact updated, 1 company.",
  );
  await outcome.waitFor({ timeout: 30_000 });
  await frame.getByRole("list", { name: "Contacts" }).getByText("Ben Hughes").waitFor();
  await screenshot(session.page, "import-done");
  await allSent(frame);

  const after = await pullAll(db, member);
  const ben = live(after.records, "contact").find((r) => r.fields.givenName === "Ben");
  const fabrikam = live(after.records, "company").find((r) => r.fields.name === "Fabrikam");
  expect(ben?.fields).toMatchObject({ department: "Sales", jobTitle: "Buyer" });
  expect(ben?.fields.companyId).toBe(fabrikam?.id);
  expect(typeof ben?.fields.importId).toBe("string");
  expect(after.records.get("contact:ann")?.fields).toMatchObject({
    jobTitle: "Head of Purchasing",
    department: "Purchasing",
  });
  expect(after.records.get("contact:ann")?.fields.importId).toBeUndefined();

  // Undo: the contacts and the company it made go; Ann keeps what was filled in.
  await frame.getByRole("button", { name: "Undo import" }).click();
  await frame
    .getByText("Import undone: 2 contacts, 1 company and 0 groups removed.")
    .waitFor({ timeout: 30_000 });
  await frame.getByRole("list", { name: "Contacts" }).getByText("Ben Hughes").waitFor({
    state: "detached",
  });
  await allSent(frame);
  const undone = await pullAll(db, member);
  expect(live(undone.records, "contact").map((r) => r.id)).toEqual(["ann"]);
  expect(live(undone.records, "company").map((r) => r.id)).toEqual(["k-contoso"]);
  expect(undone.records.get("contact:ann")?.fields.jobTitle).toBe("Head of Purchasing");
}, 180_000);

test("an import while working offline syncs later; undo keeps the contact someone edited since", async () => {
  const { frame, member, db } = await openNewDatabase(session, "import-offline");
  await allSent(frame);
  await frame.getByRole("switch", { name: "Work offline" }).check();
  await frame.getByText("Working offline").waitFor();

  const dialog = await chooseFile(
    frame,
    "trade-show.csv",
    [
      "Name,E-mail,Groups",
      "Dana Evans,dana@example.com,Trade show",
      "Eli Ford,eli@example.com,Trade show",
    ].join("\n"),
  );
  await dialog.getByRole("button", { name: "Import 2 contacts" }).click();
  await frame.getByText("Imported from trade-show.csv: 2 contacts added, 1 group.").waitFor({
    timeout: 30_000,
  });
  await frame.getByText("3 changes waiting").waitFor();
  expect((await pullAll(db, member)).records.size).toBe(0);

  await frame.getByRole("switch", { name: "Work offline" }).uncheck();
  await allSent(frame);
  const synced = await pullAll(db, member);
  const contacts = live(synced.records, "contact");
  const [group] = live(synced.records, "group");
  expect(contacts.map((c) => c.fields.displayName).sort()).toEqual(["Dana Evans", "Eli Ford"]);
  expect(group?.fields).toMatchObject({ name: "Trade show" });
  expect([...(group?.fields.memberIds as string[])].sort()).toEqual(
    contacts.map((c) => c.id).sort(),
  );
  for (const c of contacts) expect(c.fields.groupIds).toEqual([group?.id]);

  // Someone edits Dana in the shared database; the pane hears of it.
  const dana = contacts.find((c) => c.fields.displayName === "Dana Evans")!;
  const edit = await new Client(db, member).push([
    {
      op: "upsert",
      type: "contact",
      id: dana.id,
      baseVersion: dana.version,
      base: { jobTitle: null },
      fields: { jobTitle: "Organizer" },
      at: new Date().toISOString(),
    },
  ]);
  expect(edit.body.results[0]?.status).toBe("applied");
  await frame.getByRole("button", { name: "Sync now" }).click();
  await allSent(frame);

  await frame.getByRole("button", { name: "Dismiss this message" }).click();
  await openMenuItem(frame, "Undo import…");
  const undo = frame.getByRole("dialog", { name: "Undo import" });
  await undo.getByRole("radio", { name: /^trade-show\.csv/ }).waitFor();
  await noSeriousViolations();
  await undo.getByRole("button", { name: "Undo import" }).click();
  await frame
    .getByText(
      "Import undone: 1 contact, 0 companies and 0 groups removed. 2 records were edited since or still in use, and stay.",
    )
    .waitFor({ timeout: 30_000 });
  await allSent(frame);
  const after = await eventually(
    () => pullAll(db, member),
    (r) => live(r.records, "contact").length === 1,
  );
  expect(live(after.records, "contact").map((c) => c.id)).toEqual([dana.id]);
  expect(live(after.records, "group")[0]?.fields.memberIds).toEqual([dana.id]);
}, 180_000);

test("export all contacts as vCard and the listed ones as Outlook CSV; both read back", async () => {
  const { frame } = await openNewDatabase(session, "export", [
    create("company", "k-fab", { name: "Fabrikam" }),
    create("contact", "renee", {
      givenName: "Renée",
      familyName: "Dubois",
      companyId: "k-fab",
      emails: [{ address: "renee@fabrikam.com", primary: true }],
      phones: [{ number: "+33 4 72 10 45 80", label: "work" }],
    }),
    create("contact", "thomas", { givenName: "Thomas", familyName: "Becker" }),
  ]);
  await frame.getByText("2 contacts", { exact: true }).waitFor({ timeout: 30_000 });

  await openMenuItem(frame, "Export…");
  const dialog = frame.getByRole("dialog", { name: "Export" });
  await dialog.getByRole("radio", { name: "vCard 3.0" }).check();
  await noSeriousViolations();
  const [vcard] = await Promise.all([
    session.page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Export" }).click(),
  ]);
  expect(vcard.suggestedFilename()).toMatch(/^export-database-contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
  const cards = readContactFile(readFileSync(await vcard.path()), vcard.suggestedFilename());
  expect(cards.format).toBe("vcard");
  expect(cards.contacts.map((c) => c.fields.familyName).sort()).toEqual(["Becker", "Dubois"]);
  const renee = cards.contacts.find((c) => c.fields.familyName === "Dubois");
  expect(renee).toMatchObject({
    companyName: "Fabrikam",
    fields: {
      givenName: "Renée",
      emails: [expect.objectContaining({ address: "renee@fabrikam.com" })],
    },
  });

  // The list, searched: its export button offers the contacts listed.
  await frame.getByRole("searchbox", { name: "Search contacts" }).fill("renee");
  await frame.getByText("1 of 2 contacts").waitFor();
  await frame.getByRole("button", { name: "Export list…" }).click();
  const listed = frame.getByRole("dialog", { name: "Export" });
  await listed.getByRole("radio", { name: "The contacts listed (1)" }).waitFor();
  const [csv] = await Promise.all([
    session.page.waitForEvent("download"),
    listed.getByRole("button", { name: "Export" }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const rows = readContactFile(readFileSync(await csv.path()), csv.suggestedFilename());
  expect(rows).toMatchObject({ format: "csv", mapping: { source: "outlook" } });
  expect(rows.contacts).toHaveLength(1);
  expect(rows.contacts[0]).toMatchObject({
    companyName: "Fabrikam",
    fields: { givenName: "Renée", familyName: "Dubois" },
  });
}, 180_000);

test("a vCard file dropped on the pane opens the import with its preview", async () => {
  const { frame } = await openNewDatabase(session, "import-drop");
  await allSent(frame);
  const paneFrame = session.page.frames().find((f) => f.url().includes("/taskpane.html"));
  if (!paneFrame) throw new Error("no task pane frame");
  const vcf = [
    "BEGIN:VCARD",
    "VERSION:2.1",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg",
    "ORG:Contoso",
    "EMAIL;INTERNET;PREF:joerg@contoso.example",
    "END:VCARD",
    "BEGIN:VCARD",
    "VERSION:3.0",
    "FN:Kim Park",
    "N:Park;Kim;;;",
    "END:VCARD",
    "",
  ].join("\r\n");
  const transfer = await paneFrame.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "cards.vcf", { type: "text/vcard" }));
    return data;
  }, vcf);
  await frame.locator("main").dispatchEvent("dragover", { dataTransfer: transfer });
  await frame.locator("main").dispatchEvent("drop", { dataTransfer: transfer });

  const dialog = frame.getByRole("dialog", { name: "Import contacts" });
  await dialog
    .getByText("2 contacts and 1 company read from cards.vcf (vCard", { exact: false })
    .waitFor();
  await dialog.getByRole("cell", { name: "Jörg Müller" }).waitFor();
  await dialog.getByRole("button", { name: "Import 2 contacts" }).click();
  await frame
    .getByText("Imported from cards.vcf: 2 contacts added, 1 company.")
    .waitFor({ timeout: 30_000 });
  await frame.getByRole("list", { name: "Contacts" }).getByText("Kim Park").waitFor();
}, 180_000);
