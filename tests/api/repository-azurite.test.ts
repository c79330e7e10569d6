/**
 * The Table Storage repository against Azurite: Azure's limits are refused here even where
 * Azurite would accept the write, and large records survive the split into properties.
 */
import { TableClient, type TransactionAction } from "@azure/data-tables";
import {
  checkEntity,
  checkTransaction,
  encodeKey,
  TableRepository,
} from "../../api/src/storage/table-repository";
import { StorageLimitError, type StoredRecord } from "../../api/src/storage/repository";

const storage = () => process.env.BCM_TEST_STORAGE!;
const repo = () => new TableRepository({ connectionString: storage(), tablePrefix: "repotest" });
const now = new Date().toISOString();

function contact(id: string, fields: StoredRecord["fields"]): Omit<StoredRecord, "seq"> {
  return {
    type: "contact",
    id,
    version: 1,
    deleted: false,
    updatedAt: now,
    updatedBy: "t@x.y",
    fields,
    stamps: {},
    viewSeq: 0,
    bornSeq: 0,
  };
}

describe("the repository refuses what Azure refuses", () => {
  const upsert = (
    pk: string,
    rk: string,
    props: Record<string, unknown> = {},
  ): TransactionAction => ["upsert", { partitionKey: pk, rowKey: rk, ...props }];

  it("a transaction over 4 MiB, which Azurite itself accepts", async () => {
    const client = TableClient.fromConnectionString(storage(), "repotestraw", {
      allowInsecureConnection: true,
    });
    await client.createTable();
    const props = Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [`s${i}`, "x".repeat(30_000)]),
    );
    const big = Array.from({ length: 8 }, (_, i) => upsert("p", `r${i}`, props));
    await expect(client.submitTransaction(big)).resolves.toBeDefined();
    expect(() => checkTransaction("p", big)).toThrow(/at most 4 MiB/);
  });

  it("a transaction across partitions, of over 100 operations, or writing a row twice", () => {
    expect(() => checkTransaction("p1", [upsert("p1", "a"), upsert("p2", "b")])).toThrow(
      /one partition key/,
    );
    const many = Array.from({ length: 101 }, (_, i) => upsert("p", `r${i}`));
    expect(() => checkTransaction("p", many)).toThrow(/at most 100 operations/);
    expect(() => checkTransaction("p", [upsert("p", "a"), upsert("p", "a")])).toThrow(/twice/);
  });

  it.each([["/"], ["\\"], ["#"], ["?"], ["\u0007"], ["\u007f"]])("a key holding %j", (c) => {
    expect(() => checkEntity({ partitionKey: "p", rowKey: `a${c}b` })).toThrow(StorageLimitError);
  });

  it("a string over 64 KiB, an entity over 1 MiB or with over 252 properties", () => {
    expect(() =>
      checkEntity({ partitionKey: "p", rowKey: "r", s: "x".repeat(32 * 1024 + 1) }),
    ).toThrow(/UTF-16 units/);
    const wide = Object.fromEntries(Array.from({ length: 253 }, (_, i) => [`p${i}`, i]));
    expect(() => checkEntity({ partitionKey: "p", rowKey: "r", ...wide })).toThrow(
      /252 properties/,
    );
    const heavy = Object.fromEntries(
      Array.from({ length: 17 }, (_, i) => [`s${i}`, "x".repeat(32 * 1024)]),
    );
    expect(() => checkEntity({ partitionKey: "p", rowKey: "r", ...heavy })).toThrow(/1 MiB/);
  });

  it("a commit of more records than one transaction holds", async () => {
    const r = repo();
    const db = await r.createDatabase({
      id: `lim${Date.now()}`,
      name: "Limits",
      owner: "t@x.y",
      now,
    });
    const head = (await r.readHead(db.id))!;
    const writes = Array.from({ length: 33 }, (_, i) => ({
      state: contact(`c${i}`, {}),
      prevSeq: null,
    }));
    await expect(r.commit(head, writes)).rejects.toThrow(StorageLimitError);
  });
});

describe("the repository's encoding", () => {
  it("keeps a member e-mail with characters keys may not hold", async () => {
    const r = repo();
    const owner = "o'neil#sales/eu?x@contoso.com";
    expect(encodeKey(owner)).not.toMatch(/[/\\#?]/);
    const db = await r.createDatabase({ id: `enc${Date.now()}`, name: "Encoding", owner, now });
    expect(await r.getMembership(db.id, owner)).toMatchObject({ email: owner, role: "owner" });
    // Not bound to a user yet: listed for whoever signs in with the address first.
    expect((await r.listDatabasesOf(owner, "any-oid")).map((d) => d.id)).toContain(db.id);
  });

  it("stores a 256 KiB record across several properties and reads it back exactly", async () => {
    const r = repo();
    const db = await r.createDatabase({ id: `big${Date.now()}`, name: "Big", owner: "t@x.y", now });
    const notes = Array.from({ length: 8 }, (_, i) => `${i}: ${"é漢🙂".repeat(3000)}`);
    const fields = Object.fromEntries(notes.map((n, i) => [`f${i}`, n]));
    const head = (await r.readHead(db.id))!;
    await r.commit(head, [{ state: contact("big", fields), prevSeq: null }]);
    const back = await r.readRecords(db.id, [{ type: "contact", id: "big" }]);
    expect(back.get("contact:big")?.fields).toEqual(fields);
    const changes = await r.readChanges(db.id, 0, 10);
    expect(changes.records.map((c) => c.id)).toEqual(["big"]);
  });
});
