/**
 * The harness page: on the left, what a user does in Outlook (select an item, move it to
 * another folder, press a ribbon button, write and send an e-mail, close or open the task pane)
 * and what Outlook shows in return (notifications, send events); on the right, the task pane
 * at Outlook's pane width.
 */
import {
  Body1,
  Button,
  Caption1,
  Field,
  FluentProvider,
  Input,
  makeStyles,
  mergeClasses,
  Radio,
  RadioGroup,
  Subtitle2,
  Textarea,
  Title3,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { useEffect, useId, useReducer, useRef, useState } from "react";
import type { ComposeSession, FakeMailbox, SampleItem } from "../office/fake-mailbox";
import { ITEM_CHANGED, parseRecipients } from "../office/fake-mailbox";

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
  closedPane: {
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalL,
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
/** The name of the frame of a send event's runtime: src/office/office.ts looks for it. */
const EVENT_RUNTIME = "bcm-event-runtime";
/** The action commands.html associates for OnMessageSend (manifest.xml). */
const SEND_HANDLER = "onMessageSendHandler";
/** How long the harness waits for the send handler before sending anyway. */
const SEND_HANDLER_WITHIN_MS = 30_000;

/** A message the user sent, or tried to, and what came of its send event. */
interface SendRun {
  readonly id: number;
  readonly subject: string;
  /** `null` while the add-in has not answered. */
  readonly outcome: string | null;
}

/** The "New e-mail" form. */
interface Draft {
  readonly to: string;
  readonly cc: string;
  readonly bcc: string;
  readonly subject: string;
  readonly body: string;
}

const EMPTY_DRAFT: Draft = { to: "", cc: "", bcc: "", subject: "", body: "" };

/** The options of `event.completed` an OnMessageSend handler may give (Mailbox 1.12). */
interface SendCompletedOptions {
  readonly allowEvent?: unknown;
  readonly errorMessage?: unknown;
}

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

/**
 * Runs a send handler as Outlook does: with an event to complete, within `timeoutMs`.
 * Resolves with the options it completed with, or "timeout". A handler that throws does not
 * answer (Outlook then waits as well).
 */
function sendEventOutcome(
  handler: (event: unknown) => unknown,
  timeoutMs: number,
): Promise<SendCompletedOptions | "timeout"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), timeoutMs);
    const event = {
      type: "messageSend",
      completed: (options?: SendCompletedOptions) => {
        clearTimeout(timer);
        resolve(options ?? {});
      },
    };
    try {
      handler(event);
    } catch (error) {
      console.error(`${SEND_HANDLER} threw`, error);
    }
  });
}

function describeItem(item: SampleItem, userAddress: string): string {
  if (item.itemType === "appointment") return `Meeting organized by ${item.organizer.displayName}`;
  if (item.from.emailAddress !== userAddress) return `E-mail from ${item.from.displayName}`;
  const recipients = [...item.to, ...item.cc].map((person) => person.displayName).join(", ");
  return recipients === "" ? "E-mail sent" : `E-mail sent to ${recipients}`;
}

export function Harness(props: {
  mailbox: FakeMailbox;
  items: readonly SampleItem[];
  search: string;
  /**
   * Lends the frames the message being sent (`window.__bcmHarness.compose`) while its send
   * event runs, `null` after.
   */
  lendCompose: (session: ComposeSession | null) => void;
}) {
  const { mailbox, search, lendCompose } = props;
  // A moved item gets a new id: the list follows it.
  const [items, setItems] = useState(props.items);
  const styles = useStyles();
  const pickerId = useId();
  const commandsId = useId();
  const notificationsId = useId();
  const formsId = useId();
  const composeId = useId();
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
  const [paneOpen, setPaneOpen] = useState(true);
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [sendRuns, setSendRuns] = useState<readonly SendRun[]>([]);
  // A send event's runtime: a frame of its own per event, as Outlook starts one.
  const [eventRuntime, setEventRuntime] = useState<{ id: number; loaded: () => void } | null>(null);
  const eventFrame = useRef<HTMLIFrameElement>(null);
  const nextSendId = useRef(1);

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

  const user = mailbox.userProfile;
  const recipients = {
    to: parseRecipients(draft.to, user.emailAddress),
    cc: parseRecipients(draft.cc, user.emailAddress),
    bcc: parseRecipients(draft.bcc, user.emailAddress),
  };
  const sending = sendRuns.some((run) => run.outcome === null);
  const edit = (field: keyof Draft) => (_: unknown, data: { value: string }) =>
    setDraft((current) => ({ ...current, [field]: data.value }));

  /**
   * Sends the e-mail as Outlook does with an OnMessageSend add-in: the handler runs in a
   * runtime of its own and decides. The message goes when it allows it, and also when it does
   * not answer in time or there is no handler, as the manifest's SendMode "PromptUser" lets the
   * user send when the add-in is unavailable.
   */
  const send = async () => {
    const id = nextSendId.current++;
    const { subject } = draft;
    const session = mailbox.compose({ ...recipients, subject, body: draft.body });
    const report = (outcome: string) =>
      setSendRuns((all) => all.map((run) => (run.id === id ? { ...run, outcome } : run)));
    setSendRuns((all) => [{ id, subject, outcome: null }, ...all]);
    lendCompose(session);
    await new Promise<void>((loaded) => setEventRuntime({ id, loaded }));
    const handler = await associated(eventFrame.current, SEND_HANDLER);
    const outcome = handler ? await sendEventOutcome(handler, SEND_HANDLER_WITHIN_MS) : null;
    setEventRuntime(null);
    lendCompose(null);
    if (outcome !== null && outcome !== "timeout" && outcome.allowEvent === false) {
      const message = outcome.errorMessage;
      report(`Not sent: ${typeof message === "string" ? message : "the add-in blocked it"}`);
      return;
    }
    const sent = session.send();
    setItems((all) => [...all, sent]);
    setDraft(EMPTY_DRAFT);
    report(
      outcome === null
        ? "Sent: no add-in handler registered"
        : outcome === "timeout"
          ? `Sent “${subject}”: the add-in did not answer within ${SEND_HANDLER_WITHIN_MS / 1000} s`
          : `Sent “${subject}”: the add-in allowed it`,
    );
  };

  /**
   * Closes or opens the task pane. Outlook ends a closed pane's runtime, and its ItemChanged
   * handlers with it (the pane is the only runtime that registers any).
   */
  const togglePane = () => {
    if (paneOpen) mailbox.removeHandlerAsync(ITEM_CHANGED);
    setPaneOpen(!paneOpen);
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
          <div className={styles.buttons}>
            <Button onClick={togglePane}>{paneOpen ? "Close task pane" : "Open task pane"}</Button>
          </div>

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
                      <Caption1 className={styles.muted}>
                        {describeItem(item, user.emailAddress)}
                      </Caption1>
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

          <section className={styles.section} aria-labelledby={composeId}>
            <Subtitle2 as="h2" id={composeId} className={styles.heading}>
              New e-mail
            </Subtitle2>
            <Caption1 className={styles.muted}>
              Addresses separated by commas or semicolons, each as address or Name &lt;address&gt;.
            </Caption1>
            <Field label="To">
              <Input value={draft.to} onChange={edit("to")} disabled={sending} />
            </Field>
            <Field label="Cc">
              <Input value={draft.cc} onChange={edit("cc")} disabled={sending} />
            </Field>
            <Field label="Bcc">
              <Input value={draft.bcc} onChange={edit("bcc")} disabled={sending} />
            </Field>
            <Field label="Subject">
              <Input value={draft.subject} onChange={edit("subject")} disabled={sending} />
            </Field>
            <Field label="Body">
              <Textarea
                value={draft.body}
                onChange={edit("body")}
                disabled={sending}
                resize="vertical"
              />
            </Field>
            <div className={styles.buttons}>
              <Button
                appearance="primary"
                disabled={
                  sending ||
                  recipients.to.length + recipients.cc.length + recipients.bcc.length === 0
                }
                onClick={() => void send()}
              >
                Send
              </Button>
            </div>
            {sendRuns.length === 0 ? (
              <Caption1 className={styles.muted}>No e-mail sent yet.</Caption1>
            ) : (
              <ul className={styles.log} aria-label="Send events">
                {sendRuns.map((run) => (
                  <li key={run.id}>
                    <Body1>
                      {run.outcome ?? `Sending “${run.subject}”: waiting for the add-in…`}
                    </Body1>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {eventRuntime && (
            <iframe
              key={eventRuntime.id}
              ref={eventFrame}
              name={EVENT_RUNTIME}
              src={`commands.html${search}`}
              title="Send event runtime"
              hidden
              onLoad={eventRuntime.loaded}
            />
          )}
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
        {paneOpen ? (
          <iframe className={styles.pane} src={`taskpane.html${search}`} title="Task pane" />
        ) : (
          <Caption1 className={mergeClasses(styles.muted, styles.closedPane)}>
            The task pane is closed.
          </Caption1>
        )}
      </div>
    </FluentProvider>
  );
}
