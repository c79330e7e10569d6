/**
 * The pane's adapters, made once at start: the API client over the browser's fetch, the
 * connection monitor probing `/health`, the local copies in IndexedDB, and the small
 * preferences kept in localStorage. Components reach them only through hooks.
 */
import { LocalforageStore } from "../store/localforage-store";
import { ConnectionMonitor } from "../sync/connection";
import type { LocalStore } from "../sync/store";
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
  readonly preferences: Preferences;
}

export function createServices(apiBaseUrl: string): PaneServices {
  const api = new ApiClient({ baseUrl: apiBaseUrl, fetch: (url, request) => fetch(url, request) });
  const connection = new ConnectionMonitor(async () => (await api.health()).storage === "ok");
  const stores = new Map<string, LocalStore>();
  return {
    apiBaseUrl,
    api,
    connection,
    openStore(databaseId) {
      let store = stores.get(databaseId);
      if (!store) {
        store = LocalforageStore.forDatabase(databaseId);
        stores.set(databaseId, store);
      }
      return store;
    },
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
