/**
 * The database panel: the user's databases (open another, create one, check again), the offline
 * copy of the open one (progress, export, drop), the user's e-mail linking choices, its sharing,
 * for its owners its backup, and renaming, deleting or leaving it. Opening it lists the
 * databases again, so that a name an owner changed shows (in the header too).
 */
import { Divider } from "@fluentui/react-components";
import { useEffect } from "react";
import type { SyncEngine } from "../../sync/engine";
import { PanelDrawer } from "../offline/PanelDrawer";
import type { DatabaseState } from "../useDatabase";
import { BackupSection } from "./BackupSection";
import { DatabasesSection } from "./DatabasesSection";
import { EmailLinkingSection } from "./EmailLinkingSection";
import { ManageDatabaseSection } from "./ManageDatabaseSection";
import { OfflineCopySection } from "./OfflineCopySection";
import { SharingSection } from "./SharingSection";

export function DatabasePanel(props: {
  engine: SyncEngine;
  databaseName: string;
  database: DatabaseState;
  onClose: () => void;
}) {
  const { engine, databaseName, database, onClose } = props;
  const owner = database.databases.some((d) => d.id === engine.databaseId && d.role === "owner");
  const { refresh } = database;
  useEffect(() => void refresh(), [refresh]);
  return (
    <PanelDrawer title="Database" onClose={onClose}>
      <DatabasesSection database={database} currentId={engine.databaseId} onOpened={onClose} />
      <Divider />
      <OfflineCopySection engine={engine} databaseName={databaseName} />
      <Divider />
      <EmailLinkingSection databaseId={engine.databaseId} />
      <Divider />
      <SharingSection
        key={engine.databaseId}
        database={database}
        engine={engine}
        databaseName={databaseName}
      />
      {owner && (
        <>
          <Divider />
          <BackupSection
            database={database}
            databaseId={engine.databaseId}
            databaseName={databaseName}
            onOpened={onClose}
          />
        </>
      )}
      <Divider />
      <ManageDatabaseSection
        database={database}
        engine={engine}
        databaseName={databaseName}
        owner={owner}
        onGone={onClose}
      />
    </PanelDrawer>
  );
}
