/**
 * The harness page: on the left, what a user does in Outlook (select an item, move it to
 * another folder, press a ribbon button) and what Outlook shows in return (notifications); on
 * the right, the task pane at Outlook's pane width.
 */
import {
  Body1,
  Button,
  Caption1,
  FluentProvider,
  makeStyles,
  Radio,
  RadioGroup,
  Subtitle2,
  Title3,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { useEffect, useId, useReducer, useRef, useState } from "react";
import type { FakeMailbox, SampleItem } from "../office/fake-mailbox";

/** Outlook's task pane is about this wide. */
const PANE_WIDTH = 320;
const NOTHING = "none";

const useStyles = makeStyles({
  provider: { height: "100%" },
  page: {
    display: "grid",
    gridTemplateColumns: `minmax(0, 1fr) ${PANE_WIDTH}px`,
    height: "100%",
  },
  controls: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    overflowY: "auto",
  },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  log: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground3 },
  pane: {
    width: `${PANE_WIDTH}px`,
    height: "100%",
    border: "none",
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
});

interface CommandRun {
  readonly id: number;
  readonly label: string;
  readonly startedAt: Date;
  readonly completedAt: Date | null;
  readonly problem: string | null;
}

/** What the harness needs of the function file's window: office.js's action registry. */
type CommandsWindow = Window & {
  Office?: {
    actions?: { _association?: { mappings?: Record<string, unknown> } };
  };
};

/** How long a function file may take to associate its actions once loaded. */
const ASSOCIATE_WITHIN_MS = 10_000;

/** The function file's action for `actionId`, once office.js in `frame` has associated it. */
async function associated(
  frame: HTMLIFrameElement | null,
  actionId: string,
): Promise<((event: unknown) => unknown) | null> {
  for (const deadline = Date.now() + ASSOCIATE_WITHIN_MS; ;) {
    const commands = frame?.contentWindow as CommandsWindow | null | undefined;
    const action = commands?.Office?.actions?._association?.mappings?.[actionId.toUpperCase()];
    if (typeof action === "function") return action as (event: unknown) => unknown;
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function describeItem(item: SampleItem): string {
  return item.itemType === "message"
    ? `E-mail from ${item.from.displayName}`
    : `Meeting organized by ${item.organizer.displayName}`;
}

export function Harness(props: {
  mailbox: FakeMailbox;
  items: readonly SampleItem[];
  search: string;
}) {
  const { mailbox, search } = props;
  // A moved item gets a new id: the list follows it.
  const [items, setItems] = useState(props.items);
  const styles = useStyles();
  const pickerId = useId();
  const commandsId = useId();
  const notificationsId = useId();
  const formsId = useId();
  const [selected, setSelected] = useState(mailbox.item?.itemId ?? NOTHING);
  const [, mailboxChanged] = useReducer((n: number) => n + 1, 0);
  const [runs, setRuns] = useState<readonly CommandRun[]>([]);
  // Outlook loads a function file when one of its commands is first used, not with the pane.
  const [commandsWanted, setCommandsWanted] = useState(false);
  const commandsFrame = useRef<HTMLIFrameElement>(null);
  const [commandsLoaded] = useState(() => {
    let loaded = () => {};
    const promise = new Promise<void>((resolve) => (loaded = resolve));
    return { promise, loaded };
  });
  const nextRunId = useRef(1);

  useEffect(() => mailbox.subscribe(mailboxChanged), [mailbox]);

  const select = (value: string) => {
    setSelected(value);
    mailbox.select(items.find((item) => item.itemId === value) ?? null);
  };

  /** Moves the selected item to another folder, as a user or a rule does in Outlook. */
  const move = () => {
    const moved = mailbox.move(selected);
    setItems((all) => all.map((item) => (item.itemId === selected ? moved : item)));
    setSelected(NOTHING);
  };

  /** Calls the function file's action as Outlook does: by name, with an event to complete. */
  const press = (actionId: string, label: string) => {
    const id = nextRunId.current++;
    const update = (change: Partial<CommandRun>) =>
      setRuns((all) => all.map((run) => (run.id === id ? { ...run, ...change } : run)));
    setRuns((all) => [
      { id, label, startedAt: new Date(), completedAt: null, problem: null },
      ...all,
    ]);
    setCommandsWanted(true);
    void commandsLoaded.promise.then(() => run(actionId, update));
  };

  const run = async (actionId: string, update: (change: Partial<CommandRun>) => void) => {
    const action = await associated(commandsFrame.current, actionId);
    if (action === null) {
      update({ problem: `commands.html did not associate "${actionId}"` });
      return;
    }
    const event = {
      source: { id: actionId },
      completed: () => update({ completedAt: new Date() }),
    };
    try {
      action(event);
    } catch (error) {
      update({ problem: `${actionId} threw: ${String(error)}` });
    }
  };

  const notifications = mailbox.item ? mailbox.notificationsOf(mailbox.item.itemId) : [];

  return (
    <FluentProvider theme={webLightTheme} className={styles.provider}>
      <div className={styles.page}>
        <main className={styles.controls}>
          <Title3 as="h1" className={styles.heading}>
            Business Contact Manager: browser harness
          </Title3>
          <Body1>
            Outlook signed in as {mailbox.userProfile.displayName} (
            {mailbox.userProfile.emailAddress}). Selecting an item here changes Outlook&apos;s
            selection, as in a pinned task pane.
          </Body1>

          <section className={styles.section} aria-labelledby={pickerId}>
            <Subtitle2 as="h2" id={pickerId} className={styles.heading}>
              Selected item in Outlook
            </Subtitle2>
            <RadioGroup
              aria-labelledby={pickerId}
              value={selected}
              onChange={(_, data) => select(data.value)}
            >
              <Radio value={NOTHING} label="No item selected" />
              {items.map((item) => (
                <Radio
                  key={item.itemId}
                  value={item.itemId}
                  label={
                    <>
                      {item.subject}
                      <br />
                      <Caption1 className={styles.muted}>{describeItem(item)}</Caption1>
                    </>
                  }
                />
              ))}
            </RadioGroup>
            <div className={styles.buttons}>
              <Button disabled={selected === NOTHING} onClick={move}>
                Move to another folder
              </Button>
            </div>
          </section>

          <section className={styles.section} aria-labelledby={commandsId}>
            <Subtitle2 as="h2" id={commandsId} className={styles.heading}>
              Ribbon commands
            </Subtitle2>
            <div className={styles.buttons}>
              <Button onClick={() => press("toggleWorkOffline", "Work offline")}>
                Work offline
              </Button>
              <Button onClick={() => press("syncNow", "Sync now")}>Sync now</Button>
            </div>
            {runs.length === 0 ? (
              <Caption1 className={styles.muted}>No command has run yet.</Caption1>
            ) : (
              <ul className={styles.log} aria-label="Command runs">
                {runs.map((run) => (
                  <li key={run.id}>
                    <Body1>
                      {run.label} at {run.startedAt.toLocaleTimeString()}:{" "}
                      {run.problem ??
                        (run.completedAt
                          ? `completed() called at ${run.completedAt.toLocaleTimeString()}`
                          : "waiting for completed()")}
                    </Body1>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className={styles.section} aria-labelledby={notificationsId}>
            <Subtitle2 as="h2" id={notificationsId} className={styles.heading}>
              Notifications on the selected item
            </Subtitle2>
            {notifications.length === 0 ? (
              <Caption1 className={styles.muted}>None.</Caption1>
            ) : (
              <ul className={styles.log} aria-labelledby={notificationsId}>
                {notifications.map((notification) => (
                  <li key={notification.key}>
                    <Body1>{notification.message}</Body1>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className={styles.section} aria-labelledby={formsId}>
            <Subtitle2 as="h2" id={formsId} className={styles.heading}>
              Items the add-in asked Outlook to open
            </Subtitle2>
            {mailbox.formCalls.length === 0 ? (
              <Caption1 className={styles.muted}>None.</Caption1>
            ) : (
              <ul className={styles.log} aria-labelledby={formsId}>
                {mailbox.formCalls.map((call, i) => (
                  <li key={i}>
                    <Body1>
                      {call.found
                        ? `Opened ${call.form === "message" ? "e-mail" : "appointment"}: ${call.subject ?? ""}`
                        : `Not found: ${call.itemId}`}
                    </Body1>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {commandsWanted && (
            <iframe
              ref={commandsFrame}
              src={`commands.html${search}`}
              title="Ribbon function file"
              hidden
              onLoad={commandsLoaded.loaded}
            />
          )}
        </main>
        <iframe className={styles.pane} src={`taskpane.html${search}`} title="Task pane" />
      </div>
    </FluentProvider>
  );
}
