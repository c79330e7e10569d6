/**
 * The database the user last chose on this computer, per API and user, in the pane's
 * preferences (`bcm.database|<api>|<email>`): the pane opens it at start, and the ribbon's
 * Sync now synchronizes it.
 *
 * Entries are written as `{id, name, v: 2}`. An entry without `v` was written by the version
 * before offline copies belonged to a user (one copy per database and browser profile): its
 * user is the one who may adopt that old copy (`chosenBeforeOwnedCopies`, services.ts).
 */
import { z } from "zod/mini";
import type { Preferences } from "./services";

export const DatabaseRef = z.object({ id: z.string().check(z.minLength(1)), name: z.string() });
export type DatabaseRef = z.infer<typeof DatabaseRef>;

/** What this version writes: `v` tells its entries from the previous version's. */
const VERSION = 2;

function key(apiBaseUrl: string, email: string): string {
  return `bcm.database|${apiBaseUrl}|${email}`;
}

function read(
  preferences: Pick<Preferences, "get">,
  apiBaseUrl: string,
  email: string,
): { database: DatabaseRef; legacy: boolean } | null {
  const text = preferences.get(key(apiBaseUrl, email));
  if (text === null) return null;
  try {
    const json = JSON.parse(text) as unknown;
    const parsed = DatabaseRef.safeParse(json);
    if (!parsed.success) return null;
    const legacy = typeof json === "object" && json !== null && !("v" in json);
    return { database: parsed.data, legacy };
  } catch {
    return null;
  }
}

export function readRememberedDatabase(
  preferences: Pick<Preferences, "get">,
  apiBaseUrl: string,
  email: string,
): DatabaseRef | null {
  return read(preferences, apiBaseUrl, email)?.database ?? null;
}

/**
 * The id of the database this user had chosen with the previous version, whose entry this
 * version has not written since; null when there is none.
 */
export function chosenBeforeOwnedCopies(
  preferences: Pick<Preferences, "get">,
  apiBaseUrl: string,
  email: string,
): string | null {
  const entry = read(preferences, apiBaseUrl, email);
  return entry?.legacy ? entry.database.id : null;
}

export function rememberDatabase(
  preferences: Pick<Preferences, "set" | "remove">,
  apiBaseUrl: string,
  email: string,
  database: DatabaseRef | null,
): void {
  if (database) {
    const entry = { id: database.id, name: database.name, v: VERSION };
    preferences.set(key(apiBaseUrl, email), JSON.stringify(entry));
  } else {
    preferences.remove(key(apiBaseUrl, email));
  }
}
