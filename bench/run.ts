/**
 * `npm run bench`: loads the 10,000 test contacts through push and measures the shared
 * database, then the add-in in headless Chromium against it: the sync engine (bench/client.ts)
 * and the task pane (bench/pane.ts). Prints each figure and keeps them in `bench/results.json`
 * under the keys the issues name. Azurite's timings are not Azure's (its batch cost grows with
 * partition size), so the ratios and counts matter more than the milliseconds.
 *
 * `npm run bench -- --only client,pane` runs some of the groups `server`, `client`, `pane`,
 * `import` (bench/import.ts: reading and syncing an import of the 10,000 contacts), `history`
 * (bench/history.ts: e-mails found in the mailbox for every contact);
 * `npm run bench -- --only import` runs that one alone.
 *
 * `npm run bench -- --size 50000` loads that many contacts instead (any number from 1,000):
 * `node ../shared/data/gen-contacts.mjs 50000 62` (contacts-10k.jsonl's seed) makes them into
 * `bench/.cache/contacts-50000.jsonl` the first time. The keys that name the size name this one
 * (`client.initialCopy50k`, `pane.coldStart50k.ms`, `pane.heap50k.MB`); the figures whose keys
 * carry no size (`client.noopSync`, `pane.keystrokeFloor.p95ms`…) are printed but kept only by a
 * run at the default 10,000, and the group's `measuredAt`/`loadAverage` get the label too
 * (`client.measuredAt50k`). `npm run bench:50k` is the 50,000 run of the client and pane groups
 * (issue 16): loading 50,000 contacts into Azurite takes several minutes the first time, and
 * the loaded database is cached after, as at 10,000.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { TableClient } from "@azure/data-tables";
import type { PipelineRequest } from "@azure/core-rest-pipeline";
import { startAzurite } from "../scripts/azurite";
import { CHANGE_COLUMNS } from "../api/src/storage/table-repository";
import { Api, createOf, editOf, Pusher } from "./api";
import { clientBench } from "./client";
import { DEFAULT_DATA, generatedData, loadContacts } from "./data";
import {
  benchSize,
  DEFAULT_SIZE,
  median,
  round,
  timed,
  type BenchSize,
  type BrowserBenchContext,
} from "./measure";
import { importBench } from "./import";
import { historyBench } from "./history";
import { paneBench } from "./pane";
import { RequestLog } from "./requests";
import { buildBenchPages, type BenchPages } from "./web";

const RESULTS = resolve(__dirname, "results.json");
const GROUPS = ["server", "client", "pane", "import", "history"] as const;
type Group = (typeof GROUPS)[number];

/** `--only a,b`: the groups to run (all by default). */
function groupsToRun(args: readonly string[]): ReadonlySet<Group> {
  const at = args.indexOf("--only");
  if (at === -1) return new Set(GROUPS);
  const names = (args[at + 1] ?? "").split(",").filter(Boolean);
  const unknown = names.filter((n) => !(GROUPS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--only takes a comma-separated list of ${GROUPS.join(", ")}`);
  }
  return new Set(names as Group[]);
}

/** `--size N`: the contacts to load (null when not given: the default 10,000). */
function sizeAsked(args: readonly string[]): number | null {
  const at = args.indexOf("--size");
  if (at === -1) return null;
  const size = Number(args[at + 1]);
  // The client group edits contacts 300 to 500 of the data, the server group 100 to 300.
  if (!Number.isInteger(size) || size < 1000) {
    throw new Error("--size takes a whole number of contacts, 1000 or more (e.g. --size 50000)");
  }
  return size;
}

/** Storage requests: entity-group transactions, queries, and point reads. */
interface Counter {
  total: number;
  batches: number;
  queries: number;
  reads: number;
}

/**
 * Loading 13,000 records through push takes Azurite minutes, so the loaded database is kept in
 * `bench/.cache/<key>` and copied for each run; the key changes with the data, the loader and
 * the storage layout. BCM_BENCH_FRESH=1 loads again (and measures the load).
 */
function loadCache(dataFile: string): string {
  const hash = createHash("sha256");
  for (const file of [
    dataFile,
    ...[
      "data.ts",
      "../api/src/storage/table-repository.ts",
      "../api/src/storage/entities.ts",
      "../api/src/storage/keys.ts",
      "../api/src/storage/repository.ts",
    ].map((f) => resolve(__dirname, f)),
  ]) {
    hash.update(readFileSync(file));
  }
  return resolve(__dirname, ".cache", hash.digest("hex").slice(0, 16));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const groups = groupsToRun(args);
  const asked = sizeAsked(args);
  // BCM_BENCH_DATA still names the file; --size then says how many contacts it holds.
  const dataFile =
    process.env.BCM_BENCH_DATA ??
    (asked === null || asked === DEFAULT_SIZE ? DEFAULT_DATA : generatedData(asked));
  // Built first, before Azurite and the API share the machine's cores; the API must let their
  // origin call it.
  const pages = [...groups].some((g) => g !== "server")
    ? await buildBenchPages({ production: groups.has("pane") })
    : null;
  if (pages) process.env.BCM_ALLOWED_ORIGINS = pages.origin;
  try {
    // A group that failed leaves the others' figures written, and the run failing.
    if (!(await runBenchmarks(groups, dataFile, asked, pages))) process.exitCode = 1;
  } finally {
    await pages?.close();
  }
}

async function runBenchmarks(
  groups: ReadonlySet<Group>,
  dataFile: string,
  asked: number | null,
  pages: BenchPages | null,
): Promise<boolean> {
  const records = loadContacts(dataFile);
  const contacts = records.filter((r) => r.type === "contact").length;
  if (asked !== null && contacts !== asked) {
    throw new Error(`${dataFile} holds ${contacts} contacts, not the ${asked} of --size`);
  }
  const size: BenchSize = benchSize(asked ?? DEFAULT_SIZE);
  console.log(`${contacts} contacts from ${dataFile} (keys labelled "${size.label}")`);
  const earlier = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>)
    : {};
  const cache = loadCache(dataFile);
  const work = mkdtempSync(join(tmpdir(), "bcm-bench-"));
  const cached = process.env.BCM_BENCH_FRESH !== "1" && existsSync(join(cache, "meta.json"));
  if (cached) cpSync(cache, work, { recursive: true });
  const azurite = await startAzurite({ location: work });
  process.env.BCM_STORAGE_CONNECTION = azurite.connectionString;
  const counter: Counter = { total: 0, batches: 0, queries: 0, reads: 0 };
  const { configureServices, getServices } = await import("../api/src/services");
  const { TableRepository } = await import("../api/src/storage/table-repository");
  const { config } = getServices();
  const repo = new TableRepository({
    connectionString: azurite.connectionString,
    tablePrefix: config.tablePrefix,
    onRequest: (request: PipelineRequest) => {
      counter.total++;
      if (request.url.includes("$batch")) counter.batches++;
      else if (request.url.includes("$filter")) counter.queries++;
      else if (request.method === "GET") counter.reads++;
    },
  });
  configureServices({ repo });
  const { startLocalHost } = await import("../api/src/local-host");
  const host = await startLocalHost({ port: 0 });
  const requests = new RequestLog(host.server);
  const api = new Api(host.url);
  const results: Record<string, unknown> = {};
  let failed = false;
  const report = (key: string, value: unknown, goal?: string) => {
    const sized = key.includes("{size}");
    const name = key.replace("{size}", size.label);
    // A figure whose key carries no size is the default size's: another size only prints it.
    const kept = sized || size.isDefault;
    if (kept) results[name] = value;
    console.log(
      `${name.padEnd(34)} ${JSON.stringify(value)}${goal ? `   (goal: ${goal})` : ""}` +
        (kept ? "" : `   (not kept: ${DEFAULT_SIZE / 1000}k runs keep it)`),
    );
  };
  /** `<group>.measuredAt` and the like: labelled with the size unless it is the default. */
  const groupKey = (group: string, what: string) =>
    `${group}.${what}${size.isDefault ? "" : size.label}`;
  const counted = async <T>(fn: () => Promise<T>) => {
    const before = { ...counter };
    const value = await fn();
    return {
      value,
      tx: {
        total: counter.total - before.total,
        batches: counter.batches - before.batches,
        queries: counter.queries - before.queries,
        reads: counter.reads - before.reads,
      },
    };
  };

  try {
    const ownerEmail = "bench.owner@contoso.com";
    const owner = await api.signIn(ownerEmail);
    let db: string;
    if (!groups.has("server") && !groups.has("client") && !groups.has("pane")) {
      // The import's and history's benchmarks write into databases of their own: nothing to load.
      db = "";
    } else if (cached) {
      db = (JSON.parse(readFileSync(join(work, "meta.json"), "utf8")) as { db: string }).db;
      console.log(
        `Using the database loaded earlier (${cache}); BCM_BENCH_FRESH=1 loads it again.`,
      );
    } else {
      db = await api.createDatabase(owner, "Benchmark");
      const loader = new Pusher(api, db, owner, "c-loader");
      const loadStart = performance.now();
      for (let i = 0; i < records.length; i += 500) {
        await loader.push(records.slice(i, i + 500).map(createOf));
        if (process.env.BCM_BENCH_VERBOSE)
          console.log(`pushed ${Math.min(i + 500, records.length)}`);
      }
      const loadMs = performance.now() - loadStart;
      report("server.load{size}.ms", Math.round(loadMs));
      report("server.load{size}.perSecond", Math.round((records.length / loadMs) * 1000));
      // Keep the loaded database for later runs: Azurite saves its data when it stops. What it
      // saved is checked (a save cut short loses the last commits) before it is kept.
      await azurite.stop();
      await azurite.start();
      const saved = (await repo.readHead(db))?.info.seq;
      if (saved !== records.length) {
        throw new Error(`Azurite saved ${saved} of the ${records.length} records loaded`);
      }
      await azurite.stop();
      writeFileSync(join(work, "meta.json"), JSON.stringify({ db }));
      rmSync(cache, { recursive: true, force: true });
      cpSync(work, cache, { recursive: true });
      await azurite.start();
    }

    if (groups.has("server")) {
      // A full copy by a new client, against a raw listEntities of the same rows, alternately
      // three times each (the median of each counts). The client asks for no snapshot: this is
      // the change index. The raw read takes whole rows, as the goal was set; a pull reads them
      // without their stamps, so the raw read of only those columns is reported too.
      const table = TableClient.fromConnectionString(
        azurite.connectionString,
        `${config.tablePrefix}data`,
        {
          allowInsecureConnection: true,
        },
      );
      const rawRead = async (select?: string[]) => {
        let rows = 0;
        const filter = `PartitionKey eq '${db}' and RowKey gt 'c|' and RowKey lt 'c|~'`;
        const queryOptions = select ? { filter, select } : { filter };
        for await (const _row of table.listEntities({ queryOptions })) rows++;
        return rows;
      };
      const pullTimes: number[] = [];
      const rawTimes: number[] = [];
      const columnsTimes: number[] = [];
      let copy = { cursor: "", count: 0, requests: 0 };
      for (let run = 0; run < 3; run++) {
        let start = performance.now();
        copy = await api.pullAll(owner, db);
        pullTimes.push(performance.now() - start);
        start = performance.now();
        const rows = await rawRead();
        rawTimes.push(performance.now() - start);
        start = performance.now();
        await rawRead(CHANGE_COLUMNS);
        columnsTimes.push(performance.now() - start);
        if (copy.count !== records.length || rows !== records.length) {
          throw new Error(`pulled ${copy.count}, raw ${rows}, loaded ${records.length}`);
        }
      }
      const pullMs = median(pullTimes);
      const rawMs = median(rawTimes);
      const columnsMs = median(columnsTimes);
      report("server.pull{size}", {
        ms: Math.round(pullMs),
        requests: copy.requests,
        rawMs: Math.round(rawMs),
        rawSameColumnsMs: Math.round(columnsMs),
      });
      report("server.pull{size}.ratioToRaw", round(pullMs / rawMs), "at most 1.5");
      report("server.pull{size}.ratioToRawSameColumns", round(pullMs / columnsMs), "reference");

      const noop = await counted(() => api.pull(owner, db, copy.cursor));
      report("server.noopPull.storageTx", noop.tx.total, "1");
      report("server.noopPull.ms", Math.round(await timed(() => api.pull(owner, db, copy.cursor))));

      // Notes, which no later benchmark reads: client.viewChange counts the contacts its filter
      // on the job title moves, from the loaded data.
      const contacts = records.filter((r) => r.type === "contact").slice(0, 100);
      const editor = new Pusher(api, db, owner, "c-editor");
      const push100 = await counted(() =>
        editor.push(contacts.map((c) => editOf(c, "notes", "Edited by the benchmark"))),
      );
      report(
        "server.push100.storageTx",
        push100.tx,
        "at most 4 entity-group transactions plus the reads",
      );
      const pull100 = await counted(() => api.pull(owner, db, copy.cursor));
      if (pull100.value.records.length !== 100)
        throw new Error(`pull100 returned ${pull100.value.records.length}`);
      // The member's role and view are cached per API instance, and a pull judges them by the
      // head its query reads with the changes: one query, however long since they were read.
      report("server.pull100.storageTx", pull100.tx, "1 query");
      const push1 = await counted(() =>
        editor.push([editOf(contacts[0]!, "department", "Research", 2)]),
      );
      report("server.push1.storageTx", push1.tx, "1 entity-group transaction plus the reads");

      // 8 clients pushing one small edit at a time, in parallel, each to contacts of its own
      // that nothing else here edits (so every edit applies).
      const rounds = 25;
      const untouched = records.filter((r) => r.type === "contact").slice(100, 100 + 8 * rounds);
      const parallelStart = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async (_, c) => {
          const pusher = new Pusher(api, db, owner, `c-par-${c}`);
          for (let round = 0; round < rounds; round++) {
            const reply = await pusher.push([
              editOf(untouched[c * rounds + round]!, "notes", `c${c} round ${round}`),
            ]);
            if (reply.results[0]?.status !== "applied")
              throw new Error(`edit not applied: ${JSON.stringify(reply.results[0])}`);
          }
        }),
      );
      const parallelMs = performance.now() - parallelStart;
      report("server.push8clients.perSecond", Math.round(((8 * rounds) / parallelMs) * 1000));
      results[groupKey("server", "measuredAt")] = new Date().toISOString();
    }

    if (pages) {
      const context: BrowserBenchContext = {
        apiUrl: host.url,
        api,
        requests,
        pages,
        databaseId: db,
        owner: ownerEmail,
        records,
        size,
        earlier,
        report,
        storage: {
          connectionString: azurite.connectionString,
          table: `${config.tablePrefix}data`,
        },
      };
      for (const [group, bench] of [
        ["client", clientBench],
        ["pane", paneBench],
        ["import", importBench],
        ["history", historyBench],
      ] as const) {
        if (!groups.has(group)) continue;
        // Timings here depend on what else the machine runs: the load is kept with them.
        const load = Math.round(loadavg()[0]! * 10) / 10;
        console.log(`\n${group} (load average ${load})`);
        try {
          await bench(context);
          results[groupKey(group, "measuredAt")] = new Date().toISOString();
          results[groupKey(group, "loadAverage")] = load;
        } catch (error) {
          failed = true;
          console.error(
            `${group} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
  } finally {
    await host.close();
    await azurite.stop();
    rmSync(work, { recursive: true, force: true });
  }

  // Read again: another run may have written it meanwhile.
  const previous = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>)
    : {};
  const merged = { ...previous, ...results };
  writeFileSync(RESULTS, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`\nWritten to ${RESULTS}`);
  return !failed;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
