/**
 * One test per invariant of the sync protocol (docs: sync-protocol.md, "Invariants"), against
 * Azurite over HTTP through the local host.
 */
import { call, type Reply } from "../support/http";
import { startApiHost, type Running } from "../support/stack";
import { Client, create, edit, newDatabase, newMember, pullAll, share } from "../support/db";
import type { WireRecord } from "../../src/shared/protocol";

describe("invariant 1: no lost update", () => {
  it("keeps the first write of a field and reports the second as a conflict naming who wrote what, when", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const editor = await share(db, owner, "editor");
    const a = new Client(db, owner);
    const b = new Client(db, editor);
    await a.push([create("contact", "c1", { jobTitle: "Buyer", givenName: "Ann" })]);
    const first = await a.push([
      edit("contact", "c1", 1, { jobTitle: "Buyer" }, { jobTitle: "Head of Purchasing" }),
    ]);
    const firstAt = (await pullAll(db, owner)).records.get("contact:c1");
    expect(first.body.results[0]?.status).toBe("applied");

    const second = await b.push([
      edit(
        "contact",
        "c1",
        1,
        { jobTitle: "Buyer", givenName: "Ann" },
        { jobTitle: "CFO", givenName: "Anne" },
      ),
    ]);
    const result = second.body.results[0];
    expect(result?.status).toBe("partial");
    expect(result?.conflicts).toEqual([
      {
        field: "jobTitle",
        base: "Buyer",
        mine: "CFO",
        theirs: "Head of Purchasing",
        theirsAt: expect.any(String),
        theirsBy: owner.email,
      },
    ]);
    expect(result?.record?.fields).toEqual({ jobTitle: "Head of Purchasing", givenName: "Anne" });
    expect(firstAt?.fields.jobTitle).toBe("Head of Purchasing");

    // The editor's rule keeps its own value: it pushes again on the new base, and that applies.
    const resolved = await b.push([
      edit(
        "contact",
        "c1",
        result!.record!.version,
        { jobTitle: "Head of Purchasing" },
        { jobTitle: "CFO" },
      ),
    ]);
    expect(resolved.body.results[0]?.status).toBe("applied");
    expect((await pullAll(db, owner)).records.get("contact:c1")?.fields.jobTitle).toBe("CFO");
  });

  it("reports the delete of a record changed since its base, and the edit of a record deleted since, as conflicts on '*'", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const a = new Client(db, owner);
    const b = new Client(db, owner);
    await a.push([
      create("contact", "d1", { givenName: "Dan" }),
      create("contact", "d2", { givenName: "Dee" }),
    ]);
    await a.push([edit("contact", "d1", 1, { givenName: "Dan" }, { givenName: "Daniel" })]);
    const del = await b.push([
      { op: "delete", type: "contact", id: "d1", baseVersion: 1, at: new Date().toISOString() },
    ]);
    expect(del.body.results[0]).toMatchObject({
      status: "conflict",
      conflicts: [{ field: "*", theirsBy: owner.email }],
    });

    await a.push([
      { op: "delete", type: "contact", id: "d2", baseVersion: 1, at: new Date().toISOString() },
    ]);
    const late = await b.push([
      edit("contact", "d2", 1, { givenName: "Dee" }, { givenName: "Deirdre" }),
    ]);
    expect(late.body.results[0]).toMatchObject({
      status: "conflict",
      conflicts: [{ field: "*", theirs: null }],
    });
    expect(late.body.results[0]?.record).toMatchObject({ deleted: true, version: 2 });

    // A create of a deleted id brings it back.
    const back = await b.push([create("contact", "d2", { givenName: "Deirdre" })]);
    expect(back.body.results[0]?.record).toMatchObject({
      deleted: false,
      version: 3,
      fields: { givenName: "Deirdre" },
    });
  });
});

describe("invariant 2: exactly once", () => {
  it("applies nothing twice when the same request comes again after its response was lost", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    const mutations = [
      { ...create("contact", "e1", { givenName: "Eve" }), mid: 1 },
      { ...edit("contact", "e1", 1, { givenName: "Eve" }, { givenName: "Eva" }), mid: 2 },
    ];
    const first = await client.send(mutations);
    const again = await client.send(mutations);
    expect(first.body.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(again.body.lastMid).toBe(2);
    expect(again.body.results.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);
    expect(again.body.results[1]?.record).toMatchObject({
      version: 2,
      fields: { givenName: "Eva" },
    });
    expect((await pullAll(db, owner)).records.get("contact:e1")?.version).toBe(2);
  });

  it("applies a mutation once when the same request is sent several times at once", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    await client.send([{ ...create("contact", "n", { notes: "" }), mid: 1 }]);
    const mutation = {
      ...edit("contact", "n", 1, { notes: "" }, { notes: "called back" }),
      mid: 2,
    };
    const replies = await Promise.all(Array.from({ length: 6 }, () => client.send([mutation])));
    const statuses = replies.map((r) => r.body.results[0]?.status).sort();
    expect(statuses.filter((s) => s === "applied")).toHaveLength(1);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(5);
    expect((await pullAll(db, owner)).records.get("contact:n")?.version).toBe(2);
  });

  it("refuses a request with a gap in its mids (409 mid_gap) and applies none of it", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    const reply = await client.send([
      { ...create("contact", "g1", { givenName: "G" }), mid: 1 },
      { ...create("contact", "g3", { givenName: "G3" }), mid: 3 },
    ]);
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual({
      error: { code: "mid_gap", message: expect.any(String), field: "mutations.1.mid" },
    });
    expect((await pullAll(db, owner)).records.size).toBe(0);
  });
});

describe("invariant 3: no skipped change", () => {
  it("a client that pulls until `more` is false holds every change committed before that pull began", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const writer = new Client(db, owner);
    let acknowledged = 0;
    const writing = (async () => {
      for (let i = 0; i < 60; i++) {
        const reply = await writer.push([create("contact", `w${i}`, { givenName: `W${i}` })]);
        expect(reply.body.results[0]?.status).toBe("applied");
        acknowledged = i + 1;
      }
    })();
    const held = new Set<string>();
    let cursor: string | null = null;
    let checks = 0;
    while (acknowledged < 60) {
      const before = acknowledged;
      for (let more = true; more;) {
        const reply: Reply<{ records: WireRecord[]; cursor: string; more: boolean }> = await call(
          `/databases/${db}/pull`,
          {
            token: owner.token,
            body: { cursor, limit: 4 },
          },
        );
        for (const r of reply.body.records) held.add(r.id);
        cursor = reply.body.cursor;
        more = reply.body.more;
      }
      for (let i = 0; i < before; i++) expect(held).toContain(`w${i}`);
      checks++;
    }
    await writing;
    expect(checks).toBeGreaterThan(3);
  });
});

describe("invariant 4: convergence, with 1 to 3, under load", () => {
  let second: Running;
  beforeAll(async () => {
    // A second instance of the API on the same storage: its commits race the first's.
    second = await startApiHost({
      storageConnection: process.env.BCM_TEST_STORAGE!,
      env: { BCM_DEV_KEY_FILE: process.env.BCM_TEST_DEV_KEY_FILE! },
    });
  });
  afterAll(() => second.close());

  it("8 clients on two API instances edit the same records in parallel while another pulls in a loop: nothing lost, nothing twice, all converge", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const ids = Array.from({ length: 6 }, (_, i) => `r${i}`);
    const fields = ["givenName", "jobTitle", "department", "notes"] as const;
    await new Client(db, owner).push(ids.map((id) => create("contact", id, { givenName: id })));

    // Every applied field write: record, field, value and the version it made.
    const writes: Array<{ id: string; field: string; value: string; version: number }> = [];
    let changed = 0;
    let pushing = true;
    const seen = new Map<string, WireRecord>();
    let cursor: string | null = null;
    const pullOnce = async (limit: number) => {
      const reply = await call<{ records: WireRecord[]; cursor: string; more: boolean }>(
        `/databases/${db}/pull`,
        {
          token: owner.token,
          body: { cursor, limit },
        },
      );
      expect(reply.status).toBe(200);
      for (const r of reply.body.records) {
        // Records come in commit order: a copy never goes back to an older version.
        expect(r.version).toBeGreaterThanOrEqual(seen.get(r.id)?.version ?? 0);
        seen.set(r.id, r);
      }
      cursor = reply.body.cursor;
      return reply.body.more;
    };
    const puller = (async () => {
      while (pushing) await pullOnce(5);
    })();

    const pushers = Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        const client = new Client(db, owner, c % 2 ? second.url : undefined);
        const known = new Map<string, WireRecord>();
        for (let round = 0; round < 8; round++) {
          const id = ids[(c + round) % ids.length]!;
          const field = fields[(c * 3 + round) % fields.length]!;
          const base = known.get(id);
          const value = `c${c}-r${round}`;
          const mutation = base
            ? edit(
                "contact",
                id,
                base.version,
                { [field]: base.fields[field] ?? null },
                { [field]: value },
              )
            : edit(
                "contact",
                id,
                1,
                { [field]: field === "givenName" ? id : null },
                { [field]: value },
              );
          const reply = await client.push([mutation]);
          // Every third request "loses" its response: the same request is sent again.
          expect(reply.status).toBe(200);
          if (round % 3 === 2) {
            const again = await client.send([{ ...mutation, mid: client.lastMid }]);
            expect(again.body.results[0]?.status).toBe("duplicate");
          }
          const first = reply.body.results[0]!;
          expect(["applied", "conflict"]).toContain(first.status);
          if (first.status === "applied") {
            writes.push({ id, field, value, version: first.record!.version });
            changed++;
          } else {
            expect(first.conflicts?.[0]).toMatchObject({
              field,
              mine: value,
              theirsBy: owner.email,
            });
          }
          known.set(id, first.record!);
        }
      }),
    );
    await pushers.finally(() => (pushing = false));
    await puller;
    while (await pullOnce(1000));

    const server = await pullAll(db, owner);
    // Invariant 4: the puller's copy is the server's state.
    expect(new Map([...seen].map(([id, r]) => [`contact:${id}`, r]))).toEqual(server.records);
    // Invariant 2: each applied edit made exactly one new version.
    const versions = [...server.records.values()].reduce((n, r) => n + r.version - 1, 0);
    expect(versions).toBe(changed);
    // Invariant 1: each field holds the value of its latest applied write.
    for (const id of ids) {
      for (const field of fields) {
        const latest = writes
          .filter((w) => w.id === id && w.field === field)
          .sort((a, b) => b.version - a.version)[0];
        if (latest) expect(server.records.get(`contact:${id}`)?.fields[field]).toBe(latest.value);
      }
    }
  });
});
