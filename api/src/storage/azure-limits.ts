/**
 * Azure Table Storage's limits (docs: "Understanding the Table service data model"), checked
 * before anything is sent: Azurite accepts some writes Azure refuses (over 4 MiB, across
 * partitions, entities over 1 MiB or over 252 properties), so a write that works locally could
 * fail in production. Both repositories run every write through these checks.
 */
import type { TableEntity, TransactionAction } from "@azure/data-tables";
import { StorageLimitError } from "./repository";

export const LIMITS = {
  transactionOperations: 100,
  transactionBytes: 4 * 1024 * 1024,
  entityBytes: 1024 * 1024,
  entityProperties: 252,
  /** A string property holds at most 64 KiB of UTF-16: 32,768 code units. */
  stringUnits: 32 * 1024,
  /** A binary property holds at most 64 KiB. */
  binaryBytes: 64 * 1024,
  keyUnits: 512,
  queryPage: 1000,
} as const;

/**
 * How much one commit holds (`Repository.commitLimits`). A commit is one entity-group
 * transaction of at most 100 operations: the head and the client's row take 2, each record 2 or
 * 3 (`commitOperations`): 49 new records fit, or 32 changed ones. Each record is written twice
 * (row and index row), in UTF-16: 800,000 characters of record JSON make 3.2 MB, under 4 MiB
 * with room for keys.
 */
export const COMMIT_LIMITS = {
  operations: LIMITS.transactionOperations - 2,
  chars: 800_000,
} as const;

/** Refuses a transaction Azure Table Storage would refuse, even where Azurite accepts it. */
export function checkTransaction(
  partitionKey: string,
  actions: readonly TransactionAction[],
): void {
  if (actions.length === 0)
    throw new StorageLimitError("A transaction needs at least one operation.");
  if (actions.length > LIMITS.transactionOperations) {
    throw new StorageLimitError(
      `A transaction holds at most ${LIMITS.transactionOperations} operations, not ${actions.length}.`,
    );
  }
  let bytes = 0;
  const rowKeys = new Set<string>();
  for (const [, entity] of actions) {
    if (entity.partitionKey !== partitionKey) {
      throw new StorageLimitError("All operations of a transaction must share one partition key.");
    }
    if (rowKeys.has(entity.rowKey))
      throw new StorageLimitError(`Row ${entity.rowKey} appears twice in one transaction.`);
    rowKeys.add(entity.rowKey);
    bytes += checkEntity(entity);
  }
  if (bytes > LIMITS.transactionBytes) {
    throw new StorageLimitError(
      `A transaction holds at most 4 MiB; this one holds about ${bytes} bytes.`,
    );
  }
}

/** Checks keys and properties against Azure's limits; returns the entity's size in bytes. */
export function checkEntity(entity: TableEntity): number {
  checkKey("PartitionKey", entity.partitionKey);
  checkKey("RowKey", entity.rowKey);
  const props = Object.entries(entity).filter(
    ([name]) => name !== "partitionKey" && name !== "rowKey",
  );
  if (props.length > LIMITS.entityProperties) {
    throw new StorageLimitError(
      `An entity holds at most ${LIMITS.entityProperties} properties, not ${props.length}.`,
    );
  }
  // Sizes as Azure counts them: 4 bytes + keys in UTF-16 + per property 8 bytes, its name in
  // UTF-16 and its value.
  let bytes = 4 + 2 * (entity.partitionKey.length + entity.rowKey.length);
  for (const [name, value] of props) {
    if (value === undefined) continue;
    bytes += 8 + 2 * name.length;
    if (typeof value === "string") {
      if (value.length > LIMITS.stringUnits) {
        throw new StorageLimitError(
          `Property ${name} holds ${value.length} UTF-16 units; the limit is ${LIMITS.stringUnits}.`,
        );
      }
      bytes += 4 + 2 * value.length;
    } else if (value instanceof Uint8Array) {
      if (value.length > LIMITS.binaryBytes) {
        throw new StorageLimitError(
          `Property ${name} holds ${value.length} bytes; the limit is ${LIMITS.binaryBytes}.`,
        );
      }
      bytes += 4 + value.length;
    } else if (typeof value === "boolean") {
      bytes += 1;
    } else {
      bytes += 8;
    }
  }
  if (bytes > LIMITS.entityBytes)
    throw new StorageLimitError(`An entity holds at most 1 MiB; this one holds ${bytes} bytes.`);
  return bytes;
}

function checkKey(name: string, key: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[/\\#?\u0000-\u001f\u007f-\u009f]/.test(key)) {
    throw new StorageLimitError(
      `${name} ${JSON.stringify(key)} holds a character Azure does not allow in keys.`,
    );
  }
  if (key.length > LIMITS.keyUnits) throw new StorageLimitError(`${name} is longer than 1 KiB.`);
}
