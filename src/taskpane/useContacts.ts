/**
 * The contacts of the user's shared database. Signs in, picks the database (the one chosen
 * before on this computer, else the first), opens its sync engine and shows the engine's view
 * of the contacts (server state + pending changes), refreshed on every engine event (its own
 * syncs and edits, and other panes' changes it reloads on their broadcast). Syncing itself,
 * the first copy included, is the sync loop's (useSync.ts). While the database is offline the
 * list comes from the local copy alone.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import type { EmailAddress } from "../office/office";
import type { ConnectionStatus } from "../sync/connection";
import type { SyncEngine } from "../sync/engine";
import { StoreError } from "../sync/store";
import { ApiError, NetworkError, isUnreachable } from "../sync/transport";
import type { ContactRow } from "./contact-view";
import { sortContacts, toContactRow } from "./contact-view";
import type { PaneServices } from "./services";

const DatabaseRef = z.object({ id: z.string().min(1), name: z.string() });
export type DatabaseRef = z.infer<typeof DatabaseRef>;

export type ContactsView =
  /** Outside Outlook there is no user to sign in as. */
  | { readonly kind: "no-user" }
  | { readonly kind: "loading" }
  /** Signed in, but a member of no database. */
  | { readonly kind: "no-database" }
  /** Nothing to show: no answer from the database and no copy on this computer. */
  | { readonly kind: "unavailable" }
  | {
      readonly kind: "ready";
      readonly database: DatabaseRef;
      readonly contacts: readonly ContactRow[];
    };

export interface ContactsState {
  readonly view: ContactsView;
  /** The engine of the database shown, once its copy is open. */
  readonly engine: SyncEngine | null;
  /** Why the last attempt failed, in words for the user; `null` when it worked or was offline. */
  readonly problem: string | null;
  readonly creating: boolean;
  /** Creates a database owned by the user and shows it. Failures land in `problem`. */
  readonly createDatabase: (name: string) => Promise<void>;
}

export function useContacts(
  services: PaneServices,
  user: EmailAddress | null,
  status: ConnectionStatus,
): ContactsState {
  const [view, setView] = useState<ContactsView>(() =>
    user ? { kind: "loading" } : { kind: "no-user" },
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [engine, setEngine] = useState<SyncEngine | null>(null);
  const [creating, setCreating] = useState(false);
  /** The last load ended without an answer: load again when the database is back. */
  const waitingForDatabase = useRef(false);
  /** Loads run one after another: two pulls must not write the same copy at once. */
  const queue = useRef<Promise<void>>(Promise.resolve());

  const preferenceKey = user ? `bcm.database|${services.apiBaseUrl}|${user.emailAddress}` : null;

  const load = useCallback(async (): Promise<void> => {
    if (!user || !preferenceKey) return;
    const { api, connection, preferences } = services;
    const remembered = parseDatabaseRef(preferences.get(preferenceKey));
    let database = remembered;

    const showLocalCopy = async (ref: DatabaseRef): Promise<void> => {
      try {
        const opened = await services.openEngine(ref.id, user.emailAddress);
        setView({ kind: "ready", database: ref, contacts: readContacts(opened) });
        setEngine(opened);
      } catch (error) {
        setProblem(describeError(error));
      }
    };

    // The copy on this computer first: it shows at once, and it is all there is when offline.
    if (remembered) await showLocalCopy(remembered);
    try {
      const signedIn = api.withToken(await api.devToken(user.emailAddress));
      const me = await signedIn.me();
      const chosen = me.databases.find((d) => d.id === remembered?.id) ?? me.databases[0];
      connection.reportReachable();
      waitingForDatabase.current = false;
      if (!chosen) {
        preferences.remove(preferenceKey);
        setProblem(null);
        setView({ kind: "no-database" });
        return;
      }
      database = { id: chosen.id, name: chosen.name };
      preferences.set(preferenceKey, JSON.stringify(database));
      setProblem(null);
      await showLocalCopy(database);
    } catch (error) {
      if (isUnreachable(error)) {
        waitingForDatabase.current = true;
        connection.reportUnreachable();
        setProblem(null);
      } else {
        setProblem(describeError(error));
      }
      if (database) await showLocalCopy(database);
      else setView({ kind: "unavailable" });
    }
  }, [services, user, preferenceKey]);

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

  // The view follows the engine: its syncs, its edits, and what other panes changed.
  useEffect(() => {
    if (!engine) return;
    return engine.subscribe((event) => {
      if (event.type !== "changed") return;
      setView((shown) =>
        shown.kind === "ready" && shown.database.id === engine.databaseId
          ? { ...shown, contacts: readContacts(engine) }
          : shown,
      );
    });
  }, [engine]);

  const createDatabase = useCallback(
    async (name: string): Promise<void> => {
      if (!user || !preferenceKey) return;
      const { api, connection, preferences } = services;
      setCreating(true);
      setProblem(null);
      try {
        const signedIn = api.withToken(await api.devToken(user.emailAddress));
        const created = await signedIn.createDatabase(name);
        preferences.set(preferenceKey, JSON.stringify({ id: created.id, name: created.name }));
        await refresh();
      } catch (error) {
        if (isUnreachable(error)) connection.reportUnreachable();
        setProblem(describeError(error));
      } finally {
        setCreating(false);
      }
    },
    [services, user, preferenceKey, refresh],
  );

  return { view, engine, problem, creating, createDatabase };
}

/** The view of the contacts: the server's records with this computer's pending changes. */
export function readContacts(engine: Pick<SyncEngine, "records">): ContactRow[] {
  return sortContacts(engine.records("contact").map(toContactRow));
}

function parseDatabaseRef(text: string | null): DatabaseRef | null {
  if (text === null) return null;
  try {
    const parsed = DatabaseRef.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return "The database did not answer. Try again in a moment.";
  if (error instanceof ApiError) {
    return error.code === "invalid_response"
      ? "The database answered in a way this version of the add-in does not understand."
      : `The database refused the request: ${error.message}`;
  }
  if (error instanceof StoreError) {
    return "The copy of the database on this computer could not be read or written.";
  }
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}
