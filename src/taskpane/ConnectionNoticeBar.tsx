/**
 * The message bar under the status bar when the shared database is lost or back
 * (./connection-notice). "Connectivity … restored" goes away by itself after a while.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  tokens,
} from "@fluentui/react-components";
import { DismissButton } from "./ui/DismissButton";
import { useEffect, useState } from "react";
import type { ConnectionStatus } from "../sync/connection";
import { nextNotice, type ConnectionNotice } from "./connection-notice";

const OPENING = { status: "checking", workOffline: false } as const;

/** How long "restored" stays. */
const BACK_NOTICE_MS = 10_000;

const useStyles = makeStyles({
  bar: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
});

export function ConnectionNoticeBar(props: {
  status: ConnectionStatus;
  workOffline: boolean;
  autoSwitchOffline: boolean;
  onWorkOffline: () => void;
}) {
  const { status, workOffline, autoSwitchOffline, onWorkOffline } = props;
  const styles = useStyles();
  // The notice follows changes of the situation, so the last one seen is kept with it. A pane
  // that opens on its offline copy because the database does not answer says so too.
  const [seen, setSeen] = useState(() => ({
    status,
    workOffline,
    notice: nextNotice("none", OPENING, { status, workOffline }, autoSwitchOffline),
  }));
  let notice: ConnectionNotice = seen.notice;
  if (seen.status !== status || seen.workOffline !== workOffline) {
    notice = nextNotice(seen.notice, seen, { status, workOffline }, autoSwitchOffline);
    setSeen({ status, workOffline, notice });
  }
  const dismiss = () => setSeen((s) => ({ ...s, notice: "none" }));

  useEffect(() => {
    if (notice !== "back") return;
    const timer = setTimeout(() => setSeen((s) => ({ ...s, notice: "none" })), BACK_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  if (notice === "none") return null;
  const dismissAction = <DismissButton label="Dismiss the connection message" onClick={dismiss} />;
  if (notice === "back")
    return (
      <MessageBar intent="success" className={styles.bar}>
        <MessageBarBody>Connectivity to your shared database has been restored.</MessageBarBody>
        <MessageBarActions containerAction={dismissAction} />
      </MessageBar>
    );
  if (notice === "lost")
    return (
      <MessageBar intent="warning" layout="multiline" className={styles.bar}>
        <MessageBarBody>
          Connectivity to your shared database has been lost. You are now working offline.
        </MessageBarBody>
        <MessageBarActions containerAction={dismissAction} />
      </MessageBar>
    );
  return (
    <MessageBar intent="warning" layout="multiline" className={styles.bar}>
      <MessageBarBody>
        Connectivity to your shared database has been lost. Work offline with the copy on this
        computer, or keep trying to reach the database?
      </MessageBarBody>
      <MessageBarActions>
        <Button
          appearance="primary"
          onClick={() => {
            dismiss();
            onWorkOffline();
          }}
        >
          Work offline
        </Button>
        <Button onClick={dismiss}>Keep trying</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
