/**
 * Azure Table Storage's limits, checked before anything is sent (api/src/storage/azure-limits.ts).
 * That Azurite accepts some of these is shown against it in tests/api/repository-azurite.test.ts.
 */
import type { TransactionAction } from "@azure/data-tables";
import { checkEntity, checkTransaction, LIMITS } from "../../../api/src/storage/azure-limits";
import { StorageLimitError } from "../../../api/src/storage/repository";

const upsert = (pk: string, rk: string, props: Record<string, unknown> = {}): TransactionAction => [
  "upsert",
  { partitionKey: pk, rowKey: rk, ...props },
];

describe("checkTransaction refuses what Azure refuses", () => {
  it("a transaction across partitions, of over 100 operations, writing a row twice, or empty", () => {
    expect(() => checkTransaction("p1", [upsert("p1", "a"), upsert("p2", "b")])).toThrow(
      /one partition key/,
    );
    const many = Array.from({ length: 101 }, (_, i) => upsert("p", `r${i}`));
    expect(() => checkTransaction("p", many)).toThrow(/at most 100 operations/);
    expect(() => checkTransaction("p", many.slice(0, 100))).not.toThrow();
    expect(() => checkTransaction("p", [upsert("p", "a"), upsert("p", "a")])).toThrow(/twice/);
    expect(() => checkTransaction("p", [])).toThrow(StorageLimitError);
  });

  it("a transaction over 4 MiB", () => {
    const props = Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [`s${i}`, "x".repeat(30_000)]),
    );
    const big = Array.from({ length: 8 }, (_, i) => upsert("p", `r${i}`, props));
    expect(() => checkTransaction("p", big)).toThrow(/at most 4 MiB/);
    expect(() => checkTransaction("p", big.slice(0, 7))).not.toThrow();
  });
});

describe("checkEntity refuses what Azure refuses", () => {
  it.each([["/"], ["\\"], ["#"], ["?"], ["\u0007"], ["\u007f"], ["\u009f"]])(
    "a key holding %j",
    (c) => {
      expect(() => checkEntity({ partitionKey: "p", rowKey: `a${c}b` })).toThrow(StorageLimitError);
      expect(() => checkEntity({ partitionKey: `a${c}b`, rowKey: "r" })).toThrow(/PartitionKey/);
    },
  );

  it("a key over 1 KiB", () => {
    expect(() =>
      checkEntity({ partitionKey: "p", rowKey: "k".repeat(LIMITS.keyUnits) }),
    ).not.toThrow();
    expect(() =>
      checkEntity({ partitionKey: "p", rowKey: "k".repeat(LIMITS.keyUnits + 1) }),
    ).toThrow(/longer than 1 KiB/);
  });

  it("a string over 64 KiB, an entity over 1 MiB or with over 252 properties", () => {
    expect(() =>
      checkEntity({ partitionKey: "p", rowKey: "r", s: "x".repeat(32 * 1024) }),
    ).not.toThrow();
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

  it("counts UTF-16 units, as Azure does, whatever the letters", () => {
    // "🙂" is two UTF-16 units: 16,384 of them fill a property exactly.
    expect(() =>
      checkEntity({ partitionKey: "p", rowKey: "r", s: "🙂".repeat(16 * 1024) }),
    ).not.toThrow();
    expect(() =>
      checkEntity({ partitionKey: "p", rowKey: "r", s: `${"🙂".repeat(16 * 1024)}x` }),
    ).toThrow(StorageLimitError);
  });
});
