/**
 * The open database: its name and menu (database panel, Offline Settings, conflicts, needs
 * attention), and tabs for contacts, companies and groups. Each tab and dialog reads and writes
 * through the engine, never waiting on the network.
 *
 * The contact directory (entries and search index) lives here, shared by the tabs, so that
 * switching tabs does not index 10,000 contacts again. What the first paint does not need is
 * loaded on first use (the Companies and Groups tabs, the menu's panels and dialogs) or right
 * after that paint (the menu itself).
 */
import {
  Button,
  Caption1,
  makeStyles,
  Subtitle2,
  Tab,
  TabList,
  tokens,
} from "@fluentui/react-components";
import { MoreVertical20Regular } from "@fluentui/react-icons/svg/more-vertical";
import type { ComponentProps, Ref } from "react";
import { lazy, Suspense, useCallback, useId, useImperativeHandle, useState } from "react";
import type { OfficeSession } from "../office/office";
import type { Role } from "../shared/protocol";
import type { SyncEngine } from "../sync/engine";
import type { ViewRecord } from "../sync/view";
import { ContactsTab } from "./contacts/ContactsTab";
import type { ListedContacts } from "./export/export-records";
import { ContactListPreview } from "./contacts/ContactList";
import { lazyAfterPaint } from "./ui/idle";
import { Loading } from "./ui/Loading";
import { CanEdit } from "./ui/useCanEdit";
import { useContactDirectory } from "./contacts/useContactDirectory";
import { OpenItemProblem } from "./item/OpenItemProblem";
import type { OpenInOutlook } from "./item/useOpenInOutlook";
import { useOpenInOutlook } from "./item/useOpenInOutlook";
import { useOfflineCounts } from "./offline/useOfflineCounts";
import { useVanishedCopy } from "./database/useVanishedCopy";
import type { MenuChoice } from "./DatabaseMenu";
import type { PrintJob } from "./print/PrintOverlay";
import type { DatabaseState } from "./useDatabase";
import { mayEdit } from "./useRole";
import { useFileDrop } from "./import/useFileDrop";

const DatabaseMenu = lazyAfterPaint(() => import("./DatabaseMenu").then((m) => m.DatabaseMenu));
// What waits for the user (conflicts, refused changes) is said once the list painted.
const OfflineNotices = lazyAfterPaint(() =>
  import("./offline/OfflineNotices").then((m) => m.OfflineNotices),
);
const CompaniesTab = lazy(() =>
  import("./companies/CompaniesTab").then((m) => ({ default: m.CompaniesTab })),
);
const GroupsTab = lazy(() => import("./groups/GroupsTab").then((m) => ({ default: m.GroupsTab })));
// The dialogs and panels over the tabs, loaded when one is first opened.
const WorkspaceOverlays = lazy(() =>
  import("./WorkspaceOverlays").then((m) => ({ default: m.WorkspaceOverlays })),
);

const useStyles = makeStyles({
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
    minWidth: 0,
  },
  name: { flexGrow: 1, minWidth: 0, margin: 0, overflowWrap: "anywhere" },
  readOnly: {
    padding: `0 ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground3,
  },
  tabs: { padding: `0 ${tokens.spacingHorizontalXS}` },
  panel: { display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0 },
  // Where the card that "Open in Outlook" was clicked on is scrolled to, this stays in view.
  problem: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
});

/** The dialog or panel shown over the tabs, if any. */
export type Overlay =
  | "database"
  | "settings"
  | "log"
  | "conflicts"
  | "attention"
  | "import"
  | "undo-import"
  | "duplicates"
  | "export";

type TabName = "contacts" | "companies" | "groups";

export interface WorkspaceProps {
  readonly engine: SyncEngine;
  readonly databaseName: string;
  readonly database: DatabaseState;
  /** The user's role in it; `null` while not known (useRole.ts). */
  readonly role: Role | null;
  /** Outlook: history items linked to an Outlook item offer "Open in Outlook" when given. */
  readonly session?: OfficeSession;
  /** What was typed into the stand-in's search box (`WorkspacePreview`), and whether it had focus. */
  readonly initialSearch?: { readonly text: string; readonly focused: boolean };
  /** The contact whose card shows first (its row was clicked in the stand-in). */
  readonly initialContactId?: string | null;
  readonly ref?: Ref<WorkspaceHandle>;
}

/** What the pane around the workspace can ask of it. */
export interface WorkspaceHandle {
  /** Shows the contact's card in the Contacts tab ("Open contact" beside the e-mail). */
  openContact(id: string): void;
}

export function Workspace(props: WorkspaceProps) {
  const { session } = props;
  return session ? <OutlookWorkspace {...props} session={session} /> : <WorkspaceView {...props} />;
}

/**
 * The workspace's stand-in while the offline copy is read: the database's name, the tabs, and
 * the contact list's first screen as it was last time (contacts/first-screen.ts).
 */
export function WorkspacePreview({
  databaseName,
  ...list
}: { readonly databaseName: string } & ComponentProps<typeof ContactListPreview>) {
  const styles = useStyles();
  const panelId = useId();
  return (
    <>
      <div className={styles.header}>
        <Subtitle2 as="h2" className={styles.name}>
          {databaseName}
        </Subtitle2>
        <Button
          appearance="subtle"
          icon={<MoreVertical20Regular />}
          aria-label="Database options"
          disabled
        />
      </div>
      <RecordTabs selected="contacts" panelId={panelId} />
      <div className={styles.panel} role="tabpanel" id={panelId} aria-label="contacts">
        <ContactListPreview {...list} />
      </div>
    </>
  );
}

/** The tabs over the records; without `onSelect` (the stand-in) only Contacts is offered. */
function RecordTabs(props: {
  readonly selected: TabName;
  readonly panelId: string;
  readonly onSelect?: (tab: TabName) => void;
}) {
  const { panelId, onSelect } = props;
  const styles = useStyles();
  const tab = (value: TabName, label: string) => (
    <Tab value={value} aria-controls={panelId} disabled={!onSelect && value !== "contacts"}>
      {label}
    </Tab>
  );
  return (
    <TabList
      className={styles.tabs}
      size="small"
      selectedValue={props.selected}
      {...(onSelect ? { onTabSelect: (_, data) => onSelect(data.value as TabName) } : {})}
      aria-label="Records"
    >
      {tab("contacts", "Contacts")}
      {tab("companies", "Companies")}
      {tab("groups", "Groups")}
    </TabList>
  );
}

function OutlookWorkspace(props: WorkspaceProps & { readonly session: OfficeSession }) {
  const opener = useOpenInOutlook(props.session);
  return <WorkspaceView {...props} opener={opener} />;
}

function WorkspaceView(props: WorkspaceProps & { readonly opener?: OpenInOutlook }) {
  const { engine, databaseName, database, role, opener, ref } = props;
  const styles = useStyles();
  const [tab, setTab] = useState<TabName>("contacts");
  // A contact asked for from outside: the Contacts tab opens anew on its card (`n` tells two
  // requests for the same contact apart).
  const [contactRequest, setContactRequest] = useState<{ id: string; n: number } | null>(() =>
    props.initialContactId ? { id: props.initialContactId, n: 0 } : null,
  );
  // Handed to the Contacts tab the first time it shows its list only.
  const [earlySearch, setEarlySearch] = useState(props.initialSearch ?? null);
  const panelId = useId();
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  // The stand-in menu button was clicked before the menu loaded: it opens once loaded.
  const [menuWanted, setMenuWanted] = useState(false);
  const counts = useOfflineCounts(engine);
  // Read when the workspace first shows the copy: the notices load after the first paint.
  const vanished = useVanishedCopy(engine);
  const directory = useContactDirectory(engine);
  const canEdit = mayEdit(role);
  // A file dropped on the pane opens the import with it.
  const [dropped, setDropped] = useState<File | null>(null);
  // What is shown to print: the list's contacts (Print list), or the reports.
  const [printJob, setPrintJob] = useState<PrintJob | null>(null);
  // The contacts the list showed (or had selected) when its Export was clicked; null from the menu.
  const [exportList, setExportList] = useState<ListedContacts | null>(null);
  const onDrop = useCallback((file: File) => {
    setDropped(file);
    setOverlay("import");
  }, []);
  useFileDrop(canEdit, onDrop);
  const openItem: { onOpenHistoryItem?: (item: ViewRecord) => void } = opener
    ? { onOpenHistoryItem: opener.openItem }
    : {};
  const openFromMenu = (choice: MenuChoice) =>
    choice === "reports" ? setPrintJob({ kind: "reports" }) : setOverlay(choice);
  const closeOverlay = () => {
    setOverlay(null);
    setDropped(null);
    setExportList(null);
  };
  useImperativeHandle(ref, () => ({
    openContact(id: string) {
      setTab("contacts");
      setContactRequest((r) => ({ id, n: (r?.n ?? 0) + 1 }));
      setEarlySearch(null);
    },
  }));

  return (
    <CanEdit value={canEdit}>
      <div className={styles.header}>
        <Subtitle2 as="h2" className={styles.name}>
          {databaseName}
        </Subtitle2>
        <Suspense
          fallback={
            <Button
              appearance="subtle"
              icon={<MoreVertical20Regular />}
              aria-label="Database options"
              aria-haspopup="menu"
              onClick={() => setMenuWanted(true)}
            />
          }
        >
          <DatabaseMenu
            counts={counts}
            canEdit={canEdit}
            onOpen={openFromMenu}
            defaultOpen={menuWanted}
          />
        </Suspense>
      </div>
      {!canEdit && (
        <Caption1 className={styles.readOnly}>
          {role === "reader"
            ? "You can read this database but not change it."
            : "Changes are offered once the database confirms your role."}
        </Caption1>
      )}
      <Suspense fallback={null}>
        <OfflineNotices
          engine={engine}
          databaseName={databaseName}
          onOpenConflicts={() => setOverlay("conflicts")}
          onOpenNeedsAttention={() => setOverlay("attention")}
          vanished={vanished}
        />
      </Suspense>
      <RecordTabs
        selected={tab}
        panelId={panelId}
        onSelect={(next) => {
          setTab(next);
          setContactRequest(null);
          setEarlySearch(null);
        }}
      />
      <div className={styles.panel} role="tabpanel" id={panelId} aria-label={tab}>
        <Suspense fallback={<Loading />}>
          {tab === "contacts" && (
            <ContactsTab
              key={contactRequest?.n ?? 0}
              engine={engine}
              directory={directory}
              initialContactId={contactRequest?.id ?? null}
              {...(earlySearch && contactRequest === null ? { initialSearch: earlySearch } : {})}
              onExport={(listed) => {
                setExportList(listed);
                setOverlay("export");
              }}
              onPrint={(entries, query) => setPrintJob({ kind: "list", entries, query })}
              {...openItem}
            />
          )}
          {tab === "companies" && (
            <CompaniesTab engine={engine} directory={directory} {...openItem} />
          )}
          {tab === "groups" && <GroupsTab engine={engine} directory={directory} {...openItem} />}
        </Suspense>
      </div>
      {opener && opener.problem !== null && (
        <div className={styles.problem}>
          <OpenItemProblem opener={opener} />
        </div>
      )}
      {(overlay !== null || printJob !== null) && (
        <Suspense fallback={<Loading />}>
          <WorkspaceOverlays
            overlay={overlay}
            printJob={printJob}
            engine={engine}
            databaseName={databaseName}
            database={database}
            directory={directory}
            dropped={dropped}
            exportList={exportList}
            onClose={closeOverlay}
            onClosePrint={() => setPrintJob(null)}
          />
        </Suspense>
      )}
    </CanEdit>
  );
}
