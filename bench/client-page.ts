/**
 * The page `bench/client.ts` drives in Chromium: the task pane's own services
 * (src/client/services.ts), so the sync engine is the pane's, with its copy in IndexedDB
 * (LocalforageStore), Web Locks, BroadcastChannel and the ApiClient over the browser's fetch,
 * without React. The driver calls `window.bcmClientBench`; times are taken here, in the page.
 */
import type { SyncEngine, SyncSummary } from "../src/sync/engine";
import { createServices, type ClientServices } from "../src/client/services";
import { planImport } from "../src/taskpane/import/plan";
import { readInWorker } from "../src/taskpane/import/read-file";
import { runImport } from "../src/taskpane/import/write";
import { LocalforageStore } from "../src/store/localforage-store";
import { segmentKey } from "../src/sync/keys";
import type { StoredValue } from "../src/sync/store";
import { GraphMail } from "../src/client/graph-mail";
import { newBackfill, runBackfill } from "../src/taskpane/history/backfill";

export interface TimedSync {
  readonly ms: number;
  readonly summary: SyncSummary;
  /** Contacts in the engine's view afterwards. */
  readonly contacts: number;
}

/** A file read in the import's worker: the worker's own time, and the whole round trip. */
export interface TimedRead {
  readonly ms: number;
  readonly roundTripMs: number;
  readonly contacts: number;
  readonly problems: number;
  /** How many progress messages the worker posted. */
  readonly progress: number;
}

/** An import written into the copy and pushed until the outbox is empty. */
export interface TimedImport {
  /** From the import's first change until the server answered the last of them. */
  readonly ms: number;
  /** Until the syncs ended (they pull the server's changes after pushing). */
  readonly syncedMs: number;
  /** Writing the import into the copy (the outbox), before the first push. */
  readonly localMs: number;
  readonly syncs: number;
  /** Why syncs failed (and were tried again). */
  readonly failures: readonly string[];
  readonly contacts: number;
}

/** "Find e-mails for every contact" run on the opened copy, then synced until all is sent. */
export interface TimedBackfill {
  /** From the backfill's start until the server answered its last change. */
  readonly ms: number;
  /** The backfill alone (searching and linking into the copy). */
  readonly localMs: number;
  readonly found: number;
  readonly linked: number;
  readonly history: number;
  readonly syncs: number;
}

export interface ClientBench {
  /** Signs in (outside any measurement: production signs in with Entra, not our API). */
  signIn(apiUrl: string, email: string): Promise<void>;
  /** Opens the copy of `databaseId` and syncs it: a new copy when the store is empty. */
  openAndSync(databaseId: string): Promise<TimedSync>;
  sync(): Promise<TimedSync>;
  /** Sets `field` to `value` on each contact, one local change each; resolves with the outbox size. */
  edit(ids: readonly string[], field: string, value: string): Promise<number>;
  /** Reads the file at `url` in the import's Web Worker, as the import dialog does. */
  read(url: string): Promise<TimedRead>;
  /** Imports the file at `url` into the opened copy, as the dialog's Import does, and syncs. */
  importAndSync(url: string): Promise<TimedImport>;
  /**
   * Writes `count` of the copy's contacts into a store of their own, as a pull writes a page
   * (one segment in one batch), and resolves with the milliseconds it took.
   */
  writeRecords(count: number): Promise<number>;
  /** Finds the e-mails of every contact of the opened copy in the Graph at `graphUrl`, and syncs. */
  backfill(graphUrl: string, days: number): Promise<TimedBackfill>;
}

declare global {
  interface Window {
    bcmClientBench: ClientBench;
  }
}

let services: ClientServices | null = null;
let email = "";
let engine: SyncEngine | null = null;

function opened(): SyncEngine {
  if (!engine) throw new Error("openAndSync first");
  return engine;
}

async function timedSync(target: SyncEngine, started = performance.now()): Promise<TimedSync> {
  const summary = await target.sync();
  return {
    ms: performance.now() - started,
    summary,
    contacts: target.records("contact").length,
  };
}

window.bcmClientBench = {
  async signIn(apiUrl, user) {
    services = createServices(apiUrl);
    email = user;
    await services.signIn(email);
  },
  async openAndSync(databaseId) {
    if (!services) throw new Error("signIn first");
    const started = performance.now();
    engine = await services.openEngine(databaseId, email);
    return timedSync(engine, started);
  },
  sync: () => timedSync(opened()),
  async writeRecords(count) {
    const records = opened().records("contact").slice(0, count);
    const store = LocalforageStore.forCopy("bench-write-reference");
    const started = performance.now();
    const value = { records, gone: [] } as unknown as StoredValue;
    await store.apply([{ op: "set", key: segmentKey(0), value }]);
    const ms = performance.now() - started;
    await store.destroy();
    return ms;
  },
  async edit(ids, field, value) {
    const target = opened();
    for (const id of ids) {
      const outcome = await target.update("contact", id, { [field]: value });
      if (outcome.status !== "saved") throw new Error(`edit of ${id}: ${outcome.status}`);
    }
    return target.outbox.length;
  },
  async backfill(graphUrl, days) {
    const target = opened();
    const graph = new GraphMail({
      baseUrl: graphUrl,
      token: () => Promise.resolve(`dev-graph:${email}`),
    });
    const started = performance.now();
    const end = await runBackfill({
      engine: target,
      graph,
      user: { displayName: "", emailAddress: email },
      state: newBackfill(target, Date.now(), days),
      onProgress: () => undefined,
      stopped: () => false,
    });
    if (end.status !== "done") throw new Error(`backfill ${end.status}: ${end.problem ?? ""}`);
    const localMs = performance.now() - started;
    let syncs = 0;
    while (target.outbox.length > 0 && syncs < 20) {
      syncs++;
      await target.sync();
    }
    return {
      ms: performance.now() - started,
      localMs,
      found: end.found,
      linked: end.linked,
      history: target.records("history").length,
      syncs,
    };
  },
  async read(url) {
    const file = await fetchFile(url);
    let progress = 0;
    const started = performance.now();
    const { result, ms } = await readInWorker(file, { onProgress: () => progress++ });
    return {
      ms,
      roundTripMs: performance.now() - started,
      contacts: result.contacts.length,
      problems: result.problems.length,
      progress,
    };
  },
  async importAndSync(url) {
    const target = opened();
    const file = await fetchFile(url);
    const { result } = await readInWorker(file);
    const existing = {
      contacts: target.records("contact"),
      companies: target.records("company"),
      groups: target.records("group"),
    };
    const plan = planImport(
      result.contacts,
      result.companies,
      existing,
      "skip",
      target.newId(),
      () => target.newId(),
    );
    const started = performance.now();
    await runImport(target, plan, file.name, (i) => result.contacts[i]?.line ?? 0);
    const localMs = performance.now() - started;
    let pushed = 0;
    const stop = target.subscribe((event) => {
      const { progress } = event.type === "progress" ? event : { progress: null };
      if (progress?.phase === "push" && progress.pending === 0) pushed = performance.now();
    });
    let syncs = 0;
    const failures: string[] = [];
    try {
      // A sync that fails (a push past the client's timeout while the server goes on) is tried
      // again, as the pane's sync loop does; the server answers what it committed as duplicates.
      while (target.outbox.length > 0 && failures.length < 20) {
        syncs++;
        try {
          await target.sync();
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
      if (target.outbox.length > 0) throw new Error(`not pushed: ${failures.join("; ")}`);
    } finally {
      stop();
    }
    return {
      ms: pushed - started,
      syncedMs: performance.now() - started,
      localMs,
      syncs,
      failures,
      contacts: target.records("contact").length,
    };
  },
};

async function fetchFile(url: string): Promise<File> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new File([await response.blob()], url.split("/").pop() ?? "contacts.csv");
}
