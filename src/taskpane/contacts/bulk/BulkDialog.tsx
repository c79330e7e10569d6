/**
 * The dialogs of the bulk actions (BulkBar.tsx): the category to set or clear, the group to add
 * to, the company to set (or none), and the confirmation of a delete. Applying closes the dialog
 * and runs the action in the background (bulk-run.ts): the status bar shows its progress and
 * what it did; a delete offers one Undo that brings every contact back.
 */
import {
  Body1,
  Button,
  Combobox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  Option,
  Select,
} from "@fluentui/react-components";
import { useState } from "react";
import type { SyncEngine } from "../../../sync/engine";
import { WrappingDialogSurface } from "../../ui/WrappingDialogSurface";
import type { ShowUndo } from "../../ui/useUndoToast";
import type { ContactEntry } from "../contact-list";
import { categoryOptions, companyName, groupName, recordOptions } from "../contact-list";
import type { ContactDirectory } from "../useContactDirectory";
import type { BulkAction } from "./bulk-plan";
import { checkCategory } from "./bulk-plan";
import { restoreContacts, runBulk } from "./bulk-run";

export type DialogKind = BulkAction["kind"];

const count = new Intl.NumberFormat();
const contacts = (n: number) => `${count.format(n)} ${n === 1 ? "contact" : "contacts"}`;

const TITLES: Record<DialogKind, string> = {
  "add-category": "Set a category",
  "remove-category": "Clear a category",
  "add-to-group": "Add to a group",
  "set-company": "Set the company",
  delete: "Delete contacts",
};

/** Categories offered while typing: enough to choose from, few enough to scan. */
const SUGGESTIONS = 20;

export function BulkDialog(props: {
  readonly kind: DialogKind;
  readonly engine: SyncEngine;
  readonly directory: ContactDirectory;
  readonly selected: readonly ContactEntry[];
  readonly showUndo: ShowUndo;
  readonly onClose: () => void;
}) {
  const { kind, engine, directory, selected, onClose } = props;
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const n = contacts(selected.length);

  const run = (action: BulkAction) => {
    onClose();
    const ids = selected.map((entry) => entry.id);
    void runBulk(engine, action, ids).then(({ deleted }) => {
      if (deleted.length > 0) {
        props.showUndo(`Deleted ${contacts(deleted.length)}`, () =>
          restoreContacts(engine, deleted),
        );
      }
    });
  };

  const apply = () => {
    switch (kind) {
      case "add-category": {
        const checked = checkCategory(value);
        if ("problem" in checked) setProblem(checked.problem);
        else run({ kind, category: checked.category });
        return;
      }
      case "remove-category":
        if (value === "") setProblem("Choose a category.");
        else run({ kind, category: value });
        return;
      case "add-to-group": {
        const group = directory.groups.find((g) => g.id === value);
        if (group) run({ kind, group });
        else setProblem("Choose a group.");
        return;
      }
      case "set-company": {
        const company = directory.companies.find((c) => c.id === value);
        run({
          kind,
          companyId: company?.id ?? null,
          companyName: company ? companyName(company) : null,
        });
        return;
      }
      case "delete":
        run({ kind });
        return;
    }
  };

  const validation = {
    validationMessage: problem,
    validationState: problem === null ? ("none" as const) : ("error" as const),
  };
  const choose = (next: string) => {
    setValue(next);
    setProblem(null);
  };

  let content;
  let ready = true;
  switch (kind) {
    case "add-category": {
      const typed = value.trim().toLowerCase();
      const options = categoryOptions(directory.entries)
        .filter((o) => o.label.toLowerCase().includes(typed))
        .slice(0, SUGGESTIONS);
      content = (
        <Field label={`Category to add to ${n}`} required {...validation}>
          <Combobox
            freeform
            value={value}
            onChange={(event) => choose(event.target.value)}
            onOptionSelect={(_, data) => choose(data.optionText ?? "")}
          >
            {options.map((o) => (
              <Option key={o.value}>{o.label}</Option>
            ))}
          </Combobox>
        </Field>
      );
      break;
    }
    case "remove-category": {
      // The categories the selected contacts have, whatever their case.
      const options = categoryOptions(selected);
      ready = options.length > 0;
      content = ready ? (
        <ChoiceField
          label={`Category to remove from ${n}`}
          value={value}
          empty="Choose a category"
          options={options.map((o) => ({ value: o.label, label: o.label }))}
          onChange={choose}
          {...validation}
        />
      ) : (
        <Body1>None of the selected contacts has a category.</Body1>
      );
      break;
    }
    case "add-to-group": {
      ready = directory.groups.length > 0;
      content = ready ? (
        <ChoiceField
          label={`Group to add ${n} to`}
          value={value}
          empty="Choose a group"
          options={recordOptions(directory.groups, groupName)}
          onChange={choose}
          {...validation}
        />
      ) : (
        <Body1>This database has no groups yet: make one on the Groups tab.</Body1>
      );
      break;
    }
    case "set-company":
      content = (
        <ChoiceField
          label={`Company of ${n}`}
          value={value}
          empty="No company"
          options={recordOptions(directory.companies, companyName)}
          onChange={choose}
          {...validation}
        />
      );
      break;
    case "delete":
      content = (
        <Body1>
          Delete {n}? They are deleted for everyone in this database. You can undo it right after.
        </Body1>
      );
      break;
  }

  return (
    <Dialog
      open
      // A delete asks to be read before it goes on (an alert dialog).
      modalType={kind === "delete" ? "alert" : "modal"}
      onOpenChange={(_, data) => !data.open && onClose()}
    >
      <WrappingDialogSurface>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
        >
          <DialogBody>
            <DialogTitle>{TITLES[kind]}</DialogTitle>
            <DialogContent>{content}</DialogContent>
            <DialogActions>
              {ready && (
                <Button type="submit" appearance="primary">
                  {kind === "delete" ? `Delete ${n}` : "Apply"}
                </Button>
              )}
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </WrappingDialogSurface>
    </Dialog>
  );
}

/** A drop-down of `options` after a first option `empty` (the value ""). */
function ChoiceField(props: {
  readonly label: string;
  readonly value: string;
  readonly empty: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly onChange: (value: string) => void;
  readonly validationMessage: string | null;
  readonly validationState: "none" | "error";
}) {
  return (
    <Field
      label={props.label}
      validationMessage={props.validationMessage}
      validationState={props.validationState}
    >
      <Select value={props.value} onChange={(_, data) => props.onChange(data.value)}>
        <option value="">{props.empty}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
