/**
 * The status bar: "Database online/offline" or "Working offline" (announced to screen readers),
 * the changes waiting to be sent, the last successful sync, "Sync now", the "Work offline"
 * switch, and a progress bar while a copy or sync runs, or an import or its undo.
 */
import {
  Button,
  Caption1,
  makeStyles,
  Spinner,
  Switch,
  Text,
  tokens,
} from "@fluentui/react-components";
// Each icon from its own module: the package's index weighs on the first script.
import { ArrowSync20Regular } from "@fluentui/react-icons/svg/arrow-sync";
import { PlugConnected20Regular } from "@fluentui/react-icons/svg/plug-connected";
import { PlugDisconnected20Regular } from "@fluentui/react-icons/svg/plug-disconnected";
import { Suspense, useLayoutEffect, useRef } from "react";
import type { ConnectionStatus } from "../sync/connection";
import { lazyAfterPaint } from "./ui/idle";
import { changesWaitingText, lastSyncedText } from "./sync-status";
import type { SyncStatus } from "./useSync";

const SyncProgressBar = lazyAfterPaint(() =>
  import("./SyncProgressBar").then((m) => m.SyncProgressBar),
);

// An import's (or its undo's) progress and outcome.
const ImportActivity = lazyAfterPaint(() =>
  import("./import/ActivityProgress").then((m) => m.ImportActivity),
);

const useStyles = makeStyles({
  // Pinned to the top of the pane, over what scrolls: the status is always in view.
  bar: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  online: { color: tokens.colorStatusSuccessForeground1, flexShrink: 0 },
  offline: { color: tokens.colorStatusDangerForeground1, flexShrink: 0 },
  texts: { display: "flex", flexDirection: "column", minWidth: 0, flexGrow: 1 },
  detail: { color: tokens.colorNeutralForeground3 },
  sync: { flexShrink: 0 },
});

/**
 * The bar's height, as `--bcm-status-height` on the page, for what else sticks to the top (the
 * lists' toolbars stick below the bar) and as the page's `scroll-padding-top`, so that a card
 * or row scrolled into view (by code or by focus) is not hidden under the bar.
 */
function usePinnedHeight() {
  const bar = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      const height = `${element.offsetHeight}px`;
      root.style.setProperty("--bcm-status-height", height);
      root.style.scrollPaddingTop = height;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return bar;
}

export function StatusBar(props: {
  status: ConnectionStatus;
  showingLocalCopy: boolean;
  sync: SyncStatus | null;
  workOffline: boolean;
  onWorkOfflineChange: (on: boolean) => void;
  /** Work in the background the user started, said in a line (finding e-mails). */
  activity?: string | null;
}) {
  const styles = useStyles();
  const { status, showingLocalCopy, sync, workOffline, onWorkOfflineChange, activity } = props;
  const bar = usePinnedHeight();
  return (
    <div className={styles.bar} ref={bar}>
      <div className={styles.row}>
        {status === "checking" && <Spinner size="extra-tiny" aria-hidden />}
        {status === "online" && <PlugConnected20Regular className={styles.online} aria-hidden />}
        {status === "offline" && (
          <PlugDisconnected20Regular className={styles.offline} aria-hidden />
        )}
        <div role="status" className={styles.texts}>
          <Text weight="semibold">
            {workOffline
              ? "Working offline"
              : status === "checking"
                ? "Checking the database…"
                : status === "online"
                  ? "Database online"
                  : "Database offline"}
          </Text>
          {(status === "offline" || workOffline) && showingLocalCopy && (
            <Caption1 className={styles.detail}>Showing the copy on this computer</Caption1>
          )}
          {sync && (
            <Caption1 className={styles.detail}>
              {changesWaitingText(sync)} · {lastSyncedText(sync.lastSyncedAt)}
            </Caption1>
          )}
          {activity && <Caption1 className={styles.detail}>{activity}</Caption1>}
        </div>
        {sync && (
          <Button
            className={styles.sync}
            size="small"
            appearance="subtle"
            icon={<ArrowSync20Regular />}
            disabled={workOffline}
            onClick={sync.syncNow}
          >
            Sync now
          </Button>
        )}
      </div>
      <Switch
        label="Work offline"
        checked={workOffline}
        onChange={(_, data) => onWorkOfflineChange(data.checked)}
      />
      {sync?.syncing && (
        <Suspense fallback={null}>
          <SyncProgressBar sync={sync} />
        </Suspense>
      )}
      <Suspense fallback={null}>
        <ImportActivity />
      </Suspense>
    </div>
  );
}
