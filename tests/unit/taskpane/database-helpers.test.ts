/**
 * The database panel's pure parts: the sync-set filter builder's model (read back through the
 * protocol's schema, said in words), the export file's name, the unsent changes in words, and
 * the mark of a copy that was complete once.
 */
import {
  forgetCompleteCopy,
  hadCompleteCopy,
  rememberCompleteCopy,
} from "../../../src/taskpane/database/copy-memory";
import { unsentText } from "../../../src/taskpane/database/copy-text";
import { exportFileName } from "../../../src/taskpane/database/export-file";
import {
  draftMatches,
  draftOf,
  filterSummary,
  offeredValues,
  readDraft,
} from "../../../src/taskpane/database/filter-draft";

describe("sync-set filters", () => {
  test("a draft reads back as the protocol's filter: lists only for 'is one of'", () => {
    expect(
      readDraft({
        match: "all",
        conditions: [
          { field: "owner", op: "eq", value: " $me " },
          { field: "categories", op: "in", value: "VIP, Customers,, " },
          { field: "jobTitle", op: "contains", value: "Sales, EMEA" },
        ],
      }),
    ).toEqual({
      ok: true,
      filter: {
        all: [
          { field: "owner", op: "eq", value: "$me" },
          { field: "categories", op: "in", value: ["VIP", "Customers"] },
          { field: "jobTitle", op: "contains", value: "Sales, EMEA" },
        ],
      },
    });
    expect(readDraft({ match: "any", conditions: [] })).toEqual({ ok: true, filter: { any: [] } });
  });

  test("an empty or too long value is refused on its condition", () => {
    expect(
      readDraft({
        match: "all",
        conditions: [
          { field: "owner", op: "eq", value: "a@x.com" },
          { field: "country", op: "in", value: " , " },
        ],
      }),
    ).toEqual({ ok: false, index: 1, message: "Enter a value for this condition." });
    expect(
      readDraft({
        match: "all",
        conditions: [{ field: "country", op: "eq", value: "x".repeat(300) }],
      }),
    ).toMatchObject({ ok: false, index: 0, message: expect.stringMatching(/too long/) });
    const many = Array.from({ length: 21 }, () => ({
      field: "country" as const,
      op: "eq" as const,
      value: "UK",
    }));
    expect(readDraft({ match: "all", conditions: many })).toMatchObject({ ok: false, index: -1 });
  });

  test("a filter goes to the draft and back", () => {
    const filter = {
      any: [
        { field: "categories" as const, op: "in" as const, value: ["VIP", "Key"] },
        { field: "companyId" as const, op: "eq" as const, value: "k1" },
      ],
    };
    expect(draftOf(filter)).toEqual({
      match: "any",
      conditions: [
        { field: "categories", op: "in", value: "VIP, Key" },
        { field: "companyId", op: "eq", value: "k1" },
      ],
    });
    expect(readDraft(draftOf(filter))).toEqual({ ok: true, filter });
  });

  test("a filter in words, records named, $me as the member", () => {
    const names = (id: string) => (id === "k1" ? "Fabrikam" : null);
    expect(
      filterSummary(
        {
          all: [
            { field: "owner", op: "eq", value: "$me" },
            { field: "companyId", op: "eq", value: "k1" },
            { field: "groupIds", op: "contains", value: "g9" },
          ],
        },
        names,
      ),
    ).toBe(
      "Contacts whose owner is the member themselves and whose company is Fabrikam and whose group includes g9",
    );
    expect(
      filterSummary({ any: [{ field: "categories", op: "in", value: ["VIP", "Key"] }] }, names),
    ).toBe('Contacts whose category is one of "VIP", "Key"');
    expect(filterSummary({ all: [] }, names)).toBe("Every contact");
    expect(filterSummary({ any: [] }, names)).toBe("No contact");
  });
});

describe("a sync set's conditions offer what the copy holds (issue 18, defect 8)", () => {
  const contacts = [
    {
      categories: ["Customer", "VIP"],
      owner: "ann@contoso.com",
      addresses: [{ country: "France" }],
    },
    {
      categories: ["customer"],
      owner: "bo@contoso.com",
      addresses: [{ country: "Germany" }, { country: "France" }],
    },
    { categories: ["Customer", " "], owner: "ann@contoso.com", addresses: [{ city: "Lyon" }] },
    { categories: ["Supplier"], jobTitle: "Buyer" },
    {},
  ];

  test("each value once whatever its case, as most contacts write it, the most used first", () => {
    expect(offeredValues(contacts, "categories")).toEqual(["Customer", "Supplier", "VIP"]);
    expect(offeredValues(contacts, "owner")).toEqual(["ann@contoso.com", "bo@contoso.com"]);
    expect(offeredValues(contacts, "country")).toEqual(["France", "Germany"]);
    expect(offeredValues(contacts, "department")).toEqual([]);
  });

  test("at most 200 values are offered", () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ jobTitle: `Title ${i}` }));
    expect(offeredValues(many, "jobTitle")).toHaveLength(200);
  });

  test("a condition, or a filter, that no contact meets is counted as such", () => {
    const draft = (match: "all" | "any", ...values: [string, string][]) => ({
      match,
      conditions: values.map(([field, value]) => ({
        field: field as "categories",
        op: "eq" as const,
        value,
      })),
    });
    expect(draftMatches(draft("all", ["categories", "customer"]), contacts)).toEqual({
      conditions: [3],
      filter: 3,
    });
    expect(draftMatches(draft("all", ["categories", "Customr"]), contacts)).toEqual({
      conditions: [0],
      filter: 0,
    });
    // Each condition is met by someone, but no one meets both.
    expect(
      draftMatches(draft("all", ["categories", "Supplier"], ["country", "France"]), contacts),
    ).toEqual({ conditions: [1, 2], filter: 0 });
    expect(
      draftMatches(draft("any", ["categories", "Supplier"], ["country", "France"]), contacts),
    ).toEqual({ conditions: [1, 2], filter: 3 });
    // No value yet, or $me (each member's own): not known, so no warning.
    expect(draftMatches(draft("all", ["owner", ""]), contacts)).toEqual({
      conditions: [null],
      filter: null,
    });
    expect(draftMatches(draft("all", ["owner", "$me"], ["country", "France"]), contacts)).toEqual({
      conditions: [null, 2],
      filter: null,
    });
  });
});

test("the export file is named after the database and the day", () => {
  const day = new Date(2026, 10, 26, 23, 30);
  expect(exportFileName("Contoso partners", day)).toBe("Contoso-partners-changes-2026-11-26.json");
  expect(exportFileName("Ventes & Co. / Zürich", day)).toBe(
    "Ventes-Co-Zürich-changes-2026-11-26.json",
  );
  expect(exportFileName("***", day)).toBe("database-changes-2026-11-26.json");
});

test("unsent changes in words", () => {
  expect(unsentText({ pending: 0, conflicts: 0, needsAttention: 0 })).toBe("no changes");
  expect(unsentText({ pending: 1, conflicts: 0, needsAttention: 0 })).toBe(
    "1 change waiting to be sent",
  );
  expect(unsentText({ pending: 3, conflicts: 1, needsAttention: 2 })).toBe(
    "3 changes waiting to be sent, 1 unanswered conflict and 2 refused changes",
  );
});

test("the mark of a complete copy is kept per database, forgotten on drop, and never throws", () => {
  const values = new Map<string, string>();
  const storage = () => ({
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
    removeItem: (k: string) => void values.delete(k),
  });
  expect(hadCompleteCopy(storage, "db1")).toBe(false);
  rememberCompleteCopy(storage, "db1");
  expect(hadCompleteCopy(storage, "db1")).toBe(true);
  expect(hadCompleteCopy(storage, "db2")).toBe(false);
  forgetCompleteCopy(storage, "db1");
  expect(hadCompleteCopy(storage, "db1")).toBe(false);
  const blocked = () => {
    throw new Error("blocked");
  };
  expect(hadCompleteCopy(blocked, "db1")).toBe(false);
  expect(() => rememberCompleteCopy(blocked, "db1")).not.toThrow();
  expect(() => forgetCompleteCopy(blocked, "db1")).not.toThrow();
});
