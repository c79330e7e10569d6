/**
 * The API's refusals as the domain raises them: a `DomainError` carries a code of the protocol's
 * one table (`ErrorCode`), a message for the user and maybe the field at fault. It knows nothing
 * of HTTP: `http.ts` alone gives each code its status.
 */
import { ErrorCode } from "../../src/shared/errors";

export { ErrorCode };

/** An expected failure of a request: its code, message and field. */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) =>
  new DomainError(ErrorCode.InvalidRequest, message, field);
export const unauthorized = (message = "Sign in first: a valid bearer token is required.") =>
  new DomainError(ErrorCode.Unauthorized, message);
export const forbidden = (message: string) => new DomainError(ErrorCode.Forbidden, message);
export const notFound = (message = "There is nothing here.") =>
  new DomainError(ErrorCode.NotFound, message);
/** The same answer for a database that does not exist and one the caller is not a member of. */
export const notMember = () =>
  notFound("There is no such database, or you are not a member of it.");
export const tooLarge = (message: string, field?: string) =>
  new DomainError(ErrorCode.TooLarge, message, field);

/** A zod issue's path as the protocol's `path.to.field`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string | undefined {
  return path.length ? path.map(String).join(".") : undefined;
}
