/**
 * The import in Chromium: the 10,000 test contacts written as Outlook's CSV (bench/import-data.ts)
 * and served with the pages, read and imported by the pane's own code (bench/client-page.ts).
 *
 * - import.read10k.ms: the file read by `readContactFile` in the import's Web Worker, as the
 *   dialog reads it (the worker's own time; median of 5, each in a new worker).
 * - import.sync10k: `{ms, requests}` from the import's first change in the outbox until the
 *   server holds all 10,000: the import written into an empty copy (batches of 500 through
 *   `runImport`), then synced until the outbox is empty. `localMs` is the writing alone;
 *   `syncedMs` runs on to the end of the syncs, which pull the server's changes after pushing;
 *   `requests` counts both, and `rows` the storage rows the server holds afterwards.
 * - import.sync10k.ratioToRaw: that time over a raw write of the same rows by the storage SDK
 *   (the rows the server holds after the import, in 100-entity transactions, into a table of
 *   their own: Azurite's cost grows with a table's rows, and the raw write, which comes second,
 *   would pay for the import's), in the same run.
 *
 * At another `--size` the keys name it (import.read50k.ms). Each import goes into a new
 * database of a user of its own, so its partition starts empty, as the raw write's does.
 * Azurite saves its database to disk a few seconds after writes (longer for more contacts):
 * both writes start after a wait for that.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { TableClient, type TransactionAction } from "@azure/data-tables";
import { openBrowser } from "../tests/support/browser";
import { outlookCsvOf } from "./import-data";
import { goalAt, median, round, scaledMs, type BrowserBenchContext } from "./measure";

const READ_RUNS = 5;
/** Imports of 10,000 contacts: each costs Azurite minutes (BCM_BENCH_IMPORT_RUNS; 0: none). */
const SYNC_RUNS = Number(process.env.BCM_BENCH_IMPORT_RUNS ?? 1);
/** Azurite's autosave interval (5 s) and the save itself (3 s at 10,000 contacts). */
const AZURITE_SAVE_DELAY_MS = 5_000;
const AZURITE_SAVE_MS = 3_000;
/** Entities in one entity-group transaction (Table Storage's limit). */
const TRANSACTION = 100;

export async function importBench(ctx: BrowserBenchContext): Promise<void> {
  const contacts = ctx.records.filter((r) => r.type === "contact").length;
  const file = `bench-import-${ctx.size.label}.csv`;
  const savedMs = AZURITE_SAVE_DELAY_MS + scaledMs(ctx.size, AZURITE_SAVE_MS);
  writeFileSync(join(ctx.pages.pagesDir, file), outlookCsvOf(ctx.records));
  const session = await openBrowser();
  try {
    // Playwright answers CORS preflights itself while it routes: they would not be counted.
    await session.context.unrouteAll();
    const { page } = session;
    await page.goto(`${ctx.pages.origin}/bench-client.html`);

    const reads: number[] = [];
    for (let run = 0; run < READ_RUNS; run++) {
      const read = await page.evaluate((url) => window.bcmClientBench.read(url), `/${file}`);
      if (read.contacts !== contacts || read.progress === 0)
        throw new Error(`read ${JSON.stringify(read)}, not ${contacts} contacts`);
      reads.push(read.ms);
      if (process.env.BCM_BENCH_VERBOSE) console.log("read", JSON.stringify(read));
    }
    ctx.report(
      "import.read{size}.ms",
      Math.round(median(reads)),
      goalAt(ctx.size, { "10k": "under 1000 ms" }),
    );

    const table = TableClient.fromConnectionString(
      ctx.storage.connectionString,
      ctx.storage.table,
      {
        allowInsecureConnection: true,
      },
    );
    // BCM_BENCH_IMPORT_RUNS=0 measures the read alone.
    if (SYNC_RUNS === 0) return;
    const syncs: {
      ms: number;
      requests: number;
      localMs: number;
      syncedMs: number;
      rows: number;
      failedSyncs: number;
    }[] = [];
    const raws: number[] = [];
    for (let run = 0; run < SYNC_RUNS; run++) {
      const user = `bench.importer${run}.${Date.now()}@contoso.com`;
      const token = await ctx.api.signIn(user);
      const db = await ctx.api.createDatabase(token, `Import benchmark ${run}`);
      await page.evaluate(([api, email]) => window.bcmClientBench.signIn(api, email), [
        ctx.apiUrl,
        user,
      ] as const);
      await page.evaluate((id) => window.bcmClientBench.openAndSync(id), db);
      await new Promise((r) => setTimeout(r, savedMs));
      const mark = ctx.requests.mark();
      const run1 = await page.evaluate(
        (url) => window.bcmClientBench.importAndSync(url),
        `/${file}`,
      );
      const count = ctx.requests.since(mark);
      const held = await ctx.api.pullAll(token, db);
      if (run1.contacts !== contacts || held.count < contacts)
        throw new Error(`imported ${run1.contacts}, the server holds ${held.count} records`);
      if (process.env.BCM_BENCH_VERBOSE)
        console.log("import", JSON.stringify({ ...run1, byRoute: count.byRoute }));

      // The same rows, written raw into a table of their own.
      const rows: TransactionAction[] = [];
      for await (const row of table.listEntities({
        queryOptions: { filter: `PartitionKey eq '${db}'` },
      })) {
        const { etag: _e, timestamp: _t, partitionKey: _p, ...rest } = row;
        rows.push(["create", { ...rest, partitionKey: `raw-${db}`, rowKey: row.rowKey! }]);
      }
      const rawTable = TableClient.fromConnectionString(
        ctx.storage.connectionString,
        `${ctx.storage.table}raw${run}${Date.now()}`,
        { allowInsecureConnection: true },
      );
      await rawTable.createTable();
      await new Promise((r) => setTimeout(r, savedMs));
      const started = performance.now();
      for (let i = 0; i < rows.length; i += TRANSACTION)
        await rawTable.submitTransaction(rows.slice(i, i + TRANSACTION));
      raws.push(performance.now() - started);
      await rawTable.deleteTable();
      syncs.push({
        ms: run1.ms,
        requests: count.requests,
        localMs: run1.localMs,
        syncedMs: run1.syncedMs,
        rows: rows.length,
        failedSyncs: run1.failures.length,
      });
      if (process.env.BCM_BENCH_VERBOSE)
        console.log("raw", Math.round(raws.at(-1)!), "ms for", rows.length, "rows");
    }
    const ms = median(syncs.map((s) => s.ms));
    const rawMs = median(raws);
    ctx.report("import.sync{size}", {
      ms: Math.round(ms),
      requests: Math.max(...syncs.map((s) => s.requests)),
      localMs: Math.round(median(syncs.map((s) => s.localMs))),
      syncedMs: Math.round(median(syncs.map((s) => s.syncedMs))),
      rows: syncs[0]!.rows,
      failedSyncs: Math.max(...syncs.map((s) => s.failedSyncs)),
      rawMs: Math.round(rawMs),
    });
    ctx.report("import.sync{size}.ratioToRaw", round(ms / rawMs), "at most 2");
  } finally {
    await session.close();
  }
}
