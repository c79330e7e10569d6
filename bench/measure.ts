/** What the benchmark modules share: reporting a figure, and the statistics they take. */
import type { Api } from "./api";
import type { BenchRecord } from "./data";
import type { RequestLog } from "./requests";
import type { BenchPages } from "./web";

/** Prints a figure (with its goal) and keeps it for `bench/results.json`. */
export type Report = (key: string, value: unknown, goal?: string) => void;

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
