/**
 * The sync-set filter builder's model: a filter (docs/sync-protocol.md, "Filters") as rows of
 * text a form edits, read back and checked with the protocol's own `Filter` schema, and a
 * filter said in words for the lists.
 */
import {
  conditionHolds,
  filterFieldValues,
  filterMatches,
  foldFilterValue,
} from "../../shared/filter";
import type { Condition, Filter, Json } from "../../shared/protocol";
import { Filter as FilterSchema, FilterField } from "../../shared/protocol";
import { FILTERS } from "../../shared/records";

export type FilterFieldName = Condition["field"];
export type FilterOp = Condition["op"];

export interface ConditionDraft {
  readonly field: FilterFieldName;
  readonly op: FilterOp;
  /** One text; for "is one of", values separated by commas. */
  readonly value: string;
}

export interface FilterDraft {
  readonly match: "all" | "any";
  readonly conditions: readonly ConditionDraft[];
}

export const FIELD_OPTIONS: ReadonlyArray<{ value: FilterFieldName; label: string }> = FILTERS.map(
  (f) => ({ value: f.name, label: f.label }),
);

export const OP_OPTIONS: ReadonlyArray<{ value: FilterOp; label: string }> = [
  { value: "eq", label: "is" },
  { value: "in", label: "is one of" },
  { value: "contains", label: "includes" },
];

/** Fields whose values are record ids: the form offers the records by name instead. */
export const ID_FIELDS: ReadonlySet<string> = new Set(
  FILTERS.filter((f) => f.kind === "company" || f.kind === "ids").map((f) => f.name),
);

/** `$me` stands for the member's own e-mail address (the protocol's placeholder). */
const ME = "$me";

export const EMPTY_CONDITION: ConditionDraft = { field: "categories", op: "eq", value: "" };

export function isFilterField(value: string): value is FilterFieldName {
  return FilterField.safeParse(value).success;
}

export function isFilterOp(value: string): value is FilterOp {
  return OP_OPTIONS.some((o) => o.value === value);
}

export function draftOf(filter: Filter): FilterDraft {
  const match = "all" in filter ? "all" : "any";
  const conditions = "all" in filter ? filter.all : filter.any;
  return {
    match,
    conditions: conditions.map((c) => ({
      field: c.field,
      op: c.op,
      value: Array.isArray(c.value) ? c.value.join(", ") : c.value,
    })),
  };
}

export type FilterReading =
  | { readonly ok: true; readonly filter: Filter }
  /** `index` is the condition at fault (-1: the filter as a whole). */
  | { readonly ok: false; readonly index: number; readonly message: string };

/** The draft as a protocol filter, or the first condition the protocol refuses, in words. */
export function readDraft(draft: FilterDraft): FilterReading {
  const conditions: Condition[] = [];
  for (const [index, c] of draft.conditions.entries()) {
    const text = c.value.trim();
    // Only "is one of" takes a list: one text may hold commas.
    const value =
      c.op === "in"
        ? text
            .split(",")
            .map((v) => v.trim())
            .filter((v) => v !== "")
        : text;
    if (value.length === 0) {
      return { ok: false, index, message: "Enter a value for this condition." };
    }
    conditions.push({ field: c.field, op: c.op, value });
  }
  const parsed = FilterSchema.safeParse(
    draft.match === "all" ? { all: conditions } : { any: conditions },
  );
  if (parsed.success) return { ok: true, filter: parsed.data };
  const issue = parsed.error.issues[0];
  const index = typeof issue?.path[1] === "number" ? issue.path[1] : -1;
  if (index < 0) return { ok: false, index, message: "A sync set holds at most 20 conditions." };
  const what = issue?.path[2] === "value" ? "The value" : "This condition";
  return { ok: false, index, message: `${what} ${tooLongOrInvalid(issue?.code)}.` };
}

function tooLongOrInvalid(code: string | undefined): string {
  return code === "too_big"
    ? "is too long (at most 256 characters, 100 values)"
    : "is not allowed here";
}

/**
 * "Contacts whose owner is the member and whose category is Customers"; record ids are named
 * through `nameOf` (a company or group the copy holds), else shown as they are.
 */
export function filterSummary(filter: Filter, nameOf: (id: string) => string | null): string {
  const all = "all" in filter;
  const conditions = all ? filter.all : filter.any;
  if (conditions.length === 0) return all ? "Every contact" : "No contact";
  const parts = conditions.map((c) => conditionText(c, nameOf));
  return `Contacts whose ${parts.join(all ? " and whose " : " or whose ")}`;
}

function conditionText(c: Condition, nameOf: (id: string) => string | null): string {
  const label = (FIELD_OPTIONS.find((o) => o.value === c.field)?.label ?? c.field).toLowerCase();
  const show = (v: string) => {
    if (v.toLowerCase() === ME) return "the member themselves";
    if (ID_FIELDS.has(c.field)) return nameOf(v) ?? v;
    return `"${v}"`;
  };
  const values = Array.isArray(c.value) ? c.value : [c.value];
  const op = OP_OPTIONS.find((o) => o.value === c.op)?.label ?? c.op;
  return `${label} ${op} ${values.map(show).join(", ")}`;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** The most values a condition offers to choose from. */
const MAX_OFFERED = 200;

/**
 * The values `field` has among `contacts`, to offer in a condition: each once whatever its case
 * (as most contacts write it), the most used first, then alphabetically.
 */
export function offeredValues(
  contacts: readonly Readonly<Record<string, Json>>[],
  field: FilterFieldName,
): string[] {
  const seen = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const fields of contacts) {
    for (const value of filterFieldValues(fields, field)) {
      const text = value.trim();
      if (text === "") continue;
      const key = foldFilterValue(text);
      const entry = seen.get(key) ?? { count: 0, spellings: new Map<string, number>() };
      entry.count += 1;
      entry.spellings.set(text, (entry.spellings.get(text) ?? 0) + 1);
      seen.set(key, entry);
    }
  }
  const mostUsed = (spellings: Map<string, number>) =>
    [...spellings].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return [...seen.values()]
    .map((e) => ({ count: e.count, text: mostUsed(e.spellings) }))
    .sort((a, b) => b.count - a.count || collator.compare(a.text, b.text))
    .slice(0, MAX_OFFERED)
    .map((e) => e.text);
}

/**
 * How many of `contacts` a draft's conditions hold for, to warn of one that matches nothing:
 * per condition (null while it has no value, or names `$me`, which differs by member), and for
 * the whole filter (null while the draft does not read, or names `$me`).
 */
export function draftMatches(
  draft: FilterDraft,
  contacts: readonly Readonly<Record<string, Json>>[],
): { readonly conditions: readonly (number | null)[]; readonly filter: number | null } {
  const read = readDraft(draft);
  const personal = (c: Condition) => (Array.isArray(c.value) ? c.value : [c.value]).includes(ME);
  const conditions = draft.conditions.map((c) => {
    const one = readDraft({ match: "all", conditions: [c] });
    if (!one.ok || !("all" in one.filter)) return null;
    const condition = one.filter.all[0]!;
    if (personal(condition)) return null;
    return contacts.filter((fields) => conditionHolds(condition, fields, "")).length;
  });
  const conditionsOf = (f: Filter) => ("all" in f ? f.all : f.any);
  const filter =
    read.ok && !conditionsOf(read.filter).some(personal)
      ? contacts.filter((fields) => filterMatches(read.filter, fields, "")).length
      : null;
  return { conditions, filter };
}
