/**
 * The "Database options" menu beside the database's name. Workspace loads it after the pane's
 * first paint (Fluent's menu brings its positioning engine along) and shows a stand-in button
 * until then; a click on that one opens the menu once it has loaded.
 */
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from "@fluentui/react-components";
import { MoreVertical20Regular } from "@fluentui/react-icons/svg/more-vertical";

import type { Overlay } from "./Workspace";

/** What the menu opens: a dialog or panel over the tabs, or the reports. */
export type MenuChoice = Overlay | "reports";

export function DatabaseMenu(props: {
  /** How many conflicts and refused changes wait: the menu says so. */
  readonly counts: { readonly conflicts: number; readonly needsAttention: number };
  /** Whether the user may change the database: importing and merging are offered. */
  readonly canEdit: boolean;
  readonly onOpen: (choice: MenuChoice) => void;
  /** Opens at once: the stand-in button was clicked. */
  readonly defaultOpen: boolean;
}) {
  const { counts, canEdit } = props;
  const items: ReadonlyArray<readonly [MenuChoice, string]> = [
    ["database", "Database…"],
    ["settings", "Offline Settings…"],
    ["log", "Sync log…"],
    ["conflicts", `Conflicts (${counts.conflicts})`],
    ["attention", `Needs attention (${counts.needsAttention})`],
    ...(canEdit
      ? ([
          ["import", "Import contacts…"],
          ["undo-import", "Undo import…"],
          ["duplicates", "Find duplicates…"],
        ] as const)
      : []),
    ["export", "Export…"],
    ["reports", "Reports…"],
  ];
  return (
    <Menu defaultOpen={props.defaultOpen}>
      <MenuTrigger disableButtonEnhancement>
        <Button
          appearance="subtle"
          icon={<MoreVertical20Regular />}
          aria-label="Database options"
        />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {items.map(([choice, label]) => (
            <MenuItem key={choice} onClick={() => props.onOpen(choice)}>
              {label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
