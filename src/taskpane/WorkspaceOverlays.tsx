/**
 * The dialogs and panels the workspace shows over its tabs (Workspace.tsx), each loaded the
 * first time it is opened; this module itself loads with the first of them, so the pane's first
 * script carries none of their names.
 */
import { lazy } from "react";
import type { SyncEngine } from "../sync/engine";
import type { ContactDirectory } from "./contacts/useContactDirectory";
import type { ListedContacts } from "./export/export-records";
import type { PrintJob } from "./print/PrintOverlay";
import type { DatabaseState } from "./useDatabase";
import type { Overlay } from "./Workspace";

const DatabasePanel = lazy(() =>
  import("./database/DatabasePanel").then((m) => ({ default: m.DatabasePanel })),
);
const OfflineSettingsDialog = lazy(() =>
  import("./offline/OfflineSettingsDialog").then((m) => ({ default: m.OfflineSettingsDialog })),
);
const ConflictsPanel = lazy(() =>
  import("./offline/ConflictsPanel").then((m) => ({ default: m.ConflictsPanel })),
);
const SyncLogPanel = lazy(() =>
  import("./offline/SyncLogPanel").then((m) => ({ default: m.SyncLogPanel })),
);
const NeedsAttentionPanel = lazy(() =>
  import("./offline/NeedsAttentionPanel").then((m) => ({ default: m.NeedsAttentionPanel })),
);
const ImportDialog = lazy(() =>
  import("./import/dialogs").then((m) => ({ default: m.ImportDialog })),
);
const UndoImportDialog = lazy(() =>
  import("./import/dialogs").then((m) => ({ default: m.UndoImportDialog })),
);
const DuplicatesPanel = lazy(() =>
  import("./duplicates/DuplicatesPanel").then((m) => ({ default: m.DuplicatesPanel })),
);
const ExportDialog = lazy(() =>
  import("./import/dialogs").then((m) => ({ default: m.ExportDialog })),
);
const PrintOverlay = lazy(() =>
  import("./print/PrintOverlay").then((m) => ({ default: m.PrintOverlay })),
);

export function WorkspaceOverlays(props: {
  readonly overlay: Overlay | null;
  readonly printJob: PrintJob | null;
  readonly engine: SyncEngine;
  readonly databaseName: string;
  readonly database: DatabaseState;
  readonly directory: ContactDirectory;
  /** A file dropped on the pane, for the import. */
  readonly dropped: File | null;
  /** The contacts to export (the list's, or its selection); null: the export chooses. */
  readonly exportList: ListedContacts | null;
  readonly onClose: () => void;
  readonly onClosePrint: () => void;
}) {
  const { overlay, printJob, engine, databaseName, database, directory, dropped, exportList } =
    props;
  const { onClose: closeOverlay, onClosePrint } = props;
  return (
    <>
      {overlay === "database" && (
        <DatabasePanel
          engine={engine}
          databaseName={databaseName}
          database={database}
          onClose={closeOverlay}
        />
      )}
      {overlay === "settings" && (
        <OfflineSettingsDialog engine={engine} databaseName={databaseName} onClose={closeOverlay} />
      )}
      {overlay === "log" && (
        <SyncLogPanel engine={engine} databaseName={databaseName} onClose={closeOverlay} />
      )}
      {overlay === "conflicts" && <ConflictsPanel engine={engine} onClose={closeOverlay} />}
      {overlay === "attention" && <NeedsAttentionPanel engine={engine} onClose={closeOverlay} />}
      {overlay === "import" && (
        <ImportDialog
          key={dropped?.name ?? ""}
          engine={engine}
          file={dropped}
          onClose={closeOverlay}
        />
      )}
      {overlay === "undo-import" && <UndoImportDialog engine={engine} onClose={closeOverlay} />}
      {overlay === "duplicates" && (
        <DuplicatesPanel engine={engine} directory={directory} onClose={closeOverlay} />
      )}
      {overlay === "export" && (
        <ExportDialog
          databaseName={databaseName}
          records={directory}
          {...(exportList ? { listed: exportList } : {})}
          onClose={closeOverlay}
        />
      )}
      {printJob && (
        <PrintOverlay
          job={printJob}
          engine={engine}
          databaseName={databaseName}
          directory={directory}
          onClose={onClosePrint}
        />
      )}
    </>
  );
}
