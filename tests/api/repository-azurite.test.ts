/**
 * What only Table Storage itself shows, against Azurite: Azure's limits are refused even where
 * Azurite would accept the write, keys and large records survive a real table, and storage that
 * does not answer is one error. The rest of the Repository contract, for both adapters, is in
 * repository-contract.test.ts; the limit checks themselves in tests/unit/storage/.
 */
import { TableClient, type TransactionAction } from "@azure/data-tables";
import { checkTransaction } from "../../api/src/storage/azure-limits";
import { encodeKey } from "../../api/src/storage/keys";
import { StorageUnavailableError, type StoredRecord } from "../../api/src/storage/repository";
import { TableRepository } from "../../api/src/storage/table-repository";
import { freePort } from "../../scripts/azurite";

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

it("refuses a transaction over 4 MiB, which Azurite itself accepts", async () => {
  const upsert = (pk: string, rk: string, props: Record<string, unknown>): TransactionAction => [
    "upsert",
    { partitionKey: pk, rowKey: rk, ...props },
  ];
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

describe("the repository's encoding in a real table", () => {
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
    expect(JSON.parse(changes.records[0]!.fieldsJson)).toEqual(fields);
  });

  it("reads a change row whose fields take more properties than a pull selects, whole", async () => {
    const r = repo();
    const db = await r.createDatabase({
      id: `huge${Date.now()}`,
      name: "Huge",
      owner: "t@x.y",
      now,
    });
    // Past today's limit on a record (a row written before it, say): 12 properties of fields.
    const fields = { notes: "x".repeat(12 * 30_000 - 20), small: "y" };
    const head = (await r.readHead(db.id))!;
    await r.commit(head, [{ state: contact("huge", fields), prevSeq: null }]);
    const [change] = (await r.readChanges(db.id, 0, 10)).records;
    expect(change!.fieldsJson.length).toBe(JSON.stringify(fields).length);
    expect(JSON.parse(change!.fieldsJson)).toEqual(fields);
  });
});

it("turns storage that does not answer into StorageUnavailableError", async () => {
  const port = await freePort();
  const nowhere = new TableRepository({
    connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${Buffer.from("key").toString("base64")};TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
    tablePrefix: "repotest",
    timeoutMs: 2000,
    pingTimeoutMs: 2000,
  });
  await expect(nowhere.ping()).rejects.toThrow(StorageUnavailableError);
  await expect(nowhere.readHead("db")).rejects.toThrow(StorageUnavailableError);
});
