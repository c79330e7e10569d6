/**
 * The client's side of the wire (docs/sync-protocol.md): `ApiClient`, the adapter of the sync
 * core's `Transport` port (src/sync/transport.ts) over an injected fetch-like function, with the
 * calls the pane makes besides pull and push (`/health`, `/me`, databases, members, sync sets,
 * subscriptions, the dev token). Each call's path, method and answer's schema come from the
 * route table both sides share (src/shared/routes.ts): every response is validated before
 * anyone reads it.
 */
import { z } from "zod/mini";
import { ErrorBody, isWireRecord, NEXT_CURSOR_HEADER } from "../shared/protocol";
import type {
  BackupHeader,
  BackupRecordsResponse,
  DatabaseResponse,
  DatabaseSummary,
  Filter,
  HealthResponse,
  MeResponse,
  MemberInfo,
  PullResponse,
  PushResponse,
  RecordRef,
  RestoreProgress,
  RestoreRecordsRequest,
  RestoreRequest,
  Role,
  SubscriptionsResponse,
  SyncSetInfo,
  WireRecord,
} from "../shared/protocol";
import {
  ROUTES,
  routePath,
  type Route,
  type RouteParams,
  type RouteRequest,
  type RouteResponse,
} from "../shared/routes";
import type { PushRequest, Transport } from "../sync/transport";
import { ApiError, NetworkError } from "../sync/transport";

/**
 * Pull's answer as checked on arrival: the same envelope, each record checked by hand
 * (`isWireRecord`), not field by field: a body that came out of `JSON.parse` can hold nothing but
 * JSON values, so checking every value of every field against `JsonValue` proves nothing.
 */
const PulledPage = z.extend(ROUTES.pull.response, {
  records: z.array(
    z.custom<WireRecord>(isWireRecord, {
      message: "must be a record: type, id, version, deleted, updatedAt, updatedBy, fields",
    }),
  ),
}) as unknown as z.ZodMiniType<PullResponse>;

/** A push's answer, its pull page (if any) checked as `PulledPage`. */
const PushedAnswer = z.extend(ROUTES.push.response, {
  pull: z.optional(PulledPage),
}) as unknown as z.ZodMiniType<PushResponse>;

/** What `ApiClient` passes to its fetch function: a subset of `RequestInit`. */
export interface HttpRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

/** What `ApiClient` reads of a response: a subset of the Fetch API's `Response`. */
export interface HttpResponse {
  readonly status: number;
  /** `Retry-After` is read from here, where there are headers. */
  readonly headers?: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The browser's `fetch` fits (call it through an arrow function, it must keep its `this`). */
export type FetchLike = (url: string, request: HttpRequest) => Promise<HttpResponse>;

export type MeInfo = MeResponse;
export type CreatedDatabase = RouteResponse<(typeof ROUTES)["databases-create"]>;

/** What an owner sets when sharing: the member's role, and their sync set (null: everything). */
export interface MemberGrant {
  readonly role: Role;
  readonly syncSet: string | null;
}

/**
 * A backup page and a restore request read or write up to a thousand records, a commit at a
 * time: they may take longer than other calls.
 */
const RESTORE_TIMEOUT_MS = 120_000;

/**
 * A new copy's first page may wait for the server to build the database's snapshot: a read of
 * every change (docs/sync-protocol.md). Tens of seconds for 50,000 contacts on Azurite.
 */
const NEW_COPY_TIMEOUT_MS = 120_000;

/** A `DELETE` that succeeded answers 204 with no body. */
const NoContent = z.undefined();

export interface ApiClientOptions {
  /** The API base URL, e.g. `http://localhost:7071/api` (a trailing slash is ignored). */
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  /** Sent as `Authorization: Bearer …` on every call but `/health` and `/dev/token`. */
  readonly token?: string | null;
  /** A call that has not answered after this long fails with a `NetworkError`. */
  readonly timeoutMs?: number;
  /** The same for `/health`: shorter, so that a hanging server reads as offline quickly. */
  readonly healthTimeoutMs?: number;
}

export class ApiClient implements Transport {
  readonly #options: Required<ApiClientOptions>;

  constructor(options: ApiClientOptions) {
    this.#options = {
      token: null,
      timeoutMs: 15_000,
      healthTimeoutMs: 3_000,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
  }

  /** The same client, signed in with `token`. */
  withToken(token: string): ApiClient {
    return new ApiClient({ ...this.#options, token });
  }

  /** `GET /health`; a 503 that carries the health body is an answer, not an error. */
  health(): Promise<HealthResponse> {
    return this.#call(
      ROUTES.health,
      {},
      {
        authorized: false,
        timeoutMs: this.#options.healthTimeoutMs,
        answerStatuses: [503],
      },
    );
  }

  /** `POST /dev/token` (development and tests only): a bearer token for `email`. */
  async devToken(email: string): Promise<string> {
    const body = await this.#call(ROUTES["dev-token"], {}, { authorized: false, body: { email } });
    return body.token;
  }

  /** `GET /me`: the caller and the databases they are a member of. */
  me(): Promise<MeInfo> {
    return this.#call(ROUTES.me, {});
  }

  /** `POST /databases`: a new database owned by the caller. */
  createDatabase(name: string): Promise<CreatedDatabase> {
    return this.#call(ROUTES["databases-create"], {}, { body: { name } });
  }

  pull(
    databaseId: string,
    cursor: string | null,
    limit: number,
    ahead?: (next: string) => void,
  ): Promise<PullResponse> {
    const onHeaders = (headers: { get(name: string): string | null }) => {
      const next = headers.get(NEXT_CURSOR_HEADER);
      if (next) ahead?.(next);
    };
    // A new copy takes the snapshot's larger pages when the server has one for it.
    const options =
      cursor === null
        ? { body: { cursor, limit, snapshot: true }, timeoutMs: NEW_COPY_TIMEOUT_MS }
        : { body: { cursor, limit } };
    return this.#call(
      ROUTES.pull,
      { db: databaseId },
      { ...options, schema: PulledPage, onHeaders },
    );
  }

  push(databaseId: string, request: PushRequest): Promise<PushResponse> {
    return this.#call(ROUTES.push, { db: databaseId }, { body: request, schema: PushedAnswer });
  }

  /** `GET /databases/{db}`: the database as the caller sees it (role, sync set, epoch). */
  database(databaseId: string): Promise<DatabaseResponse> {
    return this.#call(ROUTES["databases-get"], { db: databaseId });
  }

  /** `PUT /databases/{db}/name` (owners only): renames the database for every member. */
  renameDatabase(databaseId: string, name: string): Promise<DatabaseSummary> {
    return this.#call(ROUTES["databases-rename"], { db: databaseId }, { body: { name } });
  }

  /** `DELETE /databases/{db}` (owners only): deletes the database for every member. */
  async deleteDatabase(databaseId: string): Promise<void> {
    await this.#call(ROUTES["databases-delete"], { db: databaseId });
  }

  /** `GET /databases/{db}/members` (owners only): every member with role, sync set, subscriptions. */
  async members(databaseId: string): Promise<MemberInfo[]> {
    return (await this.#call(ROUTES["members-list"], { db: databaseId })).members;
  }

  /** `PUT /databases/{db}/members/{email}` (owners only): shares, or changes role and sync set. */
  putMember(databaseId: string, email: string, grant: MemberGrant): Promise<MemberInfo> {
    return this.#call(
      ROUTES["members-put"],
      { db: databaseId, email },
      { body: { role: grant.role, syncSet: grant.syncSet } },
    );
  }

  /**
   * `DELETE /databases/{db}/members/{email}`: the member loses access. Owners only, but that a
   * member may remove themselves (leave), unless they are its last owner.
   */
  async deleteMember(databaseId: string, email: string): Promise<void> {
    await this.#call(ROUTES["members-delete"], { db: databaseId, email });
  }

  /** `GET /databases/{db}/sync-sets`: every sync set with its filter. */
  async syncSets(databaseId: string): Promise<SyncSetInfo[]> {
    return (await this.#call(ROUTES["sync-sets-list"], { db: databaseId })).syncSets;
  }

  /** `PUT /databases/{db}/sync-sets/{name}` (owners only): defines or changes a sync set. */
  putSyncSet(databaseId: string, name: string, filter: Filter): Promise<SyncSetInfo> {
    return this.#call(ROUTES["sync-sets-put"], { db: databaseId, name }, { body: { filter } });
  }

  /**
   * `PUT …/members/{email}/subscriptions/{contactId}` (an owner, or that member): the contact
   * stays in the member's copy whatever their sync set says. Answers the list after the change.
   */
  subscribe(databaseId: string, email: string, contactId: string): Promise<SubscriptionsResponse> {
    return this.#call(ROUTES["subscriptions-put"], { db: databaseId, email, contactId });
  }

  /** `DELETE …/members/{email}/subscriptions/{contactId}`: ends a subscription. */
  unsubscribe(
    databaseId: string,
    email: string,
    contactId: string,
  ): Promise<SubscriptionsResponse> {
    return this.#call(ROUTES["subscriptions-delete"], { db: databaseId, email, contactId });
  }

  /** `GET /databases/{db}/backup` (owners only): the database's members and sync sets. */
  backupHeader(databaseId: string): Promise<BackupHeader> {
    return this.#call(ROUTES["backup-get"], { db: databaseId });
  }

  /** `POST /databases/{db}/backup/records` (owners only): a page of live records after `after`. */
  backupRecords(databaseId: string, after: RecordRef | null): Promise<BackupRecordsResponse> {
    return this.#call(
      ROUTES["backup-records"],
      { db: databaseId },
      { body: { after, limit: 1000 }, timeoutMs: RESTORE_TIMEOUT_MS },
    );
  }

  /**
   * `PUT /databases/{id}/restore`: starts restoring a backup into a new database `id` (the
   * caller's choice, kept for sending it again), or goes on with the caller's own.
   */
  startRestore(databaseId: string, request: RestoreRequest): Promise<RestoreProgress> {
    return this.#call(
      ROUTES["restore-start"],
      { db: databaseId },
      { body: request, timeoutMs: RESTORE_TIMEOUT_MS },
    );
  }

  /** `POST /databases/{db}/restore/records`: the backup's records from index `from`. */
  restoreRecords(databaseId: string, request: RestoreRecordsRequest): Promise<RestoreProgress> {
    return this.#call(
      ROUTES["restore-records"],
      { db: databaseId },
      { body: request, timeoutMs: RESTORE_TIMEOUT_MS },
    );
  }

  /** `POST /databases/{db}/restore/finish`: opens the restored database of `records` records. */
  finishRestore(databaseId: string, records: number): Promise<DatabaseSummary> {
    return this.#call(ROUTES["restore-finish"], { db: databaseId }, { body: { records } });
  }

  /**
   * Calls `route` with its path params and body, and checks the answer with the route's
   * response schema (none: a 204 without a body), or with `schema` where the client checks less.
   */
  async #call<R extends Route>(
    route: R,
    params: RouteParams<R>,
    options: {
      authorized?: boolean;
      body?: RouteRequest<R>;
      /** Instead of the route's response schema: what this client checks of the answer. */
      schema?: z.ZodMiniType<RouteResponse<R>>;
      timeoutMs?: number;
      /** Non-2xx statuses whose body is still the answer's schema (`/health`'s 503). */
      answerStatuses?: readonly number[];
      /** Given a 2xx answer's headers as soon as they arrive, before its body. */
      onHeaders?: (headers: { get(name: string): string | null }) => void;
    } = {},
  ): Promise<RouteResponse<R>> {
    const { authorized = true, body, timeoutMs = this.#options.timeoutMs } = options;
    const { method } = route;
    const path = routePath(route, params);
    const schema = (options.schema ??
      ("response" in route ? route.response : NoContent)) as z.ZodMiniType<RouteResponse<R>>;
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (authorized && this.#options.token !== null) {
      headers.authorization = `Bearer ${this.#options.token}`;
    }
    const url = `${this.#options.baseUrl}${path}`;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let status: number;
    let text: string;
    let retryAfter: string | null | undefined;
    try {
      const response = await this.#options.fetch(url, {
        method,
        headers,
        signal: abort.signal,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      status = response.status;
      retryAfter = response.headers?.get("retry-after");
      if (status >= 200 && status < 300 && response.headers) options.onHeaders?.(response.headers);
      text = await response.text();
    } catch (cause) {
      const timedOut = abort.signal.aborted;
      const reason = timedOut ? `no answer within ${timeoutMs} ms` : "no answer";
      throw new NetworkError(`${method} ${url}: ${reason}`, { cause, timedOut });
    } finally {
      clearTimeout(timer);
    }

    const json = parseJson(text);
    const isAnswer = (status >= 200 && status < 300) || options.answerStatuses?.includes(status);
    if (isAnswer) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return parsed.data;
      if (status >= 200 && status < 300) {
        throw new ApiError(
          status,
          "invalid_response",
          `${method} ${path} answered ${status} with a body that breaks the protocol`,
          undefined,
          { cause: parsed.error },
        );
      }
    }
    const error = ErrorBody.safeParse(json);
    const waitFor = { retryAfterMs: retryAfterMs(retryAfter) };
    if (error.success) {
      const { code, message, field } = error.data.error;
      throw new ApiError(status, code, message, field, waitFor);
    }
    throw new ApiError(
      status,
      "http_error",
      `${method} ${path} answered ${status}`,
      undefined,
      waitFor,
    );
  }
}

/**
 * `Retry-After` in milliseconds: its delay-seconds form (what this API sends); the HTTP-date
 * form, which needs a clock, and anything else read as absent (the caller backs off by itself).
 */
export function retryAfterMs(header: string | null | undefined): number | undefined {
  if (!header || !/^\s*\d{1,9}\s*$/.test(header)) return undefined;
  return Number(header) * 1000;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
