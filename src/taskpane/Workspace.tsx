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
import { CompaniesTab } from "./companies/CompaniesTab";
import { ContactsTab } from "./contacts/ContactsTab";
import { GroupsTab } from "./groups/GroupsTab";
import type { DatabaseState } from "./useDatabase";
import { DatabasePanel } from "./database/DatabasePanel";
import { ConflictsPanel } from "./offline/ConflictsPanel";
import { NeedsAttentionPanel } from "./offline/NeedsAttentionPanel";
import { OfflineNotices } from "./offline/OfflineNotices";
import { OfflineSettingsDialog } from "./offline/OfflineSettingsDialog";
import { useOfflineCounts } from "./offline/useOfflineCounts";

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

/** The dialog or panel shown over the tabs, if any. */
type Overlay = "database" | "settings" | "conflicts" | "attention";

type TabName = "contacts" | "companies" | "groups";

export function Workspace(props: {
  engine: SyncEngine;
  databaseName: string;
  database: DatabaseState;
}) {
  const { engine, databaseName } = props;
  const styles = useStyles();
  const [tab, setTab] = useState<TabName>("contacts");
  const panelId = useId();
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const counts = useOfflineCounts(engine);
  const menuItems: { key: string; label: string; open: () => void }[] = [
    { key: "database", label: "Database…", open: () => setOverlay("database") },
    { key: "settings", label: "Offline Settings…", open: () => setOverlay("settings") },
    {
      key: "conflicts",
      label: `Conflicts (${counts.conflicts})`,
      open: () => setOverlay("conflicts"),
    },
    {
      key: "attention",
      label: `Needs attention (${counts.needsAttention})`,
      open: () => setOverlay("attention"),
    },
  ];
  const closeOverlay = () => setOverlay(null);

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
      <OfflineNotices
        engine={engine}
        onOpenConflicts={() => setOverlay("conflicts")}
        onOpenNeedsAttention={() => setOverlay("attention")}
      />
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
        <Tab value="companies" aria-controls={panelId}>
          Companies
        </Tab>
        <Tab value="groups" aria-controls={panelId}>
          Groups
        </Tab>
      </TabList>
      <div className={styles.panel} role="tabpanel" id={panelId} aria-label={tab}>
        {tab === "contacts" && <ContactsTab engine={engine} />}
        {tab === "companies" && <CompaniesTab engine={engine} />}
        {tab === "groups" && <GroupsTab engine={engine} />}
      </div>
      {overlay === "database" && (
        <DatabasePanel
          engine={engine}
          databaseName={databaseName}
          database={props.database}
          onClose={closeOverlay}
        />
      )}
      {overlay === "settings" && (
        <OfflineSettingsDialog engine={engine} databaseName={databaseName} onClose={closeOverlay} />
      )}
      {overlay === "conflicts" && <ConflictsPanel engine={engine} onClose={closeOverlay} />}
      {overlay === "attention" && <NeedsAttentionPanel engine={engine} onClose={closeOverlay} />}
    </>
  );
}
