/**
 * The dialogs of "Manage this database" (ManageDatabaseSection): rename (a name checked as the
 * API checks it), delete (enabled once the user typed the database's name: it is for every
 * member and for good) and leave. Each says what happens to the members and to the copies,
 * asks the API, and shows a refusal in words. A database already gone (404: deleted meanwhile,
 * or the answer to an earlier try was lost) counts as deleted or left.
 */
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import type { FormEvent } from "react";
import { useState } from "react";
import { describeError } from "../../client/errors";
import { DatabaseName } from "../../shared/protocol";
import type { SyncEngine } from "../../sync/engine";
import { ApiError, isNotMember } from "../../sync/transport";
import type { DatabaseState } from "../useDatabase";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";
import { unsentText } from "./copy-text";
import type { ManageAction } from "./ManageDatabaseSection";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export function ManageDatabaseDialog(props: {
  action: ManageAction;
  database: DatabaseState;
  engine: SyncEngine;
  databaseName: string;
  onClose: () => void;
  onGone: () => void;
}) {
  const styles = useStyles();
  const { action, database, engine, databaseName, onClose, onGone } = props;
  const [name, setName] = useState(action === "rename" ? databaseName : "");
  const [invalid, setInvalid] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const counts = {
    pending: engine.outbox.length,
    conflicts: engine.inbox.length,
    needsAttention: engine.needsAttention.length,
  };
  const unsent =
    counts.pending + counts.conflicts + counts.needsAttention > 0 ? unsentText(counts) : null;
  const ref = { id: engine.databaseId, name: databaseName };

  const run = async (): Promise<void> => {
    const api = await database.signIn();
    if (action === "rename") {
      const parsed = DatabaseName.safeParse(name);
      if (!parsed.success) {
        setInvalid(`The name ${parsed.error.issues[0]?.message ?? "is not valid"}.`);
        return;
      }
      await api.renameDatabase(ref.id, parsed.data);
      await database.refresh();
      onClose();
      return;
    }
    try {
      if (action === "delete") await api.deleteDatabase(ref.id);
      else await api.deleteMember(ref.id, (await api.me()).email);
    } catch (error) {
      if (!isNotMember(error)) throw error;
    }
    onGone();
    await database.departed(ref, action === "delete" ? "deleted" : "left");
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setInvalid(null);
    setProblem(null);
    setWorking(true);
    try {
      await run();
    } catch (error) {
      if (error instanceof ApiError && error.field === "name") setInvalid(describeError(error));
      else setProblem(describeError(error));
    } finally {
      setWorking(false);
    }
  };

  const { title, submitLabel } = TEXTS[action](databaseName);
  const confirmed = action !== "delete" || name.trim() === databaseName;
  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && !working && onClose()}>
      <WrappingDialogSurface>
        <form onSubmit={(event) => void submit(event)}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {action === "rename" && (
                <Field
                  label="New name"
                  validationState={invalid ? "error" : "none"}
                  validationMessage={invalid}
                  hint="Every member sees the new name the next time their pane lists the databases."
                >
                  <Input value={name} maxLength={100} onChange={(_, data) => setName(data.value)} />
                </Field>
              )}
              {action === "delete" && (
                <>
                  <Body1>
                    This deletes the database for every member, at once and for good. Each
                    member&apos;s pane says it is gone, offers to export the changes they had not
                    sent yet, and deletes its copy. Only a backup file saved before can bring its
                    contents back, restored as a new database.
                  </Body1>
                  {unsent && (
                    <Body1>
                      Your copy holds {unsent}: you can export them once the database is deleted.
                    </Body1>
                  )}
                  <Field label={`To confirm, type the database's name: ${databaseName}`}>
                    <Input value={name} onChange={(_, data) => setName(data.value)} />
                  </Field>
                </>
              )}
              {action === "leave" && (
                <>
                  <Body1>
                    You lose access to this database, and its copy on this computer is deleted. An
                    owner can share it with you again. An owner may leave only while another owner
                    stays.
                  </Body1>
                  {unsent && (
                    <Body1>
                      Your copy holds {unsent}: you can export them before the copy is deleted.
                    </Body1>
                  )}
                </>
              )}
              {problem && (
                <MessageBar intent="error">
                  <MessageBarBody>{problem}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions fluid>
              <Button
                type="submit"
                appearance="primary"
                disabled={working || !confirmed}
                icon={working ? <Spinner size="tiny" aria-hidden /> : null}
              >
                {submitLabel}
              </Button>
              <Button disabled={working} onClick={onClose}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </WrappingDialogSurface>
    </Dialog>
  );
}

const TEXTS: Record<ManageAction, (name: string) => { title: string; submitLabel: string }> = {
  rename: (name) => ({ title: `Rename ${name}`, submitLabel: "Rename" }),
  delete: (name) => ({ title: `Delete ${name}?`, submitLabel: "Delete for everyone" }),
  leave: (name) => ({ title: `Leave ${name}?`, submitLabel: "Leave" }),
};
