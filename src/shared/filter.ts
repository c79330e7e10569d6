/**
 * How a sync-set filter (docs/sync-protocol.md, "Filters") judges a contact: read by the API,
 * which decides what each member's copy holds, and by the pane's filter builder, which shows
 * the values a field has and how many contacts a draft would hold. One code, so the two agree.
 */
import type { Condition, Filter, Json } from "./protocol";
import { FILTERS } from "./records";

/** Values compare in Unicode's composed form, case aside. */
export const foldFilterValue = (s: string) => s.normalize("NFC").toLowerCase();

/** The values a filter field has on a contact, as written (arrays flattened, text only). */
export function filterFieldValues(
  fields: Readonly<Record<string, Json>>,
  name: Condition["field"],
): string[] {
  const filter = FILTERS.find((f) => f.name === name);
  if (filter === undefined) return [];
  const value = fields[filter.field];
  const { key } = filter;
  const list = Array.isArray(value) ? value : key === undefined ? [value] : [];
  const values =
    key === undefined
      ? list
      : list.map((item) =>
          item && typeof item === "object" && !Array.isArray(item) ? item[key] : undefined,
        );
  return values.filter((v): v is string => typeof v === "string");
}

/** Whether a contact's `fields` meet `condition`; `$me` stands for `me`. */
export function conditionHolds(
  condition: Condition,
  fields: Readonly<Record<string, Json>>,
  me: string,
): boolean {
  const wanted = (Array.isArray(condition.value) ? condition.value : [condition.value]).map((v) =>
    foldFilterValue(v === "$me" ? me : v),
  );
  // eq on an array matches any element; in matches when any value is in the list; contains
  // means the array holds the value. On text they agree: equality with one of the values.
  return filterFieldValues(fields, condition.field).some((v) =>
    wanted.includes(foldFilterValue(v)),
  );
}

/** Whether a contact's `fields` meet `filter` (all or any of its conditions). */
export function filterMatches(
  filter: Filter,
  fields: Readonly<Record<string, Json>>,
  me: string,
): boolean {
  if ("all" in filter) return filter.all.every((c) => conditionHolds(c, fields, me));
  return filter.any.some((c) => conditionHolds(c, fields, me));
}
