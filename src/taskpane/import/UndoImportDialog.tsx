/**
 * "Undo import…": the imports made into this copy on this computer, newest first; undoing one
 * deletes the records it made that nobody edited since (write.ts, `runUndo`), with its progress
 * and outcome in the status bar.
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
  makeStyles,
  Radio,
  RadioGroup,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";
import type { ImportRecord } from "./import-log";
import { importsOf } from "./import-log";
import { runUndo } from "./write";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

const count = new Intl.NumberFormat();
const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function describe(record: ImportRecord): string {
  const made = [
    `${count.format(record.contacts)} ${record.contacts === 1 ? "contact" : "contacts"}`,
    ...(record.companies > 0 ? [`${count.format(record.companies)} companies`] : []),
    ...(record.groups > 0 ? [`${count.format(record.groups)} groups`] : []),
  ].join(", ");
  return `${record.fileName}, ${when.format(new Date(record.finishedAt))}: ${made}`;
}

export function UndoImportDialog(props: {
  readonly engine: SyncEngine;
  readonly onClose: () => void;
}) {
  const { engine, onClose } = props;
  const styles = useStyles();
  const [imports] = useState(() => importsOf(engine.copyId));
  const [chosen, setChosen] = useState(imports[0]?.id ?? "");
  const record = imports.find((r) => r.id === chosen);

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <WrappingDialogSurface>
        <DialogBody>
          <DialogTitle>Undo import</DialogTitle>
          <DialogContent className={styles.content}>
            {imports.length === 0 ? (
              <Body1>No import made on this computer can be undone.</Body1>
            ) : (
              <>
                <Body1>
                  Removes the contacts, companies and groups the import added. Records edited since
                  stay, and so do existing contacts it filled in or updated.
                </Body1>
                <Field label="Import">
                  <RadioGroup value={chosen} onChange={(_, data) => setChosen(data.value)}>
                    {imports.map((r) => (
                      <Radio key={r.id} value={r.id} label={describe(r)} />
                    ))}
                  </RadioGroup>
                </Field>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={!record}
              onClick={() => {
                if (!record) return;
                onClose();
                void runUndo(engine, record);
              }}
            >
              Undo import
            </Button>
            <Button appearance="secondary" onClick={onClose}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </WrappingDialogSurface>
    </Dialog>
  );
}
