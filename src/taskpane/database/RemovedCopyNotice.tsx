/**
 * A database the user lost access to (the owner removed them, or it was deleted), or deleted or
 * left themselves: its copy on this computer is deleted. While the copy holds changes the shared database never got, a
 * dialog says so and offers "Export changes" (the file "Export changes" of the database panel
 * saves) before "Delete the copy"; afterwards, a message bar says what happened.
 */
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownload20Regular } from "@fluentui/react-icons";
import { DismissButton } from "../ui/DismissButton";
import { useState } from "react";
import { describeError } from "../../client/errors";
import type { Departure, RemovedCopy } from "../useDatabase";
import { unsentText } from "./copy-text";
import { downloadJson, exportFileName } from "./export-file";

const useStyles = makeStyles({
  bar: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // A database's name may be one long word.
  name: { overflowWrap: "anywhere" },
});

/** What the notice says of each way of losing a database: a title, and a sentence. */
const WORDS: Record<Departure, (name: string) => { title: string; why: string }> = {
  lost: (name) => ({
    title: `You no longer have access to ${name}`,
    why: "The shared database says you are not a member of it any more: the owner removed you, or deleted the database.",
  }),
  deleted: (name) => ({
    title: `${name} is deleted`,
    why: "You deleted this database for all its members.",
  }),
  left: (name) => ({ title: `You left ${name}`, why: "You are no longer a member of it." }),
};

export function RemovedCopyNotice(props: {
  removed: RemovedCopy;
  onDelete: () => Promise<void>;
  onDismiss: () => void;
}) {
  const styles = useStyles();
  const { removed, onDelete, onDismiss } = props;
  const { engine, database } = removed;
  const [exported, setExported] = useState(false);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { title, why } = WORDS[removed.how](database.name);

  const unsent = unsentText({
    pending: engine.outbox.length,
    conflicts: engine.inbox.length,
    needsAttention: engine.needsAttention.length,
  });
  const deleteCopy = async () => {
    setWorking(true);
    setProblem(null);
    try {
      await onDelete();
    } catch (error) {
      setProblem(describeError(error));
      setWorking(false);
    }
  };

  return (
    <>
      {removed.deleted && (
        <MessageBar intent="warning" className={styles.bar}>
          <MessageBarBody className={styles.name}>
            {title}. {why} Its copy on this computer was deleted.
          </MessageBarBody>
          <MessageBarActions containerAction={<DismissButton onClick={onDismiss} />} />
        </MessageBar>
      )}
      {/* Kept mounted once deleted, so that it closes as a dialog does (focus, hidden content). */}
      <Dialog open={!removed.deleted} modalType="alert">
        <DialogSurface>
          <DialogBody>
            <DialogTitle className={styles.name}>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              <Body1>{why} Its copy on this computer is deleted, and nothing more is sent.</Body1>
              <Body1>
                The copy holds {unsent} that the shared database never got. Export them to a file to
                keep them, then delete the copy.
              </Body1>
              {exported && <Body1>The changes were saved to a file.</Body1>}
              {problem && (
                <MessageBar intent="error">
                  <MessageBarBody>{problem}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions fluid>
              <Button
                appearance={exported ? "secondary" : "primary"}
                icon={<ArrowDownload20Regular />}
                disabled={working}
                onClick={() => {
                  downloadJson(exportFileName(database.name, new Date()), engine.exportChanges());
                  setExported(true);
                }}
              >
                Export changes
              </Button>
              <Button
                appearance={exported ? "primary" : "secondary"}
                disabled={working}
                onClick={() => void deleteCopy()}
              >
                {exported ? "Delete the copy" : "Delete without exporting"}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
