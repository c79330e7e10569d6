/**
 * Attacks on backup and restore (docs/security.md): a backup holds a whole database, so only
 * its owners may take one; a restore makes a new database and writes records without a push's
 * merge, so it must never reach an existing database, bring in the server's own bookkeeping,
 * or store what a push would refuse. Each refusal names what is wrong. Over HTTP against the
 * local host and Azurite.
 */
import { ulid } from "../../src/shared/ids";
import { BACKUP_FORMAT, BACKUP_VERSION } from "../../src/shared/protocol";
import { Client, create, newDatabase, newMember, share, type Member } from "../support/db";
import { call } from "../support/http";

const SECRET = "Backup-secret-9z";

async function databaseWithSecret() {
  const owner = await newMember("bka-owner");
  const db = await newDatabase(owner, "Guarded");
  await new Client(db, owner).push([create("contact", "s", { displayName: SECRET })]);
  return { owner, db };
}

const backup = (db: string, m: Member) => call(`/databases/${db}/backup`, { token: m.token });
const page = (db: string, m: Member) =>
  call(`/databases/${db}/backup/records`, { token: m.token, body: { after: null } });

const start = (id: string, m: Member, body: Record<string, unknown> = {}) =>
  call(`/databases/${id}/restore`, {
    method: "PUT",
    token: m.token,
    body: {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      name: "Restored",
      members: [],
      syncSets: [],
      ...body,
    },
  });

const record = (more: Record<string, unknown> = {}) => ({
  type: "contact",
  id: "r1",
  version: 3,
  updatedAt: "2026-11-01T09:00:00.000Z",
  updatedBy: "someone@contoso.test",
  fields: { displayName: "Ann" },
  ...more,
});

/** A restore of the caller's own, started, that records can be sent to. */
async function restoring(owner: Member) {
  const id = ulid();
  expect((await start(id, owner)).status).toBe(201);
  const send = (records: unknown[], from = 0) =>
    call(`/databases/${id}/restore/records`, { token: owner.token, body: { from, records } });
  return { id, send };
}

test("only an owner backs a database up: readers and editors 403, others 404, none sees a record", async () => {
  const { owner, db } = await databaseWithSecret();
  const reader = await share(db, owner, "reader");
  const editor = await share(db, owner, "editor");
  const stranger = await newMember("bka-stranger");
  for (const m of [reader, editor]) {
    for (const reply of [await backup(db, m), await page(db, m)]) {
      expect(reply).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
      expect(reply.text).not.toContain(SECRET);
    }
  }
  for (const reply of [await backup(db, stranger), await page(db, stranger)]) {
    expect(reply).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  }
  expect((await page(db, owner)).text).toContain(SECRET);
  // Without a token: 401.
  expect((await call(`/databases/${db}/backup`)).status).toBe(401);
});

test("a backup never carries the user a membership is bound to", async () => {
  const { owner, db } = await databaseWithSecret();
  await share(db, owner, "reader");
  const reply = await backup(db, owner);
  expect(reply.status).toBe(200);
  expect(reply.text).not.toMatch(/"oid"/);
});

test("a restore cannot target an existing database, the caller's own or another's, and changes nothing", async () => {
  const { owner, db } = await databaseWithSecret();
  const stranger = await newMember("bka-stranger");
  for (const m of [owner, stranger]) {
    expect(await start(db, m)).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_request", field: "db" } },
    });
  }
  const records = await call(`/databases/${db}/restore/records`, {
    token: owner.token,
    body: { from: 0, records: [record({ id: "s" })] },
  });
  expect(records).toMatchObject({ status: 400, body: { error: { field: "db" } } });
  expect((await page(db, owner)).text).toContain(SECRET);
  // Nor reach another user's restore: not found, as every database one is not a member of.
  const { id } = await restoring(owner);
  const theirs = await call(`/databases/${id}/restore/records`, {
    token: stranger.token,
    body: { from: 0, records: [record()] },
  });
  expect(theirs.status).toBe(404);
  expect((await start(id, stranger)).status).toBe(400);
  const finish = await call(`/databases/${id}/restore/finish`, {
    token: stranger.token,
    body: { records: 0 },
  });
  expect(finish.status).toBe(404);
});

test("nothing of the server's bookkeeping can be smuggled in: each extra field is named", async () => {
  const owner = await newMember("bka-owner");
  const { send } = await restoring(owner);
  const cases: Array<[unknown, string]> = [
    [record({ seq: 1 }), "records.0"],
    [record({ deleted: true }), "records.0"],
    [record({ bornSeq: 0, viewSeq: 0 }), "records.0"],
    [
      record({ stamps: { displayName: { at: "2026-11-01T09:00:00Z", by: "x", seq: 2 } } }),
      "records.0.stamps.displayName",
    ],
  ];
  for (const [bad, field] of cases) {
    expect(await send([bad])).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_request", field } },
    });
  }
  const member = { email: "m@contoso.test", role: "reader", syncSet: null, subscriptions: [] };
  const smuggled: Array<[Record<string, unknown>, string | undefined]> = [
    [{ members: [{ ...member, oid: "someone-else" }] }, "members.0"],
    [{ epoch: "0123456789abcdef" }, undefined],
    [{ id: "another" }, undefined],
  ];
  for (const [body, field] of smuggled) {
    const reply = await start(ulid(), owner, body);
    expect(reply).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
    if (field) expect(reply.body).toMatchObject({ error: { field } });
  }
});

test("a malformed file is refused, naming the record and the field", async () => {
  const owner = await newMember("bka-owner");
  const { send } = await restoring(owner);
  const refused = async (records: unknown[], status: number, field: string, from = 0) =>
    expect(await send(records, from)).toMatchObject({ status, body: { error: { field } } });
  await refused(
    [record({ fields: { displayName: "Ann", emails: [{ address: "nope" }] } })],
    400,
    "records.0.fields.emails.0.address",
  );
  await refused(
    [record(), record({ id: "r2", fields: { shoeSize: 44 } })],
    400,
    "records.1.fields.shoeSize",
  );
  await refused(
    [record({ type: "company", fields: { industry: "No name" } })],
    400,
    "records.0.fields.name",
  );
  await refused([record({ type: "note" })], 400, "records.0.type");
  await refused([record({ id: "../r1" })], 400, "records.0.id");
  await refused([record({ version: 0 })], 400, "records.0.version");
  await refused([record({ updatedAt: "yesterday" })], 400, "records.0.updatedAt");
  await refused(
    [record({ stamps: { notes: { at: "2026-11-01T09:00:00Z", by: "x" } } })],
    400,
    "records.0.stamps.notes",
  );
  await refused([record(), record()], 400, "records.1.id");
  // A record larger than a push may make one: 413.
  await refused(
    [record({ fields: { displayName: "Big", custom: bigCustom() } })],
    413,
    "records.0.fields",
  );
  // Nothing of a refused request was stored: the restore still holds no record.
  const ok = await send([record()]);
  expect(ok).toMatchObject({ status: 200, body: { received: 1 } });
  // Stored once: the same record again, in a later request, is refused.
  await refused([record()], 400, "records.0.id", 1);
  // A restore's sharing must hold together too.
  const member = { email: "m@contoso.test", role: "reader", syncSet: "Nowhere", subscriptions: [] };
  expect(await start(ulid(), owner, { members: [member] })).toMatchObject({
    status: 400,
    body: { error: { field: "members.0.syncSet" } },
  });
  expect(await start(ulid(), owner, { version: 2 })).toMatchObject({
    status: 400,
    body: { error: { field: "version" } },
  });
});

test("an oversized restore is refused: too many records, or a body over 4 MiB", async () => {
  const owner = await newMember("bka-owner");
  const { send } = await restoring(owner);
  const many = Array.from({ length: 1001 }, (_, i) => record({ id: `r${i}` }));
  expect(await send(many)).toMatchObject({ status: 400, body: { error: { field: "records" } } });
  const huge = Array.from({ length: 20 }, (_, i) =>
    record({
      id: `h${i}`,
      fields: { displayName: "H", notes: "y".repeat(30_000) },
      padding: "z".repeat(200_000),
    }),
  );
  expect(await send(huge)).toMatchObject({ status: 413, body: { error: { code: "too_large" } } });
});

/** User-defined fields, each valid, together taking a record past 256 KiB. */
function bigCustom() {
  return Object.fromEntries(
    Array.from({ length: 80 }, (_, i) => [`field ${i}`, { type: "text", value: "w".repeat(4000) }]),
  );
}
