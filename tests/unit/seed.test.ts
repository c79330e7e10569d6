/**
 * The sample database `npm start` makes on first run (scripts/seed.ts), on the memory
 * repository: this is about what the seed writes, not about storage.
 */
import { devOid } from "../../api/src/auth";
import { MemoryRepository } from "../../api/src/storage/memory-repository";
import { SAMPLE_DATABASE_NAME, seedSampleDatabase } from "../../scripts/seed";
import {
  SAMPLE_COMPANIES,
  SAMPLE_CONTACTS,
  SAMPLE_GROUPS,
  SAMPLE_RECORDS,
  SAMPLE_USER,
} from "../../src/harness/sample-data";
import { FIELDS_SCHEMAS } from "../../src/shared/records";

const owner = SAMPLE_USER.emailAddress.toLowerCase();
const now = new Date("2026-11-26T10:00:00.000Z");

it("makes the sample database once, its owner an invitation, with every sample record born in view", async () => {
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
  expect(changes.records.map((r) => r.id)).toEqual(SAMPLE_RECORDS.map((c) => c.id));
  for (const [i, r] of changes.records.entries()) {
    const sample = SAMPLE_RECORDS[i]!;
    expect(r).toMatchObject({ type: sample.type, version: 1, deleted: false, updatedBy: owner });
    expect(r.viewSeq).toBe(r.seq);
    expect(r.bornSeq).toBe(r.seq);
    expect(JSON.parse(r.fieldsJson)).toEqual(sample.fields);
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

describe("the sample database is one a user would keep (issue 18, defect 1)", () => {
  const fieldsOf = (id: unknown) => SAMPLE_RECORDS.find((r) => r.id === id)?.fields;
  const ids = (value: unknown) => (Array.isArray(value) ? (value as string[]) : []);

  it("holds valid records only", () => {
    for (const r of SAMPLE_RECORDS)
      expect(FIELDS_SCHEMAS[r.type].safeParse(r.fields).success).toBe(true);
    expect(new Set(SAMPLE_RECORDS.map((r) => r.id)).size).toBe(SAMPLE_RECORDS.length);
  });

  it("links every contact to the company of its address's domain, not in its job title", () => {
    expect(SAMPLE_COMPANIES.length).toBeGreaterThan(0);
    for (const { fields } of SAMPLE_CONTACTS) {
      const company = fieldsOf(fields.companyId);
      expect(company).toBeDefined();
      const name = company!.name as string;
      expect(fields.jobTitle as string).not.toContain(name.split(" ")[0]);
      const address = (fields.emails as Array<{ address: string }>)[0]!.address;
      expect(ids(company!.domains)).toContain(address.split("@")[1]);
    }
    for (const c of SAMPLE_COMPANIES)
      expect(SAMPLE_CONTACTS.some((p) => p.fields.companyId === c.id)).toBe(true);
  });

  it("has groups whose members name them back", () => {
    expect(SAMPLE_GROUPS.length).toBeGreaterThan(0);
    for (const g of SAMPLE_GROUPS) {
      expect(ids(g.fields.memberIds).length).toBeGreaterThan(0);
      for (const member of ids(g.fields.memberIds))
        expect(ids(fieldsOf(member)?.groupIds)).toContain(g.id);
    }
    for (const c of SAMPLE_CONTACTS)
      for (const group of ids(c.fields.groupIds))
        expect(ids(fieldsOf(group)?.memberIds)).toContain(c.id);
  });
});
