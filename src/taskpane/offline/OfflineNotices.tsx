/**
 * What the open database needs from the user, above its tabs: conflicts waiting for an answer,
 * refused changes, and an offline copy that the host removed (downloaded again by the sync).
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  tokens,
} from "@fluentui/react-components";
import { lazy, Suspense } from "react";
import { DismissButton } from "../ui/DismissButton";
import type { SyncEngine } from "../../sync/engine";
import type { VanishedCopy } from "../database/useVanishedCopy";
import { useOfflineCounts } from "./useOfflineCounts";
import { OutdatedNotice, useOutdated } from "./OutdatedNotice";
import { useUnsentChanges } from "./useUnsentChanges";

// Rarely shown (entries of the copy set aside, changes a wiped copy lost): loaded when it is.
const LocalCopyNotices = lazy(() =>
  import("./LocalCopyNotices").then((m) => ({ default: m.LocalCopyNotices })),
);

const useStyles = makeStyles({
  notices: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
  },
});

export function OfflineNotices(props: {
  engine: SyncEngine;
  databaseName: string;
  onOpenConflicts: () => void;
  onOpenNeedsAttention: () => void;
  /**
   * Whether the copy vanished (useVanishedCopy): worked out by the workspace when it first
   * renders, since this notice bar loads after the first paint.
   */
  vanished: { readonly state: VanishedCopy; readonly dismiss: () => void };
}) {
  const styles = useStyles();
  const { engine, databaseName, onOpenConflicts, onOpenNeedsAttention } = props;
  const { conflicts, needsAttention } = useOfflineCounts(engine);
  const { vanished } = props;
  const lost = useUnsentChanges(engine);
  const outdated = useOutdated(engine);
  const copyNotices = lost !== null || engine.quarantine.length > 0;
  if (
    conflicts === 0 &&
    needsAttention === 0 &&
    vanished.state === "none" &&
    !outdated &&
    !copyNotices
  ) {
    return null;
  }
  return (
    <div className={styles.notices}>
      {outdated && <OutdatedNotice />}
      {copyNotices && (
        <Suspense fallback={null}>
          <LocalCopyNotices engine={engine} databaseName={databaseName} lost={lost} />
        </Suspense>
      )}
      {vanished.state === "downloading" && (
        <MessageBar intent="warning">
          <MessageBarBody>
            The offline copy on this computer was removed by Outlook or the browser; downloading it
            again.
          </MessageBarBody>
        </MessageBar>
      )}
      {vanished.state === "downloaded" && (
        <MessageBar intent="success">
          <MessageBarBody>
            The offline copy on this computer was removed by Outlook or the browser, and has been
            downloaded again.
          </MessageBarBody>
          <MessageBarActions containerAction={<DismissButton onClick={vanished.dismiss} />} />
        </MessageBar>
      )}
      {conflicts > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {conflicts === 1
              ? "1 conflict waits for your answer."
              : `${conflicts} conflicts wait for your answer.`}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onOpenConflicts}>Review conflicts</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {needsAttention > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {needsAttention === 1
              ? "1 change was refused by the shared database."
              : `${needsAttention} changes were refused by the shared database.`}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onOpenNeedsAttention}>Review refused changes</Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </div>
  );
}
