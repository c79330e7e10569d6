import { call, signIn, uniqueEmail } from "../support/http";

interface PullBody {
  records: Array<{ id: string }>;
  removed: unknown[];
  cursor: string;
  more: boolean;
  epoch: string;
}

async function newDatabase(token: string, name = "Team") {
  const reply = await call<{ id: string; name: string; role: string }>("/databases", {
    token,
    body: { name },
  });
  expect(reply.status).toBe(201);
  return reply.body;
}

describe("POST /databases and pull (first cut)", () => {
  it("makes a database whose creator is its owner, listed by /me", async () => {
    const email = uniqueEmail();
    const token = await signIn(email);
    const db = await newDatabase(token, "  Fabrikam sales  ");
    expect(db).toEqual({
      id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      name: "Fabrikam sales",
      role: "owner",
    });
    const me = await call<{ databases: unknown[] }>("/me", { token });
    expect(me.body.databases).toEqual([
      { id: db.id, name: "Fabrikam sales", role: "owner", syncSet: null },
    ]);
  });

  it.each([
    ["no name", {}, "name"],
    ["an empty name", { name: "   " }, "name"],
    ["a name of 101 characters", { name: "x".repeat(101) }, "name"],
    ["a name that is a number", { name: 7 }, "name"],
  ])("refuses a database with %s: 400 naming the field", async (_what, body, field) => {
    const token = await signIn(uniqueEmail());
    const reply = await call<{ error: { code: string; field: string } }>("/databases", {
      token,
      body,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: "invalid_request", field });
  });

  it("pulls an empty new database, and a pull with nothing new returns the same cursor", async () => {
    const token = await signIn(uniqueEmail());
    const db = await newDatabase(token);
    const first = await call<PullBody>(`/databases/${db.id}/pull`, {
      token,
      body: { cursor: null, limit: 1000 },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ records: [], removed: [], more: false });
    const again = await call<PullBody>(`/databases/${db.id}/pull`, {
      token,
      body: { cursor: first.body.cursor },
    });
    expect(again.body.cursor).toBe(first.body.cursor);
  });

  it("hides a database from a user who is not a member: 404, as if it did not exist", async () => {
    const owner = await signIn(uniqueEmail());
    const db = await newDatabase(owner);
    const stranger = await signIn(uniqueEmail());
    const reply = await call<{ error: { code: string } }>(`/databases/${db.id}/pull`, {
      token: stranger,
      body: { cursor: null },
    });
    expect(reply.status).toBe(404);
    const missing = await call<{ error: { code: string } }>(`/databases/NO_SUCH_DB/pull`, {
      token: stranger,
      body: { cursor: null },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe(reply.body.error.code);
  });

  it.each([
    ["malformed JSON", "{", undefined],
    ["no cursor", JSON.stringify({ limit: 10 }), "cursor"],
    ["a limit of 0", JSON.stringify({ cursor: null, limit: 0 }), "limit"],
    ["a limit of 1001", JSON.stringify({ cursor: null, limit: 1001 }), "limit"],
    ["a limit that is not a whole number", JSON.stringify({ cursor: null, limit: 1.5 }), "limit"],
    ["a cursor that is not ours", JSON.stringify({ cursor: "bm90LWEtY3Vyc29y" }), "cursor"],
  ])("refuses a pull with %s: 400 naming the field", async (_what, raw, field) => {
    const token = await signIn(uniqueEmail());
    const db = await newDatabase(token);
    const reply = await call<{ error: { code: string; field?: string } }>(
      `/databases/${db.id}/pull`,
      {
        token,
        method: "POST",
        raw,
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_request");
    expect(reply.body.error.field).toBe(field);
  });

  it("refuses a database id with characters ids may not hold: 400 naming db", async () => {
    const token = await signIn(uniqueEmail());
    const reply = await call<{ error: { field: string } }>(
      `/databases/${encodeURIComponent("a'b")}/pull`,
      {
        token,
        body: { cursor: null },
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.field).toBe("db");
  });
});

describe("the local host", () => {
  it("answers an unknown route with 404 and a wrong method with 405, in the protocol's error shape", async () => {
    const unknown = await call<{ error: { code: string } }>("/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const wrong = await call<{ error: { code: string } }>("/health", { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });

  it("answers CORS only for the add-in's own origin", async () => {
    const ok = await call("/me", {
      method: "OPTIONS",
      headers: { origin: "https://localhost:3000", "access-control-request-method": "GET" },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
    const evil = await call("/me", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const plain = await call("/health", { headers: { origin: "https://evil.example" } });
    expect(plain.headers.get("access-control-allow-origin")).toBeNull();
  });
});
