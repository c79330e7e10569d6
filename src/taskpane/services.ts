/**
 * The pane's adapters, made once at start: the API client over the browser's fetch, the
 * connection monitor probing `/health`, one sync engine per database (its copy in IndexedDB,
 * Web Locks and BroadcastChannel shared with the other panes), and the small preferences kept
 * in localStorage. Components reach them only through hooks. Persistent storage is asked for
 * once, at start: the outbox must not be evicted.
 */
import { BroadcastChannelBroadcast } from "../browser/broadcast-channel";
import { requestPersistentStorage } from "../browser/persistent-storage";
import { WebLocks } from "../browser/web-locks";
import { LocalforageStore } from "../store/localforage-store";
import { ConnectionMonitor } from "../sync/connection";
import { SyncEngine } from "../sync/engine";
import type { Broadcast, Locks } from "../sync/ports";
import type { LocalStore } from "../sync/store";
import type { Transport } from "../sync/transport";
import { ApiClient } from "../sync/transport";

/** The few settings the pane keeps per browser profile; reads and writes never throw. */
export interface Preferences {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface PaneServices {
  readonly apiBaseUrl: string;
  readonly api: ApiClient;
  readonly connection: ConnectionMonitor;
  readonly openStore: (databaseId: string) => LocalStore;
  /**
   * The sync engine of `databaseId`, opened once per database and user: it reads the copy on
   * this computer without the network, and signs in (dev token) only when it syncs.
   */
  readonly openEngine: (databaseId: string, userEmail: string) => Promise<SyncEngine>;
  /** An API client signed in as `email` (signed in once, again after a failed sign-in). */
  readonly signIn: (email: string) => Promise<ApiClient>;
  readonly preferences: Preferences;
}

/**
 * Sign-in as `email`, made once and shared: a failed one is tried again on the next call.
 */
export function signInOnce(
  api: Pick<ApiClient, "devToken" | "withToken">,
): (email: string) => Promise<ApiClient> {
  const clients = new Map<string, Promise<ApiClient>>();
  return (email) => {
    let client = clients.get(email);
    if (!client) {
      client = api.devToken(email).then((token) => api.withToken(token));
      client.catch(() => clients.delete(email));
      clients.set(email, client);
    }
    return client;
  };
}

/** A transport that signs in on first use, and again after a failed sign-in. */
export function signedInTransport(
  signIn: () => Promise<Pick<Transport, "pull" | "push">>,
): Pick<Transport, "pull" | "push"> {
  return {
    pull: async (...args) => (await signIn()).pull(...args),
    push: async (...args) => (await signIn()).push(...args),
  };
}

export function createServices(apiBaseUrl: string): PaneServices {
  const api = new ApiClient({ baseUrl: apiBaseUrl, fetch: (url, request) => fetch(url, request) });
  const connection = new ConnectionMonitor(async () => (await api.health()).storage === "ok");
  const stores = new Map<string, LocalStore>();
  const engines = new Map<string, Promise<SyncEngine>>();
  const signIn = signInOnce(api);
  let locks: Locks | null = null;
  let broadcast: Broadcast | null = null;
  void requestPersistentStorage();
  const openStore = (databaseId: string): LocalStore => {
    let store = stores.get(databaseId);
    if (!store) {
      store = LocalforageStore.forDatabase(databaseId);
      stores.set(databaseId, store);
    }
    return store;
  };
  return {
    apiBaseUrl,
    api,
    connection,
    openStore,
    openEngine(databaseId, userEmail) {
      const key = JSON.stringify([databaseId, userEmail]);
      let engine = engines.get(key);
      if (!engine) {
        locks ??= WebLocks.orFallback();
        broadcast ??= BroadcastChannelBroadcast.orFallback();
        engine = SyncEngine.open({
          databaseId,
          store: openStore(databaseId),
          transport: signedInTransport(() => signIn(userEmail)),
          locks,
          broadcast,
        });
        // A copy that could not be opened is tried again next time.
        engine.catch(() => engines.delete(key));
        engines.set(key, engine);
      }
      return engine;
    },
    signIn,
    preferences: browserPreferences(),
  };
}

/** localStorage, which a host may block (it then throws): a blocked store keeps nothing. */
function browserPreferences(): Preferences {
  const attempt = <T>(run: () => T, fallback: T): T => {
    try {
      return run();
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) => attempt(() => localStorage.getItem(key), null),
    set: (key, value) => attempt(() => localStorage.setItem(key, value), undefined),
    remove: (key) => attempt(() => localStorage.removeItem(key), undefined),
  };
}
