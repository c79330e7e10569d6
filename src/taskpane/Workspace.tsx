/**
 * The open database: its name and menu (database panel, Offline Settings, conflicts, needs
 * attention), and tabs for contacts, companies and groups. Each tab and dialog reads and writes
 * through the engine, never waiting on the network.
 */
import {
  Button,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Subtitle2,
  Tab,
  TabList,
  tokens,
} from "@fluentui/react-components";
import { MoreVertical20Regular } from "@fluentui/react-icons";
import { useId, useState } from "react";
import type { SyncEngine } from "../sync/engine";
import { ContactsTab } from "./contacts/ContactsTab";
import type { DatabaseState } from "./useDatabase";

const useStyles = makeStyles({
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
    minWidth: 0,
  },
  name: { flexGrow: 1, minWidth: 0, margin: 0, overflowWrap: "anywhere" },
  tabs: { padding: `0 ${tokens.spacingHorizontalXS}` },
  panel: { display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0 },
});

type TabName = "contacts";

export function Workspace(props: {
  engine: SyncEngine;
  databaseName: string;
  database: DatabaseState;
}) {
  const { engine, databaseName } = props;
  const styles = useStyles();
  const [tab, setTab] = useState<TabName>("contacts");
  const panelId = useId();
  const menuItems: { key: string; label: string; open: () => void }[] = [];

  return (
    <>
      <div className={styles.header}>
        <Subtitle2 as="h2" className={styles.name}>
          {databaseName}
        </Subtitle2>
        {menuItems.length > 0 && (
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button
                appearance="subtle"
                icon={<MoreVertical20Regular />}
                aria-label="Database options"
              />
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {menuItems.map((item) => (
                  <MenuItem key={item.key} onClick={item.open}>
                    {item.label}
                  </MenuItem>
                ))}
              </MenuList>
            </MenuPopover>
          </Menu>
        )}
      </div>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as TabName)}
        aria-label="Records"
      >
        <Tab value="contacts" aria-controls={panelId}>
          Contacts
        </Tab>
      </TabList>
      <div className={styles.panel} role="tabpanel" id={panelId} aria-label={tab}>
        {tab === "contacts" && <ContactsTab engine={engine} databaseName={databaseName} />}
      </div>
    </>
  );
}
