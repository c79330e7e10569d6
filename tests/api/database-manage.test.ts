/**
 * Managing a database over HTTP: an owner renames and deletes it, a member leaves it. A deleted
 * database answers every route as one that never existed, and its rows are removed from Table
 * Storage (counted in Azurite), also when the removal was cut short and a later request goes on.
 */
import { TableClient } from "@azure/data-tables";
import { TableRepository } from "../../api/src/storage/table-repository";
import { BACKUP_FORMAT, BACKUP_VERSION } from "../../src/shared/protocol";
import { ROUTES, routePath, type Route } from "../../src/shared/routes";
import { call, signIn, uniqueEmail } from "../support/http";
import { Client, create, newDatabase, newMember, share, type Member } from "../support/db";

/** The tables the API under test writes (its default prefix). */
const table = (name: "data" | "users") =>
  TableClient.fromConnectionString(process.env.BCM_TEST_STORAGE!, `bcm${name}`, {
    allowInsecureConnection: true,
  });

/** How many rows database `db` has in Table Storage, and how many users' rows name it. */
async function rowsOf(db: string): Promise<{ data: number; users: number }> {
  let data = 0;
  for await (const _ of table("data").listEntities({
    queryOptions: { filter: `PartitionKey eq '${db}'`, select: ["RowKey"] },
  }))
    data++;
  let users = 0;
  for await (const _ of table("users").listEntities({
    queryOptions: { filter: `RowKey eq '${db}'`, select: ["RowKey"] },
  }))
    users++;
  return { data, users };
}

async function namesListed(member: Member): Promise<string[]> {
  const me = await call<{ databases: Array<{ id: string; name: string }> }>("/me", {
    token: member.token,
  });
  expect(me.status).toBe(200);
  return me.body.databases.map((d) => `${d.id} ${d.name}`);
}

/** A database with an editor, a reader and `contacts` contacts pushed by its owner. */
async function sharedDatabase(contacts: number) {
  const owner = await newMember("owner");
  const db = await newDatabase(owner, "Sales");
  const editor = await share(db, owner, "editor");
  const reader = await share(db, owner, "reader");
  const client = new Client(db, owner);
  for (let i = 0; i < contacts; i += 100) {
    const batch = Array.from({ length: Math.min(100, contacts - i) }, (_, j) =>
      create("contact", `c${i + j}`, { displayName: `Contact ${i + j}` }),
    );
    expect((await client.push(batch)).status).toBe(200);
  }
  return { owner, editor, reader, db };
}

const rename = (db: string, token: string, body: unknown) =>
  call<{ error: { code: string; field?: string } }>(`/databases/${db}/name`, {
    method: "PUT",
    token,
    body,
  });
const remove = (db: string, token: string) =>
  call<{ error: { code: string; message: string } }>(`/databases/${db}`, {
    method: "DELETE",
    token,
  });

describe("renaming a database", () => {
  it("renames it for every member: /me and the database itself say the new name", async () => {
    const { owner, editor, db } = await sharedDatabase(0);
    const reply = await rename(db, owner.token, { name: "  Fabrikam accounts " });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: db, name: "Fabrikam accounts", role: "owner", syncSet: null });
    for (const member of [owner, editor]) {
      expect(await namesListed(member)).toEqual([`${db} Fabrikam accounts`]);
      const got = await call<{ name: string }>(`/databases/${db}`, { token: member.token });
      expect(got.body.name).toBe("Fabrikam accounts");
    }
  });

  it.each([
    ["no name", {}],
    ["an empty name", { name: "  " }],
    ["a name of 101 characters", { name: "x".repeat(101) }],
    ["a name holding a lone surrogate", { name: "Sales \ud800" }],
    ["a name that is a number", { name: 7 }],
    ["a name that is null", { name: null }],
  ])("refuses %s: 400 naming the field, and the name stays", async (_what, body) => {
    const { owner, db } = await sharedDatabase(0);
    const reply = await rename(db, owner.token, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: "invalid_request", field: "name" });
    expect(await namesListed(owner)).toEqual([`${db} Sales`]);
  });

  it("refuses a lone surrogate in a new database's name too (the same rules)", async () => {
    const token = await signIn(uniqueEmail());
    const reply = await call<{ error: { field: string } }>("/databases", {
      token,
      body: { name: "\udc00" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.field).toBe("name");
  });

  it("lets only an owner rename: 403 for an editor or a reader, 404 for anyone else", async () => {
    const { editor, reader, db } = await sharedDatabase(0);
    const stranger = await newMember("stranger");
    expect((await rename(db, editor.token, { name: "Mine" })).status).toBe(403);
    expect((await rename(db, reader.token, { name: "Mine" })).status).toBe(403);
    const hidden = await rename(db, stranger.token, { name: "Mine" });
    const missing = await rename("01ARZ3NDEKTSV4RRFFQ69G5FAV", stranger.token, { name: "Mine" });
    // A stranger learns nothing: the same answer as for a database that does not exist.
    expect([hidden.status, hidden.body]).toEqual([missing.status, missing.body]);
    expect(hidden.status).toBe(404);
    expect(await namesListed(editor)).toEqual([`${db} Sales`]);
  });
});

describe("deleting a database", () => {
  it("lets only an owner delete: 403 for an editor or a reader, 404 for anyone else", async () => {
    const { owner, editor, reader, db } = await sharedDatabase(1);
    const stranger = await newMember("stranger");
    expect((await remove(db, editor.token)).status).toBe(403);
    expect((await remove(db, reader.token)).status).toBe(403);
    const hidden = await remove(db, stranger.token);
    const missing = await remove("01ARZ3NDEKTSV4RRFFQ69G5FAV", stranger.token);
    expect([hidden.status, hidden.body]).toEqual([missing.status, missing.body]);
    expect(hidden.status).toBe(404);
    expect(await namesListed(owner)).toEqual([`${db} Sales`]);
    expect((await rowsOf(db)).data).toBeGreaterThan(0);
  });

  it("makes it gone for every member at once, on every route, and removes its rows", async () => {
    const { owner, editor, reader, db } = await sharedDatabase(130);
    expect(await rowsOf(db)).toMatchObject({ users: 3 });
    expect((await rowsOf(db)).data).toBeGreaterThan(260);

    expect((await remove(db, owner.token)).status).toBe(204);

    for (const member of [owner, editor, reader]) expect(await namesListed(member)).toEqual([]);
    const gone = await call(`/databases/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { token: owner.token });
    const params = {
      db,
      email: editor.email,
      name: "Germany",
      contactId: "c1",
    };
    const routes = Object.values<Route>(ROUTES).filter(
      (r) => r.path.includes("{db}") && !r.name.startsWith("restore-"),
    );
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      for (const member of [owner, editor]) {
        const reply = await call(routePath(route, params), {
          method: route.method,
          token: member.token,
          ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: {} }),
        });
        // The same answer as for a database that never existed.
        expect([route.name, reply.status, reply.body]).toEqual([route.name, 404, gone.body]);
      }
    }
    expect(await rowsOf(db)).toEqual({ data: 0, users: 0 });
    // Asked again, as after a lost answer: nothing is left to do, and it says so as it did.
    expect((await remove(db, owner.token)).status).toBe(404);
  });

  it("finishes removing the rows when the delete was cut short: the owner's retry, or a member's request", async () => {
    const repo = new TableRepository({
      connectionString: process.env.BCM_TEST_STORAGE!,
      tablePrefix: "bcm",
    });
    for (const finisher of ["owner", "editor"] as const) {
      const members = await sharedDatabase(120);
      const { db } = members;
      // The delete as a request cut short after its first transaction of removals.
      const head = await repo.readHead(db);
      await repo.deleteDatabase(head!);
      expect((await repo.purgeDatabase(db, 100)).more).toBe(true);
      const left = await rowsOf(db);
      expect(left.data).toBeGreaterThan(100);
      expect(left.users).toBe(0);
      expect(await namesListed(members.editor)).toEqual([]);

      const reply =
        finisher === "owner"
          ? await remove(db, members.owner.token)
          : await call(`/databases/${db}/pull`, {
              token: members.editor.token,
              body: { cursor: null },
            });
      expect(reply.status).toBe(finisher === "owner" ? 204 : 404);
      expect(await rowsOf(db)).toEqual({ data: 0, users: 0 });
    }
  });

  it("lets no one but its owners go on with a cut-short delete", async () => {
    const { owner, editor, reader, db } = await sharedDatabase(0);
    const repo = new TableRepository({
      connectionString: process.env.BCM_TEST_STORAGE!,
      tablePrefix: "bcm",
    });
    await repo.deleteDatabase((await repo.readHead(db))!);
    const stranger = await newMember("stranger");
    for (const member of [editor, reader, stranger]) {
      expect((await remove(db, member.token)).status).toBe(404);
    }
    // Nor may anyone restore a backup under its id while its rows are there.
    const restore = await call<{ error: { field: string } }>(`/databases/${db}/restore`, {
      method: "PUT",
      token: stranger.token,
      body: {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        name: "Mine",
        members: [{ email: stranger.email, role: "owner", syncSet: null, subscriptions: [] }],
        syncSets: [],
      },
    });
    expect(restore.status).toBe(400);
    expect(restore.body.error.field).toBe("db");
    expect((await rowsOf(db)).data).toBeGreaterThan(0);
    expect((await remove(db, owner.token)).status).toBe(204);
    expect(await rowsOf(db)).toEqual({ data: 0, users: 0 });
  });
});

describe("leaving a database", () => {
  it("lets an editor or a reader leave: it is no longer theirs, and the owner's list drops them", async () => {
    const { owner, editor, reader, db } = await sharedDatabase(1);
    for (const member of [editor, reader]) {
      const reply = await call(`/databases/${db}/members/${encodeURIComponent(member.email)}`, {
        method: "DELETE",
        token: member.token,
      });
      expect(reply.status).toBe(204);
      expect(await namesListed(member)).toEqual([]);
      expect(
        (await call(`/databases/${db}/pull`, { token: member.token, body: { cursor: null } }))
          .status,
      ).toBe(404);
    }
    const members = await call<{ members: Array<{ email: string }> }>(`/databases/${db}/members`, {
      token: owner.token,
    });
    expect(members.body.members.map((m) => m.email)).toEqual([owner.email]);
  });

  it("lets a member remove only themselves: removing someone else needs an owner", async () => {
    const { owner, editor, reader, db } = await sharedDatabase(0);
    for (const target of [reader, owner]) {
      const reply = await call(`/databases/${db}/members/${encodeURIComponent(target.email)}`, {
        method: "DELETE",
        token: editor.token,
      });
      expect(reply.status).toBe(403);
    }
    expect(await namesListed(reader)).toEqual([`${db} Sales`]);
  });

  it("refuses the last owner leaving, with a 409 that says what to do", async () => {
    const { owner, db } = await sharedDatabase(0);
    const reply = await call<{ error: { code: string; message: string } }>(
      `/databases/${db}/members/${encodeURIComponent(owner.email.toUpperCase())}`,
      { method: "DELETE", token: owner.token },
    );
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("last_owner");
    expect(reply.body.error.message).toMatch(/last owner.*make someone else owner.*delete/);
    expect(await namesListed(owner)).toEqual([`${db} Sales`]);
  });

  it("lets an owner leave when another owner stays", async () => {
    const { owner, db } = await sharedDatabase(0);
    const second = await share(db, owner, "owner");
    const reply = await call(`/databases/${db}/members/${encodeURIComponent(owner.email)}`, {
      method: "DELETE",
      token: owner.token,
    });
    expect(reply.status).toBe(204);
    expect(await namesListed(owner)).toEqual([]);
    expect(await namesListed(second)).toEqual([`${db} Sales`]);
  });
});
