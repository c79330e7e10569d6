/**
 * The Fluent theme matching Office's: light or dark, or high contrast when Windows forces
 * colours. The dark and high-contrast themes are a chunk of their own (./themes), loaded before
 * the first render when the pane opens in one of them (`loadThemeFor`), else when it switches.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { Theme } from "@fluentui/react-components";
import { webLightTheme } from "@fluentui/react-components";
import type { OfficeTheme } from "../office/office";
import type * as Themes from "./themes";

const FORCED_COLORS = "(forced-colors: active)";

type OtherThemes = typeof Themes;

let otherThemes: OtherThemes | null = null;

function loadOtherThemes(): Promise<OtherThemes> {
  return import("./themes").then((themes) => (otherThemes = themes));
}

function forcedColors(): boolean {
  return window.matchMedia(FORCED_COLORS).matches;
}

function themeOf(officeTheme: OfficeTheme | null, forced: boolean): Theme | null {
  if (!forced && officeTheme !== "dark") return webLightTheme;
  if (!otherThemes) return null;
  return forced ? otherThemes.teamsHighContrastTheme : otherThemes.webDarkTheme;
}

/** Loads the theme the pane opens in, when it is not light: call before the first render. */
export async function loadThemeFor(officeTheme: OfficeTheme | null): Promise<void> {
  if (themeOf(officeTheme, forcedColors()) === null) await loadOtherThemes();
}

export function useFluentTheme(officeTheme: OfficeTheme | null): Theme {
  const subscribe = useCallback((changed: () => void) => {
    const query = window.matchMedia(FORCED_COLORS);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, []);
  const forced = useSyncExternalStore(subscribe, forcedColors);
  const theme = themeOf(officeTheme, forced);
  const [, setLoaded] = useState<OtherThemes | null>(otherThemes);
  useEffect(() => {
    if (theme === null) void loadOtherThemes().then(setLoaded);
  }, [theme]);
  // Until the other themes arrive (a switch after the pane opened), light.
  return theme ?? webLightTheme;
}
