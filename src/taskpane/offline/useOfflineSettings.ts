/** The database's Offline Settings, as stored with its copy, and saving new ones (validated). */
import { useCallback } from "react";
import type { SettingsOutcome, SyncEngine } from "../../sync/engine";
import type { OfflineSettings } from "../../sync/settings";
import { useEngineRevision } from "./useEngineRevision";

export function useOfflineSettings(engine: SyncEngine): {
  readonly settings: OfflineSettings;
  /** Saves the settings; the sync loop follows the new frequency (it listens to the engine). */
  readonly save: (settings: OfflineSettings) => Promise<SettingsOutcome>;
} {
  useEngineRevision(engine);
  const save = useCallback(
    (settings: OfflineSettings) => engine.updateSettings(settings),
    [engine],
  );
  return { settings: engine.settings, save };
}
