import type { PushResponse } from "../../src/shared/protocol";
import { call } from "../support/http";
import { Client, create, edit, newDatabase, newMember, pullAll } from "../support/db";

describe("push", () => {
  it("creates a contact, and a pull returns it at version 1", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    const reply = await client.push([
      create("contact", "ann", { givenName: "Ann", familyName: "Lee" }),
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body.lastMid).toBe(1);
    expect(reply.body.results).toEqual([
      {
        mid: 1,
        status: "applied",
        record: expect.objectContaining({
          type: "contact",
          id: "ann",
          version: 1,
          deleted: false,
          updatedBy: owner.email,
        }),
      },
    ]);
    const copy = await pullAll(db, owner);
    expect(copy.records.get("contact:ann")?.fields).toEqual({
      givenName: "Ann",
      familyName: "Lee",
    });
  });

  it("merges field by field: another client's change to another field survives", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const a = new Client(db, owner);
    const b = new Client(db, owner);
    await a.push([create("contact", "x", { givenName: "Ann", jobTitle: "Buyer" })]);
    await a.push([
      edit("contact", "x", 1, { jobTitle: "Buyer" }, { jobTitle: "Head of Purchasing" }),
    ]);
    const reply = await b.push([
      edit("contact", "x", 1, { givenName: "Ann" }, { givenName: "Anne" }),
    ]);
    expect(reply.body.results[0]?.status).toBe("applied");
    expect(reply.body.results[0]?.record?.fields).toEqual({
      givenName: "Anne",
      jobTitle: "Head of Purchasing",
    });
    expect(reply.body.results[0]?.record?.version).toBe(3);
  });

  it("merges a create of an id that exists (two members link the same e-mail), and answers its retry with the record", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const ann = new Client(db, owner);
    const bob = new Client(db, owner);
    const mail = { kind: "email", subject: "Offer", internetMessageId: "<m1@contoso.test>" };
    await ann.push([create("history", "m1", { ...mail, snippet: "Hello" })]);
    // Bob's create comes second: as if every base value were null, it fills what is empty and
    // conflicts where Ann's value differs; nothing of Ann's is overwritten.
    const reply = await bob.push([
      create("history", "m1", { ...mail, snippet: "Hi", body: "Called back" }),
      create("contact", "new", { givenName: "New" }),
    ]);
    expect(reply.body.results.map((r) => [r.mid, r.status])).toEqual([
      [1, "partial"],
      [2, "applied"],
    ]);
    expect(reply.body.results[0]?.conflicts?.map((c) => [c.field, c.theirs])).toEqual([
      ["snippet", "Hello"],
    ]);
    const merged = { ...mail, snippet: "Hello", body: "Called back" };
    expect(reply.body.results[0]?.record).toMatchObject({ version: 2, fields: merged });
    // The same request again (its answer lost): duplicates, with the records as they are.
    const again = await bob.send(
      [
        create("history", "m1", { ...mail, snippet: "Hi", body: "Called back" }),
        create("contact", "new", { givenName: "New" }),
      ].map((m, i) => ({ ...m, mid: i + 1 })),
    );
    expect(again.body.results).toEqual([
      { mid: 1, status: "duplicate", record: expect.objectContaining({ fields: merged }) },
      { mid: 2, status: "duplicate", record: expect.objectContaining({ id: "new", version: 1 }) },
    ]);
    const copy = await pullAll(db, owner);
    expect(copy.records.get("history:m1")?.fields).toEqual(merged);
  });

  it("answers an empty push with the client's last mid, changing nothing", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    expect((await client.send([])).body).toEqual({
      lastMid: 0,
      results: [],
      serverTime: expect.any(String),
    });
    await client.push([
      create("contact", "e", { givenName: "E" }),
      create("contact", "f", { givenName: "F" }),
    ]);
    expect((await client.send([])).body).toEqual({
      lastMid: 2,
      results: [],
      serverTime: expect.any(String),
    });
    expect((await pullAll(db, owner)).records.size).toBe(2);
  });
});

describe("a push that pulls too", () => {
  const pushWithPull = (
    client: Client,
    mutations: Array<ReturnType<typeof create>>,
    pull: unknown,
  ) =>
    call<PushResponse>(`/databases/${client.db}/push`, {
      token: client.member.token,
      body: {
        clientId: client.clientId,
        mutations: mutations.map((m, i) => ({ ...m, mid: client.lastMid + 1 + i })),
        pull,
      },
    });

  it("answers the changes after the cursor with the push, its own included, as a pull would", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const mine = new Client(db, owner);
    const other = new Client(db, owner);
    await mine.push([create("contact", "a", { givenName: "Ann" })]);
    const { cursor } = await pullAll(db, owner);
    await other.push([create("contact", "b", { givenName: "Bo" })]);

    const reply = await pushWithPull(mine, [create("contact", "c", { givenName: "Cy" })], {
      cursor,
      limit: 1000,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.results).toEqual([expect.objectContaining({ mid: 2, status: "applied" })]);
    expect(reply.body.pull?.records.map((r) => [r.id, r.fields.givenName])).toEqual([
      ["b", "Bo"],
      ["c", "Cy"],
    ]);
    expect(reply.body.pull).toMatchObject({ removed: [], more: false });
    // Its cursor is a pull's: nothing new after it.
    const after = await call<{ records: unknown[]; cursor: string }>(`/databases/${db}/pull`, {
      token: owner.token,
      body: { cursor: reply.body.pull!.cursor },
    });
    expect(after.body.records).toEqual([]);
  });

  it("answers without the page when the cursor cannot be served, the results standing", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    const reply = await pushWithPull(client, [create("contact", "a", { givenName: "Ann" })], {
      cursor: "not-a-cursor",
      limit: 10,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.pull).toBeUndefined();
    expect(reply.body.results).toEqual([expect.objectContaining({ mid: 1, status: "applied" })]);
    expect((await pullAll(db, owner)).records.has("contact:a")).toBe(true);
  });

  it("refuses a malformed pull part with 400 naming the field, applying nothing", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    for (const [pull, field] of [
      [{ cursor: null, limit: 0 }, "pull.limit"],
      [{ cursor: "x".repeat(201), limit: 10 }, "pull.cursor"],
      ["everything", "pull"],
    ] as const) {
      const reply = await pushWithPull(client, [create("contact", "a", { givenName: "A" })], pull);
      expect({
        status: reply.status,
        field: (reply.body as unknown as ErrorReply).error.field,
      }).toEqual({
        status: 400,
        field,
      });
    }
    expect((await pullAll(db, owner)).records.size).toBe(0);
  });
});

interface ErrorReply {
  error: { code: string; field?: string };
}
