/**
 * The import's plan (src/taskpane/import/plan.ts): duplicates against the offline copy, the
 * four choices, companies and groups matched by name or made, batches, and Undo import's
 * judgement of "nobody edited it since".
 */
import type { ImportedContact } from "../../../src/import";
import type { LocalEdit } from "../../../src/sync/engine";
import type { ViewRecord } from "../../../src/sync/view";
import {
  contactBatches,
  emailKey,
  findDuplicates,
  groupEdits,
  mergeChanges,
  nameKey,
  planImport,
  undoPlan,
  untouchedSince,
} from "../../../src/taskpane/import/plan";
import { view } from "./view-records";

const incoming = (
  fields: ImportedContact["fields"],
  more: Partial<ImportedContact> = {},
): ImportedContact => ({ line: 2, fields, ...more });

const contoso = view("company", "k-contoso", { name: "Contoso Ltd" });
const ann = view("contact", "c-ann", {
  givenName: "Ann",
  familyName: "Lee",
  companyId: "k-contoso",
  emails: [{ address: "Ann.Lee@Contoso.com", primary: true }],
  jobTitle: "Buyer",
});
const bo = view("contact", "c-bo", { displayName: "Bo Berg", phones: [{ number: "+1 555 0100" }] });
const partners = view("group", "g-partners", { name: "Partners", memberIds: ["c-bo"] });
const existing = { contacts: [ann, bo], companies: [contoso], groups: [partners] };

let n = 0;
const ids = () => `id${++n}`;
beforeEach(() => {
  n = 0;
});

describe("duplicates", () => {
  test("match by e-mail address, trimmed and lower-cased, before anything else", () => {
    expect(emailKey("  Ann.Lee@CONTOSO.com ")).toBe("ann.lee@contoso.com");
    const found = findDuplicates(
      [
        incoming({ givenName: "Someone", emails: [{ address: " ann.lee@contoso.COM" }] }),
        incoming({ givenName: "New", emails: [{ address: "new@contoso.com" }] }),
      ],
      existing,
    );
    expect(found).toEqual([{ index: 0, match: ann, by: "email" }]);
  });

  test("match by name and company (case and spacing ignored), or by name when neither has a company", () => {
    expect(nameKey({ givenName: " ANN ", familyName: "lee" })).toBe("ann lee");
    expect(nameKey({ displayName: "Bo  Berg" })).toBe("bo berg");
    const found = findDuplicates(
      [
        incoming({ givenName: "ann", familyName: "LEE" }, { companyName: " contoso  ltd" }),
        incoming({ givenName: "Ann", familyName: "Lee" }, { companyName: "Fabrikam" }),
        incoming({ givenName: "Ann", familyName: "Lee" }),
        incoming({ givenName: "Bo", familyName: "Berg" }),
        incoming({ displayName: "Bo Berg" }, { companyName: "Fabrikam" }),
      ],
      existing,
    );
    expect(found.map((d) => [d.index, d.match.id, d.by])).toEqual([
      [0, "c-ann", "name"],
      [3, "c-bo", "name"],
    ]);
  });
});

describe("merge choices", () => {
  const file = {
    givenName: "Ann",
    jobTitle: "CFO",
    department: "Finance",
    emails: [{ address: "ann@home.example", primary: true }],
    custom: { Tier: { type: "text", value: "Gold" } },
  };
  const mine = {
    givenName: "Ann",
    jobTitle: "Buyer",
    emails: [{ address: "ann.lee@contoso.com", primary: true }],
    custom: { Tier: { type: "text", value: "Silver" }, Region: { type: "text", value: "EU" } },
  };

  test("fill sets only the empty fields and the user-defined fields it does not have", () => {
    expect(mergeChanges(mine, file, "fill")).toEqual({ department: "Finance" });
    expect(mergeChanges({ givenName: "Ann" }, file, "fill")).toEqual({
      jobTitle: "CFO",
      department: "Finance",
      emails: file.emails,
      custom: file.custom,
    });
  });

  test("update lets the file win, keeps list items it does not repeat, one primary address", () => {
    expect(mergeChanges(mine, file, "update")).toEqual({
      jobTitle: "CFO",
      department: "Finance",
      emails: [{ address: "ann@home.example", primary: true }, { address: "ann.lee@contoso.com" }],
      custom: { Tier: { type: "text", value: "Gold" }, Region: { type: "text", value: "EU" } },
    });
  });

  test("empty values in the file never clear a field; the same value is no change", () => {
    expect(mergeChanges(mine, { jobTitle: "", emails: [], givenName: "Ann" }, "update")).toEqual(
      {},
    );
  });
});

describe("the plan", () => {
  const file = [
    incoming(
      { givenName: "Ann", familyName: "Lee", department: "Finance" },
      { companyName: "CONTOSO LTD" },
    ),
    incoming(
      { givenName: "Cy", familyName: "Dahl" },
      { companyName: "Fabrikam", groupNames: ["partners", "Trade show"] },
    ),
    incoming({ givenName: "Di", familyName: "Eck" }, { companyName: "fabrikam" }),
  ];
  const companies = [{ fields: { name: "Contoso Ltd" } }, { fields: { name: "Fabrikam" } }];

  test("skip: duplicates are left alone; companies and groups are matched by name, or made once", () => {
    const plan = planImport(file, companies, existing, "skip", "imp1", ids);
    expect(plan.counts).toEqual({ create: 2, update: 0, skip: 1 });
    const fabrikam = plan.contacts[0]!.newCompanyId!;
    expect(plan.newCompanies.get(fabrikam)).toEqual({ name: "Fabrikam", importId: "imp1" });
    expect(plan.newCompanies.size).toBe(1);
    expect(plan.contacts.map((c) => c.newCompanyId)).toEqual([fabrikam, fabrikam]);
    const [cy] = plan.contacts;
    expect(cy!.edit).toMatchObject({
      op: "create",
      type: "contact",
      fields: { givenName: "Cy", companyId: fabrikam, importId: "imp1" },
    });
    const cyId = cy!.edit.id;
    const tradeShow = plan.groups.find((g) => g.name === "Trade show")!;
    expect(cy!.edit).toMatchObject({ fields: { groupIds: ["g-partners", tradeShow.id] } });

    // The company comes with the batch of its first contact, once.
    const batches = contactBatches(plan, 1);
    expect(batches.map((b) => b.map((e) => `${e.op} ${e.type}`))).toEqual([
      ["create company", "create contact"],
      ["create contact"],
    ]);
    expect(groupEdits(plan, new Set([cyId]))).toEqual([
      { op: "update", type: "group", id: "g-partners", changes: { memberIds: ["c-bo", cyId] } },
      {
        op: "create",
        type: "group",
        id: tradeShow.id,
        fields: { name: "Trade show", memberIds: [cyId], importId: "imp1" },
      },
    ]);
    // Cancelled before Cy was written: no group changes.
    expect(groupEdits(plan, new Set())).toEqual([]);
  });

  test("fill and update change the existing contact (no mark); add anyway makes a new one", () => {
    const fill = planImport(file, companies, existing, "fill", "imp1", ids);
    expect(fill.counts).toEqual({ create: 2, update: 1, skip: 0 });
    expect(fill.contacts[0]!.edit).toEqual({
      op: "update",
      type: "contact",
      id: "c-ann",
      changes: { department: "Finance" },
    });
    const add = planImport(file, companies, existing, "add", "imp1", ids);
    expect(add.counts).toEqual({ create: 3, update: 0, skip: 0 });
    expect(add.contacts[0]!.edit).toMatchObject({
      op: "create",
      fields: { companyId: "k-contoso", importId: "imp1" },
    });
  });

  test("a duplicate with nothing to fill counts as skipped", () => {
    const plan = planImport(
      [incoming({ givenName: "Ann", familyName: "Lee" }, { companyName: "Contoso Ltd" })],
      companies,
      existing,
      "fill",
      "imp1",
      ids,
    );
    expect(plan.counts).toEqual({ create: 0, update: 0, skip: 1 });
  });
});

describe("undo", () => {
  const FINISHED = "2026-11-26T10:00:05.000Z";
  const pendingView = (r: ViewRecord, at: string): ViewRecord => ({
    ...r,
    version: null,
    pending: true,
    updatedAt: at,
  });

  test("nobody edited it: version 1 on the server, or only changes made by the import's end", () => {
    const made = view("contact", "c1", { givenName: "A", importId: "imp1" });
    expect(untouchedSince(made, FINISHED)).toBe(true);
    expect(untouchedSince({ ...made, version: 2 }, FINISHED)).toBe(false);
    expect(untouchedSince(pendingView(made, "2026-11-26T10:00:04.000Z"), FINISHED)).toBe(true);
    expect(untouchedSince(pendingView(made, "2026-11-26T10:00:06.000Z"), FINISHED)).toBe(false);
    // On the server, with an edit of mine waiting.
    expect(untouchedSince({ ...made, pending: true }, FINISHED)).toBe(false);
  });

  test("removes what the import made and nobody edited; keeps what is edited or still named", () => {
    const records = {
      contacts: [
        view("contact", "c1", {
          givenName: "A",
          companyId: "k1",
          groupIds: ["g1"],
          importId: "imp1",
        }),
        view("contact", "c2", { givenName: "B", companyId: "k2", importId: "imp1" }),
        {
          ...view("contact", "c3", { givenName: "C", companyId: "k2", importId: "imp1" }),
          version: 2,
        },
        view("contact", "c4", { givenName: "D", importId: "imp0" }),
        ann,
      ],
      companies: [
        view("company", "k1", { name: "One", importId: "imp1" }),
        view("company", "k2", { name: "Two", importId: "imp1" }),
        contoso,
      ],
      groups: [
        view("group", "g1", { name: "New", memberIds: ["c1"], importId: "imp1" }),
        view("group", "g-partners", { name: "Partners", memberIds: ["c-bo", "c2"] }),
      ],
    };
    const undo = undoPlan("imp1", FINISHED, records);
    const names = (edits: LocalEdit[]) => edits.map((e) => `${e.op} ${e.type} ${e.id}`);
    expect(names(undo.edits)).toEqual([
      "remove contact c1",
      "remove contact c2",
      "remove company k1",
      "remove group g1",
      "update group g-partners",
    ]);
    expect(undo.edits.at(-1)).toMatchObject({ changes: { memberIds: ["c-bo"] } });
    // c3 was edited; k2 stays because c3 names it.
    expect(undo.counts).toEqual({ contacts: 2, companies: 1, groups: 1, kept: 2 });
  });
});
