/**
 * Backup and restore over HTTP against Azurite (docs/sync-protocol.md, "Backup and restore"):
 * the add-in's own calls (`src/client/backup.ts` through `ApiClient`) back a database up and
 * restore the file into a new one. A fast-check property builds databases of every record type
 * (history linked to contacts, records edited by others and deleted), members with sync sets
 * and subscriptions, backs each up, restores it and backs the restored one up: the same
 * content under a new id and epoch. Then what a restore promises when requests come again, and
 * that no cursor of another database is good for a restored one.
 */
import fc from "fast-check";
import { ApiClient, type FetchLike } from "../../src/client/api-client";
import { downloadBackup, restoreBackup } from "../../src/client/backup";
import { ulid } from "../../src/shared/ids";
import type { BackupFile, Filter } from "../../src/shared/protocol";
import { Client, create, newDatabase, newMember, pullAll, type Member } from "../support/db";
import { apiUrl, call, uniqueEmail } from "../support/http";

const fetching: FetchLike = (url, request) => fetch(url, request);
const apiAs = (member: Member) =>
  new ApiClient({ baseUrl: apiUrl(), fetch: fetching, token: member.token });

/** The content of a backup: what a restore must keep (not where, nor when it was taken). */
function content(backup: BackupFile) {
  const { database: _database, createdAt: _createdAt, ...rest } = backup;
  return rest;
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 9, minute)).toISOString();

/** A database's plan: what each record, member and sync set will be. */
const plan = fc
  .record({
    contacts: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/),
        displayName: fc.string({ minLength: 1, maxLength: 12 }),
        country: fc.constantFrom("Germany", "France", "England"),
        category: fc.constantFrom("Investor", "Prospect", "Partner"),
        notes: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6, selector: (c) => c.id },
    ),
    companies: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,5}$/), { maxLength: 3 }),
    groups: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,5}$/), { maxLength: 2 }),
    /** History items, each linked to the contacts at these indexes. */
    history: fc.array(fc.uniqueArray(fc.nat(5), { maxLength: 3 }), { maxLength: 4 }),
    /** Contacts (by index) an editor changes later: their stamps differ field by field. */
    edited: fc.uniqueArray(fc.nat(5), { maxLength: 3 }),
    /** Records (by index into every record made) deleted: left out of a backup. */
    deleted: fc.uniqueArray(fc.nat(20), { maxLength: 3 }),
    syncSets: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom("Köln", "Investors", "North 1"),
        filter: fc.constantFrom<Filter>(
          { all: [{ field: "country", op: "eq", value: "Germany" }] },
          { any: [{ field: "categories", op: "contains", value: "Investor" }] },
        ),
      }),
      { maxLength: 2, selector: (s) => s.name },
    ),
    members: fc.array(
      fc.record({
        role: fc.constantFrom("owner" as const, "editor" as const, "reader" as const),
        syncSet: fc.option(fc.nat(1), { nil: null }),
        subscribe: fc.uniqueArray(fc.nat(5), { maxLength: 2 }),
      }),
      { maxLength: 3 },
    ),
  })
  .filter((p) => p.contacts.length > 0);

type Plan = typeof plan extends fc.Arbitrary<infer P> ? P : never;

/** Makes the database `p` describes, through the API as users would, and gives its owner. */
async function build(p: Plan): Promise<{ owner: Member; db: string }> {
  const owner = await newMember("bk-owner");
  const db = await newDatabase(owner, "Backed up");
  const ownerApi = apiAs(owner);
  for (const s of p.syncSets) await ownerApi.putSyncSet(db, s.name, s.filter);
  const editor = await newMember("bk-editor");
  await ownerApi.putMember(db, editor.email, { role: "editor", syncSet: null });
  const contactIds = p.contacts.map((c) => c.id);
  for (const m of p.members) {
    const email = uniqueEmail("bk-member");
    const set = m.syncSet === null ? null : (p.syncSets[m.syncSet]?.name ?? null);
    await ownerApi.putMember(db, email, { role: m.role, syncSet: set });
    for (const i of m.subscribe) {
      const id = contactIds[i];
      if (id) await ownerApi.subscribe(db, email, id);
    }
  }
  const creates: Array<ReturnType<typeof create>> = [
    ...p.contacts.map((c) =>
      create("contact", c.id, {
        displayName: c.displayName,
        addresses: [{ country: c.country }],
        categories: [c.category],
        ...(c.notes === undefined ? {} : { notes: c.notes }),
      }),
    ),
    ...p.companies.map((id) => create("company", id, { name: `Company ${id}` })),
    ...p.groups.map((id) => create("group", id, { name: `Group ${id}`, memberIds: contactIds })),
    ...p.history.map((links, i) =>
      create("history", `h${i}`, {
        kind: "note",
        subject: `Call ${i}`,
        contactIds: links.flatMap((n) => contactIds[n] ?? []),
      }),
    ),
  ].map((m, i) => ({ ...m, at: at(i % 60) }));
  const writer = new Client(db, owner);
  const pushed = await writer.push(creates);
  expect(pushed.body.results.every((r) => r.status === "applied")).toBe(true);
  // An editor changes one field of some contacts later: their stamps now differ.
  const edits = p.edited.flatMap((i) => {
    const c = p.contacts[i];
    if (!c) return [];
    return [
      {
        op: "upsert" as const,
        type: "contact" as const,
        id: c.id,
        baseVersion: 1,
        base: { jobTitle: null },
        fields: { jobTitle: `Buyer ${i}` },
        at: at(59),
      },
    ];
  });
  if (edits.length) await new Client(db, editor).push(edits);
  const deletes = p.deleted.flatMap((i) => {
    const m = creates[i];
    if (!m) return [];
    const baseVersion = m.type === "contact" && p.edited.includes(i) ? 2 : 1;
    return [{ op: "delete" as const, type: m.type, id: m.id, baseVersion }];
  });
  if (deletes.length) await writer.push(deletes);
  return { owner, db };
}

test("back up, restore, back up again: the same database under a new id and epoch (property)", async () => {
  await fc.assert(
    fc.asyncProperty(plan, async (p) => {
      const { owner, db } = await build(p);
      const api = apiAs(owner);
      const backup = await downloadBackup(api, db);
      // Every live record, and no tombstone (a first pull gives them as deleted records).
      const live = [...(await pullAll(db, owner)).records.values()].filter((r) => !r.deleted);
      expect(backup.records.map((r) => `${r.type}:${r.id}`).sort()).toEqual(
        live.map((r) => `${r.type}:${r.id}`).sort(),
      );

      const id = ulid();
      const restored = await restoreBackup(api, backup, { id, name: "Restored" });
      expect(restored).toEqual({ id, name: "Restored", role: "owner", syncSet: null });
      const again = await downloadBackup(api, id);
      expect(again.database).toEqual({ id, name: "Restored" });
      expect(content(again)).toEqual(content(backup));
      const [before, after] = await Promise.all([api.database(db), api.database(id)]);
      expect(after.epoch).not.toBe(before.epoch);
      // What a copy of the restored database holds is what one of the original held.
      const copy = await pullAll(id, owner);
      const byRef = (a: { type: string; id: string }, b: { type: string; id: string }) =>
        `${a.type}:${a.id}` < `${b.type}:${b.id}` ? -1 : 1;
      expect([...copy.records.values()].sort(byRef)).toEqual(live.sort(byRef));
    }),
    { numRuns: 6, endOnFailure: true },
  );
}, 600_000);

describe("a restore", () => {
  /** A database with two contacts and a reader with a sync set, backed up. */
  async function backedUp() {
    const owner = await newMember("bk-owner");
    const db = await newDatabase(owner, "Original");
    const api = apiAs(owner);
    await api.putSyncSet(db, "Köln", { all: [{ field: "country", op: "eq", value: "Germany" }] });
    const reader = await newMember("bk-reader");
    await api.putMember(db, reader.email, { role: "reader", syncSet: "Köln" });
    await new Client(db, owner).push([
      create("contact", "ann", { displayName: "Ann", addresses: [{ country: "Germany" }] }),
      create("contact", "bob", { displayName: "Bob", addresses: [{ country: "France" }] }),
    ]);
    return { owner, reader, db, api, backup: await downloadBackup(api, db) };
  }

  test("makes one database however often each request comes, and opens it at the end only", async () => {
    const { owner, reader, backup, api } = await backedUp();
    const id = ulid();
    const start = { format: backup.format, version: backup.version, name: "Twice" };
    const body = { ...start, members: backup.members, syncSets: backup.syncSets };
    const first = await call(`/databases/${id}/restore`, {
      method: "PUT",
      token: owner.token,
      body,
    });
    expect(first).toMatchObject({ status: 201, body: { id, name: "Twice", received: 0 } });
    // Sent again (its answer was lost): the same database, no second one.
    const second = await call(`/databases/${id}/restore`, {
      method: "PUT",
      token: owner.token,
      body,
    });
    expect(second).toMatchObject({ status: 200, body: { id, received: 0 } });

    // Being restored, it is found by no one, its owner included.
    const me = async (m: Member) =>
      (await call<{ databases: Array<{ id: string }> }>("/me", { token: m.token })).body.databases;
    expect((await me(owner)).map((d) => d.id)).not.toContain(id);
    expect(
      (await call(`/databases/${id}/pull`, { token: owner.token, body: { cursor: null } })).status,
    ).toBe(404);
    expect((await call(`/databases/${id}/backup`, { token: owner.token })).status).toBe(404);

    const records = (from: number, count: number) =>
      call(`/databases/${id}/restore/records`, {
        token: owner.token,
        body: { from, records: backup.records.slice(from, from + count) },
      });
    expect(await records(0, 1)).toMatchObject({ status: 200, body: { received: 1 } });
    // A gap is refused; the first record again is skipped, the second stored once.
    expect(await records(2, 0)).toMatchObject({ status: 409, body: { error: { field: "from" } } });
    expect(await records(0, 2)).toMatchObject({ status: 200, body: { received: 2 } });
    expect(await records(0, 2)).toMatchObject({ status: 200, body: { received: 2 } });
    // Opened only once every record of the file is there.
    const finish = (count: number) =>
      call(`/databases/${id}/restore/finish`, { token: owner.token, body: { records: count } });
    expect(await finish(3)).toMatchObject({ status: 409, body: { error: { field: "records" } } });
    expect(await finish(2)).toMatchObject({
      status: 200,
      body: { id, name: "Twice", role: "owner", syncSet: null },
    });
    expect(await finish(2)).toMatchObject({ status: 200 });
    // Records reach an open database through pushes only.
    expect(await records(2, 0)).toMatchObject({ status: 400, body: { error: { field: "db" } } });
    // And starting it again is refused: a restore makes a new database.
    expect(
      await call(`/databases/${id}/restore`, { method: "PUT", token: owner.token, body }),
    ).toMatchObject({ status: 400, body: { error: { field: "db" } } });

    expect((await me(owner)).filter((d) => d.id === id)).toHaveLength(1);
    const copy = await pullAll(id, owner);
    expect([...copy.records.keys()].sort()).toEqual(["contact:ann", "contact:bob"]);
    // The reader was invited again, with their sync set: their first sign-in binds them.
    expect((await me(reader)).map((d) => d.id)).toContain(id);
    expect([...(await pullAll(id, reader)).records.keys()]).toEqual(["contact:ann"]);
    expect((await api.members(id)).map((m) => [m.email, m.role, m.syncSet]).sort()).toEqual(
      [
        [owner.email, "owner", null],
        [reader.email, "reader", "Köln"],
      ].sort(),
    );
  });

  test("makes every cursor start again: none of another database is good for it", async () => {
    const { owner, db, api, backup } = await backedUp();
    const { cursor } = await pullAll(db, owner);
    const id = ulid();
    await restoreBackup(api, backup, { id, name: "New epoch" });
    const stale = await call(`/databases/${id}/pull`, { token: owner.token, body: { cursor } });
    expect(stale).toMatchObject({ status: 410, body: { error: { code: "cursor_expired" } } });
    expect((await pullAll(id, owner)).records.size).toBe(2);
  });

  test("run again after it finished (its last answer lost), answers the database it made", async () => {
    const { owner, api, backup } = await backedUp();
    const id = ulid();
    const first = await restoreBackup(api, backup, { id, name: "Once" });
    expect(await restoreBackup(api, backup, { id, name: "Once" })).toEqual(first);
    const listed = (await api.me()).databases.filter((d) => d.id === id);
    expect(listed).toHaveLength(1);
    // Someone else's id is still refused.
    const other = await newMember("bk-other");
    await expect(restoreBackup(apiAs(other), backup, { id, name: "Theirs" })).rejects.toMatchObject(
      {
        status: 400,
        field: "db",
      },
    );
    expect((await pullAll(id, owner)).records.size).toBe(2);
  });

  test("is made by its caller, owner of the new database whatever the backup said", async () => {
    const { reader, backup } = await backedUp();
    // The reader restores the file they were given into a database of their own.
    const id = ulid();
    const summary = await restoreBackup(apiAs(reader), backup, { id, name: "Mine" });
    expect(summary).toEqual({ id, name: "Mine", role: "owner", syncSet: "Köln" });
    const members = await apiAs(reader).members(id);
    expect(members.find((m) => m.email === reader.email)?.role).toBe("owner");
    expect(members).toHaveLength(2);
  });

  test("pages a backup by its records' keys, a page of the size asked", async () => {
    const { owner, db } = await backedUp();
    const page = (after: unknown) =>
      call<{ records: Array<{ id: string }>; next: unknown }>(`/databases/${db}/backup/records`, {
        token: owner.token,
        body: { after, limit: 1 },
      });
    const first = await page(null);
    expect(first.body.records.map((r) => r.id)).toEqual(["ann"]);
    expect(first.body.next).toEqual({ type: "contact", id: "ann" });
    const second = await page(first.body.next);
    expect(second.body.records.map((r) => r.id)).toEqual(["bob"]);
    const last = await page(second.body.next);
    expect(last.body).toEqual({ records: [], next: null });
  });
});
