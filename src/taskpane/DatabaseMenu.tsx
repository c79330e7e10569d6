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

export interface DatabaseMenuItem {
  readonly key: string;
  readonly label: string;
  readonly open: () => void;
}

export function DatabaseMenu(props: {
  readonly items: readonly DatabaseMenuItem[];
  /** Opens at once: the stand-in button was clicked. */
  readonly defaultOpen: boolean;
}) {
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
          {props.items.map((item) => (
            <MenuItem key={item.key} onClick={item.open}>
              {item.label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
