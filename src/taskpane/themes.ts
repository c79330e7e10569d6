/** The themes other than light: a chunk of their own, loaded only by a pane that shows one. */
export { teamsHighContrastTheme, webDarkTheme } from "@fluentui/react-components";
