/**
 * "Find e-mails" on a contact's card: the user picks how far back to look, the pane asks
 * Microsoft Graph for the messages to and from the contact's addresses (src/client/
 * graph-mail.ts) and links each page of them as it comes (find-emails.ts), saying how many it
 * found and linked. Stopping keeps what was linked so far. Graph's refusals are said in words:
 * consent declined, throttled past waiting, no answer.
 */
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { contactName, emailsOf } from "../contacts/contact-view";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";
import { linkFoundMessages, searchProblem } from "./find-emails";
import type { MailSearch } from "./useMailSearch";

const PERIODS = [
  { days: 30, label: "The last 30 days" },
  { days: 90, label: "The last 3 months" },
  { days: 365, label: "The last year" },
] as const;

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

type Phase =
  | { readonly kind: "choosing" }
  | { readonly kind: "searching"; readonly found: number; readonly linked: number }
  | {
      readonly kind: "done";
      readonly found: number;
      readonly linked: number;
      readonly stopped: boolean;
    }
  | { readonly kind: "failed"; readonly found: number; readonly linked: number; message: string };

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export function FindEmailsDialog(props: {
  engine: SyncEngine;
  contact: ViewRecord;
  search: MailSearch;
  onClose: () => void;
}) {
  const { engine, contact, search, onClose } = props;
  const styles = useStyles();
  const name = contactName(contact.fields);
  const addresses = emailsOf(contact.fields).map((e) => e.address);
  const [days, setDays] = useState<number>(90);
  const [phase, setPhase] = useState<Phase>({ kind: "choosing" });
  const stop = useRef(false);
  useEffect(
    () => () => {
      stop.current = true;
    },
    [],
  );

  const only = () => [contact];
  const find = async () => {
    stop.current = false;
    let found = 0;
    let linked = 0;
    setPhase({ kind: "searching", found, linked });
    try {
      const graph = await search.open();
      const since = new Date(Date.now() - days * 24 * 60 * 60_000);
      for await (const page of graph.searchPages({ addresses, since })) {
        const count = await linkFoundMessages(engine, only, page.messages, search.user);
        found += page.messages.length;
        linked += count.linked;
        if (stop.current) {
          setPhase({ kind: "done", found, linked, stopped: true });
          return;
        }
        setPhase({ kind: "searching", found, linked });
      }
      setPhase({ kind: "done", found, linked, stopped: false });
    } catch (error) {
      console.error("Find e-mails failed", error);
      setPhase({ kind: "failed", found, linked, message: searchProblem(error) });
    }
  };

  const busy = phase.kind === "searching";
  const summary =
    phase.kind === "choosing"
      ? null
      : `Found ${plural(phase.found, "e-mail")}; ${plural(phase.linked, "new link")} to ${name}.`;

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <WrappingDialogSurface>
        <DialogBody>
          <DialogTitle>Find e-mails with {name}</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1>
              Searches your mailbox for e-mails to and from {addresses.join(", ")} and adds them to{" "}
              {name}&apos;s history. Only the subject, the date and the people are kept, never the
              text. An e-mail linked already is not linked twice.
            </Body1>
            <Field label="Look back over">
              <RadioGroup
                value={String(days)}
                disabled={busy}
                onChange={(_, data) => setDays(Number(data.value))}
              >
                {PERIODS.map((p) => (
                  <Radio key={p.days} value={String(p.days)} label={p.label} />
                ))}
              </RadioGroup>
            </Field>
            <div role="status">
              {busy && <Spinner size="tiny" label={summary ?? ""} labelPosition="after" />}
              {phase.kind === "done" && (
                <Body1>
                  {phase.stopped ? "Stopped. " : ""}
                  {summary}
                </Body1>
              )}
            </div>
            {phase.kind === "failed" && (
              <MessageBar intent="error">
                <MessageBarBody>
                  {phase.message} {summary}
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            {busy ? (
              <Button
                onClick={() => {
                  stop.current = true;
                }}
              >
                Stop
              </Button>
            ) : (
              <>
                <Button appearance="primary" onClick={() => void find()}>
                  {phase.kind === "choosing" ? "Find e-mails" : "Search again"}
                </Button>
                <Button onClick={onClose}>Close</Button>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </WrappingDialogSurface>
    </Dialog>
  );
}
