/**
 * Every error code of the protocol, one table both sides read. The strings are the wire's:
 * clients and tests match on them, so they never change.
 *
 * - `ErrorCode`: a refused request, `{"error": {"code", "message", "field"?}}`; the API gives
 *   each its HTTP status in one place (`api/src/http.ts`).
 * - `RejectCode`: one mutation of a push rejected, in its result; the push goes on.
 */
export const ErrorCode = {
  /** 400: the request is malformed; `field` names what. */
  InvalidRequest: "invalid_request",
  /** 401: no token, or not a good one. */
  Unauthorized: "unauthorized",
  /** 403: the caller's role does not allow it (or the origin may not call). */
  Forbidden: "forbidden",
  /** 404: no such thing, or the caller may not know of it. */
  NotFound: "not_found",
  /** 405: the route does not take this method (the local host; Azure answers it itself). */
  MethodNotAllowed: "method_not_allowed",
  /** 409: a push's mids skip one the server has not seen. */
  MidGap: "mid_gap",
  /** 409: the change would leave a database without an owner. */
  LastOwner: "last_owner",
  /** 410: the cursor is from another epoch or another view: pull again from the start. */
  CursorExpired: "cursor_expired",
  /** 413: the body, or a list in it, is larger than the protocol allows. */
  TooLarge: "too_large",
  /** 421: the local host answers only requests addressed to a loopback name. */
  WrongHost: "wrong_host",
  /** 500: the server failed; it says nothing of why. */
  Internal: "internal",
  /** 503: other changes kept winning the race for the database's head. */
  Busy: "busy",
  /** 503: Table Storage cannot be reached. */
  StorageUnavailable: "storage_unavailable",
  /** 503: sign-in cannot be checked (the identity provider's keys are out of reach). */
  AuthUnavailable: "auth_unavailable",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const RejectCode = {
  /** The mutation does not match the protocol's shape. */
  InvalidMutation: "invalid_mutation",
  /** A field's value is not valid for its record type; `field` names it. */
  InvalidField: "invalid_field",
  /** The record exists outside the member's sync set. */
  OutsideSyncSet: "outside_sync_set",
  /** The merged record would be larger than a record may be. */
  TooLarge: "too_large",
  /** An update or delete of a record that does not exist. */
  NotFound: "not_found",
} as const;
export type RejectCode = (typeof RejectCode)[keyof typeof RejectCode];
