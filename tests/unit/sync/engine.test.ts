/**
 * The sync engine against an in-memory server that merges with the API's own code: the outbox
 * (stored before shown, mids, coalescing), the view, push results of every status, conflict
 * rules, needs attention, lost answers and duplicates, mid gaps, expired cursors, export and
 * drop, settings, and two panes on one copy.
 */
import { ApiError, type Transport } from "../../../src/sync/transport";
import { CLIENT_KEY, OUTBOX_PREFIX, outboxKey } from "../../../src/sync/keys";
import { SyncEngine } from "../../../src/sync/engine";
import { MemoryBroadcastHub, MemoryLocks } from "../../../src/sync/memory-ports";
import { MemoryStore } from "../../../src/store/memory-store";
import { StoreError } from "../../../src/sync/store";
import { DEFAULT_SETTINGS } from "../../../src/sync/settings";

import { DB, FakeServer, client, fieldsOf, ownerOf } from "./engine-helpers";

const ANN = "ann@contoso.com";
const BOB = "bob@contoso.com";

/** A record created on the server by Bob (outside any engine), and pulled by `c`. */
function seed(server: FakeServer, id: string, fields: Record<string, string>) {
  return server.write(BOB, "c-bob-seed", {
    op: "upsert",
    type: "contact",
    id,
    baseVersion: null,
    fields,
    at: "2026-11-26T08:00:00.000Z",
  });
}

/** Bob edits a field on the server (based on the server's current value). */
function bobEdits(
  server: FakeServer,
  id: string,
  fields: Record<string, string | null>,
  at: string,
) {
  const current = server.record("contact", id)!;
  const base = Object.fromEntries(Object.keys(fields).map((f) => [f, current.fields[f] ?? null]));
  return server.write(BOB, "c-bob", {
    op: "upsert",
    type: "contact",
    id,
    baseVersion: current.version,
    base,
    fields,
    at,
  });
}

describe("the outbox", () => {
  test("a change is stored before the view shows it, with the next mid, and survives a reopen", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    expect(ann.engine.fresh).toBe(true);
    const saved = await ann.engine.create("contact", { givenName: "Ann", jobTitle: null }, "c1");
    expect(saved).toMatchObject({ status: "saved", record: { fields: { givenName: "Ann" } } });
    expect(await ann.store.get(outboxKey(1))).toMatchObject({
      mutation: { mid: 1, op: "upsert", id: "c1", baseVersion: null, fields: { givenName: "Ann" } },
    });
    await ann.engine.create("company", { name: "Contoso" }, "k1");

    const reopened = await SyncEngine.open({
      owner: ownerOf(ANN),
      store: ann.store,
      transport: server.as(ANN),
    });
    expect(reopened.fresh).toBe(false);
    expect(reopened.clientId).toBe(ann.engine.clientId);
    expect(reopened.outbox.map((e) => e.mutation.mid)).toEqual([1, 2]);
    expect(reopened.get("contact", "c1")).toMatchObject({
      fields: { givenName: "Ann" },
      pending: true,
      version: null,
    });
  });

  test("invalid changes never enter the outbox", async () => {
    const ann = await client(new FakeServer(), ANN);
    await expect(ann.engine.create("company", {})).resolves.toMatchObject({
      status: "invalid",
      field: "name",
    });
    await expect(ann.engine.create("contact", { nickname: "x" })).resolves.toMatchObject({
      status: "invalid",
    });
    await expect(ann.engine.create("contact", {}, "bad id!")).resolves.toMatchObject({
      status: "invalid",
      field: "id",
    });
    await expect(ann.engine.update("contact", "nobody", { givenName: "X" })).resolves.toEqual({
      status: "not_found",
    });
    expect(ann.engine.outbox).toEqual([]);
  });

  test("an edit records the server version and values it was based on; a delete its version", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann", jobTitle: "Buyer" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    await ann.engine.update("contact", "c1", { jobTitle: "CFO", givenName: "Ann" });
    await ann.engine.sync(); // mid 1 leaves: the next change cannot fold into it
    await ann.engine.update("contact", "c1", { department: "Finance" });
    const [edit] = ann.engine.outbox.map((e) => e.mutation);
    expect(edit).toMatchObject({
      mid: 2,
      baseVersion: 2,
      base: { department: null },
      fields: { department: "Finance" },
    });
    await ann.engine.sync();
    await ann.engine.remove("contact", "c1");
    expect(ann.engine.outbox[0]?.mutation).toMatchObject({ mid: 3, op: "delete", baseVersion: 3 });
    expect(ann.engine.get("contact", "c1")).toBeNull();
    await ann.engine.sync();
    expect(server.record("contact", "c1")).toBeUndefined();
  });

  test("edits of one record before a push fold into one mutation; a field set back is dropped", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann", jobTitle: "Buyer" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    await ann.engine.update("contact", "c1", { givenName: "Anne", jobTitle: "CEO" });
    expect(ann.engine.outbox.map((e) => e.mutation)).toEqual([
      expect.objectContaining({
        mid: 1,
        base: { jobTitle: "Buyer", givenName: "Ann" },
        fields: { jobTitle: "CEO", givenName: "Anne" },
      }),
    ]);
    await ann.engine.update("contact", "c1", { jobTitle: "Buyer" });
    expect(ann.engine.outbox[0]?.mutation).toMatchObject({
      base: { givenName: "Ann" },
      fields: { givenName: "Anne" },
    });
    // Everything set back: the mutation goes, and its mid is free again.
    await ann.engine.update("contact", "c1", { givenName: "Ann" });
    expect(ann.engine.outbox).toEqual([]);
    await ann.engine.update("contact", "c1", { notes: "hello" });
    expect(ann.engine.outbox[0]?.mutation.mid).toBe(1);
  });

  test("a create and a delete of it before a push cancel out; an edit and a delete become the delete", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    await ann.engine.create("contact", { givenName: "Temp" }, "t1");
    await ann.engine.remove("contact", "t1");
    expect(ann.engine.outbox).toEqual([]);
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    await ann.engine.remove("contact", "c1");
    expect(ann.engine.outbox.map((e) => e.mutation)).toEqual([
      expect.objectContaining({ mid: 1, op: "delete", baseVersion: 1 }),
    ]);
  });

  test("a change is never folded into a mutation that may have reached the server", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    server.failNext("push", "lose-answer");
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
    await ann.engine.update("contact", "c1", { department: "Finance" });
    expect(ann.engine.outbox.map((e) => e.mutation.mid)).toEqual([1, 2]);
    await ann.engine.sync();
    expect(server.record("contact", "c1")?.fields).toEqual({
      givenName: "Ann",
      jobTitle: "CFO",
      department: "Finance",
    });
    expect(ann.engine.outbox).toEqual([]);
    expect(ann.settled).toEqual([]);
  });

  test("a delete on top of my own pending edits waits for their answers and deletes the version they made", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    seed(server, "c2", { givenName: "Cy" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    await ann.engine.update("contact", "c2", { jobTitle: "CTO" });
    await ann.engine.remove("contact", "c1");
    expect(
      ann.engine.outbox.map((e) => [e.mutation.mid, e.mutation.op, e.chained ?? false]),
    ).toEqual([
      [1, "upsert", false],
      [2, "upsert", false],
      [3, "delete", true],
    ]);
    const summary = await ann.engine.sync();
    expect(summary.push.requests).toBe(2);
    const pushes = server.pushes.filter((p) => p.user === ANN);
    expect(pushes.map((p) => p.mutations.map((m) => m.mid))).toEqual([[1, 2], [3]]);
    expect(pushes[1]?.mutations[0]).toMatchObject({ op: "delete", baseVersion: 2 });
    expect(server.record("contact", "c1")).toBeUndefined();
    expect(ann.settled).toEqual([]);
  });

  test("...but conflicts when somebody else changed the record in between", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    seed(server, "c2", { givenName: "Cy" });
    const ann = await client(server, ANN, { rule: "shared" });
    await ann.engine.sync();
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    await ann.engine.update("contact", "c2", { jobTitle: "CTO" });
    await ann.engine.remove("contact", "c1");
    bobEdits(server, "c1", { notes: "Important" }, "2026-11-26T09:30:00.000Z");
    await ann.engine.sync();
    expect(server.record("contact", "c1")?.fields).toEqual({
      givenName: "Ann",
      jobTitle: "CFO",
      notes: "Important",
    });
    expect(ann.settled.map((s) => [s.conflict.field, s.conflict.op, s.decision])).toEqual([
      ["*", "delete", "theirs"],
    ]);
    expect(fieldsOf(ann, "c1")).toEqual({ givenName: "Ann", jobTitle: "CFO", notes: "Important" });
  });
});

describe("the view", () => {
  test("is the server state with my pending changes on top, field by field", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann", jobTitle: "Buyer", notes: "old" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    await ann.engine.update("contact", "c1", { jobTitle: "CFO", notes: null });
    bobEdits(server, "c1", { givenName: "Anne" }, "2026-11-26T09:30:00.000Z");
    server.failNext("push", "offline");
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
    // Pull alone (as after a failed push the next sync would): Bob's change under my pending one.
    await ann.engine.sync();
    expect(fieldsOf(ann, "c1")).toEqual({ givenName: "Anne", jobTitle: "CFO" });
    expect(ann.engine.get("contact", "c1")).toMatchObject({ pending: false, version: 3 });
    expect(ann.engine.records("contact")).toHaveLength(1);
  });

  test("lists a type once per change of the copy: every reader shares the list", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    const before = ann.engine.records("contact");
    expect(ann.engine.records("contact")).toBe(before);
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    const after = ann.engine.records("contact");
    expect(after).not.toBe(before);
    expect(after.map((r) => r.fields.jobTitle)).toEqual(["CFO"]);
    bobEdits(server, "c1", { notes: "Called" }, "2026-11-26T09:30:00.000Z");
    await ann.engine.sync();
    expect(ann.engine.records("contact").map((r) => r.fields.notes)).toEqual(["Called"]);
  });
});

describe("conflict rules", () => {
  async function conflicted(rule: "ask" | "mine" | "shared" | "newest", bobAt: string) {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann", jobTitle: "Buyer" });
    const ann = await client(server, ANN, { rule });
    await ann.engine.sync();
    ann.clock.set("2026-11-26T09:00:00.000Z");
    await ann.engine.update("contact", "c1", { jobTitle: "CFO", givenName: "Anne" });
    bobEdits(server, "c1", { jobTitle: "Head of Purchasing" }, bobAt);
    await ann.engine.sync();
    return { server, ann };
  }

  test("mine wins: pushes my value again, based on theirs", async () => {
    const { server, ann } = await conflicted("mine", "2026-11-26T09:30:00.000Z");
    expect(server.record("contact", "c1")?.fields).toEqual({ givenName: "Anne", jobTitle: "CFO" });
    expect(server.pushes.at(-1)?.mutations).toEqual([
      expect.objectContaining({
        base: { jobTitle: "Head of Purchasing" },
        fields: { jobTitle: "CFO" },
      }),
    ]);
    expect(ann.settled.map((s) => [s.conflict.field, s.decision, s.by])).toEqual([
      ["jobTitle", "mine", "rule"],
    ]);
    expect(fieldsOf(ann, "c1")).toEqual({ givenName: "Anne", jobTitle: "CFO" });
  });

  test("shared wins: their value stays, mine is dropped", async () => {
    const { server, ann } = await conflicted("shared", "2026-11-26T08:30:00.000Z");
    expect(server.record("contact", "c1")?.fields).toEqual({
      givenName: "Anne",
      jobTitle: "Head of Purchasing",
    });
    expect(fieldsOf(ann, "c1")).toEqual(server.record("contact", "c1")?.fields);
    expect(ann.settled.map((s) => s.decision)).toEqual(["theirs"]);
    expect(ann.engine.outbox).toEqual([]);
  });

  test.each([
    ["their change is older", "2026-11-26T08:30:00.000Z", "CFO", "mine"],
    ["their change is newer", "2026-11-26T09:30:00.000Z", "Head of Purchasing", "theirs"],
  ])("newest wins when %s", async (_what, bobAt, expected, decision) => {
    const { server, ann } = await conflicted("newest", bobAt);
    expect(server.record("contact", "c1")?.fields.jobTitle).toBe(expected);
    expect(ann.settled.map((s) => s.decision)).toEqual([decision]);
    expect(ann.settled[0]?.conflict).toMatchObject({
      theirsAt: bobAt,
      at: "2026-11-26T09:00:00.001Z",
    });
  });

  test("ask me: the conflict waits in the inbox with field, mine, theirs, who and when; the view shows mine", async () => {
    const { server, ann } = await conflicted("ask", "2026-11-26T09:30:00.000Z");
    expect(ann.engine.inbox).toEqual([
      expect.objectContaining({
        type: "contact",
        id: "c1",
        field: "jobTitle",
        base: "Buyer",
        mine: "CFO",
        theirs: "Head of Purchasing",
        theirsBy: BOB,
        theirsAt: "2026-11-26T09:30:00.000Z",
      }),
    ]);
    expect(ann.engine.get("contact", "c1")).toMatchObject({
      fields: { givenName: "Anne", jobTitle: "CFO" },
      conflicts: ["jobTitle"],
    });
    expect(server.record("contact", "c1")?.fields.jobTitle).toBe("Head of Purchasing");
    // Kept across a reopen.
    const reopened = await SyncEngine.open({
      owner: ownerOf(ANN),
      store: ann.store,
      transport: server.as(ANN),
    });
    expect(reopened.inbox).toHaveLength(1);

    await ann.engine.answer(ann.engine.inbox[0]!, "mine");
    expect(ann.engine.inbox).toEqual([]);
    await ann.engine.sync();
    expect(server.record("contact", "c1")?.fields.jobTitle).toBe("CFO");
    expect(ann.settled.map((s) => [s.decision, s.by])).toEqual([
      ["ask", "rule"],
      ["mine", "user"],
    ]);
  });

  test("ask me: 'same choice for all' answers every item; 'theirs' pushes nothing", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    seed(server, "c2", { givenName: "Cy" });
    const ann = await client(server, ANN, { rule: "ask" });
    await ann.engine.sync();
    await ann.engine.update("contact", "c1", { jobTitle: "A" });
    await ann.engine.update("contact", "c2", { jobTitle: "B" });
    bobEdits(server, "c1", { jobTitle: "X" }, "2026-11-26T09:30:00.000Z");
    bobEdits(server, "c2", { jobTitle: "Y" }, "2026-11-26T09:30:00.000Z");
    await ann.engine.sync();
    expect(ann.engine.inbox).toHaveLength(2);
    const pushes = server.pushes.length;
    await expect(ann.engine.answerAll("theirs")).resolves.toBe(2);
    await ann.engine.sync();
    expect(server.pushes).toHaveLength(pushes);
    expect(fieldsOf(ann, "c1")?.jobTitle).toBe("X");
    expect(fieldsOf(ann, "c2")?.jobTitle).toBe("Y");
  });

  test("a new edit of a field in the inbox answers it", async () => {
    const { server, ann } = await conflicted("ask", "2026-11-26T09:30:00.000Z");
    await ann.engine.update("contact", "c1", { jobTitle: "COO" });
    expect(ann.engine.inbox).toEqual([]);
    expect(ann.engine.outbox[0]?.mutation).toMatchObject({
      base: { jobTitle: "Head of Purchasing" },
      fields: { jobTitle: "COO" },
    });
    await ann.engine.sync();
    expect(server.record("contact", "c1")?.fields.jobTitle).toBe("COO");
  });

  test("mine wins over their delete: the record comes back with its fields and my change", async () => {
    const server = new FakeServer();
    const created = seed(server, "c1", { givenName: "Ann", jobTitle: "Buyer" });
    const ann = await client(server, ANN, { rule: "mine" });
    await ann.engine.sync();
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    server.write(BOB, "c-bob", {
      op: "delete",
      type: "contact",
      id: "c1",
      baseVersion: created.record!.version,
      at: "2026-11-26T09:30:00.000Z",
    });
    await ann.engine.sync();
    expect(ann.settled.map((s) => [s.conflict.field, s.conflict.op, s.decision])).toEqual([
      ["*", "upsert", "mine"],
    ]);
    expect(server.record("contact", "c1")?.fields).toEqual({ givenName: "Ann", jobTitle: "CFO" });
    expect(fieldsOf(ann, "c1")).toEqual({ givenName: "Ann", jobTitle: "CFO" });
  });

  test("mine wins over their edit of a record I deleted: it is deleted", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    const ann = await client(server, ANN, { rule: "mine" });
    await ann.engine.sync();
    await ann.engine.remove("contact", "c1");
    bobEdits(server, "c1", { jobTitle: "CFO" }, "2026-11-26T09:30:00.000Z");
    await ann.engine.sync();
    expect(ann.settled.map((s) => [s.conflict.field, s.conflict.op, s.decision])).toEqual([
      ["*", "delete", "mine"],
    ]);
    expect(server.record("contact", "c1")).toBeUndefined();
    expect(ann.engine.get("contact", "c1")).toBeNull();
  });
});

describe("rejections", () => {
  const outside = { code: "outside_sync_set", message: "contact c1 is outside your sync set." };

  test("go to needs attention with the server's error, without blocking the changes behind", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    server.refuse = (m) => (m.id === "c1" ? outside : null);
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    await ann.engine.create("contact", { givenName: "Cy" }, "c2");
    const summary = await ann.engine.sync();
    expect(summary.push.rejected).toBe(1);
    expect(ann.engine.needsAttention).toEqual([
      expect.objectContaining({
        mutation: expect.objectContaining({ mid: 1, id: "c1", fields: { jobTitle: "CFO" } }),
        error: outside,
      }),
    ]);
    expect(server.record("contact", "c2")).toBeDefined();
    expect(ann.engine.outbox).toEqual([]);
    // The view is the server's: the rejected change is listed, not shown.
    expect(fieldsOf(ann, "c1")).toEqual({ givenName: "Ann" });
    const reopened = await SyncEngine.open({
      owner: ownerOf(ANN),
      store: ann.store,
      transport: server.as(ANN),
    });
    expect(reopened.needsAttention).toHaveLength(1);
  });

  test("a push refused as a whole (403, a reader) sets every change aside; the next ones take their mids", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    const reader = new ApiError(403, "forbidden", "This needs the editor role; you are a reader.");
    server.failNext("push", reader);
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    await ann.engine.create("contact", { givenName: "Cy" }, "c2");
    const summary = await ann.engine.sync();
    expect(summary.push.rejected).toBe(2);
    expect(ann.engine.outbox).toEqual([]);
    expect(ann.engine.needsAttention.map((a) => [a.mutation.id, a.error.code])).toEqual([
      ["c1", "forbidden"],
      ["c2", "forbidden"],
    ]);
    expect(server.record("contact", "c2")).toBeUndefined();
    // Made an editor: a new change goes through (mid 1 again, no gap), and so does a retry.
    await ann.engine.create("contact", { givenName: "Dee" }, "c3");
    expect((await ann.engine.sync()).push.requests).toBe(1);
    expect(server.record("contact", "c3")).toBeDefined();
    await ann.engine.retry(ann.engine.needsAttention[1]!.id);
    await ann.engine.sync();
    expect(server.record("contact", "c2")?.fields.givenName).toBe("Cy");
    expect(ann.engine.needsAttention.map((a) => a.mutation.id)).toEqual(["c1"]);
  });

  test("retry makes it a new change again (with the user's corrections); discard drops it", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann" });
    seed(server, "c2", { givenName: "Cy" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    server.refuse = () => outside;
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    await ann.engine.update("contact", "c2", { jobTitle: "CTO" });
    await ann.engine.sync();
    expect(ann.engine.needsAttention.map((i) => i.mutation.mid)).toEqual([1, 2]);
    const [first, second] = ann.engine.needsAttention.map((i) => i.id);
    server.refuse = () => null;

    await expect(ann.engine.retry(first!, { jobTitle: "COO", notes: 7 })).resolves.toMatchObject({
      status: "invalid",
      field: "notes",
    });
    await expect(ann.engine.retry(first!, { jobTitle: "COO" })).resolves.toMatchObject({
      status: "saved",
      record: { fields: { givenName: "Ann", jobTitle: "COO" }, pending: true },
    });
    await expect(ann.engine.discard(second!)).resolves.toBe(true);
    await expect(ann.engine.discard(second!)).resolves.toBe(false);
    await expect(ann.engine.retry("nothing")).resolves.toEqual({ status: "not_found" });
    expect(ann.engine.needsAttention).toEqual([]);
    await ann.engine.sync();
    expect(server.record("contact", "c1")?.fields.jobTitle).toBe("COO");
    expect(server.record("contact", "c2")?.fields.jobTitle).toBeUndefined();
  });

  test("a retry of a change whose record is gone stays listed", async () => {
    const server = new FakeServer();
    const created = seed(server, "c1", { givenName: "Ann" });
    const ann = await client(server, ANN);
    await ann.engine.sync();
    server.refuse = () => outside;
    await ann.engine.update("contact", "c1", { jobTitle: "CFO" });
    await ann.engine.sync();
    server.refuse = () => null;
    server.write(BOB, "c-bob", {
      op: "delete",
      type: "contact",
      id: "c1",
      baseVersion: created.record!.version,
    });
    await ann.engine.sync();
    await expect(ann.engine.retry(ann.engine.needsAttention[0]!.id)).resolves.toEqual({
      status: "not_found",
    });
    expect(ann.engine.needsAttention).toHaveLength(1);
  });
});

describe("lost answers and duplicates", () => {
  test("a lost answer is repaired by sending the same mids again: nothing applies twice", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN, { rule: "shared" });
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    await ann.engine.create("contact", { givenName: "Cy" }, "c2");
    server.failNext("push", "lose-answer");
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
    expect(ann.engine.outbox).toHaveLength(2);
    await ann.engine.sync();
    const pushes = server.pushes.filter((p) => p.user === ANN);
    expect(pushes.map((p) => p.mutations.map((m) => m.mid))).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(ann.engine.outbox).toEqual([]);
    expect(ann.settled).toEqual([]);
    expect(server.record("contact", "c1")?.version).toBe(1);
  });

  test("a duplicate whose fields the record does not hold is settled as a conflict (theirs = the record)", async () => {
    const server = new FakeServer();
    seed(server, "c1", { givenName: "Ann", jobTitle: "Buyer" });
    const ann = await client(server, ANN, { rule: "ask" });
    await ann.engine.sync();
    await ann.engine.update("contact", "c1", { jobTitle: "CFO", givenName: "Anne" });
    bobEdits(server, "c1", { jobTitle: "COO" }, "2026-11-26T09:30:00.000Z");
    // The push conflicted on jobTitle, and that answer was lost.
    server.failNext("push", "lose-answer");
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
    await ann.engine.sync();
    // Who and when are the record's last change as far as the answer tells (here: Ann's own
    // lost request, which applied givenName).
    expect(ann.engine.inbox).toEqual([
      expect.objectContaining({
        field: "jobTitle",
        base: "Buyer",
        mine: "CFO",
        theirs: "COO",
        theirsBy: ANN,
      }),
    ]);
    expect(fieldsOf(ann, "c1")).toEqual({ givenName: "Anne", jobTitle: "CFO" });
    expect(server.record("contact", "c1")?.fields).toEqual({ givenName: "Anne", jobTitle: "COO" });
  });

  test("503 and no answer keep everything for the next sync", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    server.failNext("push", new ApiError(503, "storage_unavailable", "down"), "offline");
    await expect(ann.engine.sync()).rejects.toMatchObject({ status: 503 });
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
    expect(ann.engine.outbox).toHaveLength(1);
    await ann.engine.sync();
    expect(server.record("contact", "c1")).toBeDefined();
  });
});

describe("request size", () => {
  test("a 413 halves the request until it passes", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    for (let i = 0; i < 8; i++) await ann.engine.create("contact", { givenName: `N${i}` }, `c${i}`);
    server.failNext(
      "push",
      new ApiError(413, "too_large", "Too large"),
      new ApiError(413, "too_large", "Too large"),
    );
    const summary = await ann.engine.sync();
    expect(summary.push.answered).toBe(8);
    const sizes = server.pushes.filter((p) => p.user === ANN).map((p) => p.mutations.length);
    expect(sizes).toEqual([2, 2, 2, 2]);
    expect(server.live().size).toBe(8);
  });

  test("a request answered too late is halved and sent again at once, twice at most", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    for (let i = 0; i < 8; i++) await ann.engine.create("contact", { givenName: `N${i}` }, `c${i}`);
    // The server applies each slow request, but the client has stopped waiting.
    server.failNext("push", "time-out", "time-out");
    const summary = await ann.engine.sync();
    expect(summary.push.answered).toBe(8);
    const pushes = server.pushes.filter((p) => p.user === ANN);
    expect(pushes.map((p) => p.mutations.length)).toEqual([8, 4, 2, 2, 2, 2]);
    // What the late requests applied comes back duplicate: nothing is applied twice.
    expect(server.live().size).toBe(8);
    expect(server.lastMid(ann.engine.clientId)).toBe(8);
    expect(ann.engine.outbox).toEqual([]);

    // A third time in one sync, the error reaches the caller, the outbox kept.
    for (let i = 0; i < 4; i++) await ann.engine.create("contact", { givenName: `M${i}` }, `m${i}`);
    server.failNext("push", "time-out", "time-out", "time-out");
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError", timedOut: true });
    expect(ann.engine.outbox).toHaveLength(4);
    expect((await ann.engine.sync()).push.answered).toBe(4);
    expect(server.live().size).toBe(12);
  });

  test("a single mutation too large for any request goes to needs attention; the next take its mid", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await ann.engine.create("contact", { givenName: "Big" }, "big");
    await ann.engine.create("contact", { givenName: "Small" }, "small");
    // The pair, then "big" alone, are too large; "small" alone passes.
    server.failNext(
      "push",
      ...Array.from(
        { length: 2 },
        () => new ApiError(413, "too_large", "A push holds at most 4 MiB."),
      ),
    );
    await ann.engine.sync();
    expect(ann.engine.needsAttention).toEqual([
      expect.objectContaining({
        mutation: expect.objectContaining({ id: "big", mid: 1 }),
        error: expect.objectContaining({ code: "too_large" }),
      }),
    ]);
    expect(server.record("contact", "small")).toBeDefined();
    expect(server.lastMid(ann.engine.clientId)).toBe(1);
  });
});

describe("mid gaps", () => {
  test("a 409 mid_gap renumbers the outbox from the server's lastMid + 1 and sends it again", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    await ann.engine.create("contact", { givenName: "Cy" }, "c2");
    // Lost outbox state: mid 1 vanished from the store.
    await ann.store.delete(outboxKey(1));
    const meta = (await ann.store.get(CLIENT_KEY)) as Record<string, number>;
    await ann.store.set(CLIENT_KEY, { ...meta, rev: meta.rev! + 1 });
    const summary = await ann.engine.sync();
    expect(summary.push.answered).toBe(1);
    const pushes = server.pushes.filter((p) => p.user === ANN);
    expect(pushes.map((p) => p.mutations.map((m) => m.mid))).toEqual([[2], [], [1]]);
    expect(server.record("contact", "c2")).toBeDefined();
    await ann.engine.create("contact", { givenName: "Dee" }, "c3");
    expect(ann.engine.outbox[0]?.mutation.mid).toBe(2);
    await ann.engine.sync();
    expect(server.lastMid(ann.engine.clientId)).toBe(2);
  });
});

describe("pull", () => {
  test("an expired cursor re-downloads the copy, sweeps what is gone, and keeps the outbox", async () => {
    const server = new FakeServer();
    const first = seed(server, "c1", { givenName: "Ann" });
    seed(server, "c2", { givenName: "Cy" });
    const ann = await client(server, ANN, { extra: { pageSize: 1 } });
    await ann.engine.sync();
    await ann.engine.update("contact", "c2", { jobTitle: "CTO" });
    server.write(BOB, "c-bob", {
      op: "delete",
      type: "contact",
      id: "c1",
      baseVersion: first.record!.version,
      at: "2026-11-26T09:30:00.000Z",
    });
    server.expireCursors();
    server.failNext("push", "offline");
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
    const summary = await ann.engine.sync();
    expect(summary.pull.restarted).toBe(true);
    expect(ann.engine.records("contact").map((r) => r.id)).toEqual(["c2"]);
    expect(server.record("contact", "c2")?.fields.jobTitle).toBe("CTO");
  });

  test("the first sync makes the copy page by page with progress; an interrupted copy resumes without fetching a page twice", async () => {
    const server = new FakeServer();
    for (let i = 0; i < 5; i++) seed(server, `c${i}`, { givenName: `N${i}` });
    const ann = await client(server, ANN, { extra: { pageSize: 2 } });
    server.failNext("pull", "lose-answer" as const);
    server.failNext("pull"); // (nothing more)
    const progress: unknown[] = [];
    ann.engine.subscribe((e) => {
      if (e.type === "progress") progress.push(e.progress);
    });
    await expect(ann.engine.sync()).rejects.toMatchObject({ name: "NetworkError" });
    expect(ann.engine.copy).toBeNull();
    await ann.engine.sync();
    expect(ann.engine.copy).toMatchObject({ complete: true });
    expect(server.pulls.map((p) => p.at)).toEqual([null, null, "1:2", "1:4"]);
    expect(progress).toEqual([
      { phase: "pull", pages: 1, changes: 2, held: 2, restarted: false },
      { phase: "pull", pages: 2, changes: 4, held: 4, restarted: false },
      { phase: "pull", pages: 3, changes: 5, held: 5, restarted: false },
    ]);
  });
});

test("the next page is asked for while a page is written", async () => {
  const server = new FakeServer();
  for (let i = 0; i < 5; i++) seed(server, `c${i}`, { givenName: `N${i}` });
  const pullsAtWrite: number[] = [];
  const store = new (class extends MemoryStore {
    override apply(writes: Parameters<MemoryStore["apply"]>[0]) {
      pullsAtWrite.push(server.pulls.length);
      return super.apply(writes);
    }
  })();
  const ann = await client(server, ANN, { store, extra: { pageSize: 2 } });
  pullsAtWrite.length = 0;
  await ann.engine.sync();
  expect(server.pulls.map((p) => p.at)).toEqual([null, "1:2", "1:4"]);
  // Each page's write starts after the following page was asked for; the last has none.
  expect(pullsAtWrite.slice(0, 3)).toEqual([2, 3, 3]);
});

test("the next page is asked for from the answer's headers, before the page arrives, one page ahead at most", async () => {
  const server = new FakeServer();
  for (let i = 0; i < 7; i++) seed(server, `c${i}`, { givenName: `N${i}` });
  const inner = server.as(ANN);
  // Each answer's headers (its next cursor) come at once; its body only when released.
  const held: Array<() => void> = [];
  const asked = () => server.pulls.map((p) => p.at);
  const transport: Transport = {
    push: (...args) => inner.push(...args),
    async pull(db, cursor, limit, ahead) {
      const page = await inner.pull(db, cursor, limit);
      if (page.more) ahead?.(page.cursor);
      await new Promise<void>((resolve) => held.push(resolve));
      return page;
    },
  };
  const ann = await client(server, ANN, { extra: { pageSize: 2, transport } });
  const synced = ann.engine.sync();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  await settle();
  // Page 1's headers named page 2: asked for before page 1 arrived; page 3 not yet.
  expect(asked()).toEqual([null, "1:2"]);
  held.shift()!();
  await settle();
  // Page 1 written; page 2 awaited, its headers named page 3.
  expect(asked()).toEqual([null, "1:2", "1:4"]);
  while (held.length > 0) {
    held.shift()!();
    await settle();
  }
  await synced;
  expect(asked()).toEqual([null, "1:2", "1:4", "1:6"]);
  expect(ann.engine.records("contact")).toHaveLength(7);
});

test("a page asked for ahead is dropped when the page before it cannot be written", async () => {
  const server = new FakeServer();
  for (let i = 0; i < 5; i++) seed(server, `c${i}`, { givenName: `N${i}` });
  const inner = server.as(ANN);
  const transport: Transport = {
    push: (...args) => inner.push(...args),
    async pull(db, cursor, limit, ahead) {
      const page = await inner.pull(db, cursor, limit);
      if (page.more) ahead?.(page.cursor);
      return page;
    },
  };
  let writes = 0;
  const store = new (class extends MemoryStore {
    override apply(writes_: Parameters<MemoryStore["apply"]>[0]) {
      // The first page's write fails once the copy has its owner marks.
      if (writes_.some((w) => w.key.startsWith("rec:")) && writes++ === 0) {
        return Promise.reject(new StoreError("Could not write in the local store"));
      }
      return super.apply(writes_);
    }
  })();
  const ann = await client(server, ANN, { store, extra: { pageSize: 2, transport } });
  await expect(ann.engine.sync()).rejects.toBeInstanceOf(StoreError);
  expect(ann.engine.records("contact")).toHaveLength(0);
  await ann.engine.sync();
  expect(ann.engine.records("contact")).toHaveLength(5);
});

describe("export and drop", () => {
  test("drop refuses while changes are unsent, unless exported first or forced", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    await expect(ann.engine.drop()).resolves.toEqual({
      status: "refused",
      pending: 1,
      conflicts: 0,
      needsAttention: 0,
    });
    const exported = ann.engine.exportChanges();
    expect(exported).toMatchObject({
      format: "bcm-offline-changes",
      databaseId: DB,
      clientId: ann.engine.clientId,
      pending: [expect.objectContaining({ mid: 1, id: "c1" })],
      conflicts: [],
      needsAttention: [],
    });
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    // A change after the export: the export no longer covers everything.
    await ann.engine.create("contact", { givenName: "Cy" }, "c2");
    await expect(ann.engine.drop()).resolves.toMatchObject({ status: "refused", pending: 2 });
    ann.engine.exportChanges();
    await expect(ann.engine.drop()).resolves.toEqual({ status: "dropped" });
    expect(await ann.store.keys()).toEqual([]);
    expect(ann.engine.outbox).toEqual([]);
    expect(ann.engine.fresh).toBe(true);
  });

  test("force drops anyway; a copy with nothing unsent drops at once", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    await ann.engine.create("contact", { givenName: "Ann" }, "c1");
    await expect(ann.engine.drop({ force: true })).resolves.toEqual({ status: "dropped" });
    const bob = await client(server, BOB);
    await bob.engine.sync();
    await expect(bob.engine.drop()).resolves.toEqual({ status: "dropped" });
  });
});

describe("settings", () => {
  test("default, validated, kept with the copy", async () => {
    const server = new FakeServer();
    const ann = await client(server, ANN);
    expect(ann.engine.settings).toEqual(DEFAULT_SETTINGS);
    await expect(ann.engine.updateSettings({ frequency: 7 as never })).resolves.toMatchObject({
      status: "invalid",
      field: "frequency",
    });
    await expect(
      ann.engine.updateSettings({
        frequency: 60,
        conflictRule: "newest",
        autoSwitchOffline: false,
      }),
    ).resolves.toMatchObject({ status: "saved" });
    const reopened = await SyncEngine.open({
      owner: ownerOf(ANN),
      store: ann.store,
      transport: server.as(ANN),
    });
    expect(reopened.settings).toEqual({
      frequency: 60,
      syncOnOpen: true,
      autoSwitchOffline: false,
      conflictRule: "newest",
    });
  });
});

describe("two panes on one copy", () => {
  test("share mids without collisions, see each other's changes, and sync one at a time", async () => {
    const server = new FakeServer();
    const store = new MemoryStore();
    const locks = new MemoryLocks();
    const hub = new MemoryBroadcastHub();
    const open = () =>
      SyncEngine.open({
        owner: ownerOf(ANN),
        store,
        transport: server.as(ANN),
        locks,
        broadcast: hub.endpoint(),
      });
    const a = await open();
    const b = await open();
    await Promise.all([
      a.create("contact", { givenName: "A" }, "a1"),
      b.create("contact", { givenName: "B" }, "b1"),
      a.create("contact", { givenName: "A2" }, "a2"),
    ]);
    expect(a.clientId).toBe(b.clientId);
    const mids = (await store.entries(OUTBOX_PREFIX)).map(([key]) => key);
    expect(mids).toEqual([outboxKey(1), outboxKey(2), outboxKey(3)]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(
      b
        .records("contact")
        .map((r) => r.id)
        .sort(),
    ).toEqual(["a1", "a2", "b1"]);
    await Promise.all([a.sync(), b.sync()]);
    expect(server.pushes).toHaveLength(1);
    expect(server.live().size).toBe(3);
    expect(a.outbox).toEqual([]);
    await b.update("contact", "a1", { jobTitle: "X" });
    expect(b.outbox).toHaveLength(1);
  });
});
