/**
 * "Backup" (owners only): "Back up database…" saves the whole database as one file
 * (`<name> backup <day>.bcmbackup.json`); "Restore from backup…" reads such a file, shows what
 * it holds (the database's name, records by type, members), and restores it into a new
 * database under the name the user gives, then opens it. Both need the shared database: offline
 * the pane says so. A restore that failed is tried again into the same new database, where it
 * goes on (src/client/backup.ts).
 */
import {
  Body1,
  Button,
  Caption1,
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
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownload20Regular, ArrowUpload20Regular } from "@fluentui/react-icons";
import type { ChangeEvent, FormEvent } from "react";
import { useId, useRef, useState } from "react";
import { countByType, downloadBackup, readBackupFile, restoreBackup } from "../../client/backup";
import { describeError } from "../../client/errors";
import { ulid } from "../../shared/ids";
import { DatabaseName, type BackupFile } from "../../shared/protocol";
import { isUnreachable } from "../../sync/transport";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";
import type { DatabaseState } from "../useDatabase";
import { BACKUP_EXTENSION, backupFileName } from "./backup-file";
import { downloadJson } from "./export-file";
import { roleName } from "./roles";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  detail: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

const TYPE_NAMES = {
  contact: "Contacts",
  company: "Companies",
  group: "Groups",
  history: "History items",
};

/** A file chosen to restore, and the new database's id (kept, so that a retry goes on). */
interface Chosen {
  readonly backup: BackupFile;
  readonly id: string;
}

export function BackupSection(props: {
  database: DatabaseState;
  databaseId: string;
  databaseName: string;
  /** After the restored database was opened. */
  onOpened: () => void;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { database, databaseId, databaseName, onOpened } = props;
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ intent: "success" | "error"; text: string } | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const online = database.online;

  const failed = (error: unknown) => (isUnreachable(error) ? OFFLINE : describeError(error));

  const backUp = async () => {
    setNotice(null);
    setBusy("Backing up…");
    try {
      const api = await database.signIn();
      const backup = await downloadBackup(api, databaseId, (n) =>
        setBusy(`Backing up… ${n.toLocaleString()} records`),
      );
      const fileName = backupFileName(databaseName, new Date());
      downloadJson(fileName, backup, 0);
      setNotice({
        intent: "success",
        text: `Saved ${fileName} (${backup.records.length.toLocaleString()} records).`,
      });
    } catch (error) {
      setNotice({ intent: "error", text: failed(error) });
    } finally {
      setBusy(null);
    }
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setNotice(null);
    const read = readBackupFile(await file.text());
    if (!read.ok) {
      setNotice({ intent: "error", text: `${file.name}: ${read.problem}` });
      return;
    }
    setProblem(null);
    setName(`${read.backup.database.name} (restored)`.slice(0, 100));
    setChosen({ backup: read.backup, id: ulid() });
  };

  const restore = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const parsed = DatabaseName.safeParse(name);
    if (!parsed.success) {
      setProblem(`The name ${parsed.error.issues[0]?.message ?? "is not valid"}.`);
      return;
    }
    setProblem(null);
    const total = chosen.backup.records.length;
    setBusy("Restoring…");
    try {
      const api = await database.signIn();
      const restored = await restoreBackup(
        api,
        chosen.backup,
        { id: chosen.id, name: parsed.data },
        (n) => setBusy(`Restoring… ${n.toLocaleString()} of ${total.toLocaleString()} records`),
      );
      setChosen(null);
      await database.selectDatabase({ id: restored.id, name: restored.name });
      onOpened();
    } catch (error) {
      setProblem(`Not restored yet: ${failed(error)} Restore again to go on where it stopped.`);
    } finally {
      setBusy(null);
    }
  };

  const counts = chosen ? countByType(chosen.backup) : null;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        Backup
      </Subtitle2>
      <Caption1 className={styles.detail}>
        A backup is one file holding the whole database: contacts, companies, groups, history,
        members and sync sets. Restoring one makes a new database.
      </Caption1>
      {!online && <Body1>{OFFLINE}</Body1>}
      {notice && (
        <MessageBar intent={notice.intent}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {busy && !chosen && <Spinner size="tiny" label={busy} />}
      <div className={styles.row}>
        <Button
          icon={<ArrowDownload20Regular />}
          disabled={!online || busy !== null}
          onClick={() => void backUp()}
        >
          Back up database…
        </Button>
        <Button
          icon={<ArrowUpload20Regular />}
          disabled={!online || busy !== null}
          onClick={() => fileInput.current?.click()}
        >
          Restore from backup…
        </Button>
        <input
          ref={fileInput}
          type="file"
          hidden
          accept={`${BACKUP_EXTENSION},.json,application/json`}
          aria-label="Backup file to restore"
          onChange={(event) => void choose(event)}
        />
      </div>
      <Dialog
        open={chosen !== null}
        onOpenChange={(_, d) => {
          if (!d.open && busy === null) setChosen(null);
        }}
      >
        <WrappingDialogSurface>
          <form onSubmit={(event) => void restore(event)} aria-label="Restore from backup">
            <DialogBody>
              <DialogTitle>Restore from backup</DialogTitle>
              {chosen && counts && (
                <DialogContent className={styles.form}>
                  <Body1>
                    A backup of {chosen.backup.database.name}, taken{" "}
                    {new Date(chosen.backup.createdAt).toLocaleString(undefined, {
                      dateStyle: "medium",
                      timeStyle: "short",
                    })}
                    . It holds:
                  </Body1>
                  <ul className={styles.list} aria-label="Records in the backup">
                    {(Object.keys(TYPE_NAMES) as Array<keyof typeof TYPE_NAMES>).map((type) => (
                      <li key={type}>
                        {TYPE_NAMES[type]}: {counts[type].toLocaleString()}
                      </li>
                    ))}
                  </ul>
                  <Body1>Members, invited again to the new database (you become its owner):</Body1>
                  <ul className={styles.list} aria-label="Members in the backup">
                    {chosen.backup.members.map((m) => (
                      <li key={m.email}>
                        {m.email}, {roleName(m.role).toLowerCase()}
                        {m.syncSet === null ? "" : `, sync set ${m.syncSet}`}
                      </li>
                    ))}
                  </ul>
                  <Field
                    label="Name of the new database"
                    validationState={problem ? "error" : "none"}
                    validationMessage={problem}
                  >
                    <Input value={name} maxLength={100} onChange={(_, d) => setName(d.value)} />
                  </Field>
                  {busy && <Spinner size="tiny" label={busy} />}
                </DialogContent>
              )}
              <DialogActions fluid>
                <Button appearance="primary" type="submit" disabled={busy !== null || !online}>
                  Restore
                </Button>
                <Button disabled={busy !== null} onClick={() => setChosen(null)}>
                  Cancel
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </WrappingDialogSurface>
      </Dialog>
    </section>
  );
}

const OFFLINE =
  "Back up and restore need the shared database, which cannot be reached now: they work online only.";
