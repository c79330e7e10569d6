/**
 * The import's writer and Undo import (src/taskpane/import/write.ts) with the real sync engine
 * on a memory store: batches through the outbox, a cancel half-way (what was written stays, the
 * groups get only the contacts written, the user is told how many), and an undo that keeps the
 * contact edited since.
 */
import type { ImportedContact } from "../../../src/import";
import { currentActivity } from "../../../src/taskpane/import/activity";
import { importsOf } from "../../../src/taskpane/import/import-log";
import { planImport } from "../../../src/taskpane/import/plan";
import { BUSY, runImport, runUndo } from "../../../src/taskpane/import/write";
import { FakeServer, client } from "../sync/engine-helpers";

const people = (n: number): ImportedContact[] =>
  Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    fields: { givenName: `Person`, familyName: `${i}`, emails: [{ address: `p${i}@example.com` }] },
    companyName: i % 2 === 0 ? "Contoso" : "Fabrikam",
    groupNames: ["Newsletter"],
  }));

async function setUp(n: number) {
  const ann = await client(new FakeServer(), "ann@contoso.com");
  const plan = planImport(
    people(n),
    [],
    { contacts: [], companies: [], groups: [] },
    "skip",
    ann.engine.newId(),
    () => ann.engine.newId(),
  );
  return { ann, plan };
}

test("writes in batches through the outbox; cancelled after the first, what was written stays", async () => {
  const { ann, plan } = await setUp(1200);
  let batches = 0;
  ann.engine.subscribe((event) => {
    if (event.type !== "changed") return;
    batches++;
    if (batches === 1) currentActivity()?.cancel?.();
  });

  const { record } = (await runImport(ann.engine, plan, "people.csv", (i) => i + 2))!;

  expect(record).toMatchObject({ contacts: 500, companies: 2, groups: 1, cancelled: true });
  // The first batch (500 contacts and the 2 companies they need) and the groups: two writes.
  expect(batches).toBe(2);
  const contacts = ann.engine.records("contact");
  expect(contacts).toHaveLength(500);
  const [group] = ann.engine.records("group");
  expect(group?.fields.memberIds).toHaveLength(500);
  expect(new Set(group?.fields.memberIds as string[])).toEqual(new Set(contacts.map((c) => c.id)));
  expect(currentActivity()?.outcome).toBe(
    "Import stopped: 500 of 1,200 contacts were written and stay (500 contacts added, 2 companies, 1 group).",
  );
  // Ordinary changes: they wait in the outbox, and reach the server with the next sync.
  expect(ann.engine.outbox).toHaveLength(503);
  await ann.engine.sync();
  expect(ann.engine.outbox).toHaveLength(0);
});

test("undo removes what nobody edited since, before and after a sync, and keeps the edited contact", async () => {
  const { ann, plan } = await setUp(6);
  const { record } = (await runImport(ann.engine, plan, "people.csv", (i) => i + 2))!;
  expect(record).toMatchObject({ contacts: 6, companies: 2, groups: 1, cancelled: false });
  await ann.engine.sync();
  const [first, second] = ann.engine.records("contact");
  // Edited after the import: once on the server (version 2), once only here (pending).
  await ann.engine.update("contact", first!.id, { jobTitle: "Buyer" });
  await ann.engine.sync();
  await ann.engine.update("contact", second!.id, { jobTitle: "CFO" });

  const outcome = await runUndo(ann.engine, record);

  expect(
    ann.engine
      .records("contact")
      .map((c) => c.id)
      .sort(),
  ).toEqual([first!.id, second!.id].sort());
  // Their companies and the group stay: the remaining contacts name them.
  expect(ann.engine.records("group")[0]?.fields.memberIds).toEqual(
    expect.arrayContaining([first!.id, second!.id]),
  );
  expect(ann.engine.records("group")[0]?.fields.memberIds).toHaveLength(2);
  expect(outcome).toBe(
    "Import undone: 4 contacts, 0 companies and 0 groups removed. 5 records were edited since or still in use, and stay.",
  );
});

test("each batch written is remembered for Undo import at once: a pane closed in the middle can undo it", async () => {
  // The import log lives in the origin's localStorage, which Node has not: a map stands in.
  const items = new Map<string, string>();
  const storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
  Object.defineProperty(globalThis, "localStorage", { value: storage, configurable: true });
  try {
    const { ann, plan } = await setUp(1200);
    const seen: Array<ReturnType<typeof importsOf>> = [];
    let batches = 0;
    ann.engine.subscribe((event) => {
      // While the second batch is written, the first is in the copy: the pane could close now.
      if (event.type === "changed" && ++batches === 2) seen.push(importsOf(ann.engine.copyId));
    });
    await runImport(ann.engine, plan, "people.csv", (i) => i + 2);
    expect(seen[0]).toEqual([
      expect.objectContaining({ id: plan.importId, contacts: 500, cancelled: true }),
    ]);
    // Once finished, one record of it, as finished.
    expect(importsOf(ann.engine.copyId)).toEqual([
      expect.objectContaining({ id: plan.importId, contacts: 1200, cancelled: false }),
    ]);
  } finally {
    Reflect.deleteProperty(globalThis, "localStorage");
  }
});

test("one import at a time on a copy: a second one (or an undo) meanwhile is refused, writing nothing", async () => {
  const { ann, plan } = await setUp(1200);
  const second = planImport(
    people(3),
    [],
    { contacts: [], companies: [], groups: [] },
    "add",
    ann.engine.newId(),
    () => ann.engine.newId(),
  );
  let refused: Awaited<ReturnType<typeof runImport>> | undefined;
  let undone: string | undefined;
  let during: string | null | undefined;
  let asked = false;
  ann.engine.subscribe((event) => {
    if (event.type !== "changed" || asked) return;
    asked = true;
    // While the first batch is in, another import and an undo are asked for.
    void runImport(ann.engine, second, "more.csv", (i) => i + 2).then((r) => {
      refused = r;
      during = currentActivity()?.outcome;
    });
    const earlier = {
      id: "earlier-import",
      fileName: "old.csv",
      finishedAt: new Date().toISOString(),
      contacts: 1,
      updated: 0,
      companies: 0,
      groups: 0,
      cancelled: false,
    };
    void runUndo(ann.engine, earlier).then((o) => (undone = o));
  });
  const first = await runImport(ann.engine, plan, "people.csv", (i) => i + 2);
  expect(refused).toBeNull();
  expect(during).toBe(BUSY);
  expect(undone).toBe(BUSY);
  expect(first?.record).toMatchObject({ contacts: 1200, cancelled: false });
  expect(ann.engine.records("contact")).toHaveLength(1200);
  // Once it finished, the next one runs.
  expect((await runImport(ann.engine, second, "more.csv", (i) => i + 2))?.record).toMatchObject({
    contacts: 3,
  });
});
