/**
 * "E-mail linking": the user's own choices for this database (src/browser/auto-link.ts), kept on
 * this computer. E-mails from contacts are linked when the pane shows them; e-mails the user
 * sends to contacts are linked whether the pane is open or not (Outlook's send event,
 * docs/outlook-clients.md says which Outlooks raise it). An owner can also have the e-mails of
 * every contact found in their mailbox (history/useBackfill.ts), where the build has Graph.
 */
import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Switch,
  tokens,
} from "@fluentui/react-components";
import { useId, useState } from "react";
import { useAutoLink } from "../item/useAutoLink";
import type { Backfill } from "../history/useBackfill";
import { backfillText, useBackfillControl } from "../history/useBackfill";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  detail: { color: tokens.colorNeutralForeground3 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export function EmailLinkingSection(props: { databaseId: string }) {
  const styles = useStyles();
  const headingId = useId();
  const [received, setReceived] = useAutoLink("received", props.databaseId);
  const [sent, setSent] = useAutoLink("sent", props.databaseId);
  const backfill = useBackfillControl();
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        E-mail linking
      </Subtitle2>
      <Switch
        checked={received}
        onChange={(_, data) => setReceived(data.checked)}
        label="Link e-mails from my contacts when I read them"
      />
      <Switch
        checked={sent}
        onChange={(_, data) => setSent(data.checked)}
        label="Link e-mails I send to my contacts"
      />
      <Caption1 className={styles.detail}>
        A linked e-mail keeps its subject, date, the people it was sent to and its first 300
        characters, never the whole text. Everyone in this database who can see the contact sees it
        in the contact&apos;s history. These choices are yours, on this computer.
      </Caption1>
      {backfill && <EveryContact backfill={backfill} />}
    </section>
  );
}

const PERIODS = [
  { days: 30, label: "the last 30 days" },
  { days: 90, label: "the last 3 months" },
  { days: 365, label: "the last year" },
] as const;

/** The owner's "Find e-mails for every contact": period, start, stop, and how it went. */
function EveryContact(props: { backfill: Backfill }) {
  const { state, start, stop, resume } = props.backfill;
  const styles = useStyles();
  const [days, setDays] = useState("90");
  const [stopping, setStopping] = useState(false);
  const running = state?.status === "running";
  const n = (value: number) => value.toLocaleString();
  const outcome =
    state?.status === "done"
      ? `The last search is done: ${n(state.linked)} e-mails linked, ${n(state.searched)} contacts searched.`
      : state?.status === "stopped"
        ? `The last search was stopped after ${n(state.searched)} of ${n(state.total)} contacts.`
        : null;
  return (
    <>
      <Field label="Find e-mails for every contact, over">
        <Select value={days} disabled={running} onChange={(_, data) => setDays(data.value)}>
          {PERIODS.map((p) => (
            <option key={p.days} value={String(p.days)}>
              {p.label}
            </option>
          ))}
        </Select>
      </Field>
      <Caption1 className={styles.detail}>
        Searches your mailbox for the e-mails with each contact and links them, in the background
        while the pane is open; it goes on where it stopped when you open the pane again.
      </Caption1>
      <div className={styles.buttons}>
        {running ? (
          <Button
            disabled={stopping}
            onClick={() => {
              setStopping(true);
              stop();
            }}
          >
            {stopping ? "Stopping…" : "Stop finding e-mails"}
          </Button>
        ) : (
          <>
            {(state?.status === "stopped" || state?.status === "failed") && (
              <Button
                appearance="primary"
                onClick={() => {
                  setStopping(false);
                  resume();
                }}
              >
                Go on where it stopped
              </Button>
            )}
            <Button
              onClick={() => {
                setStopping(false);
                start(Number(days));
              }}
            >
              Find e-mails for every contact
            </Button>
          </>
        )}
      </div>
      <div role="status">
        {running && <Caption1>{backfillText(state)}</Caption1>}
        {outcome && <Caption1>{outcome}</Caption1>}
      </div>
      {state?.status === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{state.problem}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
