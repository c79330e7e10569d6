/** The task pane: connection status, the selected item's sender, and the shared contacts. */
import {
  Body1,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { lazy, Suspense, useMemo, useRef, useState } from "react";
import { lazyAfterPaint } from "./ui/idle";
import type { OfficeSession } from "../office/office";
import { Loading } from "./ui/Loading";
import { SelectedItem } from "./SelectedItem";
import { signInUnsupported } from "../auth/auth";
import type { ClientServices } from "../client/services";
import { StatusBar } from "./StatusBar";
import { useConnection } from "./useConnection";
import type { RememberedScreen } from "./useDatabase";
import { useDatabase } from "./useDatabase";
import { useFluentTheme } from "./useFluentTheme";
import { mayEdit, useRole } from "./useRole";
import { useSelectedItem } from "./useSelectedItem";
import { useSync } from "./useSync";
import { useSentMailLinks } from "./item/useSentMailLinks";
import type { MailSearch } from "./history/useMailSearch";
import { MailSearchContext } from "./history/useMailSearch";
import { BackfillContext, backfillText, useBackfill } from "./history/useBackfill";
import { useWorkOffline } from "./useWorkOffline";
import type { WorkspaceHandle } from "./Workspace";
import { Workspace, WorkspacePreview } from "./Workspace";

// Said only where this Outlook cannot sign in (NAA missing).
// Says when the database is lost or back: nothing to say before the first paint.
const ConnectionNoticeBar = lazyAfterPaint(() =>
  import("./ConnectionNoticeBar").then((m) => m.ConnectionNoticeBar),
);
const SignInUnsupported = lazy(() =>
  import("./SignInUnsupported").then((m) => ({ default: m.SignInUnsupported })),
);
// The first run's screen (no database yet) loads when it is shown.
const NoDatabase = lazy(() =>
  import("./database/NoDatabase").then((m) => ({ default: m.NoDatabase })),
);
// As does the notice of a database the user lost access to.
const RemovedCopyNotice = lazy(() =>
  import("./database/RemovedCopyNotice").then((m) => ({ default: m.RemovedCopyNotice })),
);

const useStyles = makeStyles({
  // The height is main's, not the provider's: Fluent gives the provider's classes to every
  // portal (toasts, menus), and a full-height portal would cover the pane while it is open.
  main: { display: "flex", flexDirection: "column", minWidth: 0, minHeight: "100vh" },
  notice: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  problem: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
  // Outlook's pane title already shows the add-in's name; this heading is for screen readers.
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

/** What the user did in the workspace's stand-in, handed to the workspace when it comes. */
interface EarlyInput {
  readonly search: string;
  readonly searchFocused: boolean;
  /** A contact whose row was clicked: its card opens. */
  readonly open: string | null;
}

export function App(props: {
  session: OfficeSession;
  services: ClientServices;
  /** Painted while the copy is read (useDatabase.ts, `openRememberedCopy`). */
  remembered?: RememberedScreen | null;
}) {
  const { session, services, remembered } = props;
  const styles = useStyles();
  const theme = useFluentTheme(session.theme);
  const status = useConnection(services.connection);
  const item = useSelectedItem(session);
  const database = useDatabase(services, session.user, status);
  const { view } = database;
  const role = useRole(
    services,
    session.user?.emailAddress ?? null,
    database.databases,
    database.engine?.databaseId ?? null,
  );
  const [workOffline, setWorkOffline] = useWorkOffline();
  const sync = useSync(database.engine, status, services.connection, workOffline);
  useSentMailLinks(services.sentMail, view.kind === "ready" ? view.engine : null, role);
  const problem = database.problem ?? sync?.problem ?? null;
  const workspace = useRef<WorkspaceHandle>(null);
  const [early, setEarly] = useState<EarlyInput>({ search: "", searchFocused: false, open: null });
  const mailSearch = useMemo((): MailSearch | null => {
    const { user } = session;
    const open = services.graphMail;
    return user && open ? { user, open: () => open(user.emailAddress) } : null;
  }, [session, services]);
  const backfill = useBackfill(view.kind === "ready" ? view.engine : null, mailSearch, role);

  return (
    <FluentProvider theme={theme}>
      <main className={styles.main}>
        <h1 className={styles.visuallyHidden}>Business Contact Manager</h1>
        <StatusBar
          status={status}
          showingLocalCopy={view.kind === "ready"}
          sync={sync}
          workOffline={workOffline}
          onWorkOfflineChange={setWorkOffline}
          activity={backfillText(backfill?.state ?? null)}
        />
        {view.kind === "ready" && (
          <Suspense fallback={null}>
            <ConnectionNoticeBar
              status={status}
              workOffline={workOffline}
              autoSwitchOffline={view.engine.settings.autoSwitchOffline}
              onWorkOffline={() => setWorkOffline(true)}
            />
          </Suspense>
        )}
        <SelectedItem
          item={item}
          session={session}
          engine={database.engine}
          canEdit={mayEdit(role)}
          onOpenContact={
            view.kind === "ready"
              ? (contact) => workspace.current?.openContact(contact.id)
              : undefined
          }
        />
        {database.removed && (
          <Suspense fallback={null}>
            <RemovedCopyNotice
              key={database.removed.database.id}
              removed={database.removed}
              onDelete={database.deleteRemoved}
              onDismiss={database.dismissRemoved}
            />
          </Suspense>
        )}
        {signInUnsupported(services.authConfig, session.nestedAppAuth) ? (
          <Suspense fallback={null}>
            <SignInUnsupported />
          </Suspense>
        ) : (
          problem && (
            <MessageBar intent="error" className={styles.problem}>
              <MessageBarBody>{problem}</MessageBarBody>
            </MessageBar>
          )
        )}
        {view.kind === "loading" &&
          (remembered ? (
            <WorkspacePreview
              databaseName={remembered.database.name}
              screen={remembered.screen}
              search={early.search}
              onSearch={(search) => setEarly((e) => ({ ...e, search }))}
              onSearchFocus={(searchFocused) => setEarly((e) => ({ ...e, searchFocused }))}
              onOpen={(open) => setEarly((e) => ({ ...e, open }))}
            />
          ) : (
            <Spinner className={styles.notice} size="small" label="Loading your contacts…" />
          ))}
        {view.kind === "no-user" && (
          <Body1 className={styles.notice}>
            Open Business Contact Manager from Outlook to see your shared contacts.
          </Body1>
        )}
        {view.kind === "unavailable" && (
          <Body1 className={styles.notice}>
            {status === "offline"
              ? "The database is offline and this computer holds no copy of it yet. Your contacts appear as soon as the database answers."
              : "Your contacts cannot be shown right now."}
          </Body1>
        )}
        {view.kind === "no-database" && (
          <Suspense fallback={<Loading />}>
            <NoDatabase
              ownerName={session.user?.displayName ?? ""}
              online={status !== "offline"}
              creating={database.creating}
              onCreate={database.createDatabase}
              onCheckAgain={database.refresh}
            />
          </Suspense>
        )}
        {view.kind === "ready" && (
          <MailSearchContext value={mailSearch}>
            <BackfillContext value={backfill}>
              <Workspace
                engine={view.engine}
                databaseName={view.database.name}
                database={database}
                role={role}
                session={session}
                initialSearch={{ text: early.search, focused: early.searchFocused }}
                initialContactId={early.open}
                ref={workspace}
              />
            </BackfillContext>
          </MailSearchContext>
        )}
      </main>
    </FluentProvider>
  );
}
