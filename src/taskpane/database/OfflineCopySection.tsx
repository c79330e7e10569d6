/**
 * "Offline copy on this computer": whether it is complete (and the progress of the sync making
 * it), the changes the shared database does not have yet, "Export changes" (a JSON file), and
 * "Drop offline copy": confirmed first; refused while changes would be lost, with "Export
 * first" or "Drop anyway".
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
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownload20Regular, Delete20Regular } from "@fluentui/react-icons";
import { useId, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import { describeError } from "../../client/errors";
import { progressText, progressValue } from "../sync-status";
import { downloadJson, exportFileName } from "./export-file";
import { unsentText } from "./copy-text";
import { useOfflineCopy } from "./useOfflineCopy";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  detail: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

type DropStep =
  | { readonly kind: "closed" }
  | { readonly kind: "confirm" }
  | { readonly kind: "refused"; readonly lost: string }
  | { readonly kind: "working" };

export function OfflineCopySection(props: { engine: SyncEngine; databaseName: string }) {
  const styles = useStyles();
  const headingId = useId();
  const { engine, databaseName } = props;
  const copy = useOfflineCopy(engine);
  const [step, setStep] = useState<DropStep>({ kind: "closed" });
  const [notice, setNotice] = useState<{ intent: "success" | "error"; text: string } | null>(null);
  const unsent = copy.pending + copy.conflicts + copy.needsAttention;

  const exportNow = () => {
    const changes = copy.exportChanges();
    downloadJson(exportFileName(databaseName, new Date()), changes);
    return changes;
  };

  const drop = async (force: boolean, exportFirst = false) => {
    setStep({ kind: "working" });
    try {
      if (exportFirst) exportNow();
      const outcome = await copy.drop({ force });
      if (outcome.status === "refused") {
        setStep({ kind: "refused", lost: unsentText(outcome) });
        return;
      }
      setNotice({
        intent: "success",
        text: "The offline copy was dropped; it is downloaded again from the shared database.",
      });
      setStep({ kind: "closed" });
    } catch (error) {
      setNotice({ intent: "error", text: describeError(error) });
      setStep({ kind: "closed" });
    }
  };

  const complete = copy.copy?.complete === true;
  const completedAt = copy.copy?.completedAt ? new Date(copy.copy.completedAt) : null;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        Offline copy on this computer
      </Subtitle2>
      {complete ? (
        <Body1>
          The copy is complete
          {completedAt
            ? ` (made ${completedAt.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })})`
            : ""}
          . You can work with it while the database cannot be reached.
        </Body1>
      ) : (
        <Field validationMessage={progressText(copy.progress, true)} validationState="none">
          <ProgressBar
            {...barValue(progressValue(copy.progress))}
            aria-label="Offline copy progress"
          />
        </Field>
      )}
      {!complete && copy.progress === null && (
        <Caption1 className={styles.detail}>
          The copy is made by the next sync, as soon as the database answers.
        </Caption1>
      )}
      <Body1>
        {unsent === 0
          ? "The shared database has every change made here."
          : `Not in the shared database yet: ${unsentText(copy)}.`}
      </Body1>
      {copy.problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{copy.problem}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button
          icon={<ArrowDownload20Regular />}
          disabled={unsent === 0}
          onClick={() => {
            exportNow();
            setNotice({ intent: "success", text: "The changes were saved to a file." });
          }}
        >
          Export changes
        </Button>
        <Button icon={<Delete20Regular />} onClick={() => setStep({ kind: "confirm" })}>
          Drop offline copy
        </Button>
      </div>
      <Dialog
        open={step.kind !== "closed"}
        onOpenChange={(_, d) => {
          if (!d.open && step.kind !== "working") setStep({ kind: "closed" });
        }}
      >
        <WrappingDialogSurface>
          <DialogBody>
            <DialogTitle>
              {step.kind === "refused" ? "Changes would be lost" : "Drop the offline copy?"}
            </DialogTitle>
            <DialogContent>
              {step.kind === "refused"
                ? `The shared database does not have these yet: ${step.lost}. Dropping the copy loses them: export them to a file first, or drop the copy anyway.`
                : `The copy of ${databaseName} on this computer is deleted and downloaded again from the shared database.`}
            </DialogContent>
            <DialogActions fluid>
              {step.kind === "refused" ? (
                <>
                  <Button appearance="primary" onClick={() => void drop(false, true)}>
                    Export first
                  </Button>
                  <Button onClick={() => void drop(true)}>Drop anyway</Button>
                </>
              ) : (
                <Button
                  appearance="primary"
                  disabled={step.kind === "working"}
                  onClick={() => void drop(false)}
                >
                  Drop the copy
                </Button>
              )}
              <Button
                disabled={step.kind === "working"}
                onClick={() => setStep({ kind: "closed" })}
              >
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </WrappingDialogSurface>
      </Dialog>
    </section>
  );
}

/** A known fraction, or no value at all (an indeterminate bar: a pull's total is unknown). */
function barValue(value: number | undefined): { value?: number } {
  return value === undefined ? {} : { value };
}
