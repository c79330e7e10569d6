/**
 * The user's shared database in this pane. Signs in, lists the databases the user is a member
 * of (`/me`), picks one (the one chosen before on this computer, else the first), opens its sync
 * engine and shows its offline copy. Syncing, the first copy included, is the sync loop's
 * (useSync.ts); what the pane shows of the copy follows the engine (useRecords.ts). While the
 * database is offline the pane works from the copy on this computer alone.
 *
 * A copy of a database the user is no longer a member of (a pull or push answered 404, and
 * `/me` no longer lists it; or the user deleted or left it in this pane) is deleted: at once
 * when it holds nothing the shared database lacks, else once the user was offered an export of
 * those changes and chose (`removed`).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { MeResponse } from "../shared/protocol";
import type { EmailAddress } from "../office/office";
import type { ConnectionStatus } from "../sync/connection";
import type { SyncEngine } from "../sync/engine";
import type { ApiClient } from "../client/api-client";
import { isUnreachable } from "../sync/transport";
import { forgetLastSync } from "../browser/last-sync";
import { forgetCompleteCopy } from "./database/copy-memory";
import type { FirstScreen } from "./contacts/first-screen";
import { forgetFirstScreen, readFirstScreen } from "./contacts/first-screen";
import { copyId, copyOwner } from "../sync/owner";
import { describeError } from "../client/errors";
import type { DatabaseRef } from "../client/remembered-database";
import { readRememberedDatabase, rememberDatabase } from "../client/remembered-database";
import type { ClientServices } from "../client/services";

export type { DatabaseRef };

/** A database the user is a member of, as `/me` lists it. */
export type DatabaseInfo = MeResponse["databases"][number];

export type DatabaseView =
  /** Outside Outlook there is no user to sign in as. */
  | { readonly kind: "no-user" }
  | { readonly kind: "loading" }
  /** Signed in, but a member of no database. */
  | { readonly kind: "no-database" }
  /** Nothing to show: no answer from the database and no copy on this computer. */
  | { readonly kind: "unavailable" }
  | { readonly kind: "ready"; readonly database: DatabaseRef; readonly engine: SyncEngine };

/**
 * Why the user is no longer a member: `lost` access (an owner removed them, or deleted it), or
 * this pane `deleted` or `left` it.
 */
export type Departure = "lost" | "deleted" | "left";

/** The copy of a database the user is no longer a member of. */
export interface RemovedCopy {
  readonly database: DatabaseRef;
  readonly engine: SyncEngine;
  readonly how: Departure;
  /** False while it waits for the user (it holds unsent changes), true once deleted. */
  readonly deleted: boolean;
}

export interface DatabaseState {
  readonly view: DatabaseView;
  /** A copy the user lost access to, until they dismiss the notice of its deletion. */
  readonly removed: RemovedCopy | null;
  /** Deletes the removed copy (the user exported its changes, or chose not to). */
  readonly deleteRemoved: () => Promise<void>;
  readonly dismissRemoved: () => void;
  /** The user deleted or left `database` (the API agreed): its copy goes as a lost one's does. */
  readonly departed: (database: DatabaseRef, how: Departure) => Promise<void>;
  /** The engine of the database shown, once its copy is open. */
  readonly engine: SyncEngine | null;
  /** The databases the user is a member of, as last listed (empty until `/me` answered). */
  readonly databases: readonly DatabaseInfo[];
  /** Why the last attempt failed, in words for the user; `null` when it worked or was offline. */
  readonly problem: string | null;
  readonly creating: boolean;
  /** Creates a database owned by the user and shows it. Failures land in `problem`. */
  readonly createDatabase: (name: string) => Promise<void>;
  /** Shows another database the user is a member of (its copy is made by the next sync). */
  readonly selectDatabase: (database: DatabaseRef) => Promise<void>;
  /** Lists the databases again (after sharing changed, for instance). */
  readonly refresh: () => Promise<void>;
  /** An API client signed in as the user (for the calls outside sync: members, sync sets). */
  readonly signIn: () => Promise<ApiClient>;
  /** The shared database answers (what only it can do, a backup say, can be done). */
  readonly online: boolean;
}

/** The database chosen last on this computer, and its contact list's first screen last time. */
export interface RememberedScreen {
  readonly database: DatabaseRef;
  readonly screen: FirstScreen;
}

/**
 * Starts opening the copy of the database chosen last on this computer before the pane first
 * renders, so that reading it from IndexedDB overlaps that render: `useDatabase` finds the engine
 * on its way (`openEngine` hands out one per database and user). A failure shows when
 * `useDatabase` opens it. Resolves with what its contact list showed first last time, for the
 * pane to paint while the copy is read (contacts/first-screen.ts); never rejects.
 */
export async function openRememberedCopy(
  services: ClientServices,
  user: EmailAddress | null,
): Promise<RememberedScreen | null> {
  if (!user) return null;
  const remembered = readRememberedDatabase(
    services.preferences,
    services.apiBaseUrl,
    user.emailAddress,
  );
  if (!remembered) return null;
  services.openEngine(remembered.id, user.emailAddress).catch(() => undefined);
  try {
    const id = await copyId(copyOwner(services.apiBaseUrl, user.emailAddress, remembered.id));
    const screen = readFirstScreen(() => localStorage, id);
    return screen && { database: remembered, screen };
  } catch {
    return null;
  }
}

export function useDatabase(
  services: ClientServices,
  user: EmailAddress | null,
  status: ConnectionStatus,
): DatabaseState {
  const [view, setView] = useState<DatabaseView>(() =>
    user ? { kind: "loading" } : { kind: "no-user" },
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [databases, setDatabases] = useState<readonly DatabaseInfo[]>([]);
  const [creating, setCreating] = useState(false);
  const [removed, setRemoved] = useState<RemovedCopy | null>(null);
  /** The last load ended without an answer: load again when the database is back. */
  const waitingForDatabase = useRef(false);
  /** Loads run one after another. */
  const queue = useRef<Promise<void>>(Promise.resolve());
  /** The database this pane deleted or left last, and which. */
  const departure = useRef<{ id: string; how: Departure } | null>(null);

  const email = user?.emailAddress ?? null;
  const remember = useCallback(
    (database: DatabaseRef | null) => {
      if (email) rememberDatabase(services.preferences, services.apiBaseUrl, email, database);
    },
    [services, email],
  );

  const signIn = useCallback(async (): Promise<ApiClient> => {
    if (!user) throw new Error("No Outlook user to sign in as.");
    return services.signIn(user.emailAddress);
  }, [services, user]);

  const load = useCallback(async (): Promise<void> => {
    if (!user) return;
    const { connection } = services;
    const remembered = readRememberedDatabase(
      services.preferences,
      services.apiBaseUrl,
      user.emailAddress,
    );
    let database = remembered;

    const showLocalCopy = async (ref: DatabaseRef): Promise<void> => {
      try {
        const engine = await services.openEngine(ref.id, user.emailAddress);
        setView({ kind: "ready", database: ref, engine });
      } catch (error) {
        setProblem(describeError(error));
      }
    };

    // The copy on this computer first: it shows at once, and it is all there is when offline.
    if (remembered) await showLocalCopy(remembered);
    try {
      const me = await (await signIn()).me();
      setDatabases(me.databases);
      connection.reportReachable();
      waitingForDatabase.current = false;
      if (remembered && !me.databases.some((d) => d.id === remembered.id)) {
        // No longer a member: nothing of this copy may be sent, and it is deleted.
        const engine = await services.openEngine(remembered.id, user.emailAddress);
        const how = departure.current?.id === remembered.id ? departure.current.how : "lost";
        if (hasUnsent(engine)) {
          setRemoved({ database: remembered, engine, how, deleted: false });
          return;
        }
        await deleteCopy(engine);
        remember(null);
        setRemoved({ database: remembered, engine, how, deleted: true });
      }
      const chosen = me.databases.find((d) => d.id === remembered?.id) ?? me.databases[0];
      if (!chosen) {
        remember(null);
        setProblem(null);
        setView({ kind: "no-database" });
        return;
      }
      database = { id: chosen.id, name: chosen.name };
      remember(database);
      setProblem(null);
      if (database.id !== remembered?.id || database.name !== remembered.name) {
        await showLocalCopy(database);
      }
    } catch (error) {
      if (isUnreachable(error)) {
        waitingForDatabase.current = true;
        connection.reportUnreachable();
        setProblem(null);
      } else {
        setProblem(describeError(error));
      }
      if (!database) setView({ kind: "unavailable" });
    }
  }, [services, user, remember, signIn]);

  const refresh = useCallback((): Promise<void> => {
    const next = queue.current.then(load);
    queue.current = next.catch((error: unknown) => {
      setProblem(describeError(error));
    });
    return queue.current;
  }, [load]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (status === "online" && waitingForDatabase.current) void refresh();
  }, [status, refresh]);

  const engine = view.kind === "ready" ? view.engine : null;
  // A pull or push answered 404: `/me` tells whether the user is still a member.
  useEffect(
    () =>
      engine?.subscribe((event) => {
        if (event.type === "revoked") void refresh();
      }),
    [engine, refresh],
  );

  const deleteRemoved = useCallback(async (): Promise<void> => {
    if (!removed || removed.deleted) return;
    await deleteCopy(removed.engine);
    remember(null);
    setRemoved({ ...removed, deleted: true });
    await refresh();
  }, [removed, remember, refresh]);

  const dismissRemoved = useCallback(() => setRemoved(null), []);

  const departed = useCallback(
    (database: DatabaseRef, how: Departure): Promise<void> => {
      departure.current = { id: database.id, how };
      return refresh();
    },
    [refresh],
  );

  const selectDatabase = useCallback(
    async (database: DatabaseRef): Promise<void> => {
      remember(database);
      await refresh();
    },
    [remember, refresh],
  );

  const createDatabase = useCallback(
    async (name: string): Promise<void> => {
      if (!email) return;
      setCreating(true);
      setProblem(null);
      try {
        const created = await (await signIn()).createDatabase(name);
        remember({ id: created.id, name: created.name });
        await refresh();
      } catch (error) {
        if (isUnreachable(error)) services.connection.reportUnreachable();
        setProblem(describeError(error));
      } finally {
        setCreating(false);
      }
    },
    [services, email, remember, refresh, signIn],
  );

  return {
    view,
    removed,
    deleteRemoved,
    dismissRemoved,
    departed,
    engine,
    databases,
    problem,
    creating,
    createDatabase,
    selectDatabase,
    refresh,
    signIn,
    online: status === "online",
  };
}

function hasUnsent(engine: SyncEngine): boolean {
  return engine.outbox.length + engine.inbox.length + engine.needsAttention.length > 0;
}

/** Deletes a copy for good, with what this computer noted about it. */
async function deleteCopy(engine: SyncEngine): Promise<void> {
  await engine.drop({ force: true });
  forgetCompleteCopy(() => localStorage, engine.copyId);
  forgetLastSync(() => localStorage, engine.copyId);
  forgetFirstScreen(() => localStorage, engine.copyId);
}
