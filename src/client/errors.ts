/** Errors in words for the user. */
import { CopyVersionError } from "../sync/migrations";
import { StoreError, isQuotaExceeded } from "../sync/store";
import { ApiError, isThrottled, NetworkError } from "../sync/transport";

export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return "The database did not answer. Try again in a moment.";
  if (isThrottled(error)) {
    return "The database is busy and asked to wait. It is tried again shortly; your changes are kept.";
  }
  if (error instanceof ApiError && error.status >= 500) {
    return "The database failed to answer (a fault on its side). Try again in a moment; your changes are kept.";
  }
  if (error instanceof ApiError) {
    return error.code === "invalid_response"
      ? "The database answered in a way this version of the add-in does not understand."
      : `The database refused the request: ${error.message}`;
  }
  if (isQuotaExceeded(error)) {
    return "Not saved: the storage this computer gives Outlook is full. Free some disk space (or remove offline copies you no longer need) and try again.";
  }
  if (error instanceof StoreError) {
    return "The copy of the database on this computer could not be read or written.";
  }
  if (error instanceof CopyVersionError) return error.message;
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}
