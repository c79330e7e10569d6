/**
 * Attacks that must get a clear 4xx (or be stored as plain data), never a 500 and never more
 * than the caller may have: self-subscription, hostile route params and keys, JSON nested
 * deeper than any stack, and JSON that tries to pollute prototypes.
 */
import { Email, Id, SyncSetName } from "../../src/shared/protocol";
import { ROUTES, type RouteName } from "../../src/shared/routes";
import { call, signIn } from "../support/http";
import { Client, create, newDatabase, newMember, pullAll, share, type Member } from "../support/db";

type ErrorReply = { error?: { code: string; message: string; field?: string } };

async function putSyncSet(db: string, owner: Member, name: string, filter: unknown) {
  return call(`/databases/${db}/sync-sets/${encodeURIComponent(name)}`, {
    method: "PUT",
    token: owner.token,
    body: { filter },
  });
}

const subscriptionPath = (db: string, email: string, contactId: string) =>
  `/databases/${db}/members/${encodeURIComponent(email)}/subscriptions/${encodeURIComponent(contactId)}`;

describe("subscriptions: an owner adds them, a member may only end their own", () => {
  it("refuses a member subscribing themselves (out of their sync set) or anyone else", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    await putSyncSet(db, owner, "Nothing", { any: [] });
    await new Client(db, owner).push([
      create("contact", "secret", { givenName: "Secret", categories: ["Board"] }),
    ]);
    const editor = await share(db, owner, "editor", "Nothing");
    const reader = await share(db, owner, "reader", "Nothing");
    const attempts: Array<[Member, Member]> = [
      [editor, editor],
      [reader, reader],
      [editor, reader],
      [reader, editor],
    ];
    for (const [who, whose] of attempts) {
      const reply = await call<ErrorReply>(subscriptionPath(db, whose.email, "secret"), {
        method: "PUT",
        token: who.token,
      });
      expect(reply.status).toBe(403);
      expect(reply.body.error?.code).toBe("forbidden");
    }
    // Nobody's list changed, and the contact stays out of their copies.
    const members = await call<{ members: Array<{ subscriptions: string[] }> }>(
      `/databases/${db}/members`,
      { token: owner.token },
    );
    expect(members.body.members.map((m) => m.subscriptions)).toEqual([[], [], []]);
    expect((await pullAll(db, editor)).records.has("contact:secret")).toBe(false);
    expect((await pullAll(db, reader)).records.has("contact:secret")).toBe(false);
  });

  it("lets a member end their own subscription, not another member's", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const a = await share(db, owner, "reader");
    const b = await share(db, owner, "editor");
    for (const m of [a, b]) {
      const added = await call(subscriptionPath(db, m.email, "c1"), {
        method: "PUT",
        token: owner.token,
      });
      expect(added.status).toBe(200);
    }
    const other = await call(subscriptionPath(db, a.email, "c1"), {
      method: "DELETE",
      token: b.token,
    });
    expect(other.status).toBe(403);
    const own = await call(subscriptionPath(db, a.email, "c1"), {
      method: "DELETE",
      token: a.token,
    });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ email: a.email, subscriptions: [] });
    const members = await call<{ members: Array<{ email: string; subscriptions: string[] }> }>(
      `/databases/${db}/members`,
      { token: owner.token },
    );
    expect(members.body.members.find((m) => m.email === b.email)?.subscriptions).toEqual(["c1"]);
  });

  it("answers alike whether the contact exists", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    await new Client(db, owner).push([create("contact", "real", { givenName: "Real" })]);
    const a = await share(db, owner, "editor");
    const b = await share(db, owner, "editor");
    /** The answer with the member's address and the contact id taken out. */
    const answer = async (who: Member, whose: Member, method: string, id: string) => {
      const reply = await call(subscriptionPath(db, whose.email, id), { method, token: who.token });
      return [reply.status, reply.text.replaceAll(whose.email, "EMAIL").replaceAll(id, "ID")];
    };
    for (const method of ["PUT", "DELETE"]) {
      expect(await answer(a, a, method, "real")).toEqual(await answer(b, b, method, "none"));
      expect(await answer(owner, a, method, "real")).toEqual(
        await answer(owner, b, method, "none"),
      );
    }
  });
});

describe("hostile route params: 400 naming the param, never a 500", () => {
  /** Path segments as an attacker sends them (already percent-encoded where they must be). */
  const hostile: string[] = [
    "'",
    "x'%20or%20'1'%3D'1",
    "%22",
    "a%22b",
    "..",
    "%2E%2E",
    ".",
    "a%2Fb",
    "%2F",
    "%252F",
    "%",
    "%00",
    "a%00b",
    "%0A",
    "a".repeat(2000),
    `${"a".repeat(300)}%40contoso.test`,
    encodeURIComponent("Köln"),
    encodeURIComponent("東京"),
    encodeURIComponent("\u202Egnp.exe"),
    encodeURIComponent("😀"),
    encodeURIComponent("İ"),
    encodeURIComponent("\uFEFFa"),
    encodeURIComponent(" a "),
    "__proto__",
    "constructor",
    "%2A",
    encodeURIComponent("o'brien@contoso.test"),
    encodeURIComponent("a@b@contoso.test"),
  ];
  const schemas = { db: Id, email: Email, name: SyncSetName, contactId: Id };
  type Param = keyof typeof schemas;
  /** A valid body for each route that takes one, so that only the param is wrong. */
  const bodies: Partial<Record<RouteName, unknown>> = {
    "databases-rename": { name: "Renamed" },
    "members-put": { role: "reader" },
    "sync-sets-put": { filter: { all: [] } },
    pull: { cursor: null },
    push: { clientId: "c1", mutations: [] },
    "backup-records": { after: null },
    "restore-start": { format: "bcm-backup", version: 1, name: "R", members: [], syncSets: [] },
    "restore-records": { from: 0, records: [] },
    "restore-finish": { records: 0 },
  };
  // Every deployed route with a param, from the one route table: a new route is attacked too.
  const routes = Object.values(ROUTES).flatMap((route) =>
    "localOnly" in route || !route.path.includes("{")
      ? []
      : [{ method: route.method, path: route.path, name: route.name, body: bodies[route.name] }],
  );

  it("knows a valid body for every route with a param that takes one", () => {
    const missing = routes.filter((r) => "request" in ROUTES[r.name] && r.body === undefined);
    expect(missing.map((r) => r.name)).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it("answers every route with a hostile value in every param", async () => {
    const owner = await newMember("owner");
    // ("DELETE …/subscriptions/.." resolves to "DELETE …/members/{email}": the member may go;
    // "DELETE …/members/.." to "DELETE databases/{db}": the database goes, and another is made.)
    const fixture = async (): Promise<Record<Param, string>> => {
      const db = await newDatabase(owner);
      const member = await share(db, owner, "reader");
      expect((await putSyncSet(db, owner, "Team", { all: [] })).status).toBe(200);
      return { db, email: encodeURIComponent(member.email), name: "Team", contactId: "c1" };
    };
    let good = await fixture();
    const wrong: string[] = [];
    let refused = 0;
    for (const route of routes) {
      const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as Param);
      for (const param of params) {
        for (const value of hostile) {
          const path = route.path.replace(/\{(\w+)\}/g, (_, name: Param) =>
            name === param ? value : good[name],
          );
          const reply = await call<ErrorReply>(`/${path}`, {
            method: route.method,
            token: owner.token,
            ...(route.body === undefined ? {} : { body: route.body }),
          });
          const what = `${route.method} ${route.path} ${param}=${value.slice(0, 40)}: ${reply.status} ${reply.text.slice(0, 200)}`;
          if (reply.status >= 500) wrong.push(what);
          else if (reply.status >= 400 && !reply.body.error?.code) wrong.push(what);
          // A segment that is a dot or two is resolved away before any route sees it.
          if (/^(\.|\.\.|%2E%2E)$/.test(value)) {
            const gone = await call(`/databases/${good.db}`, { token: owner.token });
            if (gone.status === 404) good = await fixture();
            continue;
          }
          const decoded = safeDecode(value);
          if (!schemas[param].safeParse(decoded).success) {
            refused++;
            if (reply.status !== 400 || reply.body.error?.field !== param) wrong.push(what);
          }
          if (reply.status === 400 && reply.body.error?.field !== param) wrong.push(what);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(350);
  });

  it("escapes a quote in an address in storage queries (an OData filter)", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner, "Quoted");
    const quoted = `o'brien.${Date.now().toString(36)}@contoso.test`;
    const put = await call(`/databases/${db}/members/${encodeURIComponent(quoted)}`, {
      method: "PUT",
      token: owner.token,
      body: { role: "reader" },
    });
    expect(put.status).toBe(201);
    const token = await signIn(quoted);
    const me = await call<{ databases: Array<{ id: string; name: string }> }>("/me", { token });
    expect(me.status).toBe(200);
    expect(me.body.databases.map((d) => d.id)).toEqual([db]);
    // An address that would close the quote and widen the filter sees nothing of it.
    const sneaky = await signIn(`x' or PartitionKey ne 'y@contoso.test`).catch(() => null);
    if (sneaky) {
      const theirs = await call<{ databases: unknown[] }>("/me", { token: sneaky });
      expect(theirs.status).toBe(200);
      expect(theirs.body.databases).toEqual([]);
    }
  });

  it("rejects hostile record ids and field names one mutation at a time", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const at = new Date().toISOString();
    const ids = ["'", "..", "a/b", "a\u0000b", "x".repeat(65), "Köln", "__proto__x'", ""];
    const mutations = [
      ...ids.map((id, i) => ({
        mid: i + 1,
        op: "upsert",
        type: "contact",
        id,
        baseVersion: null,
        fields: { givenName: "X" },
        at,
      })),
      ...["a'b", "", "x".repeat(65), "giv\u0000enName"].map((key, i) => ({
        mid: ids.length + i + 1,
        op: "upsert",
        type: "contact",
        id: `k${i}`,
        baseVersion: null,
        fields: { [key]: "X" },
        at,
      })),
    ];
    const last = mutations.length + 1;
    mutations.push({
      mid: last,
      op: "upsert",
      type: "contact",
      id: "fine",
      baseVersion: null,
      fields: { givenName: "Fine" },
      at,
    });
    const reply = await call<{
      results: Array<{ mid: number; status: string; error?: { field?: string } }>;
    }>(`/databases/${db}/push`, {
      token: owner.token,
      body: { clientId: "hostile", mutations },
    });
    expect(reply.status).toBe(200);
    const results = reply.body.results;
    expect(results.slice(0, -1).map((r) => r.status)).toEqual(
      mutations.slice(0, -1).map(() => "rejected"),
    );
    expect(results.slice(0, ids.length).map((r) => r.error?.field)).toEqual(ids.map(() => "id"));
    expect(results.slice(ids.length, -1).every((r) => r.error?.field?.startsWith("fields"))).toBe(
      true,
    );
    expect(results.at(-1)).toMatchObject({ mid: last, status: "applied" });
  });
});

describe("JSON nested deeper than a stack", () => {
  const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
  const at = new Date().toISOString();
  const upsert = (mid: number, id: string, fieldsJson: string) =>
    `{"mid":${mid},"op":"upsert","type":"contact","id":"${id}","baseVersion":null,"fields":${fieldsJson},"at":"${at}"}`;

  it.each([10_000, 1_000_000])(
    "rejects a mutation whose fields nest %i levels, and applies the ones behind it",
    async (levels) => {
      const owner = await newMember("owner");
      const db = await newDatabase(owner);
      const mutations = [
        upsert(1, "deep", `{"notes":${deep(levels)}}`),
        upsert(2, "deep-custom", `{"custom":{"x":${deep(levels)}}}`),
        upsert(3, "fine", `{"givenName":"Fine"}`),
      ];
      const reply = await call<{
        results: Array<{ status: string; error?: { field?: string } }>;
      }>(`/databases/${db}/push`, {
        token: owner.token,
        raw: `{"clientId":"deep","mutations":[${mutations.join(",")}]}`,
        headers: { "content-type": "application/json" },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.results.map((r) => r.status)).toEqual(["rejected", "rejected", "applied"]);
      expect(reply.body.results[0]?.error?.field).toBe("fields.notes");
      expect(reply.body.results[1]?.error?.field).toMatch(/^fields\.custom/);
    },
  );

  it("refuses deeply nested member, sync-set, pull and push bodies with a 4xx", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const nested = deep(10_000);
    const bodies: Array<[string, string, string]> = [
      ["PUT", `/databases/${db}/members/deep%40contoso.test`, nested],
      ["PUT", `/databases/${db}/members/deep%40contoso.test`, `{"role":${nested}}`],
      ["PUT", `/databases/${db}/sync-sets/Deep`, `{"filter":${nested}}`],
      ["PUT", `/databases/${db}/sync-sets/Deep`, `{"filter":{"all":[],"x":${nested}}}`],
      [
        "PUT",
        `/databases/${db}/sync-sets/Deep`,
        `{"filter":{"all":[{"field":"country","op":"in","value":${nested}}]}}`,
      ],
      ["POST", `/databases/${db}/pull`, `{"cursor":${nested}}`],
      ["POST", `/databases/${db}/push`, nested],
      ["POST", `/databases/${db}/push`, `{"clientId":"c","mutations":${nested}}`],
      ["POST", "/databases", `{"name":${nested}}`],
    ];
    for (const [method, path, raw] of bodies) {
      const reply = await call<ErrorReply>(path, {
        method,
        raw,
        token: owner.token,
        headers: { "content-type": "application/json" },
      });
      expect([method, path, reply.status]).toEqual([method, path, 400]);
      expect(reply.body.error?.code).toBe("invalid_request");
    }
    // A member body with nesting in a key the schema does not know: stored as plain data.
    const extra = await call(`/databases/${db}/members/deep%40contoso.test`, {
      method: "PUT",
      raw: `{"role":"reader","x":${nested}}`,
      token: owner.token,
      headers: { "content-type": "application/json" },
    });
    expect(extra.status).toBe(201);
    expect(extra.body).toEqual({
      email: "deep@contoso.test",
      role: "reader",
      syncSet: null,
      subscriptions: [],
    });
  });
});

describe("JSON that tries to pollute prototypes", () => {
  const json = { "content-type": "application/json" };

  it("stores __proto__ and constructor.prototype in fields as plain data or rejects them, with no effect on other records", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const at = new Date().toISOString();
    const upsert = (mid: number, id: string, fieldsJson: string) =>
      `{"mid":${mid},"op":"upsert","type":"contact","id":"${id}","baseVersion":null,"fields":${fieldsJson},"at":"${at}"}`;
    const poison = `{"polluted":"yes","role":"owner","givenName":"Polluted"}`;
    const mutations = [
      upsert(1, "p1", `{"givenName":"A","__proto__":${poison}}`),
      upsert(2, "p2", `{"givenName":"B","constructor":{"prototype":${poison}}}`),
      upsert(3, "p3", `{"givenName":"C","custom":{"__proto__":${poison}}}`),
      upsert(
        4,
        "p4",
        `{"givenName":"D","custom":{"constructor":{"type":"text","value":"x","prototype":${poison}}}}`,
      ),
      upsert(5, "p5", `{"givenName":"E","emails":[{"address":"e@x.test","__proto__":${poison}}]}`),
    ];
    const reply = await call<{
      results: Array<{ status: string; record?: { fields: Record<string, unknown> } }>;
    }>(`/databases/${db}/push`, {
      token: owner.token,
      raw: `{"clientId":"proto","mutations":[${mutations.join(",")}],"__proto__":{"clientId":"other"}}`,
      headers: json,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.results).toHaveLength(mutations.length);
    for (const result of reply.body.results) {
      expect(["applied", "rejected"]).toContain(result.status);
      if (result.record) expect(JSON.stringify(result.record)).not.toContain("polluted");
    }
    // A record made afterwards holds exactly what was sent, and nothing reads as polluted.
    const after = await new Client(db, owner).push([
      create("contact", "clean", { givenName: "Z" }),
    ]);
    expect(after.body.results[0]?.record?.fields).toEqual({ givenName: "Z" });
    const copy = await pullAll(db, owner);
    expect(copy.records.get("contact:clean")?.fields).toEqual({ givenName: "Z" });
    for (const record of copy.records.values()) {
      expect(JSON.stringify(record)).not.toContain("polluted");
    }
  });

  it("gives a member only the role the body names, however __proto__ or constructor says otherwise", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    for (const raw of [
      `{"role":"reader","__proto__":{"role":"owner","syncSet":"All"}}`,
      `{"role":"reader","constructor":{"prototype":{"role":"owner"}}}`,
    ]) {
      const member = await newMember("proto");
      const put = await call(`/databases/${db}/members/${encodeURIComponent(member.email)}`, {
        method: "PUT",
        raw,
        token: owner.token,
        headers: json,
      });
      expect(put.status).toBe(201);
      expect(put.body).toEqual({
        email: member.email,
        role: "reader",
        syncSet: null,
        subscriptions: [],
      });
      const pushed = await new Client(db, member).push([
        create("contact", "x", { givenName: "X" }),
      ]);
      expect(pushed.status).toBe(403);
      expect((await call(`/databases/${db}/members`, { token: member.token })).status).toBe(403);
    }
    const filter = await call<ErrorReply>(`/databases/${db}/sync-sets/Proto`, {
      method: "PUT",
      raw: `{"filter":{"all":[],"__proto__":{"any":[{"field":"owner","op":"eq","value":"$me"}]}}}`,
      token: owner.token,
      headers: json,
    });
    expect(filter.status).toBeLessThan(500);
    const listed = await call<{ syncSets: Array<{ name: string; filter: unknown }> }>(
      `/databases/${db}/sync-sets`,
      { token: owner.token },
    );
    expect(listed.body.syncSets.filter((s) => s.name === "Proto")).toEqual(
      filter.status === 200 ? [{ name: "Proto", filter: { all: [] } }] : [],
    );
  });
});

describe("X-Content-Type-Options: nosniff", () => {
  it("is on every answer of the API: success, each kind of error, and preflights", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const reader = await share(db, owner, "reader");
    const origin = { origin: "https://localhost:3000" };
    const answers = await Promise.all([
      call("/health"),
      call("/me", { token: owner.token }),
      call(`/databases/${db}`, { token: owner.token }),
      call("/me"),
      call(`/databases/${db}/members`, { token: reader.token }),
      call("/databases/NOPE", { token: owner.token }),
      call(`/databases/${db}/pull`, { token: owner.token, raw: "{", headers: {} }),
      call(`/databases/${db}/members/${encodeURIComponent(owner.email)}`, {
        method: "DELETE",
        token: owner.token,
      }),
      call(`/databases/${db}/push`, {
        token: owner.token,
        body: { clientId: "c", mutations: Array.from({ length: 501 }, (_, i) => ({ mid: i + 1 })) },
      }),
      call(`/databases/${db}/pull`, { method: "OPTIONS", headers: origin }),
      call(`/databases/${db}/pull`, {
        method: "OPTIONS",
        headers: { origin: "https://evil.example" },
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([
      200, 200, 200, 401, 403, 404, 400, 409, 413, 204, 403,
    ]);
    for (const answer of answers) {
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
