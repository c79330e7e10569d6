/**
 * The composition root of the add-in's pages (the task pane, the ribbon's commands, the bench's
 * client page): their adapters, made once at start: the API client over the browser's fetch,
 * the connection monitor probing `/health`, one sync engine per database and user (that user's
 * copy in IndexedDB, Web Locks and BroadcastChannel shared with the other panes), and the small
 * preferences kept in localStorage. The pane's components reach them only through hooks.
 * Persistent storage is asked for once, at start: the outbox must not be evicted.
 *
 * A copy left by the version before copies had owners (`bcm-<database id>`, one per browser
 * profile) is adopted, unsent changes and all, by the first user who opens that database as the
 * one they had chosen with that version (`chosenBeforeOwnedCopies`), then deleted: nobody else
 * ever opens it (docs/sync-engine.md, "Whose copy").
 */
import { BroadcastChannelBroadcast } from "../browser/broadcast-channel";
import { requestPersistentStorage } from "../browser/persistent-storage";
import { WebLocks } from "../browser/web-locks";
import { LocalforageStore, sentMailStorage } from "../store/localforage-store";
import type { SentMailQueue } from "../sync/sent-mail";
import type { GraphMail } from "./graph-mail";
import { ConnectionMonitor } from "../sync/connection";
import { SyncEngine } from "../sync/engine";
import { adoptCopy, copyId, copyOwner } from "../sync/owner";
import type { CopyOwner } from "../sync/owner";
import type { Broadcast, Locks } from "../sync/ports";
import type { Transport } from "../sync/transport";
import { ApiError } from "../sync/transport";
import type { Auth, AuthConfig } from "../auth/auth";
import { devAuth } from "../auth/dev-auth";
import { naaAuth } from "../auth/naa-auth";
import { initOffice } from "../office/office";
import { ApiClient } from "./api-client";
import {
  chosenBeforeOwnedCopies,
  readRememberedDatabase,
  rememberDatabase,
} from "./remembered-database";

/** The few settings the add-in keeps per browser profile; reads and writes never throw. */
export interface Preferences {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface ClientServices {
  readonly apiBaseUrl: string;
  /** How the pages sign in (the build's setting). */
  readonly authConfig: AuthConfig;
  readonly api: ApiClient;
  readonly connection: ConnectionMonitor;
  /**
   * The sync engine of `userEmail`'s copy of `databaseId`, opened once per database and user:
   * it reads the copy on this computer without the network, and signs in only when it syncs.
   */
  readonly openEngine: (databaseId: string, userEmail: string) => Promise<SyncEngine>;
  /** An API client signed in as `email` (through the auth adapter, which caches tokens). */
  readonly signIn: (email: string) => Promise<ApiClient>;
  readonly preferences: Preferences;
  /** E-mails sent, waiting to be linked to contacts (src/sync/sent-mail.ts), loaded on first use. */
  readonly sentMail: () => Promise<SentMailQueue>;
  /**
   * Microsoft Graph's mail search as `email` ("Find e-mails"), loaded on first use; null when
   * the build has no Graph (`graphBaseUrl`, config.ts).
   */
  readonly graphMail: ((email: string) => Promise<GraphMail>) | null;
}

/**
 * A transport signed in as `email` for each call (the auth adapter caches its token); a token
 * the API refuses (401) is forgotten, so the next call signs in again.
 */
export function signedInTransport(
  auth: Auth,
  api: Pick<ApiClient, "withToken">,
  email: string,
): Transport {
  const signedIn = async <T>(call: (client: Transport) => Promise<T>): Promise<T> => {
    try {
      return await call(api.withToken(await auth.token(email)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) auth.forget(email);
      throw error;
    }
  };
  return {
    pull: (...args) => signedIn((client) => client.pull(...args)),
    push: (...args) => signedIn((client) => client.push(...args)),
  };
}

/** The build's sign-in: NAA in Outlook when configured (where Outlook has it), else the dev token. */
export function createAuth(api: Pick<ApiClient, "devToken">, config: AuthConfig): Auth {
  return config.kind === "naa"
    ? naaAuth(config, { nestedAppAuth: async () => (await initOffice()).nestedAppAuth })
    : devAuth((email) => api.devToken(email));
}

export function createServices(
  apiBaseUrl: string,
  authSettings: AuthConfig = { kind: "dev" },
  graphBaseUrl = "",
): ClientServices {
  const api = new ApiClient({ baseUrl: apiBaseUrl, fetch: (url, request) => fetch(url, request) });
  const auth = createAuth(api, authSettings);
  const connection = new ConnectionMonitor(async () => (await api.health()).storage === "ok");
  const engines = new Map<string, Promise<SyncEngine>>();
  let locks: Locks | null = null;
  let broadcast: Broadcast | null = null;
  void requestPersistentStorage();
  const preferences = browserPreferences();
  let sentMail: Promise<SentMailQueue> | null = null;

  const openCopy = async (owner: CopyOwner, adopt: boolean): Promise<SyncEngine> => {
    locks ??= WebLocks.orFallback();
    broadcast ??= BroadcastChannelBroadcast.orFallback();
    const store = LocalforageStore.forCopy(await copyId(owner));
    if (adopt) {
      // One adopter, whatever the number of panes: the second finds the old copy gone.
      await locks.request(`bcm:adopt:${owner.databaseId}`, async () => {
        const legacy = LocalforageStore.legacy(owner.databaseId);
        await adoptCopy(legacy, store, owner);
        await legacy.destroy();
      });
    }
    return SyncEngine.open({
      owner,
      store,
      transport: signedInTransport(auth, api, owner.user),
      locks,
      broadcast,
    });
  };

  return {
    apiBaseUrl,
    authConfig: authSettings,
    api,
    connection,
    openEngine(databaseId, userEmail) {
      const owner = copyOwner(apiBaseUrl, userEmail, databaseId);
      const key = JSON.stringify([owner.databaseId, owner.user]);
      let engine = engines.get(key);
      if (!engine) {
        // Read now, before anything rewrites the user's choice in this version's format.
        const adopt = chosenBeforeOwnedCopies(preferences, apiBaseUrl, userEmail) === databaseId;
        engine = openCopy(owner, adopt);
        if (adopt) {
          // Adopted: the choice rewritten in this version's format, so that no later start
          // (one offline, before /me rewrites it) opens IndexedDB to look for the old copy.
          void engine.then(
            () => {
              const chosen = readRememberedDatabase(preferences, apiBaseUrl, userEmail);
              if (chosen) rememberDatabase(preferences, apiBaseUrl, userEmail, chosen);
            },
            () => undefined,
          );
        }
        // A copy that could not be opened is tried again next time.
        engine.catch(() => engines.delete(key));
        engines.set(key, engine);
      }
      return engine;
    },
    signIn: async (email) => api.withToken(await auth.token(email)),
    preferences,
    sentMail: () =>
      (sentMail ??= import("../sync/sent-mail").then(
        (m) => new m.SentMailQueue(sentMailStorage()),
      )),
    graphMail:
      graphBaseUrl === ""
        ? null
        : async (email) => {
            const { GraphMail } = await import("./graph-mail");
            return new GraphMail({ baseUrl: graphBaseUrl, token: () => auth.graphToken(email) });
          },
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
