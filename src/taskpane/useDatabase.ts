/**
 * The user's shared database in this pane. Signs in, lists the databases the user is a member
 * of (`/me`), picks one (the one chosen before on this computer, else the first), opens its sync
 * engine and shows its offline copy. Syncing, the first copy included, is the sync loop's
 * (useSync.ts); what the pane shows of the copy follows the engine (useRecords.ts). While the
 * database is offline the pane works from the copy on this computer alone.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { MeResponse } from "../shared/protocol";
import type { EmailAddress } from "../office/office";
import type { ConnectionStatus } from "../sync/connection";
import type { SyncEngine } from "../sync/engine";
import type { ApiClient } from "../sync/transport";
import { isUnreachable } from "../sync/transport";
import { describeError } from "./errors";
import type { DatabaseRef } from "./remembered-database";
import { readRememberedDatabase, rememberDatabase } from "./remembered-database";
import type { PaneServices } from "./services";

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

export interface DatabaseState {
  readonly view: DatabaseView;
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
}

/**
 * Starts opening the copy of the database chosen last on this computer before the pane first
 * renders, so that reading it from IndexedDB overlaps that render: `useDatabase` finds the engine
 * on its way (`openEngine` hands out one per database and user). A failure shows when
 * `useDatabase` opens it.
 */
export function openRememberedCopy(services: PaneServices, user: EmailAddress | null): void {
  if (!user) return;
  const remembered = readRememberedDatabase(
    services.preferences,
    services.apiBaseUrl,
    user.emailAddress,
  );
  if (remembered) services.openEngine(remembered.id, user.emailAddress).catch(() => undefined);
}

export function useDatabase(
  services: PaneServices,
  user: EmailAddress | null,
  status: ConnectionStatus,
): DatabaseState {
  const [view, setView] = useState<DatabaseView>(() =>
    user ? { kind: "loading" } : { kind: "no-user" },
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [databases, setDatabases] = useState<readonly DatabaseInfo[]>([]);
  const [creating, setCreating] = useState(false);
  /** The last load ended without an answer: load again when the database is back. */
  const waitingForDatabase = useRef(false);
  /** Loads run one after another. */
  const queue = useRef<Promise<void>>(Promise.resolve());

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
      const chosen = me.databases.find((d) => d.id === remembered?.id) ?? me.databases[0];
      connection.reportReachable();
      waitingForDatabase.current = false;
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

  const engine = view.kind === "ready" ? view.engine : null;
  return {
    view,
    engine,
    databases,
    problem,
    creating,
    createDatabase,
    selectDatabase,
    refresh,
    signIn,
  };
}
