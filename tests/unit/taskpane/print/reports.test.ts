/**
 * The reports' counts: contacts by category (once per category, case-insensitively, "No
 * category" last), and this month's history by kind, the month's edges taken in the user's time
 * zone (across daylight saving, half-hour offsets, the year's end).
 */
import {
  contactsByCategory,
  historyThisMonth,
  monthAround,
  NO_CATEGORY,
} from "../../../../src/taskpane/print/reports";
import { view } from "../view-records";

test("contacts by category: most first, case-insensitive, repeated ones once, No category last", () => {
  const contacts = [
    view("contact", "a", { categories: ["Customer", "Key account"] }),
    view("contact", "b", { categories: ["customer", "Customer"] }),
    view("contact", "c", { categories: ["Supplier"] }),
    view("contact", "d", { categories: [] }),
    view("contact", "e", {}),
    view("contact", "f", { categories: ["  "] }),
    view("contact", "g", { categories: ["Key account"] }),
  ];
  expect(contactsByCategory(contacts)).toEqual([
    { label: "Customer", count: 2 },
    { label: "Key account", count: 2 },
    { label: "Supplier", count: 1 },
    { label: NO_CATEGORY, count: 3 },
  ]);
  expect(contactsByCategory([])).toEqual([]);
});

test("contacts by category: 50,000 contacts in one pass", () => {
  const contacts = Array.from({ length: 50_000 }, (_, i) =>
    view("contact", `c${i}`, i % 5 === 0 ? {} : { categories: [`Category ${i % 7}`] }),
  );
  const rows = contactsByCategory(contacts);
  expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(50_000);
  expect(rows.at(-1)).toEqual({ label: NO_CATEGORY, count: 10_000 });
});

test("the month around now, in the user's time zone", () => {
  const at = (iso: string) => Date.parse(iso);
  expect(monthAround(at("2026-12-15T12:00:00Z"), "Europe/Paris")).toEqual({
    start: at("2026-11-30T23:00:00Z"),
    end: at("2026-12-31T23:00:00Z"),
  });
  // Still November in Los Angeles; its 1st falls on the day summer time ends (at 2:00).
  expect(monthAround(at("2026-12-01T02:00:00Z"), "America/Los_Angeles")).toEqual({
    start: at("2026-11-01T07:00:00Z"),
    end: at("2026-12-01T08:00:00Z"),
  });
  expect(monthAround(at("2026-03-10T00:00:00Z"), "Asia/Kolkata")).toEqual({
    start: at("2026-02-28T18:30:00Z"),
    end: at("2026-03-31T18:30:00Z"),
  });
  expect(monthAround(at("2026-12-31T23:30:00Z"), "UTC")).toEqual({
    start: at("2026-12-01T00:00:00Z"),
    end: at("2027-01-01T00:00:00Z"),
  });
});

test("history this month by kind: every kind listed, the month's edges in the time zone", () => {
  const item = (id: string, kind: string, when: string | null) =>
    view("history", id, when === null ? { kind } : { kind, when });
  const items = [
    // Paris: 1 December 00:30, the month's first minutes.
    item("h1", "email", "2026-11-30T23:30:00Z"),
    item("h2", "email", "2026-12-10T09:00:00+01:00"),
    item("h3", "phone", "2026-12-31T22:59:59Z"),
    // Paris: 1 January 00:00, next month.
    item("h4", "phone", "2026-12-31T23:00:00Z"),
    // Paris: 30 November 23:59, last month.
    item("h5", "note", "2026-11-30T22:59:00Z"),
    item("h6", "task", "2026-12-02T08:00:00Z"),
    item("h7", "task", null),
    item("h8", "unknown", "2026-12-02T08:00:00Z"),
    item("h9", "file", "not a date"),
    item("h10", "appointment", "2026-12-05T15:00:00Z"),
  ];
  const now = Date.parse("2026-12-06T00:05:00Z");
  expect(historyThisMonth(items, now, "Europe/Paris")).toEqual([
    { label: "E-mails", count: 2 },
    { label: "Appointments", count: 1 },
    { label: "Phone logs", count: 1 },
    { label: "Notes", count: 0 },
    { label: "Tasks", count: 1 },
    { label: "Files", count: 0 },
  ]);
  // In New York, 30 November 23:30 UTC is still November; 31 December 23:00 UTC is December.
  expect(historyThisMonth(items, now, "America/New_York")).toEqual([
    { label: "E-mails", count: 1 },
    { label: "Appointments", count: 1 },
    { label: "Phone logs", count: 2 },
    { label: "Notes", count: 0 },
    { label: "Tasks", count: 1 },
    { label: "Files", count: 0 },
  ]);
});
