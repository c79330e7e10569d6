/**
 * Every route of the API in one table, read by both sides of the wire: the API registers each
 * route under its name, method and path with its handler (api/src/routes.ts), and the add-in's
 * `ApiClient` (src/client/api-client.ts) builds each call's path with `routePath` and checks
 * each answer with the route's `response` schema. Adding a route is a line here, its handler
 * in api/src/routes.ts, and its call in the client; the compiler finds the ones left out.
 *
 * A path is a Functions route template relative to the API's base (`/api`, host.json's default):
 * `databases/{db}/members/{email}`, each `{param}` one path segment.
 */
import type { z } from "zod/mini";
import {
  BackupHeader,
  BackupRecordsRequest,
  BackupRecordsResponse,
  CreateDatabaseRequest,
  CreateDatabaseResponse,
  DatabaseResponse,
  DatabaseSummary,
  DevTokenRequest,
  DevTokenResponse,
  HealthResponse,
  MemberInfo,
  MembersResponse,
  MeResponse,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
  PutMemberRequest,
  PutSyncSetRequest,
  RenameDatabaseRequest,
  RestoreFinishRequest,
  RestoreProgress,
  RestoreRecordsRequest,
  RestoreRequest,
  SubscriptionsResponse,
  SyncSetInfo,
  SyncSetsResponse,
} from "./protocol";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** What the table says of a route; its name is its key. */
interface RouteEntry {
  readonly method: Method;
  /** A Functions route template, without a leading slash: `databases/{db}/pull`. */
  readonly path: string;
  /** The JSON body's schema; none: the request has no body. */
  readonly request?: z.ZodMiniType;
  /** The 2xx answer's schema; none: the answer is 204 with no body. */
  readonly response?: z.ZodMiniType;
  /** Served by the local host only (`npm start`, the tests), never deployed to Azure. */
  readonly localOnly?: true;
}

/**
 * The routes, each under its name in Azure (letters, digits, '-' and '_'), in the order the API
 * registers them. `POST /dev/token` is here, marked `localOnly`, because the client calls it in
 * development and the tests: its path and answer have one place like every other route's, and
 * the API registers only the routes without the mark (api/src/index.ts).
 */
const TABLE = {
  health: { method: "GET", path: "health", response: HealthResponse },
  me: { method: "GET", path: "me", response: MeResponse },
  "databases-create": {
    method: "POST",
    path: "databases",
    request: CreateDatabaseRequest,
    response: CreateDatabaseResponse,
  },
  "databases-get": { method: "GET", path: "databases/{db}", response: DatabaseResponse },
  "databases-rename": {
    method: "PUT",
    path: "databases/{db}/name",
    request: RenameDatabaseRequest,
    response: DatabaseSummary,
  },
  "databases-delete": { method: "DELETE", path: "databases/{db}" },
  "members-list": { method: "GET", path: "databases/{db}/members", response: MembersResponse },
  "members-put": {
    method: "PUT",
    path: "databases/{db}/members/{email}",
    request: PutMemberRequest,
    response: MemberInfo,
  },
  "members-delete": { method: "DELETE", path: "databases/{db}/members/{email}" },
  "sync-sets-list": {
    method: "GET",
    path: "databases/{db}/sync-sets",
    response: SyncSetsResponse,
  },
  "sync-sets-put": {
    method: "PUT",
    path: "databases/{db}/sync-sets/{name}",
    request: PutSyncSetRequest,
    response: SyncSetInfo,
  },
  "subscriptions-put": {
    method: "PUT",
    path: "databases/{db}/members/{email}/subscriptions/{contactId}",
    response: SubscriptionsResponse,
  },
  "subscriptions-delete": {
    method: "DELETE",
    path: "databases/{db}/members/{email}/subscriptions/{contactId}",
    response: SubscriptionsResponse,
  },
  pull: {
    method: "POST",
    path: "databases/{db}/pull",
    request: PullRequest,
    response: PullResponse,
  },
  push: {
    method: "POST",
    path: "databases/{db}/push",
    request: PushRequest,
    response: PushResponse,
  },
  "backup-get": { method: "GET", path: "databases/{db}/backup", response: BackupHeader },
  "backup-records": {
    method: "POST",
    path: "databases/{db}/backup/records",
    request: BackupRecordsRequest,
    response: BackupRecordsResponse,
  },
  "restore-start": {
    method: "PUT",
    path: "databases/{db}/restore",
    request: RestoreRequest,
    response: RestoreProgress,
  },
  "restore-records": {
    method: "POST",
    path: "databases/{db}/restore/records",
    request: RestoreRecordsRequest,
    response: RestoreProgress,
  },
  "restore-finish": {
    method: "POST",
    path: "databases/{db}/restore/finish",
    request: RestoreFinishRequest,
    response: DatabaseSummary,
  },
  "dev-token": {
    method: "POST",
    path: "dev/token",
    request: DevTokenRequest,
    response: DevTokenResponse,
    localOnly: true,
  },
} as const satisfies Readonly<Record<string, RouteEntry>>;

type Table = typeof TABLE;
export type RouteName = keyof Table;
/** The routes only the local host serves. */
export type LocalRouteName = {
  [N in RouteName]: Table[N] extends { readonly localOnly: true } ? N : never;
}[RouteName];
/** The routes Azure Functions serves. */
export type DeployedRouteName = Exclude<RouteName, LocalRouteName>;

/** A route of the table, with its name. */
export type Route<N extends RouteName = RouteName> = Table[N] & { readonly name: N };

/** The table, each route with its name, in the table's order. */
export const ROUTES = Object.fromEntries(
  Object.entries(TABLE).map(([name, entry]) => [name, { ...entry, name }]),
) as unknown as { readonly [N in RouteName]: Route<N> };

/** The names of a path template's `{params}`. */
type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? N | ParamNames<Rest>
  : never;

/** The values of a route's path params, one for each `{param}` of its path. */
export type RouteParams<R extends Route> = { readonly [N in ParamNames<R["path"]>]: string };

/** `T` with every array and object in it read-only: what a sender passes, it does not change. */
type ReadonlyDeep<T> = T extends readonly (infer E)[]
  ? readonly ReadonlyDeep<E>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

/** What a route's request body may be (the schema's input); `never` when it takes none. */
export type RouteRequest<R extends Route> = R extends { readonly request: infer S }
  ? S extends z.ZodMiniType
    ? ReadonlyDeep<z.input<S>>
    : never
  : never;

/** What a route answers with 2xx (the schema's output); `undefined` when it answers no body. */
export type RouteResponse<R extends Route> = R extends { readonly response: infer S }
  ? S extends z.ZodMiniType
    ? z.output<S>
    : never
  : undefined;

/**
 * The path of `route` under the API's base, with a leading slash: each `{param}` replaced by its
 * value, URI-encoded (`encodeURIComponent`), so that no value can add a segment, a query or a
 * fragment (`/`, `?`, `#` and `%` are encoded). A value that is empty, `.` or `..` is refused
 * with a `RangeError`: it would take the segment away (a URL parser resolves `..` and `%2E%2E`
 * alike), so that `DELETE …/subscriptions/..` would reach `DELETE …/members/{email}`.
 */
export function routePath<R extends Route>(route: R, params: RouteParams<R>): string {
  const values: Readonly<Record<string, string>> = params;
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new RangeError(`${name}: missing from the path's params`);
    if (value === "" || value === "." || value === "..") {
      throw new RangeError(`${name}: may not be empty, "." or ".." in a path`);
    }
    return encodeURIComponent(value);
  });
  return `/${path}`;
}
