/**
 * Offline Settings, kept per database in its store (`sync:settings`), as Business Contact
 * Manager's Offline Settings dialog had them: how often to synchronize, whether to synchronize
 * when the pane opens, whether to switch to the offline copy by itself when the database cannot
 * be reached, and the conflict rule.
 */
import { z } from "zod/mini";

/** Minutes between scheduled syncs, or `"manual"` (only on a change and on "Sync now"). */
export const SyncFrequency = z.union([
  z.literal("manual"),
  z.literal(1),
  z.literal(5),
  z.literal(15),
  z.literal(30),
  z.literal(60),
]);
export type SyncFrequency = z.infer<typeof SyncFrequency>;

/**
 * How a conflict is settled (docs/sync-engine.md, "Conflict rules"):
 * - `ask`: it waits in the conflict inbox for the user;
 * - `mine`: my value is pushed again over theirs;
 * - `shared`: the shared database's value stays, mine is dropped;
 * - `newest`: whichever was written later (my change's `at` against `theirsAt`) wins.
 */
export const ConflictRule = z.enum(["ask", "mine", "shared", "newest"]);
export type ConflictRule = z.infer<typeof ConflictRule>;

export const OfflineSettings = z.strictObject({
  frequency: SyncFrequency,
  syncOnOpen: z.boolean(),
  /** When the database cannot be reached: true switches to the offline copy, false asks. */
  autoSwitchOffline: z.boolean(),
  conflictRule: ConflictRule,
});
export type OfflineSettings = z.infer<typeof OfflineSettings>;

export const DEFAULT_SETTINGS: OfflineSettings = {
  frequency: 15,
  syncOnOpen: true,
  autoSwitchOffline: true,
  conflictRule: "ask",
};

/**
 * The stored settings, or the defaults when none (or unreadable ones: settings are not worth
 * failing for; a part that is still valid is kept).
 */
export function parseSettings(stored: unknown): OfflineSettings {
  if (typeof stored !== "object" || stored === null) return DEFAULT_SETTINGS;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof OfflineSettings>) {
    const value = (stored as Record<string, unknown>)[key];
    const field = OfflineSettings.shape[key].safeParse(value);
    if (field.success) merged[key] = field.data;
  }
  return OfflineSettings.parse(merged);
}
