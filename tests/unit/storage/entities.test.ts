/** The repository's rows as Table Storage entities (api/src/storage/entities.ts). */
import { checkEntity, LIMITS } from "../../../api/src/storage/azure-limits";
import {
  changeFrom,
  commitActions,
  recordFrom,
  recordProps,
  type Stored,
} from "../../../api/src/storage/entities";
import { numberWrites, type Head, type StoredRecord } from "../../../api/src/storage/repository";

const record = (fields: StoredRecord["fields"]): StoredRecord => ({
  type: "contact",
  id: "c1",
  version: 3,
  deleted: false,
  updatedAt: "2026-11-26T10:00:00.000Z",
  updatedBy: "o@contoso.test",
  fields,
  stamps: { notes: { at: "2026-11-26T09:00:00.000Z", by: "o@contoso.test" } },
  seq: 7,
  viewSeq: 5,
  bornSeq: 2,
});

it("splits a record's JSON across properties that each fit, and joins it back exactly", () => {
  // Characters of one and two UTF-16 units, so that chunk boundaries fall inside a pair too.
  const fields = { notes: "é漢🙂".repeat(40_000), name: "Ann" };
  const props = recordProps(record(fields));
  const chunks = Object.keys(props).filter((k) => /^f\d+$/.test(k));
  expect(chunks.length).toBeGreaterThan(4);
  for (const value of Object.values(props))
    if (typeof value === "string") expect(value.length).toBeLessThanOrEqual(LIMITS.stringUnits);
  const row: Stored = { partitionKey: "db", rowKey: "r|contact|c1", ...props };
  expect(() => checkEntity(row)).not.toThrow();
  expect(recordFrom(row)).toEqual(record(fields));
  expect(changeFrom(row)).toEqual({
    ...record(fields),
    stamps: undefined,
    fields: undefined,
    fieldsJson: JSON.stringify(fields),
  });
});

it("commits in one transaction: the head first under If-Match, each record's rows (a new one created), then the client", () => {
  const head: Head = {
    info: { id: "db", name: "Team", epoch: "e", seq: 4, createdAt: "t", createdBy: "o" },
    etag: 'W/"1"',
  };
  const writes = [
    { state: record({ a: 1 }), prevSeq: null },
    { state: { ...record({}), id: "c2" }, prevSeq: 3 },
  ];
  const actions = commitActions(
    head,
    writes,
    numberWrites(head, writes, { operations: 98, chars: 1e6 }),
    {
      id: "client",
      lastMid: 9,
    },
  );
  expect(actions.map(([op, e]) => `${op} ${e.rowKey}`)).toEqual([
    "update h",
    // New to the caller: created, so that a record that exists after all fails the commit.
    "create r|contact|c1",
    "create c|000000000005",
    "upsert r|contact|c2",
    "create c|000000000006",
    "delete c|000000000003",
    "upsert k|client",
  ]);
  expect(actions[0]).toEqual([
    "update",
    { partitionKey: "db", rowKey: "h", seq: 6 },
    "Merge",
    { etag: 'W/"1"' },
  ]);
});

it("numbers a delete as the record's latest death, and keeps it when the record comes back", () => {
  const head: Head = {
    info: { id: "db", name: "Team", epoch: "e", seq: 10, createdAt: "t", createdBy: "o" },
    etag: 'W/"1"',
  };
  const limits = { operations: 98, chars: 1e6 };
  const [tombstone] = numberWrites(
    head,
    [{ state: { ...record({}), deleted: true }, prevSeq: 7 }],
    limits,
  );
  expect(tombstone).toMatchObject({ seq: 11, diedSeq: 11, bornSeq: 2 });
  const row: Stored = { partitionKey: "db", rowKey: "r|contact|c1", ...recordProps(tombstone!) };
  expect(recordFrom(row).diedSeq).toBe(11);

  const [back] = numberWrites(
    { ...head, info: { ...head.info, seq: 20 } },
    [{ state: { ...recordFrom(row), deleted: false }, prevSeq: 11, born: true, viewChanged: true }],
    limits,
  );
  expect(back).toMatchObject({ seq: 21, bornSeq: 21, viewSeq: 21, diedSeq: 11 });
  // A record never deleted stores no such property.
  expect(recordProps(record({}))).not.toHaveProperty("diedSeq");
});
