/**
 * What the workspace prints, in one chunk loaded on first use: the contact list it was asked to
 * print, or the reports. One lazy import for both keeps the pane's first script small.
 */
import type { SyncEngine } from "../../sync/engine";
import type { ContactEntry } from "../contacts/contact-list";
import type { ContactDirectory, ContactQuery } from "../contacts/useContactDirectory";
import { PrintList } from "./PrintList";
import { ReportsPanel } from "./ReportsPanel";

/** The list's contacts and the search that found them, or the reports. */
export type PrintJob =
  | {
      readonly kind: "list";
      readonly entries: readonly ContactEntry[];
      readonly query: ContactQuery;
    }
  | { readonly kind: "reports" };

export function PrintOverlay(props: {
  readonly job: PrintJob;
  readonly engine: SyncEngine;
  readonly databaseName: string;
  readonly directory: ContactDirectory;
  readonly onClose: () => void;
}) {
  const { job, engine, databaseName, directory, onClose } = props;
  return job.kind === "list" ? (
    <PrintList {...job} databaseName={databaseName} directory={directory} onClose={onClose} />
  ) : (
    <ReportsPanel engine={engine} databaseName={databaseName} onClose={onClose} />
  );
}
