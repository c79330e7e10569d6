/** "Database online/offline": our own connection status, announced to screen readers. */
import { Caption1, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { PlugConnected20Regular, PlugDisconnected20Regular } from "@fluentui/react-icons";
import type { ConnectionStatus } from "../sync/connection";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  online: { color: tokens.colorStatusSuccessForeground1, flexShrink: 0 },
  offline: { color: tokens.colorStatusDangerForeground1, flexShrink: 0 },
  texts: { display: "flex", flexDirection: "column", minWidth: 0 },
  detail: { color: tokens.colorNeutralForeground3 },
});

export function StatusBar(props: { status: ConnectionStatus; showingLocalCopy: boolean }) {
  const styles = useStyles();
  const { status, showingLocalCopy } = props;
  return (
    <div role="status" className={styles.bar}>
      {status === "checking" && <Spinner size="extra-tiny" aria-hidden />}
      {status === "online" && <PlugConnected20Regular className={styles.online} aria-hidden />}
      {status === "offline" && <PlugDisconnected20Regular className={styles.offline} aria-hidden />}
      <div className={styles.texts}>
        <Text weight="semibold">
          {status === "checking"
            ? "Checking the database…"
            : status === "online"
              ? "Database online"
              : "Database offline"}
        </Text>
        {status === "offline" && showingLocalCopy && (
          <Caption1 className={styles.detail}>Showing the copy on this computer</Caption1>
        )}
      </div>
    </div>
  );
}
