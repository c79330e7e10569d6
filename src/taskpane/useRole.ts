/**
 * The user's role in the open database. `/me` says it; until `/me` answered (offline at start,
 * or before its answer came) it is the role `/me` last gave on this computer, kept in the pane's
 * preferences per API and user (`bcm.roles|<api>|<email>`: each listed database's role, replaced
 * at every answer, so a database no longer listed is forgotten). Neither known: `null`, and the
 * pane offers no editing and links nothing automatically until `/me` answers.
 */
import { useEffect, useMemo } from "react";
import { z } from "zod/mini";
import { Role } from "../shared/protocol";
import type { ClientServices, Preferences } from "../client/services";
import type { DatabaseInfo } from "./useDatabase";

const Roles = z.record(z.string(), Role);

function key(apiBaseUrl: string, email: string): string {
  return `bcm.roles|${apiBaseUrl}|${email}`;
}

export function readRememberedRoles(
  preferences: Pick<Preferences, "get">,
  apiBaseUrl: string,
  email: string,
): Readonly<Record<string, Role>> {
  const text = preferences.get(key(apiBaseUrl, email));
  if (text === null) return {};
  try {
    const parsed = Roles.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function rememberRoles(
  preferences: Pick<Preferences, "set">,
  apiBaseUrl: string,
  email: string,
  databases: readonly DatabaseInfo[],
): void {
  const roles = Object.fromEntries(databases.map((d) => [d.id, d.role]));
  preferences.set(key(apiBaseUrl, email), JSON.stringify(roles));
}

/**
 * The role in `databaseId`: as `/me` listed it once it answered (`databases` is empty until
 * then), else as remembered.
 */
export function roleIn(
  databases: readonly DatabaseInfo[],
  remembered: Readonly<Record<string, Role>>,
  databaseId: string,
): Role | null {
  if (databases.length > 0) return databases.find((d) => d.id === databaseId)?.role ?? null;
  return Object.hasOwn(remembered, databaseId) ? (remembered[databaseId] ?? null) : null;
}

/** Only owners and editors may change records. */
export function mayEdit(role: Role | null): boolean {
  return role === "owner" || role === "editor";
}

export function useRole(
  services: Pick<ClientServices, "preferences" | "apiBaseUrl">,
  email: string | null,
  databases: readonly DatabaseInfo[],
  databaseId: string | null,
): Role | null {
  const { preferences, apiBaseUrl } = services;
  useEffect(() => {
    if (email && databases.length > 0) rememberRoles(preferences, apiBaseUrl, email, databases);
  }, [preferences, apiBaseUrl, email, databases]);
  return useMemo(() => {
    if (!email || databaseId === null) return null;
    const remembered =
      databases.length > 0 ? {} : readRememberedRoles(preferences, apiBaseUrl, email);
    return roleIn(databases, remembered, databaseId);
  }, [preferences, apiBaseUrl, email, databases, databaseId]);
}
