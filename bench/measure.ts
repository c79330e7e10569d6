/** What the benchmark modules share: reporting a figure, and the statistics they take. */
import type { Api } from "./api";
import type { BenchRecord } from "./data";
import type { RequestLog } from "./requests";
import type { BenchPages } from "./web";

/**
 * Prints a figure (with its goal) and keeps it for `bench/results.json`. `{size}` in the key
 * becomes the size's label (`client.initialCopy{size}`: `client.initialCopy10k`); a key without
 * it (`client.noopSync`) is kept only by a run at the default size, and printed by the others.
 */
export type Report = (key: string, value: unknown, goal?: string) => void;

/** The contacts loaded when no `--size` is given: `../shared/data/contacts-10k.jsonl`. */
export const DEFAULT_SIZE = 10_000;

/** How many contacts the run loads (`--size`), and how its result keys say so. */
export interface BenchSize {
  readonly contacts: number;
  /** In the result keys: 10000 → "10k", 50000 → "50k", 2000 → "2k", 2500 → "2500". */
  readonly label: string;
  /** The default size: only its run keeps the figures whose keys carry no size. */
  readonly isDefault: boolean;
}

export function benchSize(contacts: number): BenchSize {
  return {
    contacts,
    label: contacts % 1000 === 0 ? `${contacts / 1000}k` : String(contacts),
    isDefault: contacts === DEFAULT_SIZE,
  };
}

/** A wait that was enough at 10,000 contacts, grown in proportion for more (never shrunk). */
export const scaledMs = (size: BenchSize, ms: number) =>
  Math.round(ms * Math.max(1, size.contacts / DEFAULT_SIZE));

/** The goal of a figure at this size, when it has one (`{ "10k": …, "50k": … }`). */
export const goalAt = (size: BenchSize, goals: Readonly<Record<string, string>>) =>
  goals[size.label];

/** The loaded database, the API serving it, and the pages the browser benchmarks open. */
export interface BrowserBenchContext {
  /** The API's base URL, e.g. `http://127.0.0.1:40123/api`. */
  readonly apiUrl: string;
  readonly api: Api;
  readonly requests: RequestLog;
  readonly pages: BenchPages;
  /** The loaded database ("" when only the import's benchmark runs: it loads none). */
  readonly databaseId: string;
  /** The owner of the database, who opens it in the browser. */
  readonly owner: string;
  readonly records: readonly BenchRecord[];
  readonly size: BenchSize;
  /** `bench/results.json` as it was before this run (figures of other sizes to compare with). */
  readonly earlier: Readonly<Record<string, unknown>>;
  readonly report: Report;
  /** Azurite, for writes by the storage SDK to compare with (the data table's name). */
  readonly storage: { readonly connectionString: string; readonly table: string };
}

export const round = (n: number) => Math.round(n * 100) / 100;

export const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The nearest-rank percentile `p` (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
