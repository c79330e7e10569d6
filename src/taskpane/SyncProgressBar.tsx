/**
 * The status bar's progress bar while a copy or sync runs, with its counts. Loaded after the
 * pane's first paint: it shows only while a sync runs.
 */
import { Field, ProgressBar } from "@fluentui/react-components";
import { progressText, progressValue } from "./sync-status";
import type { SyncStatus } from "./useSync";

export function SyncProgressBar(props: { readonly sync: SyncStatus }) {
  const { sync } = props;
  const value = progressValue(sync.progress);
  return (
    <Field validationMessage={progressText(sync.progress, sync.copying)} validationState="none">
      <ProgressBar {...(value === undefined ? {} : { value })} aria-label="Sync progress" />
    </Field>
  );
}
