/**
 * "Export…": contacts (all of them, the list shown, filtered and searched, or the contacts
 * selected in it) as CSV in Outlook's column set or as vCard 3.0 or 4.0, or the companies or
 * groups as CSV; saved through the browser's download, from the offline copy, so it works
 * offline.
 */
import {
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
import { downloadBlob } from "../database/export-file";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";
import type { ContactFormat, ExportRecords, ListedContacts } from "./export-records";
import { exportFile } from "./export-records";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

const count = new Intl.NumberFormat();

type What = "all" | "listed" | "companies" | "groups";

const FORMATS: { value: ContactFormat; label: string }[] = [
  { value: "outlook-csv", label: "CSV for Outlook and Google Contacts" },
  { value: "vcard-3.0", label: "vCard 3.0" },
  { value: "vcard-4.0", label: "vCard 4.0" },
];

export function ExportDialog(props: {
  readonly databaseName: string;
  readonly records: ExportRecords;
  /** The contacts the list shows (when it is filtered or searched), or those selected in it. */
  readonly listed?: ListedContacts;
  readonly onClose: () => void;
}) {
  const { databaseName, records, listed, onClose } = props;
  const styles = useStyles();
  const [what, setWhat] = useState<What>(listed ? "listed" : "all");
  const [format, setFormat] = useState<ContactFormat>("outlook-csv");

  const save = () => {
    const file = exportFile(
      what === "companies" || what === "groups" ? { what } : { what: "contacts", format },
      records,
      what === "listed" && listed ? listed.contacts : records.contacts,
      databaseName,
      new Date(),
    );
    downloadBlob(file.name, new Blob([file.text], { type: file.type }));
    onClose();
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <WrappingDialogSurface>
        <DialogBody>
          <DialogTitle>Export</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="What to export">
              <RadioGroup value={what} onChange={(_, data) => setWhat(data.value as What)}>
                {listed && (
                  <Radio
                    value="listed"
                    label={`${listed.selected ? "The selected contacts" : "The contacts listed"} (${count.format(listed.contacts.length)})`}
                  />
                )}
                <Radio
                  value="all"
                  label={`All contacts (${count.format(records.contacts.length)})`}
                />
                <Radio
                  value="companies"
                  label={`Companies (${count.format(records.companies.length)}), as CSV`}
                />
                <Radio
                  value="groups"
                  label={`Groups (${count.format(records.groups.length)}), as CSV`}
                />
              </RadioGroup>
            </Field>
            {(what === "all" || what === "listed") && (
              <Field label="Format">
                <RadioGroup
                  value={format}
                  onChange={(_, data) => setFormat(data.value as ContactFormat)}
                >
                  {FORMATS.map((f) => (
                    <Radio key={f.value} value={f.value} label={f.label} />
                  ))}
                </RadioGroup>
              </Field>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={save}>
              Export
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
