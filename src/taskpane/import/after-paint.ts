/**
 * What the workspace and the status bar load of the import after the pane's first paint, in
 * one chunk: the drop listener and the status bar's line.
 */
export { FileDrop } from "./FileDrop";
export { ImportActivity } from "./ActivityProgress";
