/**
 * The words the conflict inbox and the needs-attention list show: record names, field labels,
 * values as text (never interpreted), conflicts side by side, `"*"` conflicts explained, the
 * server's reasons, and the refused field as an editable value read back.
 */
import type { ConflictItem } from "../../../src/sync/state";
import type { Mutation } from "../../../src/shared/protocol";
import {
  changeSummary,
  editableFields,
  initialText,
  parseEdited,
  reasonText,
  topField,
} from "../../../src/taskpane/offline/attention-view";
import {
  conflictFieldLabel,
  groupConflicts,
  sides,
  whoAndWhen,
  wholeRecordText,
} from "../../../src/taskpane/offline/conflict-view";
import { fieldLabel } from "../../../src/shared/records";
import {
  fieldPathLabel,
  messageInWords,
  recordKind,
  recordName,
  valueText,
} from "../../../src/taskpane/offline/record-text";

function conflict(overrides: Partial<ConflictItem> = {}): ConflictItem {
  return {
    field: "jobTitle",
    base: "Buyer",
    mine: "Head of Purchasing",
    theirs: "Chief Buyer",
    theirsAt: "2026-11-26T10:00:00.000Z",
    theirsBy: "ann@contoso.com",
    mid: 3,
    type: "contact",
    id: "c1",
    op: "upsert",
    at: "2026-11-26T09:58:00.000Z",
    version: 4,
    ...overrides,
  };
}

describe("records and values in words", () => {
  test("a record's name: contact names, company and group names, a history subject", () => {
    expect(recordName("contact", "c1", { displayName: "Ann Lee", givenName: "A" })).toBe("Ann Lee");
    expect(recordName("contact", "c1", { givenName: "Ann", familyName: "Lee" })).toBe("Ann Lee");
    expect(recordName("contact", "c1", { emails: [{ address: "ann@x.com" }] })).toBe("ann@x.com");
    expect(recordName("contact", "c1", {})).toBe("Unnamed contact");
    expect(recordName("company", "k1", { name: " Fabrikam " })).toBe("Fabrikam");
    expect(recordName("group", "g1", {})).toBe("Unnamed group");
    expect(recordName("history", "h1", { kind: "phone" })).toBe("Untitled phone log");
    expect(recordName("history", "h1", { kind: "odd" })).toBe("Untitled history item");
    expect(recordName("history", "h1", { subject: "Offer" })).toBe("Offer");
    expect(recordName("contact", "c1", null)).toBe("Contact c1");
  });

  test("field labels and the paths the server names", () => {
    expect(fieldLabel("jobTitle")).toBe("Job title");
    expect(fieldLabel("x-unknown")).toBe("x-unknown");
    expect(fieldPathLabel("fields.emails.2.address")).toBe("E-mail addresses, item 3, address");
    expect(fieldPathLabel("fields.name")).toBe("Name");
  });

  test("validation messages name the field in words", () => {
    expect(messageInWords("jobTitle", "jobTitle must be at most 256 characters.")).toBe(
      "Job title must be at most 256 characters.",
    );
    expect(
      messageInWords("fields.emails.0.address", "emails.0.address must be an e-mail address."),
    ).toBe("E-mail addresses, item 1, address must be an e-mail address.");
    expect(messageInWords("fields.name", "contact x is outside your sync set.")).toBe(
      "contact x is outside your sync set.",
    );
    expect(messageInWords(undefined, "Refused.")).toBe("Refused.");
  });

  test("values as text: lists, entries, addresses, empties; markup stays text", () => {
    expect(valueText(null)).toBe("(empty)");
    expect(valueText(undefined)).toBe("(empty)");
    expect(valueText("")).toBe("(empty text)");
    expect(valueText(true)).toBe("Yes");
    expect(valueText(42)).toBe("42");
    expect(valueText([])).toBe("(empty list)");
    expect(valueText(["VIP", "Customers"])).toBe("VIP; Customers");
    expect(
      valueText([
        { address: "ann@x.com", label: "work", primary: true },
        { address: "a@y.com", label: null },
      ]),
    ).toBe("ann@x.com, primary (work); a@y.com");
    expect(valueText([{ number: "+44 20 5077 7000", label: "work" }])).toBe(
      "+44 20 5077 7000 (work)",
    );
    expect(valueText([{ street: "1 Main St\nFloor 2", city: "Leeds", country: "UK" }])).toBe(
      "1 Main St, Floor 2, Leeds, UK",
    );
    expect(valueText([{ name: "Ann", email: "ann@x.com" }])).toBe("Ann <ann@x.com>");
    expect(valueText({ call: true, email: null })).toBe("call: Yes");
    // The card's words for refusals and user-defined fields, not their keys (issue 18, defect 3).
    expect(valueText({ call: true, email: null, link: true }, "doNotContact")).toBe(
      "No calls, E-mails not linked automatically",
    );
    expect(valueText({ call: false }, "doNotContact")).toBe("None");
    expect(
      valueText(
        { Tier: { type: "text", value: "Gold" }, Renewal: { type: "yesno", value: true } },
        "custom",
      ),
    ).toBe("Renewal: Yes; Tier: Gold");
    expect(valueText("<img src=x onerror=alert(1)>")).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("the conflict inbox", () => {
  test("conflicts group by record, named by the copy, else by either side", () => {
    const items = [
      conflict({ field: "jobTitle" }),
      conflict({ field: "notes", mid: 4 }),
      conflict({
        id: "c2",
        field: "*",
        theirs: null,
        mine: { givenName: "Bo" },
        restore: { familyName: "Ng" },
      }),
      conflict({ id: "c3", field: "*", op: "delete", mine: null, theirs: { displayName: "Cy" } }),
    ];
    const groups = groupConflicts(items, (_type, id) =>
      id === "c1" ? { displayName: "Ann Lee" } : null,
    );
    expect(groups.map((g) => [g.name, g.items.length])).toEqual([
      ["Ann Lee", 2],
      ["Bo Ng", 1],
      ["Cy", 1],
    ]);
    // Issue 18, defect 3: what each record is, in words ("· contact" was the type's identifier).
    expect(groups.map((g) => g.kind)).toEqual(["Contact", "Contact", "Contact"]);
  });

  test("what a record is, as people say it", () => {
    expect(recordKind("contact", null)).toBe("Contact");
    expect(recordKind("company", { name: "Fabrikam" })).toBe("Company");
    expect(recordKind("group", null)).toBe("Group");
    expect(recordKind("history", { kind: "phone" })).toBe("Phone log");
    expect(recordKind("history", { kind: "task" })).toBe("Task");
    expect(recordKind("history", { kind: "x" })).toBe("History item");
    expect(recordKind("history", null)).toBe("History item");
  });

  test("each side in words, with who and when", () => {
    expect(sides(conflict())).toEqual({ mine: "Head of Purchasing", shared: "Chief Buyer" });
    expect(whoAndWhen(conflict(), "en-GB")).toMatch(/^Changed by ann@contoso\.com on 26 Nov 2026/);
    expect(whoAndWhen(conflict({ theirsBy: null, theirsAt: null }))).toBe(
      "Changed by another member",
    );
    expect(whoAndWhen(conflict({ field: "*", theirs: null }))).toMatch(/^Deleted by ann@/);
    expect(conflictFieldLabel(conflict())).toBe("Job title");
    expect(conflictFieldLabel(conflict({ field: "*", type: "company" }))).toBe("The whole company");
  });

  test('a "*" conflict says what each side did and what each answer does', () => {
    const myDelete = wholeRecordText(conflict({ field: "*", op: "delete", mine: null }));
    expect(myDelete.what).toMatch(/^You deleted this contact, but it was changed/);
    expect(myDelete.keepMine).toMatch(/deletes it/);
    const theirDelete = wholeRecordText(
      conflict({ field: "*", theirs: null, mine: { jobTitle: "CEO" } }),
    );
    expect(theirDelete.what).toBe(
      "You changed this contact (Job title), but it was deleted from the shared database.",
    );
    expect(theirDelete.keepMine).toMatch(/brings it back/);
    expect(theirDelete.useShared).toMatch(/leaves it deleted/);
  });
});

describe("needs attention", () => {
  const edit: Mutation = {
    mid: 5,
    op: "upsert",
    type: "company",
    id: "k1",
    baseVersion: 2,
    base: { name: "Fabrikam" },
    fields: { name: null, categories: ["VIP"] },
    at: "2026-11-26T10:00:00.000Z",
  };

  test("reasons by code, naming the field in words", () => {
    expect(
      reasonText({ code: "invalid_field", message: "name is required", field: "fields.name" })
        .title,
    ).toBe("Refused value: Name");
    expect(reasonText({ code: "outside_sync_set", message: "x" }).title).toBe(
      "Outside your sync set",
    );
    expect(reasonText({ code: "not_found", message: "x" }).advice).toMatch(/Discard/);
    expect(reasonText({ code: "forbidden", message: "x" }).advice).toMatch(/make you an editor/);
    expect(reasonText({ code: "something_new", message: "x" }).title).toBe(
      "Refused by the shared database",
    );
  });

  test("the change in words", () => {
    expect(changeSummary(edit)).toBe("Change of Name, Categories");
    expect(changeSummary({ ...edit, baseVersion: null })).toBe("New company: Name, Categories");
    expect(changeSummary({ mid: 1, op: "delete", type: "group", id: "g", baseVersion: 1 })).toBe(
      "Deletion of this group",
    );
  });

  test("the change's fields are editable by kind, the refused one first; a delete is not", () => {
    const error = { code: "invalid_field", message: "m", field: "fields.categories.0" };
    expect(editableFields(edit, error)).toEqual([
      { field: "categories", kind: "lines", value: ["VIP"] },
      { field: "name", kind: "text", value: null },
    ]);
    expect(
      editableFields(edit, { ...error, field: "fields.industry" }).map((f) => f.field),
    ).toEqual(["industry", "name", "categories"]);
    expect(
      editableFields(
        { ...edit, fields: { emails: [{ address: "x" }], durationMinutes: 5, completed: true } },
        { code: "outside_sync_set", message: "m" },
      ).map((f) => [f.field, f.kind]),
    ).toEqual([
      ["emails", "json"],
      ["durationMinutes", "number"],
      ["completed", "yesno"],
    ]);
    expect(
      editableFields({ mid: 1, op: "delete", type: "group", id: "g", baseVersion: 1 }, error),
    ).toEqual([]);
    expect(topField("fields.emails.2.address")).toBe("emails");
    expect(topField("jobTitle")).toBe("jobTitle");
  });

  test("edited text reads back into values; empty clears; bad numbers and JSON are refused", () => {
    expect(parseEdited("text", "  Fabrikam ")).toEqual({ ok: true, value: "  Fabrikam " });
    expect(parseEdited("text", "   ")).toEqual({ ok: true, value: null });
    expect(parseEdited("number", "12")).toEqual({ ok: true, value: 12 });
    expect(parseEdited("number", "twelve")).toMatchObject({ ok: false });
    expect(parseEdited("lines", "VIP\n\n Customers \n")).toEqual({
      ok: true,
      value: ["VIP", "Customers"],
    });
    expect(parseEdited("yesno", "yes")).toEqual({ ok: true, value: true });
    expect(parseEdited("json", '[{"address":"a@x.com"}]')).toEqual({
      ok: true,
      value: [{ address: "a@x.com" }],
    });
    expect(parseEdited("json", "[{")).toMatchObject({ ok: false });
    expect(initialText({ field: "categories", kind: "lines", value: ["A", "B"] })).toBe("A\nB");
    expect(initialText({ field: "completed", kind: "yesno", value: true })).toBe("yes");
    expect(initialText({ field: "name", kind: "text", value: null })).toBe("");
  });
});
