/**
 * The sample database `npm start` makes on first run (scripts/seed.ts), on the memory
 * repository: this is about what the seed writes, not about storage.
 */
import { devOid } from "../../api/src/auth";
import { MemoryRepository } from "../../api/src/storage/memory-repository";
import { SAMPLE_DATABASE_NAME, seedSampleDatabase } from "../../scripts/seed";
import { SAMPLE_CONTACTS, SAMPLE_USER } from "../../src/harness/sample-data";

const owner = SAMPLE_USER.emailAddress.toLowerCase();
const now = new Date("2026-11-26T10:00:00.000Z");

it("makes the sample database once, its owner an invitation, with every sample contact born in view", async () => {
  const repo = new MemoryRepository();
  expect(await seedSampleDatabase(repo, now)).toEqual({ name: SAMPLE_DATABASE_NAME, owner });
  const listed = await repo.listDatabasesOf(owner, devOid(owner));
  expect(listed).toEqual([
    {
      id: expect.any(String),
      name: SAMPLE_DATABASE_NAME,
      role: "owner",
      syncSet: null,
      bound: false,
    },
  ]);
  const db = listed[0]!.id;
  const changes = await repo.readChanges(db, 0, 1000);
  expect(changes.records.map((r) => r.id)).toEqual(SAMPLE_CONTACTS.map((c) => c.id));
  for (const [i, r] of changes.records.entries()) {
    expect(r).toMatchObject({ type: "contact", version: 1, deleted: false, updatedBy: owner });
    expect(r.viewSeq).toBe(r.seq);
    expect(r.bornSeq).toBe(r.seq);
    expect(JSON.parse(r.fieldsJson)).toEqual(SAMPLE_CONTACTS[i]!.fields);
  }

  expect(await seedSampleDatabase(repo, now)).toBeNull();
  expect(await repo.listDatabasesOf(owner, devOid(owner))).toHaveLength(1);
});

it("makes nothing when the sample user already belongs to a database", async () => {
  const repo = new MemoryRepository();
  await repo.createDatabase({ id: "theirs", name: "Theirs", owner, now: now.toISOString() });
  expect(await seedSampleDatabase(repo, now)).toBeNull();
  expect((await repo.listDatabasesOf(owner, devOid(owner))).map((d) => d.id)).toEqual(["theirs"]);
});
