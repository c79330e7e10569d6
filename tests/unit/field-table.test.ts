/**
 * The field table (src/shared/records.ts, `FIELDS`) is the one place a field is described: the
 * schemas, the forms, the filters and the labels read it, and docs/records.md describes it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FilterField, RecordType } from "../../src/shared/protocol";
import type { FieldSpec } from "../../src/shared/records";
import { FIELDS, FIELDS_SCHEMAS, FILTERS, fieldLabel, fieldsOf } from "../../src/shared/records";

const TYPES = RecordType.options;
const doc = readFileSync(join(__dirname, "../../docs/records.md"), "utf8");

/** The rows of a type's table in docs/records.md: field name → the row's text. */
function documented(type: string): Map<string, string> {
  const section = doc.split(/^## /m).find((s) => s.startsWith(`${type}\n`)) ?? "";
  const rows = section.split("\n").flatMap((line) => {
    const match = /^\| `(\w+)` +\|(.*)$/.exec(line);
    return match ? [[match[1] ?? "", match[2] ?? ""] as const] : [];
  });
  return new Map(rows);
}

test.each(TYPES)("docs/records.md describes every %s field of the table, and no other", (type) => {
  const rows = documented(type);
  expect([...rows.keys()].sort()).toEqual(Object.keys(FIELDS[type]).sort());
  for (const [name, spec] of fieldsOf(type)) {
    const row = rows.get(name) ?? "";
    expect([name, row.includes("**required on create**")]).toEqual([name, spec.required === true]);
    if (spec.max !== undefined)
      expect([name, row]).toEqual([name, expect.stringContaining(String(spec.max))]);
  }
});

test.each(TYPES)("the %s schema is the table's: each field valid alone, null clears it", (type) => {
  for (const [name] of fieldsOf(type)) {
    expect(FIELDS_SCHEMAS[type].safeParse({ [name]: null }).success).toBe(true);
  }
  expect(FIELDS_SCHEMAS[type].safeParse({ notAField: "x" }).success).toBe(false);
});

test("a list field refuses one item more than the table's limit", () => {
  const lists = TYPES.flatMap((type) =>
    fieldsOf(type).flatMap(([name, spec]) =>
      spec.max === undefined ? [] : [{ type, name, spec }],
    ),
  );
  expect(lists.length).toBeGreaterThan(5);
  for (const { type, name, spec } of lists) {
    const result = FIELDS_SCHEMAS[type].safeParse({
      [name]: new Array((spec.max ?? 0) + 1).fill(null),
    });
    const issue = result.error?.issues.find((i) => i.code === "too_big");
    expect([type, name, issue?.path]).toEqual([type, name, [name]]);
  }
});

test("a name means one thing: the same label in every type that has it", () => {
  const labels = new Map<string, Set<string>>();
  for (const type of TYPES)
    for (const [name, spec] of fieldsOf(type) as [string, FieldSpec][])
      labels.set(name, new Set([...(labels.get(name) ?? []), spec.label]));
  for (const [name, set] of labels) expect([name, [...set]]).toEqual([name, [fieldLabel(name)]]);
  expect(fieldLabel("jobTitle")).toBe("Job title");
  expect(fieldLabel("x-unknown")).toBe("x-unknown");
});

test("the protocol's filter fields are the table's, and each reads a contact field", () => {
  expect(FilterField.options).toEqual(FILTERS.map((f) => f.name));
  expect(FilterField.options).toEqual(
    expect.arrayContaining([
      "categories",
      "owner",
      "companyId",
      "groupIds",
      "country",
      "jobTitle",
      "department",
    ]),
  );
  for (const filter of FILTERS) expect(Object.keys(FIELDS.contact)).toContain(filter.field);
  // `country` is not a field: it is read from each address.
  expect(FILTERS.find((f) => f.name === "country")).toMatchObject({
    field: "addresses",
    key: "country",
  });
});
