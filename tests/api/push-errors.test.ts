import { call } from "../support/http";
import { Client, create, edit, newDatabase, newMember, pullAll, share } from "../support/db";

describe("push: bad input", () => {
  let owner: Awaited<ReturnType<typeof newMember>>;
  let db: string;
  beforeAll(async () => {
    owner = await newMember();
    db = await newDatabase(owner);
  });

  it.each([
    ["malformed JSON", '{"clientId": ', undefined],
    ["no clientId", JSON.stringify({ mutations: [] }), "clientId"],
    ["a clientId of the wrong type", JSON.stringify({ clientId: 7, mutations: [] }), "clientId"],
    ["a clientId with a slash", JSON.stringify({ clientId: "a/b", mutations: [] }), "clientId"],
    [
      "mutations that are not a list",
      JSON.stringify({ clientId: "c", mutations: {} }),
      "mutations",
    ],
    [
      "a mutation without a mid",
      JSON.stringify({ clientId: "c", mutations: [{ op: "upsert" }] }),
      "mutations.0.mid",
    ],
    [
      "a mid that is not a whole number",
      JSON.stringify({ clientId: "c", mutations: [{ mid: 1.5 }] }),
      "mutations.0.mid",
    ],
  ])("answers 400 naming the field for %s", async (_what, raw, field) => {
    const reply = await call<{ error: { code: string; field?: string } }>(`/databases/${db}/push`, {
      token: owner.token,
      method: "POST",
      raw,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_request");
    expect(reply.body.error.field).toBe(field);
  });

  it("answers 413 to 501 mutations, and to a 5 MiB body", async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({
      ...create("contact", `m${i}`, {}),
      mid: i + 1,
    }));
    const reply = await call<{ error: { code: string; field: string } }>(`/databases/${db}/push`, {
      token: owner.token,
      body: { clientId: "c-many", mutations: many },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error).toMatchObject({ code: "too_large", field: "mutations" });
    const huge = await call(`/databases/${db}/push`, {
      token: owner.token,
      method: "POST",
      raw: JSON.stringify({ clientId: "c-huge", mutations: [], pad: "x".repeat(5 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect((await pullAll(db, owner)).records.size).toBe(0);
  });

  it("rejects bad mutations in the middle of a push with their reasons, and applies the ones after them", async () => {
    const db2 = await newDatabase(owner);
    const client = new Client(db2, owner);
    const reply = await client.push([
      create("contact", "ok-1", { givenName: "Before" }),
      create("contact", "big", { notes: "n".repeat(300 * 1024) }),
      create("contact", "wide", {
        custom: Object.fromEntries(
          Array.from({ length: 80 }, (_, i) => [
            `field ${i}`,
            { type: "text", value: "w".repeat(4000) },
          ]),
        ),
      }),
      create("contact", "bad id!", { givenName: "Bad" }),
      create("contact", "typed", { givenName: 42 }),
      { ...create("contact", "ok-x", {}), type: "invoice" } as never,
      create("contact", "ok-2", { givenName: "After" }),
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body.lastMid).toBe(7);
    const [first, big, wide, badId, typed, unknownType, last] = reply.body.results;
    expect(first?.status).toBe("applied");
    expect(big).toMatchObject({ status: "rejected", error: { field: "fields.notes" } });
    expect(wide).toMatchObject({
      status: "rejected",
      error: { code: "too_large", field: "fields" },
    });
    expect(badId).toMatchObject({
      status: "rejected",
      error: { code: "invalid_mutation", field: "id" },
    });
    expect(typed).toMatchObject({
      status: "rejected",
      error: { code: "invalid_field", field: "fields.givenName" },
    });
    expect(unknownType).toMatchObject({
      status: "rejected",
      error: { code: "invalid_mutation", field: "type" },
    });
    expect(last?.status).toBe("applied");
    const copy = await pullAll(db2, owner);
    expect([...copy.records.keys()].sort()).toEqual(["contact:ok-1", "contact:ok-2"]);
    // The rejected mids are used up: the next push goes on after them.
    expect((await client.push([create("contact", "ok-3", {})])).body.results[0]?.status).toBe(
      "applied",
    );
  });

  it("rejects an edit of a record that does not exist, and a delete without a base version", async () => {
    const client = new Client(db, owner);
    const reply = await client.push([
      edit("contact", "ghost", 3, { givenName: "A" }, { givenName: "B" }),
      { op: "delete", type: "contact", id: "ghost" } as never,
    ]);
    expect(reply.body.results.map((r) => [r.status, r.error?.code])).toEqual([
      ["rejected", "not_found"],
      ["rejected", "invalid_mutation"],
    ]);
  });

  it("refuses a push from a reader (403) and from a non-member (404)", async () => {
    const reader = await share(db, owner, "reader");
    const r = await new Client(db, reader).push([create("contact", "r", {})]);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: { code: "forbidden" } });
    const stranger = await newMember();
    expect((await new Client(db, stranger).push([create("contact", "s", {})])).status).toBe(404);
    expect(
      (await call(`/databases/${db}/push`, { body: { clientId: "c", mutations: [] } })).status,
    ).toBe(401);
  });

  it("keeps text byte-exact: accents, CJK, right-to-left, emoji and combining marks round-trip", async () => {
    const client = new Client(db, owner);
    const fields = {
      givenName: "Zoë Ångström-Ñúñez",
      familyName: "山田 太郎",
      displayName: "مريم الحسيني",
      jobTitle: "מנהלת רכש",
      notes: "Met at the 🎉 launch 👩🏽‍💻; prefers e\u0301 (decomposed) — “quotes” & <tags>",
    };
    const reply = await client.push([create("contact", "unicode", fields)]);
    expect(reply.body.results[0]?.record?.fields).toEqual(fields);
    const pulled = (await pullAll(db, owner)).records.get("contact:unicode");
    expect(pulled?.fields).toEqual(fields);
    expect(Buffer.from(JSON.stringify(pulled?.fields))).toEqual(
      Buffer.from(JSON.stringify(fields)),
    );
  });
});

describe("pull: cursors", () => {
  it("answers 410 cursor_expired to a cursor from another epoch", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const foreign = Buffer.from(JSON.stringify({ e: "another-epoch", s: 0, v: "all" })).toString(
      "base64url",
    );
    const reply = await call<{ error: { code: string } }>(`/databases/${db}/pull`, {
      token: owner.token,
      body: { cursor: foreign },
    });
    expect(reply.status).toBe(410);
    expect(reply.body.error.code).toBe("cursor_expired");
  });

  it("returns each record once, at its latest state, in commit order, and tombstones for deletes", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    await client.push([
      create("contact", "a", { givenName: "A" }),
      create("contact", "b", { givenName: "B" }),
    ]);
    const start = await call<{ cursor: string }>(`/databases/${db}/pull`, {
      token: owner.token,
      body: { cursor: null },
    });
    await client.push([edit("contact", "a", 1, { givenName: "A" }, { givenName: "A2" })]);
    await client.push([edit("contact", "a", 2, { givenName: "A2" }, { givenName: "A3" })]);
    await client.push([
      { op: "delete", type: "contact", id: "b", baseVersion: 1, at: new Date().toISOString() },
    ]);
    const next = await call<{
      records: Array<{ id: string; version: number; deleted: boolean; fields: object }>;
    }>(`/databases/${db}/pull`, { token: owner.token, body: { cursor: start.body.cursor } });
    expect(next.body.records.map((r) => [r.id, r.version, r.deleted])).toEqual([
      ["a", 3, false],
      ["b", 2, true],
    ]);
    expect(next.body.records[1]?.fields).toEqual({});
  });
});
