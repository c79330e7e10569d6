/** The Fluent theme matching Office's: light or dark, or high contrast when Windows forces colours. */
import { useCallback, useSyncExternalStore } from "react";
import type { Theme } from "@fluentui/react-components";
import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { OfficeTheme } from "../office/office";

const FORCED_COLORS = "(forced-colors: active)";

export function useFluentTheme(officeTheme: OfficeTheme | null): Theme {
  const subscribe = useCallback((changed: () => void) => {
    const query = window.matchMedia(FORCED_COLORS);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, []);
  const forcedColors = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(FORCED_COLORS).matches,
  );
  if (forcedColors) return teamsHighContrastTheme;
  return officeTheme === "dark" ? webDarkTheme : webLightTheme;
}
