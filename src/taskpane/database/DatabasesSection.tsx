/**
 * "Your databases": the databases the user is a member of, the open one marked, any other
 * opened with one button; a new one created; the list checked again (after a colleague shared
 * one).
 */
import {
  Badge,
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowClockwise20Regular } from "@fluentui/react-icons";
import { useId, useState } from "react";
import type { DatabaseState } from "../useDatabase";
import { CreateDatabaseForm } from "./CreateDatabaseForm";
import { roleName } from "./roles";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  item: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  texts: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0 },
  name: { overflowWrap: "anywhere" },
  detail: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export function DatabasesSection(props: {
  database: DatabaseState;
  currentId: string;
  /** After another database was opened. */
  onOpened: () => void;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { database, currentId, onOpened } = props;
  const [busy, setBusy] = useState<"open" | "check" | null>(null);

  const open = async (id: string, name: string) => {
    setBusy("open");
    try {
      await database.selectDatabase({ id, name });
      onOpened();
    } finally {
      setBusy(null);
    }
  };
  const checkAgain = async () => {
    setBusy("check");
    try {
      await database.refresh();
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        Your databases
      </Subtitle2>
      {database.problem && (
        <MessageBar intent="error">
          <MessageBarBody>{database.problem}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.list} aria-labelledby={headingId}>
        {database.databases.map((d) => (
          <li key={d.id} className={styles.item}>
            <div className={styles.texts}>
              <Text weight="semibold" className={styles.name}>
                {d.name}
              </Text>
              <Caption1 className={styles.detail}>
                {roleName(d.role)}
                {d.syncSet === null ? "" : ` · sync set ${d.syncSet}`}
              </Caption1>
            </div>
            {d.id === currentId ? (
              <Badge appearance="tint">Open now</Badge>
            ) : (
              <Button
                size="small"
                disabled={busy !== null}
                aria-label={`Open ${d.name}`}
                onClick={() => void open(d.id, d.name)}
              >
                Open
              </Button>
            )}
          </li>
        ))}
      </ul>
      {database.databases.length === 0 && (
        <Body1>Your databases are listed once the shared database answers.</Body1>
      )}
      <div className={styles.row}>
        <Button
          icon={
            busy === "check" ? <Spinner size="tiny" aria-hidden /> : <ArrowClockwise20Regular />
          }
          disabled={busy !== null}
          onClick={() => void checkAgain()}
        >
          Check again
        </Button>
      </div>
      <Caption1 className={styles.detail}>
        A database a colleague shares with you appears here once you check again.
      </Caption1>
      <Subtitle2 as="h4" className={styles.heading}>
        New database
      </Subtitle2>
      <CreateDatabaseForm
        // A new database in the list was created by this form: start the next one afresh.
        key={database.databases.length}
        initialName=""
        online
        creating={database.creating}
        onCreate={database.createDatabase}
      />
    </section>
  );
}
