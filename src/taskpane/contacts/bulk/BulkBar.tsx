/**
 * The bar over the contact list while contacts are selected: how many, "Select all" the
 * search's results, the actions on them and Clear selection, compact enough for a 320 px pane.
 * Editors get every action; readers, who cannot change records, only Export. Loaded with the
 * first selection (ContactsTab), as are its dialogs (BulkDialog.tsx).
 */
import {
  Button,
  Caption1Strong,
  makeStyles,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  tokens,
} from "@fluentui/react-components";
import type { Dispatch, SetStateAction } from "react";
import { useEffect, useMemo, useState } from "react";
import type { SyncEngine } from "../../../sync/engine";
import type { ListedContacts } from "../../export/export-records";
import { DismissButton } from "../../ui/DismissButton";
import type { Selection } from "../../ui/selection";
import { keep, NO_SELECTION, select } from "../../ui/selection";
import { useCanEdit } from "../../ui/useCanEdit";
import type { ShowUndo } from "../../ui/useUndoToast";
import type { ContactEntry } from "../contact-list";
import type { ContactDirectory } from "../useContactDirectory";
import type { DialogKind } from "./BulkDialog";
import { BulkDialog } from "./BulkDialog";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1Selected,
  },
  count: { flexGrow: 1 },
});

const count = new Intl.NumberFormat();

const EDITS: readonly { readonly kind: DialogKind; readonly label: string }[] = [
  { kind: "add-category", label: "Set category…" },
  { kind: "remove-category", label: "Clear category…" },
  { kind: "add-to-group", label: "Add to group…" },
  { kind: "set-company", label: "Set company…" },
];

export function BulkBar(props: {
  readonly engine: SyncEngine;
  readonly directory: ContactDirectory;
  /** The list's results: the selection is among them (selection.ts, `keep`). */
  readonly results: readonly ContactEntry[];
  readonly selection: Selection;
  readonly onSelectionChange: Dispatch<SetStateAction<Selection>>;
  readonly showUndo: ShowUndo;
  /** Export…; not offered when undefined. */
  readonly onExport: ((listed: ListedContacts) => void) | undefined;
}) {
  const { results, selection, onSelectionChange, onExport } = props;
  const styles = useStyles();
  const canEdit = useCanEdit();
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  // A search or filter that hides selected contacts deselects them (selection.ts). The bar is
  // there whenever contacts are selected.
  useEffect(
    () => onSelectionChange((s) => keep(s, results, (e) => e.id)),
    [results, onSelectionChange],
  );
  const selected = useMemo(
    () => results.filter((entry) => selection.keys.has(entry.id)),
    [results, selection],
  );
  const n = selected.length;
  return (
    <div role="group" aria-label="Selected contacts" className={styles.bar}>
      <Caption1Strong className={styles.count} aria-live="polite">
        {count.format(n)} selected
      </Caption1Strong>
      {n < results.length && (
        <Button
          size="small"
          appearance="subtle"
          onClick={() => onSelectionChange((s) => select(s, "all", results, (e) => e.id, 0))}
        >
          Select all {count.format(results.length)}
        </Button>
      )}
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton size="small">Actions</MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {canEdit &&
              EDITS.map((item) => (
                <MenuItem key={item.kind} onClick={() => setDialog(item.kind)}>
                  {item.label}
                </MenuItem>
              ))}
            {onExport && (
              <MenuItem
                onClick={() =>
                  onExport({ contacts: selected.map((entry) => entry.record), selected: true })
                }
              >
                Export…
              </MenuItem>
            )}
            {canEdit && <MenuItem onClick={() => setDialog("delete")}>Delete…</MenuItem>}
          </MenuList>
        </MenuPopover>
      </Menu>
      <DismissButton label="Clear selection" onClick={() => onSelectionChange(NO_SELECTION)} />
      {dialog !== null && (
        <BulkDialog
          kind={dialog}
          engine={props.engine}
          directory={props.directory}
          selected={selected}
          showUndo={props.showUndo}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
