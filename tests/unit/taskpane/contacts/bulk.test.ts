/**
 * Bulk actions on selected contacts: the plan of a batch (pure: limits, contacts left as they
 * were, the group's side, the undo of a delete, the words said), and the runner with the real
 * sync engine on a memory store (batches through the outbox, progress, one undo for a delete).
 */
import type { BulkAction } from "../../../../src/taskpane/contacts/bulk/bulk-plan";
import {
  checkCategory,
  groupMembers,
  outcomeText,
  planBatch,
  restoreEdits,
} from "../../../../src/taskpane/contacts/bulk/bulk-plan";
import { restoreContacts, runBulk } from "../../../../src/taskpane/contacts/bulk/bulk-run";
import { currentActivity, setActivity } from "../../../../src/taskpane/import/activity";
import { FakeServer, client } from "../../sync/engine-helpers";
import { view } from "../view-records";

const fifty = Array.from({ length: 50 }, (_, i) => `Tag ${i}`);
const ann = view("contact", "ann", { displayName: "Ann", categories: ["vip", "Press"] });
const bob = view("contact", "bob", { displayName: "Bob", companyId: "k-fab" });
const cy = view("contact", "cy", { displayName: "Cy", categories: fifty });
const tally = { changed: 0, unchanged: 0, full: 0, gone: 0, failed: 0, reason: null };

test("adding a category skips who has it (whatever its case) and who has 50", () => {
  const plan = planBatch({ kind: "add-category", category: "VIP" }, [ann, bob, cy]);
  expect(plan.edits).toEqual([
    { op: "update", type: "contact", id: "bob", changes: { categories: ["VIP"] } },
  ]);
  expect(plan).toMatchObject({ unchanged: 1, full: 1 });
  expect(
    outcomeText(
      { kind: "add-category", category: "VIP" },
      { ...tally, changed: 1, unchanged: 1, full: 1 },
    ),
  ).toBe(
    "Added ‘VIP’ to 1 contact. 1 contact has it already. 1 contact was left out: it has 50 categories, the most a contact can have.",
  );
});

test("a contact at 50 categories keeps one it has; removing clears an emptied list", () => {
  expect(planBatch({ kind: "add-category", category: "tag 3" }, [cy])).toMatchObject({
    edits: [],
    unchanged: 1,
    full: 0,
  });
  const plan = planBatch({ kind: "remove-category", category: "PRESS" }, [
    ann,
    bob,
    view("contact", "dee", { categories: ["press"] }),
  ]);
  expect(plan.edits).toEqual([
    { op: "update", type: "contact", id: "ann", changes: { categories: ["vip"] } },
    { op: "update", type: "contact", id: "dee", changes: { categories: null } },
  ]);
  expect(plan.unchanged).toBe(1);
  expect(
    outcomeText(
      { kind: "remove-category", category: "Press" },
      { ...tally, changed: 2, unchanged: 3 },
    ),
  ).toBe("Removed ‘Press’ from 2 contacts. 3 contacts do not have it.");
});

test("a category is checked as the form would", () => {
  expect(checkCategory("  VIP ")).toEqual({ category: "VIP" });
  expect(checkCategory("   ")).toEqual({ problem: "Type a category." });
  expect(checkCategory("a,b")).toEqual({ problem: "A category cannot contain a comma." });
  expect(checkCategory("x".repeat(101))).toEqual({
    problem: "A category has at most 100 characters.",
  });
  expect(checkCategory("😀".repeat(100))).toEqual({ category: "😀".repeat(100) });
});

test("setting the company skips who works there already; clearing it sets null", () => {
  const set: BulkAction = { kind: "set-company", companyId: "k-fab", companyName: "Fabrikam" };
  expect(planBatch(set, [ann, bob])).toMatchObject({
    edits: [{ op: "update", type: "contact", id: "ann", changes: { companyId: "k-fab" } }],
    unchanged: 1,
  });
  const clear: BulkAction = { kind: "set-company", companyId: null, companyName: null };
  expect(planBatch(clear, [ann, bob])).toMatchObject({
    edits: [{ op: "update", type: "contact", id: "bob", changes: { companyId: null } }],
    unchanged: 1,
  });
  expect(outcomeText(set, { ...tally, changed: 3, unchanged: 1 })).toBe(
    "Set the company of 3 contacts to Fabrikam. 1 contact works there already.",
  );
  expect(outcomeText(clear, { ...tally, changed: 1, unchanged: 2 })).toBe(
    "Removed the company from 1 contact. 2 contacts have no company.",
  );
});

test("adding to a group writes both sides; members on either side count as members already", () => {
  const group = view("group", "g1", { name: "Newsletter", memberIds: ["ann", "bob"] });
  const inHundred = Array.from({ length: 100 }, (_, i) => `g-${i}`);
  const contacts = [
    view("contact", "ann", { groupIds: ["g1"] }),
    view("contact", "bob", {}),
    view("contact", "cy", { groupIds: ["g1"] }),
    view("contact", "dee", {}),
    view("contact", "eve", { groupIds: inHundred }),
  ];
  const plan = planBatch({ kind: "add-to-group", group }, contacts);
  expect(plan.edits).toEqual([
    { op: "update", type: "contact", id: "bob", changes: { groupIds: ["g1"] } },
    { op: "update", type: "contact", id: "dee", changes: { groupIds: ["g1"] } },
  ]);
  expect(plan.members).toEqual(["cy", "dee"]);
  expect(plan).toMatchObject({ unchanged: 3, full: 1 });
  expect(groupMembers(group, plan.members)).toEqual({ memberIds: ["ann", "bob", "cy", "dee"] });
  expect(groupMembers(group, ["ann"])).toBeNull();
  expect(
    outcomeText({ kind: "add-to-group", group }, { ...tally, changed: 1, unchanged: 3, full: 1 }),
  ).toBe(
    "Added 1 contact to Newsletter. 3 contacts were members already. 1 contact was left out: it is in 100 groups, the most a contact can be in.",
  );
});

test("a group's own list stops at 5,000 members: past it the contacts' side alone says so", () => {
  const current = Array.from({ length: 4_990 }, (_, i) => `m${i}`);
  const group = view("group", "g1", { name: "Big", memberIds: current });
  const more = Array.from({ length: 30 }, (_, i) => `n${i}`);
  const changes = groupMembers(group, more);
  expect(changes?.memberIds).toHaveLength(5_000);
  expect(
    groupMembers(view("group", "g1", { memberIds: [...current, ...more.slice(0, 10)] }), more),
  ).toBeNull();
});

test("a delete removes each contact; its undo makes each again with its fields", () => {
  const plan = planBatch({ kind: "delete" }, [ann, bob]);
  expect(plan.edits).toEqual([
    { op: "remove", type: "contact", id: "ann" },
    { op: "remove", type: "contact", id: "bob" },
  ]);
  expect(restoreEdits([ann, bob])).toEqual([
    { op: "create", type: "contact", id: "ann", fields: ann.fields },
    { op: "create", type: "contact", id: "bob", fields: bob.fields },
  ]);
  expect(outcomeText({ kind: "delete" }, { ...tally, changed: 2, gone: 1 })).toBe(
    "Deleted 2 contacts. 1 contact was deleted meanwhile.",
  );
});

async function withContacts(n: number) {
  const ann = await client(new FakeServer(), "ann@contoso.com");
  const { engine } = ann;
  const edits = Array.from({ length: n }, (_, i) => ({
    op: "create" as const,
    type: "contact" as const,
    id: `c${i}`,
    fields: { displayName: `Person ${i}`, ...(i === 0 ? { categories: fifty } : {}) },
  }));
  await engine.applyAll(edits);
  await engine.sync();
  setActivity(null);
  return { engine, ids: edits.map((e) => e.id) };
}

test("1,200 contacts get a category in batches of 500, with progress, through the outbox", async () => {
  const { engine, ids } = await withContacts(1_200);
  const seen: number[] = [];
  engine.subscribe((event) => {
    if (event.type === "changed") seen.push(currentActivity()?.done ?? -1);
  });
  const { text } = await runBulk(engine, { kind: "add-category", category: "VIP" }, ids);
  // One write per batch, the status bar counting up meanwhile.
  expect(seen).toEqual([0, 500, 1000]);
  expect(text).toBe(
    "Added ‘VIP’ to 1,199 contacts. 1 contact was left out: it has 50 categories, the most a contact can have.",
  );
  expect(currentActivity()).toMatchObject({ done: 1_200, total: 1_200, outcome: text });
  const tagged = engine
    .records("contact")
    .filter((c) => (c.fields.categories as string[] | undefined)?.includes("VIP"));
  expect(tagged).toHaveLength(1_199);
  expect(engine.outbox).toHaveLength(1_199);
});

test("a contact deleted meanwhile is said, not written", async () => {
  const { engine, ids } = await withContacts(3);
  await engine.remove("contact", "c2");
  const { text } = await runBulk(
    engine,
    { kind: "set-company", companyId: null, companyName: null },
    ids,
  );
  expect(text).toBe(
    "Removed the company from 0 contacts. 2 contacts have no company. 1 contact was deleted meanwhile.",
  );
});

test("adding 600 contacts to a group writes the contacts' side, then the group's once", async () => {
  const { engine, ids } = await withContacts(600);
  const created = await engine.create("group", { name: "Newsletter", memberIds: ["c1"] }, "g1");
  expect(created.status).toBe("saved");
  const group = engine.get("group", "g1")!;
  const { text } = await runBulk(engine, { kind: "add-to-group", group }, ids);
  expect(text).toBe("Added 599 contacts to Newsletter. 1 contact was a member already.");
  expect(new Set(engine.get("group", "g1")?.fields.memberIds as string[])).toEqual(new Set(ids));
  for (const contact of engine.records("contact")) expect(contact.fields.groupIds).toEqual(["g1"]);
});

test("a delete of 1,100 contacts is undone at once, every contact back with its fields", async () => {
  const { engine, ids } = await withContacts(1_100);
  const before = engine.records("contact").map((c) => [c.id, c.fields]);
  const { text, deleted } = await runBulk(engine, { kind: "delete" }, ids);
  expect(text).toBe("Deleted 1,100 contacts.");
  expect(engine.records("contact")).toHaveLength(0);
  expect(deleted).toHaveLength(1_100);
  await restoreContacts(engine, deleted);
  expect(currentActivity()?.outcome).toBe("Restored 1,100 contacts.");
  expect(engine.records("contact").map((c) => [c.id, c.fields])).toEqual(before);
  await engine.sync();
  expect(engine.outbox).toHaveLength(0);
  expect(engine.records("contact")).toHaveLength(1_100);
});
