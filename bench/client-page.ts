/**
 * The page `bench/client.ts` drives in Chromium: the task pane's own services
 * (src/client/services.ts), so the sync engine is the pane's, with its copy in IndexedDB
 * (LocalforageStore), Web Locks, BroadcastChannel and the ApiClient over the browser's fetch,
 * without React. The driver calls `window.bcmClientBench`; times are taken here, in the page.
 */
import type { SyncEngine, SyncSummary } from "../src/sync/engine";
import { createServices, type ClientServices } from "../src/client/services";

export interface TimedSync {
  readonly ms: number;
  readonly summary: SyncSummary;
  /** Contacts in the engine's view afterwards. */
  readonly contacts: number;
}

export interface ClientBench {
  /** Signs in (outside any measurement: production signs in with Entra, not our API). */
  signIn(apiUrl: string, email: string): Promise<void>;
  /** Opens the copy of `databaseId` and syncs it: a new copy when the store is empty. */
  openAndSync(databaseId: string): Promise<TimedSync>;
  sync(): Promise<TimedSync>;
  /** Sets `field` to `value` on each contact, one local change each; resolves with the outbox size. */
  edit(ids: readonly string[], field: string, value: string): Promise<number>;
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
  async edit(ids, field, value) {
    const target = opened();
    for (const id of ids) {
      const outcome = await target.update("contact", id, { [field]: value });
      if (outcome.status !== "saved") throw new Error(`edit of ${id}: ${outcome.status}`);
    }
    return target.outbox.length;
  },
};
