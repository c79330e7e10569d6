/**
 * The sync log, as ACT! keeps one: the last syncs and connection changes with their time, what
 * was sent and received, conflicts settled and by which rule, changes refused and why, and each
 * fault met, in plain words; "Export" saves it as a JSON file for a support request.
 */
import { Body1, Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { SyncEngine } from "../../sync/engine";
import { describeLogEntry } from "../../sync/sync-log";
import { downloadJson, exportFileName } from "../database/export-file";
import { PanelDrawer } from "./PanelDrawer";
import { useSyncLog } from "./useSyncLog";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  entry: {
    display: "flex",
    flexDirection: "column",
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
  },
  time: { color: tokens.colorNeutralForeground3 },
});

export function SyncLogPanel(props: {
  engine: SyncEngine;
  databaseName: string;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { engine, databaseName, onClose } = props;
  const entries = useSyncLog(engine);
  const exportLog = async () => {
    const name = exportFileName(databaseName, new Date()).replace(
      /-changes-(?=\d{4}-\d{2}-\d{2}\.json$)/,
      "-sync-log-",
    );
    downloadJson(name, await engine.exportSyncLog());
  };
  return (
    <PanelDrawer title="Sync log" onClose={onClose}>
      <div>
        <Button onClick={() => void exportLog()} disabled={!entries || entries.length === 0}>
          Export
        </Button>
      </div>
      {entries?.length === 0 && <Body1>Nothing has been logged yet.</Body1>}
      {entries && entries.length > 0 && (
        <ol className={styles.list} aria-label="Sync log entries">
          {entries.map((entry, i) => (
            <li key={`${entry.at}-${i}`} className={styles.entry}>
              <Caption1 className={styles.time}>
                <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
              </Caption1>
              <Body1>{describeLogEntry(entry)}</Body1>
            </li>
          ))}
        </ol>
      )}
    </PanelDrawer>
  );
}
