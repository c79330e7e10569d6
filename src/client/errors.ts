/** Errors in words for the user. */
import { StoreError } from "../sync/store";
import { ApiError, NetworkError } from "../sync/transport";

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
