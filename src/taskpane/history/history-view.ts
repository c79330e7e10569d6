/**
 * A contact's or a company's history as the timeline shows it: which items belong to it, newest
 * first, by kind; and the fields of an item the user adds by hand (a note, a phone log, a task).
 */
import type { Fields } from "../../shared/json";
import type { Json } from "../../shared/protocol";
import type { ViewRecord } from "../../sync/view";
import { text, texts } from "../contacts/contact-view";
import { block, line } from "../records/form-model";

export const HISTORY_KINDS = ["email", "appointment", "phone", "note", "task", "file"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const KIND_LABELS: Readonly<Record<HistoryKind, { one: string; many: string }>> = {
  email: { one: "E-mail", many: "E-mails" },
  appointment: { one: "Appointment", many: "Appointments" },
  phone: { one: "Phone log", many: "Phone logs" },
  note: { one: "Note", many: "Notes" },
  task: { one: "Task", many: "Tasks" },
  file: { one: "File", many: "Files" },
};

export function kindOf(fields: Readonly<Fields>): HistoryKind | null {
  const kind = fields.kind;
  return typeof kind === "string" && (HISTORY_KINDS as readonly string[]).includes(kind)
    ? (kind as HistoryKind)
    : null;
}

/** Whose history: a contact's, or a company's (its own items and its contacts'). */
export type HistorySubject =
  | { readonly type: "contact"; readonly id: string; readonly companyId?: string | null }
  | { readonly type: "company"; readonly id: string; readonly contactIds?: readonly string[] };

/** The items linked to the subject. */
export function historyOf(items: readonly ViewRecord[], subject: HistorySubject): ViewRecord[] {
  if (subject.type === "contact") {
    return items.filter((item) => texts(item.fields.contactIds).includes(subject.id));
  }
  const contacts = new Set(subject.contactIds ?? []);
  return items.filter(
    (item) =>
      item.fields.companyId === subject.id ||
      (contacts.size > 0 && texts(item.fields.contactIds).some((id) => contacts.has(id))),
  );
}

/** When an item happened, in ms; NaN when it has no valid `when`. */
export function whenOf(fields: Readonly<Fields>): number {
  return typeof fields.when === "string" ? Date.parse(fields.when) : Number.NaN;
}

/**
 * Newest first, by `when` compared as instants (items may carry different offsets); items
 * without one come last, by when they last changed.
 */
export function newestFirst(items: readonly ViewRecord[]): ViewRecord[] {
  const keyed = items.map((item) => ({ item, when: whenOf(item.fields) }));
  keyed.sort((a, b) => {
    const aKnown = !Number.isNaN(a.when);
    const bKnown = !Number.isNaN(b.when);
    if (aKnown !== bKnown) return aKnown ? -1 : 1;
    if (aKnown && a.when !== b.when) return b.when - a.when;
    const changed = (b.item.updatedAt ?? "").localeCompare(a.item.updatedAt ?? "");
    return changed || (a.item.id < b.item.id ? 1 : a.item.id > b.item.id ? -1 : 0);
  });
  return keyed.map((k) => k.item);
}

export function ofKind(items: readonly ViewRecord[], kind: HistoryKind | null): ViewRecord[] {
  return kind === null ? [...items] : items.filter((item) => kindOf(item.fields) === kind);
}

/** The Outlook item an entry is linked to, when it says so (a hint: it may have moved). */
export function outlookItemId(item: ViewRecord): string | null {
  return text(item.fields.itemIdHint);
}

/** The item's title: its subject, else the start of its text, else its kind. */
export function historyTitle(fields: Readonly<Fields>): string {
  const kind = kindOf(fields);
  const body = text(fields.snippet) ?? text(fields.body);
  return (
    text(fields.subject) ??
    (body === null ? null : body.length > 80 ? `${body.slice(0, 79)}…` : body) ??
    (kind ? KIND_LABELS[kind].one : "History item")
  );
}

/**
 * A task's priority in words, when it says something: "High priority", "Low priority"; none
 * for normal priority (every task has one) or no priority.
 */
export function priorityText(fields: Readonly<Fields>): string | null {
  return fields.priority === "high"
    ? "High priority"
    : fields.priority === "low"
      ? "Low priority"
      : null;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** What an item's line under its title says: its kind, when, direction and length. */
export function historyMeta(fields: Readonly<Fields>): string {
  const kind = kindOf(fields);
  const when = whenOf(fields);
  return [
    kind ? KIND_LABELS[kind].one : null,
    Number.isNaN(when) ? null : dateTime.format(when),
    fields.direction === "incoming"
      ? "Incoming"
      : fields.direction === "outgoing"
        ? "Outgoing"
        : null,
    typeof fields.durationMinutes === "number" ? `${fields.durationMinutes} min` : null,
  ]
    .filter((m) => m !== null)
    .join(" · ");
}

/** The kinds a user adds by hand. */
export type ManualKind = "note" | "phone" | "task";

export interface HistoryDraft {
  readonly kind: ManualKind;
  readonly subject: string;
  /** `datetime-local` input value (the user's local time). */
  readonly when: string;
  readonly durationMinutes: string;
  /** "" when not said. */
  readonly direction: "" | "incoming" | "outgoing";
  readonly dueDate: string;
  readonly priority: "" | "low" | "normal" | "high";
  readonly body: string;
}

/** A `datetime-local` value for a moment, in the user's time zone. */
export function localDateTimeInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function emptyDraft(kind: ManualKind, now: number): HistoryDraft {
  return {
    kind,
    subject: "",
    when: localDateTimeInput(now),
    durationMinutes: "",
    direction: kind === "phone" ? "outgoing" : "",
    dueDate: "",
    priority: kind === "task" ? "normal" : "",
    body: "",
  };
}

/**
 * The fields of a new history item. `when` is the local time typed, as an instant in UTC; a
 * text that is no date-time is sent as typed, and validation names the field. A task without a
 * `when` gets `now`, so that it takes its place in the timeline.
 */
export function draftFields(draft: HistoryDraft, subject: HistorySubject, now: number): Fields {
  const fields: Record<string, Json> = { kind: draft.kind };
  const put = (name: string, value: Json) => {
    if (value !== null) fields[name] = value;
  };
  put("subject", line(draft.subject));
  const when = line(draft.when);
  const instant = when === null ? Number.NaN : Date.parse(when);
  put(
    "when",
    when === null
      ? new Date(now).toISOString()
      : Number.isNaN(instant)
        ? when
        : new Date(instant).toISOString(),
  );
  if (draft.kind === "phone") {
    const minutes = line(draft.durationMinutes);
    put("durationMinutes", minutes === null ? null : Number(minutes));
    put("direction", draft.direction === "" ? null : draft.direction);
  }
  if (draft.kind === "task") {
    put("dueDate", line(draft.dueDate));
    put("priority", draft.priority === "" ? null : draft.priority);
    put("completed", false);
  }
  put("body", block(draft.body));
  if (subject.type === "contact") {
    put("contactIds", [subject.id]);
    put("companyId", subject.companyId ?? null);
  } else {
    put("companyId", subject.id);
  }
  return fields;
}

/** The label of each draft control, for validation messages. */
export const DRAFT_LABELS: Readonly<Record<string, string>> = {
  subject: "Subject",
  when: "When",
  durationMinutes: "Duration in minutes",
  direction: "Direction",
  dueDate: "Due date",
  priority: "Priority",
  body: "Details",
};
