/**
 * The sync core's port to the shared database (docs/sync-protocol.md): the two calls it makes,
 * pull and push, and the errors a call fails with, which the core tells apart (unreachable,
 * refused, not a member). Its adapter over fetch is src/client/api-client.ts.
 */
import type { Mutation, PullResponse, PushResponse } from "../shared/protocol";
import { ErrorCode } from "../shared/errors";

/** The server answered, but not with success: the protocol's error body, or a stand-in for it. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** The HTTP status; for a 2xx whose body broke the protocol, that status. */
    readonly status: number,
    /** The protocol's snake_case code; `invalid_response` when the body broke the protocol. */
    readonly code: string,
    message: string,
    /** The request field the server named, e.g. `limit`. */
    readonly field?: string,
    options?: ErrorOptions & { retryAfterMs?: number | undefined },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** How long the server asked to wait before sending again (its `Retry-After`), if it did. */
  readonly retryAfterMs: number | undefined;
}

/** No answer: the server could not be reached, the connection broke, or it timed out. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";

  constructor(message: string, options?: ErrorOptions & { timedOut?: boolean }) {
    super(message, options);
    this.timedOut = options?.timedOut ?? false;
  }

  /** No answer within the client's time: the server may still be working on the request. */
  readonly timedOut: boolean;
}

/**
 * Whether an error means the database is unreachable rather than that a request was wrong:
 * no answer at all, or a gateway/unavailable/timeout status. A 500 is a server fault, not an
 * outage, so it is reported as an error instead of flipping the status to offline.
 */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    (error instanceof ApiError &&
      (error.status === 502 || error.status === 503 || error.status === 504))
  );
}

/**
 * Whether the server asked to be left alone for a while: 429, or 503 `busy` (storage throttled,
 * or other changes kept winning the race). The database is there, only busy: not offline.
 */
export function isThrottled(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 429 || (error.status === 503 && error.code === ErrorCode.Busy))
  );
}

/**
 * Whether the API said the database is not there for this user: 404 `not_found` from a
 * database's route means no such database, or the caller is not (or no longer) a member; the
 * API never tells the two apart.
 */
export function isNotMember(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code === ErrorCode.NotFound;
}

/** The calls the sync core makes to the shared database. */
export interface Transport {
  /**
   * `POST /databases/{db}/pull`: one page of changes after `cursor` (`null`: from the start).
   * `ahead` is told the next page's cursor as soon as the answer says it has more, before the
   * page itself has arrived (the `BCM-Next-Cursor` header), when the transport can tell.
   */
  pull(
    databaseId: string,
    cursor: string | null,
    limit: number,
    ahead?: (next: string) => void,
  ): Promise<PullResponse>;
  /**
   * `POST /databases/{db}/push`: the client's mutations, in mid order. Resolves with the
   * server's answer (one result per mutation); a refused request (409 `mid_gap`, 413, 503 …)
   * rejects with an `ApiError`, no answer with a `NetworkError`.
   */
  push(databaseId: string, request: PushRequest): Promise<PushResponse>;
}

/** The body of a push: who sends it, the mutations, and the pull to answer with them. */
export interface PushRequest {
  readonly clientId: string;
  readonly mutations: readonly Mutation[];
  readonly pull?: { readonly cursor: string; readonly limit: number };
}
