/**
 * The database the user last chose on this computer, per API and user, in the pane's
 * preferences (`bcm.database|<api>|<email>`): the pane opens it at start, and the ribbon's
 * Sync now synchronizes it.
 */
import { z } from "zod/mini";
import type { Preferences } from "./services";

export const DatabaseRef = z.object({ id: z.string().check(z.minLength(1)), name: z.string() });
export type DatabaseRef = z.infer<typeof DatabaseRef>;

function key(apiBaseUrl: string, email: string): string {
  return `bcm.database|${apiBaseUrl}|${email}`;
}

export function readRememberedDatabase(
  preferences: Pick<Preferences, "get">,
  apiBaseUrl: string,
  email: string,
): DatabaseRef | null {
  const text = preferences.get(key(apiBaseUrl, email));
  if (text === null) return null;
  try {
    const parsed = DatabaseRef.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function rememberDatabase(
  preferences: Pick<Preferences, "set" | "remove">,
  apiBaseUrl: string,
  email: string,
  database: DatabaseRef | null,
): void {
  if (database) preferences.set(key(apiBaseUrl, email), JSON.stringify(database));
  else preferences.remove(key(apiBaseUrl, email));
}
