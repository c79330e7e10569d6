/**
 * "Manage this database": an owner renames or deletes it, any member leaves it. Each opens a
 * dialog (loaded when first opened) that asks the API at once, so each needs the database to
 * answer: offline, the buttons are disabled and a line says why. Deleting and leaving end in
 * `DatabaseState.departed`: the pane's copy goes as a lost database's does, its unsent changes
 * offered for export first (RemovedCopyNotice).
 */
import { Button, Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { Delete20Regular, DoorArrowLeft20Regular, Rename20Regular } from "@fluentui/react-icons";
import type { ReactElement } from "react";
import { lazy, Suspense, useId, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { DatabaseState } from "../useDatabase";

const ManageDatabaseDialog = lazy(() =>
  import("./ManageDatabaseDialog").then((m) => ({ default: m.ManageDatabaseDialog })),
);

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  detail: { color: tokens.colorNeutralForeground3 },
});

export type ManageAction = "rename" | "delete" | "leave";

export function ManageDatabaseSection(props: {
  database: DatabaseState;
  engine: SyncEngine;
  databaseName: string;
  owner: boolean;
  /** After the database was deleted or left: the panel closes. */
  onGone: () => void;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { database, engine, databaseName, owner, onGone } = props;
  const [open, setOpen] = useState<ManageAction | null>(null);
  const offline = !database.online;
  const button = (action: ManageAction, label: string, icon: ReactElement) => (
    <Button icon={icon} disabled={offline} onClick={() => setOpen(action)}>
      {label}
    </Button>
  );

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        Manage this database
      </Subtitle2>
      <div className={styles.row}>
        {owner && button("rename", "Rename database…", <Rename20Regular />)}
        {owner && button("delete", "Delete database…", <Delete20Regular />)}
        {button("leave", "Leave database…", <DoorArrowLeft20Regular />)}
      </div>
      {offline && (
        <Caption1 className={styles.detail}>
          The database is offline: renaming, deleting and leaving it need it to answer.
        </Caption1>
      )}
      {open && (
        <Suspense fallback={null}>
          <ManageDatabaseDialog
            action={open}
            database={database}
            engine={engine}
            databaseName={databaseName}
            onClose={() => setOpen(null)}
            onGone={onGone}
          />
        </Suspense>
      )}
    </section>
  );
}
