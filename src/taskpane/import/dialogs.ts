/**
 * The import's and the export's dialogs, in one chunk that the workspace loads when the user
 * opens one of them.
 */
export { ImportDialog } from "./ImportDialog";
export { UndoImportDialog } from "./UndoImportDialog";
export { ExportDialog } from "../export/ExportDialog";
