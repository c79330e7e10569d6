/**
 * The reports' figures, counted from the offline copy in one pass over the records (50,000
 * contacts are counted in milliseconds), so they work offline: contacts by category, and the
 * history of this calendar month by kind, the month taken in the user's time zone.
 */
import type { ViewRecord } from "../../sync/view";
import { texts } from "../contacts/contact-view";
import type { HistoryKind } from "../history/history-view";
import { HISTORY_KINDS, KIND_LABELS, kindOf, whenOf } from "../history/history-view";

/** One bar of a report: what is counted, and how many. */
export interface ReportRow {
  readonly label: string;
  readonly count: number;
}

/** What the contacts without a category are counted under. */
export const NO_CATEGORY = "No category";

/**
 * Contacts per category, most first (then by name); a contact counts once under each of its
 * categories, and under {@link NO_CATEGORY} when it has none. Categories differing only in case
 * are one, named as first seen.
 */
export function contactsByCategory(contacts: readonly ViewRecord[]): ReportRow[] {
  const counts = new Map<string, { label: string; count: number }>();
  let none = 0;
  for (const contact of contacts) {
    const categories = texts(contact.fields.categories);
    if (categories.length === 0) none += 1;
    const seen = new Set<string>();
    for (const category of categories) {
      const key = category.toLocaleLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const row = counts.get(key);
      if (row) row.count += 1;
      else counts.set(key, { label: category, count: 1 });
    }
  }
  const rows = [...counts.values()].sort(
    (a, b) => b.count - a.count || a.label.localeCompare(b.label),
  );
  return none > 0 ? [...rows, { label: NO_CATEGORY, count: none }] : rows;
}

/** The user's time zone, as the browser knows it. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The year and month (0–11) of an instant in a time zone. */
function monthIn(ms: number, timeZone: string): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
  }).formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month") - 1 };
}

/** The offset of a time zone from UTC at an instant, in ms (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant a local wall-clock midnight (the 1st of a month) happens in a time zone. */
function localMidnight(year: number, month: number, timeZone: string): number {
  const wall = Date.UTC(year, month, 1);
  // The offset at the wall time read as UTC, then again at the first guess: right across a
  // daylight-saving change too (none happens at midnight on a 1st but in a few zones).
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}

/** The calendar month holding `now` in `timeZone`: its first instant and the next month's. */
export function monthAround(now: number, timeZone: string): { start: number; end: number } {
  const { year, month } = monthIn(now, timeZone);
  return {
    start: localMidnight(year, month, timeZone),
    end: localMidnight(month === 11 ? year + 1 : year, (month + 1) % 12, timeZone),
  };
}

/**
 * History items of the calendar month holding `now` (in `timeZone`) by kind, every kind listed
 * in the timeline's order, none left out for having no items. Items without a valid `when` or
 * kind are not counted.
 */
export function historyThisMonth(
  items: readonly ViewRecord[],
  now: number,
  timeZone: string,
): ReportRow[] {
  const { start, end } = monthAround(now, timeZone);
  const counts = new Map<HistoryKind, number>(HISTORY_KINDS.map((k) => [k, 0]));
  for (const item of items) {
    const when = whenOf(item.fields);
    if (!(when >= start && when < end)) continue;
    const kind = kindOf(item.fields);
    if (kind !== null) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return HISTORY_KINDS.map((kind) => ({
    label: KIND_LABELS[kind].many,
    count: counts.get(kind) ?? 0,
  }));
}
