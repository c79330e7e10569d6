/**
 * Sharing the open database, through the API (online only): the caller's own membership
 * (`GET /databases/{db}`), and for owners the members, their roles, sync sets and subscription
 * lists, and the sync sets' filters. Every change answers `{ok}` or the server's refusal in
 * words with the field it named, so that a form can show it on that field.
 */
import { useCallback, useEffect, useState } from "react";
import type { DatabaseResponse, Filter, MemberInfo, SyncSetInfo } from "../../shared/protocol";
import type { ApiClient, MemberGrant } from "../../client/api-client";
import { ApiError } from "../../sync/transport";
import { describeError } from "../../client/errors";
import type { DatabaseState } from "../useDatabase";

export type SharingResult =
  { readonly ok: true } | { readonly ok: false; readonly message: string; readonly field?: string };

export interface Sharing {
  /** The signed-in user's address, once known. */
  readonly me: string | null;
  /** The caller's membership, once loaded. */
  readonly info: DatabaseResponse | null;
  /** Every member (owners only; null for others and until loaded). */
  readonly members: readonly MemberInfo[] | null;
  readonly syncSets: readonly SyncSetInfo[];
  readonly loading: boolean;
  /** Why loading failed, in words. */
  readonly problem: string | null;
  readonly reload: () => Promise<void>;
  readonly putMember: (email: string, grant: MemberGrant) => Promise<SharingResult>;
  readonly removeMember: (email: string) => Promise<SharingResult>;
  readonly putSyncSet: (name: string, filter: Filter) => Promise<SharingResult>;
  readonly subscribe: (email: string, contactId: string) => Promise<SharingResult>;
  readonly unsubscribe: (email: string, contactId: string) => Promise<SharingResult>;
}

interface Loaded {
  readonly databaseId: string;
  readonly me: string;
  readonly info: DatabaseResponse;
  readonly members: MemberInfo[] | null;
  readonly syncSets: SyncSetInfo[];
}

export function useSharing(database: DatabaseState, databaseId: string): Sharing {
  const { signIn, refresh } = database;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  /** Reads the membership, sync sets and (for owners) members with a signed-in client. */
  const load = useCallback(
    async (api: ApiClient) => {
      setLoading(true);
      try {
        const [me, info, syncSets] = await Promise.all([
          api.me(),
          api.database(databaseId),
          api.syncSets(databaseId),
        ]);
        const members = info.role === "owner" ? await api.members(databaseId) : null;
        setLoaded({ databaseId, me: me.email, info, members, syncSets });
        setProblem(null);
      } catch (error) {
        setProblem(describeError(error));
      } finally {
        setLoading(false);
      }
    },
    [databaseId],
  );
  const failed = useCallback((error: unknown) => {
    setLoading(false);
    setProblem(describeError(error));
  }, []);
  const reload = useCallback(() => signIn().then(load, failed), [signIn, load, failed]);

  useEffect(() => {
    void signIn().then(load, failed);
  }, [signIn, load, failed]);

  /** Runs one change; afterwards reloads, and lists the databases again if it was my own. */
  const change = useCallback(
    async (work: (api: ApiClient) => Promise<unknown>, email?: string) => {
      try {
        await work(await signIn());
      } catch (error) {
        return refusal(error);
      }
      await reload();
      if (email !== undefined && email === loaded?.me) await refresh();
      return { ok: true } as const;
    },
    [signIn, reload, refresh, loaded?.me],
  );

  const current = loaded?.databaseId === databaseId ? loaded : null;
  return {
    me: current?.me ?? null,
    info: current?.info ?? null,
    members: current?.members ?? null,
    syncSets: current?.syncSets ?? [],
    loading,
    problem,
    reload,
    putMember: (email, grant) =>
      change((api) => api.putMember(databaseId, email, grant), email.toLowerCase()),
    removeMember: (email) => change((api) => api.deleteMember(databaseId, email), email),
    putSyncSet: (name, filter) => change((api) => api.putSyncSet(databaseId, name, filter)),
    subscribe: (email, contactId) => change((api) => api.subscribe(databaseId, email, contactId)),
    unsubscribe: (email, contactId) =>
      change((api) => api.unsubscribe(databaseId, email, contactId)),
  };
}

/** The server's refusal in words, with the request field it named (`syncSet`, `email` …). */
function refusal(error: unknown): SharingResult {
  const field = error instanceof ApiError ? error.field : undefined;
  return {
    ok: false,
    message: describeError(error),
    ...(field === undefined ? {} : { field }),
  };
}
