/**
 * Find duplicates (src/taskpane/duplicates): which contacts pair (a shared address; a name at one
 * company, accents, case, order and a middle name ignored; never a name alone across companies),
 * 50,000 contacts indexed, "not a duplicate" remembered, the `notDuplicateOf` field's rules, and
 * the merge plan with its undo, carried out by the real engine, and a merge of a contact a
 * colleague changed meanwhile kept as a conflict for the inbox.
 */
import type { Fields } from "../../../src/shared/json";
import type { Json } from "../../../src/shared/protocol";
import { validateFields } from "../../../src/shared/records";
import {
  findDuplicatePairs,
  notDuplicateEdit,
  personKey,
} from "../../../src/taskpane/duplicates/find-duplicates";
import { fieldChoices, mergePlan } from "../../../src/taskpane/duplicates/merge-plan";
import { client, FakeServer } from "../sync/engine-helpers";
import { view } from "./view-records";

const contact = (id: string, fields: Fields) => view("contact", id, fields);
const companies = [
  view("company", "contoso", { name: "Contoso" }),
  view("company", "contoso-2", { name: " CONTOSO " }),
  view("company", "fabrikam", { name: "Fabrikam" }),
];
const pairIds = (contacts: ReturnType<typeof contact>[]) =>
  findDuplicatePairs(contacts, companies).map((p) => [p.a.id, p.b.id, p.by]);

describe("finding pairs", () => {
  test("a name at the same company matches without accents, case, spacing, order or middle name", () => {
    expect(
      pairIds([
        contact("c1", { displayName: "José García", companyId: "contoso" }),
        contact("c2", { givenName: "jose", familyName: "GARCIA", companyId: "contoso" }),
        contact("c3", { displayName: "García,  José", companyId: "contoso-2" }),
        contact("c4", {
          givenName: "José",
          middleName: "María",
          familyName: "García",
          companyId: "contoso",
        }),
      ]),
    ).toEqual([
      ["c1", "c2", "name"],
      ["c1", "c3", "name"],
      ["c1", "c4", "name"],
    ]);
    expect(personKey({ givenName: "Søren", familyName: "Østergård" })).toBe(
      personKey({ displayName: "soren ostergard" }),
    );
  });

  test("a name alone never pairs contacts at different companies or without one", () => {
    expect(
      pairIds([
        contact("c1", { displayName: "Maria Garcia", companyId: "contoso" }),
        contact("c2", { displayName: "Maria Garcia", companyId: "fabrikam" }),
        contact("c3", { displayName: "Maria Garcia" }),
        contact("c4", { displayName: "Maria Garcia" }),
        contact("c5", { displayName: "Maria Lopez", companyId: "contoso" }),
      ]),
    ).toEqual([]);
  });

  test("a shared address pairs, case and spaces ignored, whatever the names and companies", () => {
    const pairs = findDuplicatePairs(
      [
        contact("c1", { displayName: "M. Garcia", emails: [{ address: "Maria@Contoso.com" }] }),
        contact("c2", {
          displayName: "Maria",
          companyId: "fabrikam",
          emails: [{ address: "other@x.com" }, { address: "maria@contoso.com" }],
        }),
        contact("c3", { displayName: "Someone", emails: [{ address: "someone@contoso.com" }] }),
      ],
      companies,
    );
    expect(pairs.map((p) => [p.a.id, p.b.id, p.by, p.address])).toEqual([
      ["c1", "c2", "email", "maria@contoso.com"],
    ]);
  });

  test("a pair found both ways is offered once", () => {
    const same = {
      displayName: "Ann Lee",
      companyId: "contoso",
      emails: [{ address: "ann@c.com" }],
    };
    expect(pairIds([contact("c1", same), contact("c2", same)])).toEqual([["c1", "c2", "email"]]);
  });

  test("not a duplicate: remembered on either side, and a third contact still pairs", () => {
    const a = contact("c1", { displayName: "Ann Lee", emails: [{ address: "ann@c.com" }] });
    const b = contact("c2", { displayName: "Ann Lee", emails: [{ address: "ann@c.com" }] });
    const edit = notDuplicateEdit({ a, b });
    expect(edit).toEqual({ id: "c1", changes: { notDuplicateOf: ["c2"] } });
    const marked = contact("c1", { ...a.fields, ...edit.changes });
    const c = contact("c3", { displayName: "Ann", emails: [{ address: "ANN@c.com" }] });
    expect(pairIds([marked, b])).toEqual([]);
    expect(pairIds([a, contact("c2", { ...b.fields, notDuplicateOf: ["c1"] })])).toEqual([]);
    expect(pairIds([marked, b, c])).toEqual([["c1", "c3", "email"]]);
    const full = contact("c1", { ...a.fields, notDuplicateOf: ["x1", "x2"] });
    expect(notDuplicateEdit({ a: full, b })).toEqual({
      id: "c2",
      changes: { notDuplicateOf: ["c1"] },
    });
  });

  test("50,000 contacts: the planted pairs are found, by index, and nothing else", () => {
    const many = Array.from({ length: 50_000 }, (_, i) =>
      contact(`p${String(i).padStart(5, "0")}`, {
        givenName: `Given${i}`,
        familyName: `Family${i}`,
        companyId: i % 2 === 0 ? "contoso" : "fabrikam",
        emails: [{ address: `person${i}@example.com` }],
      }),
    );
    // A shared address across companies, a name at one company with accents, and a common name
    // at different companies (no pair).
    many.push(
      contact("q1", { displayName: "Person 17", emails: [{ address: "PERSON17@example.com" }] }),
    );
    many.push(contact("q2", { displayName: "Gívén40 Fámily40", companyId: "contoso" }));
    many.push(contact("q3", { displayName: "Family41 Given41", companyId: "contoso" }));
    expect(pairIds(many)).toEqual([
      ["p00017", "q1", "email"],
      ["p00040", "q2", "name"],
    ]);
  });
});

describe("the notDuplicateOf field", () => {
  test("holds distinct ids, at most 200", () => {
    expect(validateFields("contact", { notDuplicateOf: ["c1", "c2"] }, "update").ok).toBe(true);
    expect(validateFields("contact", { notDuplicateOf: ["c1", "c1"] }, "update")).toMatchObject({
      ok: false,
      field: "notDuplicateOf.1",
    });
    expect(validateFields("contact", { notDuplicateOf: ["not an id!"] }, "update")).toMatchObject({
      ok: false,
      field: "notDuplicateOf.0",
    });
    const many = Array.from({ length: 201 }, (_, i) => `c${i}`);
    expect(validateFields("contact", { notDuplicateOf: many }, "update")).toMatchObject({
      ok: false,
      field: "notDuplicateOf",
    });
  });
});

describe("merge plan", () => {
  const a = contact("a1", {
    displayName: "Maria Garcia",
    jobTitle: "Buyer",
    emails: [{ address: "maria@contoso.com", primary: true }],
    categories: ["Customers"],
    groupIds: ["g1"],
    custom: { Region: { type: "text", value: "North" } },
  });
  const b = contact("b1", {
    displayName: "María García",
    department: "Purchasing",
    jobTitle: "Head of Purchasing",
    emails: [{ address: "MARIA@contoso.com" }, { address: "mg@home.example", primary: true }],
    categories: ["customers", "VIP"],
    groupIds: ["g2"],
    notDuplicateOf: ["x1"],
    importId: "imp1",
  });
  const related = {
    history: [
      view("history", "h1", { kind: "note", contactIds: ["b1"] }),
      view("history", "h2", { kind: "note", contactIds: ["b1", "z1", "a1"] }),
      view("history", "h3", { kind: "note", contactIds: ["z1"] }),
    ],
    groups: [
      view("group", "g1", { name: "One", memberIds: ["a1"] }),
      view("group", "g2", { name: "Two", memberIds: ["b1"] }),
      view("group", "g3", { name: "Three", memberIds: ["b1", "a1"] }),
    ],
    contacts: [a, b, contact("x1", { displayName: "X", notDuplicateOf: ["b1"] })],
  };

  test("offers the differing fields, combined where both have a list", () => {
    const choices = fieldChoices(a, b).map((c) => [c.name, c.options.join(","), c.initial]);
    expect(choices).toEqual([
      ["displayName", "a,b", "a"],
      ["jobTitle", "a,b", "a"],
      ["department", "a,b", "b"],
      ["emails", "a,b,both", "both"],
      ["categories", "a,b,both", "both"],
      ["custom", "a,b", "a"],
    ]);
  });

  test("the kept contact takes the chosen values; history, groups and marks move to it; the other goes last", () => {
    const plan = mergePlan({ a, b }, { jobTitle: "b" }, related);
    expect(plan.edits).toEqual([
      {
        op: "update",
        type: "contact",
        id: "a1",
        changes: {
          jobTitle: "Head of Purchasing",
          department: "Purchasing",
          emails: [{ address: "maria@contoso.com", primary: true }, { address: "mg@home.example" }],
          categories: ["Customers", "VIP"],
          groupIds: ["g1", "g2", "g3"],
          notDuplicateOf: ["x1"],
        },
      },
      { op: "update", type: "history", id: "h1", changes: { contactIds: ["a1"] } },
      { op: "update", type: "history", id: "h2", changes: { contactIds: ["a1", "z1"] } },
      { op: "update", type: "group", id: "g2", changes: { memberIds: ["a1"] } },
      { op: "update", type: "group", id: "g3", changes: { memberIds: ["a1"] } },
      { op: "update", type: "contact", id: "x1", changes: { notDuplicateOf: ["a1"] } },
      { op: "remove", type: "contact", id: "b1" },
    ]);
    expect(plan.moved).toEqual({ history: 2, groups: 2 });
    for (const edit of plan.edits)
      if (edit.op === "update")
        expect(validateFields(edit.type, edit.changes, "update").ok).toBe(true);
  });

  test("choosing the other's value, or emptying, writes it; the undo gives every record back", () => {
    const plan = mergePlan({ a, b }, { emails: "b", custom: "b", displayName: "b" }, related);
    const kept = plan.edits[0];
    expect(kept).toMatchObject({
      id: "a1",
      changes: { displayName: "María García", emails: b.fields.emails, custom: null },
    });
    expect(plan.undo).toEqual([
      { op: "create", type: "contact", id: "b1", fields: b.fields },
      {
        op: "update",
        type: "contact",
        id: "a1",
        changes: {
          displayName: "Maria Garcia",
          emails: a.fields.emails,
          categories: ["Customers"],
          groupIds: ["g1"],
          custom: a.fields.custom,
          department: null,
          notDuplicateOf: null,
        },
      },
      { op: "update", type: "history", id: "h1", changes: { contactIds: ["b1"] } },
      { op: "update", type: "history", id: "h2", changes: { contactIds: ["b1", "z1", "a1"] } },
      { op: "update", type: "group", id: "g2", changes: { memberIds: ["b1"] } },
      { op: "update", type: "group", id: "g3", changes: { memberIds: ["b1", "a1"] } },
      { op: "update", type: "contact", id: "x1", changes: { notDuplicateOf: ["b1"] } },
    ]);
  });
});

describe("a merge through the engine", () => {
  const ANN = "ann@contoso.com";
  const BOB = "bob@contoso.com";

  async function seeded() {
    const server = new FakeServer();
    const bob = await client(server, BOB);
    await bob.engine.applyAll([
      { op: "create", type: "contact", id: "a1", fields: { displayName: "Maria Garcia" } },
      {
        op: "create",
        type: "contact",
        id: "b1",
        fields: { displayName: "María García", jobTitle: "Buyer", groupIds: ["g1"] },
      },
      { op: "create", type: "group", id: "g1", fields: { name: "News", memberIds: ["b1"] } },
      { op: "create", type: "history", id: "h1", fields: { kind: "note", contactIds: ["b1"] } },
    ]);
    await bob.engine.sync();
    const ann = await client(server, ANN);
    await ann.engine.sync();
    const e = ann.engine;
    const plan = mergePlan(
      { a: e.get("contact", "a1")!, b: e.get("contact", "b1")! },
      {},
      {
        history: e.records("history"),
        groups: e.records("group"),
        contacts: e.records("contact"),
      },
    );
    return { server, ann, bob, plan };
  }

  const snapshot = (records: { type: string; id: string; fields: Record<string, Json> }[]) =>
    records.map((r) => [r.type, r.id, r.fields]).sort();

  test("merged, synced, then undone in one batch: every record as it was, on the server too", async () => {
    const { server, ann, plan } = await seeded();
    const e = ann.engine;
    const all = () =>
      snapshot((["contact", "group", "history"] as const).flatMap((t) => [...e.records(t)]));
    const before = all();
    const outcomes = await e.applyAll(plan.edits);
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "saved", "saved", "saved"]);
    expect(e.get("contact", "b1")).toBeNull();
    expect(e.get("history", "h1")?.fields.contactIds).toEqual(["a1"]);
    expect(e.get("group", "g1")?.fields.memberIds).toEqual(["a1"]);
    expect(e.get("contact", "a1")?.fields).toEqual({
      displayName: "Maria Garcia",
      jobTitle: "Buyer",
      groupIds: ["g1"],
    });
    await e.sync();
    expect(server.record("contact", "b1")).toBeUndefined();
    expect(server.record("history", "h1")?.fields.contactIds).toEqual(["a1"]);

    await e.applyAll(plan.undo);
    expect(all()).toEqual(before);
    await e.sync();
    expect(e.outbox).toEqual([]);
    expect(server.record("contact", "b1")?.fields).toEqual(
      before.find(([, id]) => id === "b1")?.[2],
    );
    expect(server.record("history", "h1")?.fields.contactIds).toEqual(["b1"]);
  });

  test("a colleague changed the removed contact meanwhile: the delete waits in the inbox, the edit is kept", async () => {
    const { server, ann, bob, plan } = await seeded();
    await ann.engine.applyAll(plan.edits);
    await bob.engine.update("contact", "b1", { jobTitle: "Head of Purchasing" });
    await bob.engine.sync();
    await ann.engine.sync();
    expect(ann.engine.inbox).toEqual([
      expect.objectContaining({ type: "contact", id: "b1", field: "*", op: "delete" }),
    ]);
    expect(server.record("contact", "b1")?.fields.jobTitle).toBe("Head of Purchasing");
    // The rest of the merge went through.
    expect(server.record("history", "h1")?.fields.contactIds).toEqual(["a1"]);
    await ann.engine.answer(ann.engine.inbox[0]!, "theirs");
    await ann.engine.sync();
    expect(ann.engine.get("contact", "b1")?.fields.jobTitle).toBe("Head of Purchasing");
  });
});
