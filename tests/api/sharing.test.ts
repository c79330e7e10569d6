import { StorageLimitError } from "../../api/src/storage/repository";
import { checkEntity } from "../../api/src/storage/azure-limits";
import { encodeKey } from "../../api/src/storage/keys";
import { TableRepository } from "../../api/src/storage/table-repository";
import {
  MAX_FILTER_CHARS,
  MAX_SUBSCRIPTIONS,
  type Condition,
  type Filter,
  type PullResponse,
} from "../../src/shared/protocol";
import { call } from "../support/http";
import {
  Client,
  create,
  edit,
  newDatabase,
  newMember,
  pullAll,
  putSyncSet,
  share,
  type Member,
} from "../support/db";

describe("sharing with roles", () => {
  it("lets an owner share, change a role and revoke; lists members; the last owner cannot leave", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner, "Shared");
    const editor = await share(db, owner, "editor");
    const me = await call<{ databases: Array<{ id: string; role: string }> }>("/me", {
      token: editor.token,
    });
    expect(me.body.databases).toEqual([{ id: db, name: "Shared", role: "editor", syncSet: null }]);
    expect(
      (await call<{ role: string }>(`/databases/${db}`, { token: editor.token })).body,
    ).toMatchObject({ role: "editor", protocol: 1 });

    const members = await call<{ members: Array<{ email: string; role: string }> }>(
      `/databases/${db}/members`,
      { token: owner.token },
    );
    expect(members.body.members.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        [editor.email, "editor"],
        [owner.email, "owner"],
      ].sort(),
    );
    expect((await call(`/databases/${db}/members`, { token: editor.token })).status).toBe(403);
    expect(
      (
        await call(`/databases/${db}/members/x%40y.z`, {
          method: "PUT",
          token: editor.token,
          body: { role: "owner" },
        })
      ).status,
    ).toBe(403);

    const last = await call<{ error: { code: string } }>(
      `/databases/${db}/members/${encodeURIComponent(owner.email)}`,
      { method: "DELETE", token: owner.token },
    );
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("last_owner");
    const demote = await call(`/databases/${db}/members/${encodeURIComponent(owner.email)}`, {
      method: "PUT",
      token: owner.token,
      body: { role: "editor" },
    });
    expect(demote.status).toBe(409);

    expect(
      (
        await call(`/databases/${db}/members/${encodeURIComponent(editor.email)}`, {
          method: "DELETE",
          token: owner.token,
        })
      ).status,
    ).toBe(204);
    expect(
      (await call(`/databases/${db}/pull`, { token: editor.token, body: { cursor: null } })).status,
    ).toBe(404);
    expect(
      (await call<{ databases: unknown[] }>("/me", { token: editor.token })).body.databases,
    ).toEqual([]);
  });

  it.each([
    ["an unknown role", { role: "admin" }, "role"],
    ["a sync set that is not defined", { role: "reader", syncSet: "Nope" }, "syncSet"],
  ])("refuses to share with %s: 400 naming the field", async (_what, body, field) => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const reply = await call<{ error: { field: string } }>(
      `/databases/${db}/members/a%40b.example`,
      { method: "PUT", token: owner.token, body },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.field).toBe(field);
  });

  it("refuses a member e-mail that is not one: 400 naming email", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const reply = await call<{ error: { field: string } }>(
      `/databases/${db}/members/not-an-email`,
      { method: "PUT", token: owner.token, body: { role: "reader" } },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.field).toBe("email");
  });

  it("refuses a sync set with a bad filter: 400 naming the field", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const reply = await putSyncSet(db, owner, "Bad", {
      all: [{ field: "categories", op: "in", value: "Investor" }],
    });
    expect(reply.status).toBe(400);
    expect((reply.body as { error: { field: string } }).error.field).toBe("filter.all.0.value");
  });
});

describe("invariant 5: isolation by sync sets and subscriptions", () => {
  it("gives a member only their set, enforces it on push, and moves records in and out", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const admin = new Client(db, owner);
    await admin.push([
      create("contact", "inv", { givenName: "Ivy", categories: ["Investor"] }),
      create("contact", "cus", { givenName: "Cus", categories: ["Customer"] }),
      create("contact", "mine", { givenName: "Mo", owner: "nobody@contoso.test" }),
      create("company", "co", { name: "Contoso" }),
      create("history", "h-inv", { kind: "note", subject: "Investor call", contactIds: ["inv"] }),
      create("history", "h-cus", { kind: "note", subject: "Customer call", contactIds: ["cus"] }),
      create("history", "h-none", { kind: "note", subject: "Team note" }),
    ]);
    expect(
      (
        await putSyncSet(db, owner, "Investors", {
          any: [
            { field: "categories", op: "contains", value: "investor" },
            { field: "owner", op: "eq", value: "$me" },
          ],
        })
      ).status,
    ).toBe(200);
    const member = await share(db, owner, "editor", "Investors");
    // The contact owned by the member comes through "$me".
    await admin.push([
      edit("contact", "mine", 1, { owner: "nobody@contoso.test" }, { owner: member.email }),
    ]);

    const copy = await pullAll(db, member);
    expect([...copy.records.keys()].sort()).toEqual([
      "company:co",
      "contact:inv",
      "contact:mine",
      "history:h-inv",
      "history:h-none",
    ]);

    // Outside the set: editing and deleting are rejected, creating is allowed.
    const client = new Client(db, member);
    const reply = await client.push([
      edit("contact", "cus", 1, { givenName: "Cus" }, { givenName: "Hacked" }),
      { op: "delete", type: "contact", id: "cus", baseVersion: 1, at: new Date().toISOString() },
      edit("history", "h-cus", 1, { subject: "Customer call" }, { subject: "Hacked" }),
      create("contact", "new", { givenName: "New", categories: ["Prospect"] }),
    ]);
    expect(reply.body.results.map((r) => [r.status, r.error?.code])).toEqual([
      ["rejected", "outside_sync_set"],
      ["rejected", "outside_sync_set"],
      ["rejected", "outside_sync_set"],
      ["applied", undefined],
    ]);
    const own = await pullAll(db, owner);
    expect(own.records.get("contact:cus")?.fields.givenName).toBe("Cus");

    // A contact that leaves the set comes in `removed`; a subscription brings one back.
    const start = await call<{ cursor: string }>(`/databases/${db}/pull`, {
      token: member.token,
      body: { cursor: null },
    });
    await admin.push([
      edit("contact", "inv", 1, { categories: ["Investor"] }, { categories: ["Former investor"] }),
    ]);
    const after = await call<{ records: unknown[]; removed: Array<{ type: string; id: string }> }>(
      `/databases/${db}/pull`,
      {
        token: member.token,
        body: { cursor: start.body.cursor },
      },
    );
    // Its history goes with it (it was in view through it alone).
    expect(after.body.removed).toEqual([
      { type: "contact", id: "inv" },
      { type: "history", id: "h-inv" },
    ]);
    expect(after.body.records).toEqual([]);

    const sub = await call(
      `/databases/${db}/members/${encodeURIComponent(member.email)}/subscriptions/cus`,
      { method: "PUT", token: owner.token },
    );
    expect(sub.status).toBe(200);
    // The view changed: a cursor from before it gets the difference, in one page (here also
    // the contact that left since that cursor), and a new copy is the same.
    const stale = await call<PullResponse>(`/databases/${db}/pull`, {
      token: member.token,
      body: { cursor: start.body.cursor },
    });
    expect(stale.status).toBe(200);
    expect(stale.body.records.map((r) => `${r.type}:${r.id}`).sort()).toEqual([
      "contact:cus",
      "history:h-cus",
    ]);
    expect(stale.body.removed.map((r) => `${r.type}:${r.id}`).sort()).toEqual([
      "contact:inv",
      "history:h-inv",
    ]);
    expect(stale.body.more).toBe(false);
    const again = await pullAll(db, member);
    expect(again.records.has("contact:cus")).toBe(true);
    expect(again.records.has("history:h-cus")).toBe(true);
    expect(again.records.has("contact:inv")).toBe(false);
  });

  it("names a contact brought back outside the set in `removed` when the copy may hold it from before its delete, and only then", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const admin = new Client(db, owner);
    await admin.push([create("contact", "c", { givenName: "Ann", categories: ["Investor"] })]);
    await putSyncSet(db, owner, "Investors", {
      all: [{ field: "categories", op: "contains", value: "Investor" }],
    });
    const member = await share(db, owner, "editor", "Investors");
    const cursor = async () =>
      (
        await call<{ cursor: string }>(`/databases/${db}/pull`, {
          token: member.token,
          body: { cursor: null },
        })
      ).body.cursor;
    const pullFrom = async (from: string) =>
      (
        await call<{ removed: unknown[]; records: Array<{ id: string; deleted: boolean }> }>(
          `/databases/${db}/pull`,
          { token: member.token, body: { cursor: from } },
        )
      ).body;

    // The copy holds "c"; it is deleted, then made again outside the set.
    const holding = await cursor();
    await admin.push([
      { op: "delete", type: "contact", id: "c", baseVersion: 1, at: new Date().toISOString() },
    ]);
    const afterDelete = await cursor();
    await admin.push([create("contact", "c", { givenName: "Ann", categories: ["Customer"] })]);

    expect((await pullFrom(holding)).removed).toEqual([{ type: "contact", id: "c" }]);
    // A copy made after the delete never held it: not even its id is named.
    const later = await pullFrom(afterDelete);
    expect(later.removed).toEqual([]);
    expect(later.records).toEqual([]);
  });

  it("answers a change whose conflicts are outside the set without them, as needing attention", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const admin = new Client(db, owner);
    await admin.push([
      create("contact", "gone", { givenName: "Gus", categories: ["Investor"] }),
      create("contact", "moved", { givenName: "Mia", categories: ["Investor"] }),
    ]);
    await putSyncSet(db, owner, "Investors", {
      all: [{ field: "categories", op: "contains", value: "Investor" }],
    });
    const member = await share(db, owner, "editor", "Investors");
    // "gone" leaves the set, then is deleted; "moved" gets a new name.
    await admin.push([
      edit("contact", "gone", 1, { categories: ["Investor"] }, { categories: ["Customer"] }),
      edit("contact", "moved", 1, { givenName: "Mia" }, { givenName: "Maria" }),
    ]);
    await admin.push([
      { op: "delete", type: "contact", id: "gone", baseVersion: 2, at: new Date().toISOString() },
    ]);
    // The member, from its old copy: an edit of the deleted one, and a change that takes
    // "moved" out of the set while its name conflicts.
    const reply = await new Client(db, member).push([
      edit("contact", "gone", 1, { givenName: "Gus" }, { givenName: "Gustav" }),
      edit(
        "contact",
        "moved",
        1,
        { givenName: "Mia", categories: ["Investor"] },
        { givenName: "Mila", categories: ["Customer"] },
      ),
    ]);
    expect(reply.status).toBe(200);
    for (const result of reply.body.results) {
      expect(result.record).toBeUndefined();
      expect(result.conflicts).toBeUndefined();
      expect(result.error?.code).toBe("outside_sync_set");
    }
    expect(reply.body.results.map((r) => r.status)).toEqual(["conflict", "partial"]);
    expect(JSON.stringify(reply.body)).not.toContain("Maria");
  });

  it("lets only an owner add to a member's subscriptions, and the member end their own", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const a = await share(db, owner, "editor");
    const path = (id: string) =>
      `/databases/${db}/members/${encodeURIComponent(a.email)}/subscriptions/${encodeURIComponent(id)}`;
    expect((await call(path("x1"), { method: "PUT", token: a.token })).status).toBe(403);
    const added = await call(path("x1"), { method: "PUT", token: owner.token });
    expect(added.body).toEqual({ email: a.email, subscriptions: ["x1"] });
    const ended = await call(path("x1"), { method: "DELETE", token: a.token });
    expect(ended.body).toEqual({ email: a.email, subscriptions: [] });
    const bad = await call<{ error: { field: string } }>(path("x y"), {
      method: "PUT",
      token: owner.token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("contactId");
  });

  it("never shows one database's records to a member of another", async () => {
    const alice = await newMember();
    const bob = await newMember();
    const dbA = await newDatabase(alice);
    const dbB = await newDatabase(bob);
    await new Client(dbA, alice).push([create("contact", "secret", { givenName: "Secret" })]);
    expect(
      (await call(`/databases/${dbA}/pull`, { token: bob.token, body: { cursor: null } })).status,
    ).toBe(404);
    expect((await call(`/databases/${dbA}`, { token: bob.token })).status).toBe(404);
    expect((await pullAll(dbB, bob)).records.size).toBe(0);
  });
});

describe("invariant 3 with sync sets", () => {
  it("brings a contact's history along when the contact enters a member's set by its own change", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const admin = new Client(db, owner);
    await putSyncSet(db, owner, "Investors", {
      all: [{ field: "categories", op: "contains", value: "Investor" }],
    });
    await admin.push([
      create("contact", "x", { givenName: "Xavier", categories: ["Customer"] }),
      create("history", "hx", { kind: "phone", subject: "Call with Xavier", contactIds: ["x"] }),
      create("history", "hx2", { kind: "note", subject: "Xavier and Yan", contactIds: ["y", "x"] }),
    ]);
    const member = await share(db, owner, "reader", "Investors");
    const first = await pullAll(db, member);
    expect(first.records.size).toBe(0);

    // Another note is moved off Xavier: the link index still names it, the pull must not send it.
    await admin.push([
      edit("history", "hx2", 1, { contactIds: ["y", "x"] }, { contactIds: ["y"] }),
    ]);
    await admin.push([
      edit(
        "contact",
        "x",
        1,
        { categories: ["Customer"] },
        { categories: ["Customer", "Investor"] },
      ),
    ]);
    const next = await call<{
      records: Array<{ type: string; id: string; fields: Record<string, unknown> }>;
    }>(`/databases/${db}/pull`, { token: member.token, body: { cursor: first.cursor } });
    expect(next.body.records.map((r) => `${r.type}:${r.id}`).sort()).toEqual([
      "contact:x",
      "history:hx",
    ]);
    expect(next.body.records.find((r) => r.id === "hx")?.fields).toEqual({
      kind: "phone",
      subject: "Call with Xavier",
      contactIds: ["x"],
    });
    expect(Object.keys(next.body.records[0] ?? {}).sort()).toEqual([
      "deleted",
      "fields",
      "id",
      "type",
      "updatedAt",
      "updatedBy",
      "version",
    ]);
  });
});

describe("names beyond ASCII", () => {
  it("lists sync sets named with letters past ASCII", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const names = ["Köln Kunden", "東京", "Zürich", "Ærø"];
    for (const name of names) {
      expect((await putSyncSet(db, owner, name, { all: [] })).status).toBe(200);
    }
    const listed = await call<{ syncSets: Array<{ name: string }> }>(`/databases/${db}/sync-sets`, {
      token: owner.token,
    });
    expect(listed.body.syncSets.map((s) => s.name).sort()).toEqual([...names].sort());
    // A member can be given one, and sees its name.
    const member = await share(db, owner, "reader", "東京");
    const me = await call<{ databases: Array<{ syncSet: string }> }>("/me", {
      token: member.token,
    });
    expect(me.body.databases).toEqual([expect.objectContaining({ syncSet: "東京" })]);
  });

  it("refuses a member address beyond ASCII (the Email schema's): 400 naming email", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const reply = await call<{ error: { field: string } }>(
      `/databases/${db}/members/${encodeURIComponent("jürgen@köln.example")}`,
      { method: "PUT", token: owner.token, body: { role: "reader" } },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.field).toBe("email");
  });
});

describe("lists bounded to what one storage property holds", () => {
  /** A filter whose JSON is exactly `chars` UTF-16 units, its values made of `text`. */
  function filterOf(chars: number, text = "x"): Filter {
    const conditions: Array<Condition & { value: string[] }> = [];
    const filter: Filter = { any: conditions };
    while (JSON.stringify(filter).length < chars) {
      if ((conditions.at(-1)?.value.length ?? 100) === 100)
        conditions.push({ field: "categories", op: "in", value: [] });
      conditions.at(-1)!.value.push(text.repeat(256).slice(0, 256));
    }
    // Shorten the last values by what is over.
    let over = JSON.stringify(filter).length - chars;
    for (const values of conditions.map((c) => c.value).reverse()) {
      for (let k = values.length - 1; k >= 0 && over > 0; k--) {
        const cut = Math.min(over, values[k]!.length);
        values[k] = values[k]!.slice(0, values[k]!.length - cut);
        over -= cut;
      }
    }
    expect(JSON.stringify(filter).length).toBe(chars);
    return filter;
  }

  it("keeps a sync-set filter at the limit (Azure's limits and Azurite), and refuses one over naming filter", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const name = "Ü".repeat(64);
    // Azure counts UTF-16 units (what `String.length` counts), whatever the letters.
    for (const text of ["x", "Ü€", "東京"]) {
      const entity = { partitionKey: db, rowKey: `s|${encodeKey(name)}`, name };
      expect(() =>
        checkEntity({ ...entity, filter: JSON.stringify(filterOf(MAX_FILTER_CHARS, text)) }),
      ).not.toThrow();
      expect(() =>
        checkEntity({ ...entity, filter: JSON.stringify(filterOf(MAX_FILTER_CHARS + 1, text)) }),
      ).toThrow(StorageLimitError);
    }
    // Azurite holds it too (in ASCII: Azurite 3.35 garbles a character past ASCII that falls on
    // the boundary of two chunks of a large request, Azure/Azurite#2670).
    const max = filterOf(MAX_FILTER_CHARS);
    expect((await putSyncSet(db, owner, name, max)).status).toBe(200);
    const listed = await call<{ syncSets: Array<{ name: string; filter: Filter }> }>(
      `/databases/${db}/sync-sets`,
      { token: owner.token },
    );
    expect(listed.body.syncSets).toEqual([{ name, filter: max }]);

    const over = await putSyncSet(db, owner, "Over", filterOf(MAX_FILTER_CHARS + 1, "Ü€"));
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ error: { code: "invalid_request", field: "filter" } });
    // The largest the schema took before (20 conditions of 100 values of 256 characters).
    const widest: Filter = {
      all: Array.from({ length: 20 }, () => ({
        field: "categories" as const,
        op: "in" as const,
        value: Array.from({ length: 100 }, () => "x".repeat(256)),
      })),
    };
    const reply = await putSyncSet(db, owner, "Widest", widest);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { field: "filter" } });
  });

  it("keeps a subscription list at the limit of ids of 64 characters, and refuses one more naming subscriptions", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const member = await share(db, owner, "reader");
    const ids = Array.from({ length: MAX_SUBSCRIPTIONS }, (_, i) =>
      `s${String(i).padStart(63, "-")}`.slice(0, 64),
    );
    expect(ids.every((id) => id.length === 64)).toBe(true);
    // Written as the API writes it: the repository checks the row against Azure's limits.
    const repo = new TableRepository({
      connectionString: process.env.BCM_TEST_STORAGE!,
      tablePrefix: "bcm",
    });
    const head = (await repo.readHead(db))!;
    const row = (await repo.getMembership(db, member.email))!;
    await repo.putMember(head, { ...row, subscriptions: ids });
    expect((await repo.getMembership(db, member.email))?.subscriptions).toEqual(ids);

    const path = (id: string) =>
      `/databases/${db}/members/${encodeURIComponent(member.email)}/subscriptions/${id}`;
    const more = await call(path("x".repeat(64)), { method: "PUT", token: owner.token });
    expect(more.status).toBe(413);
    expect(more.body).toMatchObject({ error: { code: "too_large", field: "subscriptions" } });
    // Ending one makes room again; adding one already held is no change.
    expect((await call(path(ids[0]!), { method: "DELETE", token: member.token })).status).toBe(200);
    const again = await call<{ subscriptions: string[] }>(path("x".repeat(64)), {
      method: "PUT",
      token: owner.token,
    });
    expect(again.status).toBe(200);
    expect(again.body.subscriptions).toHaveLength(MAX_SUBSCRIPTIONS);
    expect((await call(path(ids[1]!), { method: "PUT", token: owner.token })).status).toBe(200);
  });
});

describe("member and subscription changes racing with pushes", () => {
  it("are tried again and answer their own status or 503 busy, never 500, losing no change", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const a = await share(db, owner, "editor");
    const b = await share(db, owner, "editor");
    const c = await share(db, owner, "reader");
    const clients = [owner, a, b, owner, a, b].map((m) => new Client(db, m));
    const pushes: number[] = [];
    const pushing = Promise.all(
      clients.map(async (client, i) => {
        // As a real client does, the next push after a refused one reuses its mid: a refused
        // push applied nothing, and a new mid after it would be a gap (409 mid_gap).
        let mid = 1;
        for (let k = 0; k < 6; k++) {
          const reply = await client.send([
            { ...create("contact", `p${i}-${k}`, { givenName: "P" }), mid },
          ]);
          pushes.push(reply.status);
          if (reply.status === 200) mid++;
        }
      }),
    );
    const member = (m: Member) => `/databases/${db}/members/${encodeURIComponent(m.email)}`;
    const ids = Array.from({ length: 12 }, (_, i) => `sub${i}`);
    const changes = await Promise.all([
      ...ids.map((id) =>
        call(`${member(c)}/subscriptions/${id}`, { method: "PUT", token: owner.token }),
      ),
      ...["reader", "editor", "reader"].map((role) =>
        call(member(a), { method: "PUT", token: owner.token, body: { role } }),
      ),
      call(member(b), { method: "DELETE", token: owner.token }),
      call(`${member(c)}/subscriptions/none`, { method: "DELETE", token: c.token }),
    ]);
    await pushing;
    for (const reply of changes) {
      if (reply.status === 503) expect(reply.body).toMatchObject({ error: { code: "busy" } });
      else expect([200, 204]).toContain(reply.status);
    }
    // Pushes of a member made a reader meanwhile are 403, of one removed 404; none is a 500.
    expect(pushes.filter((s) => ![200, 403, 404, 503].includes(s))).toEqual([]);
    // Every subscription answered 200 is held: no change overwrote another.
    const list = await call<{ members: Array<{ email: string; subscriptions: string[] }> }>(
      `/databases/${db}/members`,
      { token: owner.token },
    );
    const held = list.body.members.find((m) => m.email === c.email)!.subscriptions;
    const answered = ids.filter((_, i) => changes[i]!.status === 200);
    expect(answered.length).toBeGreaterThan(0);
    expect([...held].sort()).toEqual([...answered].sort());
  });
});
