/**
 * A contact's history in Chromium against the real stack: a note and a phone log added by hand,
 * the timeline newest first, filtered by kind, a problem shown on its field, a task ticked off.
 */
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { Client, create, newDatabase, newMember, pullAll } from "../support/db";
import { accessibilityViolations, browserPerFile, openHarness } from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

test("notes and phone logs on a contact: newest first, filtered by kind", async () => {
  const member = await newMember("history");
  const db = await newDatabase(member, "history database");
  await new Client(db, member).push([
    create("company", "k-fab", { name: "Fabrikam" }),
    create("contact", "renee", { displayName: "Renée Dubois", companyId: "k-fab" }),
  ]);
  const frame = await openHarness(session, { user: member.email, userName: "Test User" });
  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByRole("button", { name: /Renée Dubois/ }).click({ timeout: 30_000 });
  const card = frame.getByRole("article", { name: "Renée Dubois" });
  await card.getByText("No history yet. Add a note, log a call or add a task.").waitFor();

  await card.getByRole("button", { name: "Add a note" }).click();
  const note = card.getByRole("form", { name: "New note" });
  await note.getByRole("textbox", { name: "Subject" }).fill("First meeting");
  await note.getByLabel("When").fill("2026-11-20T09:00");
  await note.getByRole("textbox", { name: "Details" }).fill("Met at the Lyon trade fair.");
  await note.getByRole("button", { name: "Save" }).click();
  await note.waitFor({ state: "detached" });

  await card.getByRole("button", { name: "Log a call" }).click();
  const call = card.getByRole("form", { name: "New phone log" });
  await call.getByRole("textbox", { name: "Subject" }).fill("Called about the offer");
  await call.getByLabel("When").fill("2026-11-25T14:30");
  await call.getByRole("spinbutton", { name: "Duration in minutes" }).fill("-5");
  await call.getByRole("button", { name: "Save" }).click();
  await call.getByText("Duration in minutes must be at least 0.").waitFor();
  await screenshot(session.page, "history-call-invalid");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
  await call.getByRole("spinbutton", { name: "Duration in minutes" }).fill("12");
  await call.getByRole("button", { name: "Save" }).click();
  await call.waitFor({ state: "detached" });

  await card.getByRole("button", { name: "Add a task" }).click();
  const task = card.getByRole("form", { name: "New task" });
  await task.getByRole("textbox", { name: "Subject" }).fill("Send the written quote");
  await task.getByLabel("Due date").fill("2026-12-01");
  await task.getByRole("button", { name: "Save" }).click();
  await task.waitFor({ state: "detached" });

  const history = card.getByRole("list", { name: "History" });
  // The task is dated when it was added (now), so it comes first; then the call, then the note.
  const items = await history.getByRole("listitem").allInnerTexts();
  expect(items).toEqual([
    expect.stringContaining("Send the written quote"),
    expect.stringContaining("Called about the offer"),
    expect.stringContaining("First meeting"),
  ]);
  expect(items[1]).toContain("12 min");
  await card.getByRole("checkbox", { name: "Done: Send the written quote" }).check();
  await screenshot(session.page, "history-timeline");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);

  await card.getByRole("combobox", { name: "Show" }).selectOption({ label: "Notes" });
  expect(await history.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("First meeting"),
  ]);
  await card.getByRole("combobox", { name: "Show" }).selectOption({ label: "Phone logs" });
  expect(await history.getByRole("listitem").allInnerTexts()).toEqual([
    expect.stringContaining("Called about the offer"),
  ]);
  await card.getByRole("combobox", { name: "Show" }).selectOption({ label: "E-mails" });
  await card.getByText("No e-mails in this history.").waitFor();
  await screenshot(session.page, "history-filtered");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);

  // The items reach the shared database, linked to the contact and to its company.
  const copy = await (async () => {
    for (let attempt = 0; ; attempt++) {
      const pulled = await pullAll(db, member);
      const items = [...pulled.records.values()].filter((r) => r.type === "history");
      if ((items.length === 3 && items.some((i) => i.fields.completed === true)) || attempt > 30)
        return items;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  expect(copy.map((i) => i.fields.kind).sort()).toEqual(["note", "phone", "task"]);
  for (const item of copy) {
    expect(item.fields.contactIds).toEqual(["renee"]);
    expect(item.fields.companyId).toBe("k-fab");
  }
  expect(copy.find((i) => i.fields.kind === "phone")?.fields).toMatchObject({
    subject: "Called about the offer",
    durationMinutes: 12,
    direction: "outgoing",
  });
  expect(copy.find((i) => i.fields.kind === "task")?.fields).toMatchObject({ completed: true });
});
