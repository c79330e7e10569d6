/** A contact's or a company's timeline, and the fields of an item added by hand. */
import { validateFields } from "../../../src/shared/records";
import {
  draftFields,
  emptyDraft,
  historyOf,
  historyTitle,
  newestFirst,
  ofKind,
  outlookItemId,
  priorityText,
} from "../../../src/taskpane/history/history-view";
import { view } from "./view-records";

const items = [
  view("history", "h1", { kind: "note", when: "2026-11-26T10:00:00.000Z", contactIds: ["ann"] }),
  // 09:30 in New York is 14:30 UTC: newer than h1 although the text sorts before it.
  view("history", "h2", {
    kind: "phone",
    when: "2026-11-26T09:30:00-05:00",
    contactIds: ["ann", "bob"],
  }),
  view("history", "h3", {
    kind: "email",
    when: "2026-11-27T08:00:00Z",
    companyId: "k1",
    itemIdHint: "AAMk",
  }),
  view("history", "h4", { kind: "task", contactIds: ["bob"] }, "2026-11-20T00:00:00.000Z"),
  view(
    "history",
    "h5",
    { kind: "note", when: "not a date", contactIds: ["ann"] },
    "2026-11-21T00:00:00.000Z",
  ),
];

test("a contact's history: items linked to it", () => {
  expect(historyOf(items, { type: "contact", id: "ann" }).map((i) => i.id)).toEqual([
    "h1",
    "h2",
    "h5",
  ]);
});

test("a company's history: its own items and its contacts'", () => {
  expect(historyOf(items, { type: "company", id: "k1" }).map((i) => i.id)).toEqual(["h3"]);
  expect(
    historyOf(items, { type: "company", id: "k1", contactIds: ["bob"] }).map((i) => i.id),
  ).toEqual(["h2", "h3", "h4"]);
});

test("newest first by instant; items without a date come last, by their last change", () => {
  expect(newestFirst(items).map((i) => i.id)).toEqual(["h3", "h2", "h1", "h5", "h4"]);
  expect(ofKind(newestFirst(items), "note").map((i) => i.id)).toEqual(["h1", "h5"]);
  expect(ofKind(items, null)).toHaveLength(items.length);
});

test("an item opens in Outlook only when it names an Outlook item", () => {
  expect(outlookItemId(items[2]!)).toBe("AAMk");
  expect(outlookItemId(items[0]!)).toBeNull();
  expect(historyTitle({ kind: "phone" })).toBe("Phone log");
  expect(historyTitle({ kind: "note", body: "Called about the offer" })).toBe(
    "Called about the offer",
  );
  expect(historyTitle({ kind: "note", subject: "Offer", body: "x" })).toBe("Offer");
});

test("a phone log added by hand: local time as an instant, linked to the contact and its company", () => {
  const now = Date.parse("2026-11-26T10:00:00.000Z");
  const draft = {
    ...emptyDraft("phone", now),
    subject: "Offer",
    durationMinutes: "12",
    body: "Agreed.",
  };
  const fields = draftFields(draft, { type: "contact", id: "ann", companyId: "k1" }, now);
  expect(fields).toEqual({
    kind: "phone",
    subject: "Offer",
    when: new Date(Date.parse(draft.when)).toISOString(),
    durationMinutes: 12,
    direction: "outgoing",
    body: "Agreed.",
    contactIds: ["ann"],
    companyId: "k1",
  });
  expect(validateFields("history", fields, "create").ok).toBe(true);
});

test("a task gets its due date and priority; a bad duration is named by validation", () => {
  const now = Date.parse("2026-11-26T10:00:00.000Z");
  const task = draftFields(
    { ...emptyDraft("task", now), subject: "Send the offer", dueDate: "2026-12-01" },
    { type: "company", id: "k1" },
    now,
  );
  expect(task).toMatchObject({
    kind: "task",
    dueDate: "2026-12-01",
    priority: "normal",
    completed: false,
    companyId: "k1",
  });
  expect(task.contactIds).toBeUndefined();
  const bad = draftFields(
    { ...emptyDraft("phone", now), durationMinutes: "1.5" },
    { type: "contact", id: "ann" },
    now,
  );
  expect(validateFields("history", bad, "create")).toMatchObject({
    ok: false,
    field: "durationMinutes",
  });
});

test("a task's priority in words, and nothing for the normal one (issue 18, defect 3)", () => {
  expect(priorityText({ kind: "task", priority: "high" })).toBe("High priority");
  expect(priorityText({ kind: "task", priority: "low" })).toBe("Low priority");
  expect(priorityText({ kind: "task", priority: "normal" })).toBeNull();
  expect(priorityText({ kind: "task" })).toBeNull();
});
