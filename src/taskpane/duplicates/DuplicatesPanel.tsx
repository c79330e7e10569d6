/**
 * "Find duplicates": the pairs of contacts that look like one person entered twice
 * (find-duplicates.ts), and one pair at a time side by side, with a choice for each field they
 * hold differently; Merge (merge-plan.ts, one undo), Not a duplicate (remembered in the shared
 * database) or Skip (for this time). Everything goes through the engine, so it works offline.
 * Owners and editors only: the database menu offers it to them alone.
 */
import {
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Json } from "../../shared/protocol";
import { validateFields } from "../../shared/records";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { describeError } from "../../client/errors";
import { companyName } from "../contacts/contact-list";
import {
  contactName,
  customFields,
  dateText,
  emailsOf,
  phonesOf,
  refusals,
  text,
  texts,
} from "../contacts/contact-view";
import type { ContactDirectory } from "../contacts/useContactDirectory";
import { PanelDrawer } from "../offline/PanelDrawer";
import { messageInWords, valueText } from "../offline/record-text";
import { useUndoToast } from "../ui/useUndoToast";
import { useRecords } from "../useRecords";
import type { DuplicatePair } from "./find-duplicates";
import { findDuplicatePairs, notDuplicateEdit } from "./find-duplicates";
import type { FieldChoice, MergePlan, Side } from "./merge-plan";
import { fieldChoices, mergedValue, mergePlan } from "./merge-plan";
import { EmailText } from "../ui/EmailText";

/** More pairs than this are listed a page at a time. */
const PAGE = 100;

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  pairButton: { justifyContent: "flex-start", textAlign: "start", width: "100%", minWidth: 0 },
  pairText: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  sides: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalS },
  side: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, overflowWrap: "anywhere" },
  wrap: { overflowWrap: "anywhere" },
  detail: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

const pairKey = (pair: Pick<DuplicatePair, "a" | "b">) => `${pair.a.id}\n${pair.b.id}`;

export function DuplicatesPanel(props: {
  readonly engine: SyncEngine;
  readonly directory: Pick<ContactDirectory, "contacts" | "companies" | "groups">;
  readonly onClose: () => void;
}) {
  const { engine, directory, onClose } = props;
  const styles = useStyles();
  const history = useRecords(engine, "history");
  const { toaster, showUndo } = useUndoToast(true);
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [note, setNote] = useState<{ intent: "success" | "error"; text: string } | null>(null);
  const all = useMemo(
    () => findDuplicatePairs(directory.contacts, directory.companies),
    [directory.contacts, directory.companies],
  );
  const pairs = useMemo(() => all.filter((p) => !skipped.has(pairKey(p))), [all, skipped]);
  const open = openKey === null ? null : (pairs.find((p) => pairKey(p) === openKey) ?? null);
  const companies = useMemo(
    () => new Map(directory.companies.map((c) => [c.id, companyName(c)])),
    [directory.companies],
  );

  // Back from a pair, focus goes to the list's summary (the pair's button may be gone).
  const summary = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (openKey === null && wasOpen.current) summary.current?.focus();
    wasOpen.current = openKey !== null;
  }, [openKey]);
  const done = (message: { intent: "success" | "error"; text: string } | null) => {
    setNote(message);
    setOpenKey(null);
  };

  return (
    <PanelDrawer title="Find duplicates" onClose={onClose}>
      <div role="status">
        {note && (
          <MessageBar intent={note.intent}>
            <MessageBarBody>{note.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {open ? (
        <PairCompare
          key={openKey}
          pair={open}
          companies={companies}
          historyCount={(id) =>
            history.filter((h) => texts(h.fields.contactIds).includes(id)).length
          }
          onBack={() => done(null)}
          onSkip={() => {
            setSkipped((s) => new Set([...s, pairKey(open)]));
            done(null);
          }}
          onNotDuplicate={async () => {
            const edit = notDuplicateEdit(open);
            const outcome = await engine.update("contact", edit.id, edit.changes);
            done(
              outcome.status === "saved" || outcome.status === "unchanged"
                ? { intent: "success", text: "They will not be offered as duplicates again." }
                : { intent: "error", text: "That could not be remembered: the contact is gone." },
            );
          }}
          onMerge={async (sides) => {
            const plan = mergePlan(open, sides, {
              history,
              groups: directory.groups,
              contacts: directory.contacts,
            });
            // Checked before anything is written: the engine would write the other edits.
            const refused = plan.edits.flatMap((e) => {
              if (e.op !== "update") return [];
              const checked = validateFields(e.type, e.changes, "update");
              return checked.ok ? [] : [messageInWords(checked.field, checked.message)];
            });
            if (refused.length > 0) {
              done({ intent: "error", text: `Nothing was merged: ${refused[0] ?? ""}` });
              return;
            }
            try {
              await engine.applyAll(plan.edits);
            } catch (error) {
              done({ intent: "error", text: describeError(error) });
              return;
            }
            const name = contactName(plan.merged);
            done({ intent: "success", text: `Merged into ${name}.${movedText(plan.moved)}` });
            showUndo(`Merged into ${name}`, async () => {
              await engine.applyAll(plan.undo);
            });
          }}
        />
      ) : (
        <>
          <div ref={summary} tabIndex={-1}>
            <Body1>
              {pairs.length === 0
                ? "No duplicates found."
                : `${pairs.length === 1 ? "1 pair of contacts looks" : `${pairs.length} pairs of contacts look`} like one person entered twice. Open a pair to compare and merge them.`}
            </Body1>
          </div>
          {pairs.length > 0 && (
            <ul className={styles.list} aria-label="Possible duplicates">
              {pairs.slice(0, shown).map((pair) => (
                <li key={pairKey(pair)}>
                  <Button
                    appearance="subtle"
                    className={styles.pairButton}
                    onClick={() => {
                      setNote(null);
                      setOpenKey(pairKey(pair));
                    }}
                  >
                    <span className={styles.pairText}>
                      <span>
                        {contactName(pair.a.fields)} and {contactName(pair.b.fields)}
                      </span>
                      <Caption1 className={styles.detail}>{reason(pair, companies)}</Caption1>
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
          {pairs.length > shown && (
            <Button onClick={() => setShown((n) => n + PAGE)}>
              Show more ({pairs.length - shown} left)
            </Button>
          )}
        </>
      )}
      {toaster}
    </PanelDrawer>
  );
}

/** Why a pair is offered, in words. */
function reason(pair: DuplicatePair, companies: ReadonlyMap<string, string>): string {
  if (pair.by === "email") return `Same e-mail address: ${pair.address ?? ""}`;
  const company = companies.get(text(pair.a.fields.companyId) ?? "");
  return company ? `Same name at ${company}` : "Same name at the same company";
}

function PairCompare(props: {
  readonly pair: DuplicatePair;
  readonly companies: ReadonlyMap<string, string>;
  readonly historyCount: (id: string) => number;
  readonly onBack: () => void;
  readonly onSkip: () => void;
  readonly onNotDuplicate: () => Promise<void>;
  readonly onMerge: (sides: Readonly<Record<string, Side>>) => Promise<void>;
}) {
  const { pair, companies } = props;
  const styles = useStyles();
  const choices = useMemo(() => fieldChoices(pair.a, pair.b), [pair]);
  const [sides, setSides] = useState<Readonly<Record<string, Side>>>({});
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    void work().finally(() => setBusy(false));
  };
  const describe = (choice: FieldChoice, value: Json | undefined) =>
    shownValue(choice, value, companies);

  const summary = (record: ViewRecord, caption: string) => (
    <section className={styles.side} aria-label={`${contactName(record.fields)}, ${caption}`}>
      <Caption1 className={styles.detail}>{caption}</Caption1>
      <Subtitle2 as="h4" className={styles.heading}>
        {contactName(record.fields)}
      </Subtitle2>
      {[
        companies.get(text(record.fields.companyId) ?? ""),
        text(record.fields.jobTitle),
        ...emailsOf(record.fields).map((e) => <EmailText key={e.address} address={e.address} />),
        ...phonesOf(record.fields).map((p) => p.number),
      ].map((line, i) =>
        line ? (
          <Caption1 key={i} className={styles.wrap}>
            {line}
          </Caption1>
        ) : null,
      )}
      <Caption1 className={styles.detail}>{historyText(props.historyCount(record.id))}</Caption1>
    </section>
  );

  return (
    <>
      <Button
        appearance="subtle"
        onClick={props.onBack}
        disabled={busy}
        className={styles.pairButton}
      >
        Back to the list
      </Button>
      <h3 ref={heading} tabIndex={-1} className={styles.heading}>
        {contactName(pair.a.fields)} and {contactName(pair.b.fields)}
      </h3>
      <Body1 className={styles.wrap}>{reason(pair, companies)}</Body1>
      <div className={styles.sides}>
        {summary(pair.a, "Kept")}
        {summary(pair.b, "Removed by a merge")}
      </div>
      {choices.length === 0 ? (
        <Body1>They hold the same details: merging keeps one of them.</Body1>
      ) : (
        <>
          <Body1>Choose what the kept contact holds where they differ.</Body1>
          {choices.map((choice) => (
            <Field key={choice.name} label={choice.label}>
              <RadioGroup
                value={sides[choice.name] ?? choice.initial}
                disabled={busy}
                onChange={(_, data) =>
                  setSides((s) => ({ ...s, [choice.name]: data.value as Side }))
                }
              >
                {choice.options.map((side) => (
                  <Radio
                    key={side}
                    value={side}
                    label={
                      side === "both"
                        ? `Both: ${describe(choice, mergedValue(choice, side))}`
                        : describe(choice, side === "a" ? choice.a : choice.b)
                    }
                  />
                ))}
              </RadioGroup>
            </Field>
          ))}
        </>
      )}
      <Caption1 className={styles.detail}>
        History, links and group memberships move to the kept contact.
      </Caption1>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={busy}
          onClick={() => run(() => props.onMerge(sides))}
        >
          Merge
        </Button>
        <Button disabled={busy} onClick={() => run(props.onNotDuplicate)}>
          Not a duplicate
        </Button>
        <Button disabled={busy} onClick={props.onSkip}>
          Skip
        </Button>
      </div>
    </>
  );
}

/** " 2 history items and 1 group moved to it.", or nothing when nothing moved. */
function movedText(moved: MergePlan["moved"]): string {
  const parts = [
    moved.history > 0 ? historyText(moved.history) : null,
    moved.groups === 0 ? null : moved.groups === 1 ? "1 group" : `${moved.groups} groups`,
  ].filter((p) => p !== null);
  return parts.length === 0 ? "" : ` ${parts.join(" and ")} moved to it.`;
}

function historyText(count: number): string {
  return count === 0 ? "No history" : count === 1 ? "1 history item" : `${count} history items`;
}

/** A field's value as the radio button says it. */
function shownValue(
  choice: FieldChoice,
  value: Json | undefined,
  companies: ReadonlyMap<string, string>,
): string {
  if (value === undefined || value === null) return "(empty)";
  switch (choice.kind) {
    case "company":
      return typeof value === "string" ? (companies.get(value) ?? "An unknown company") : "(empty)";
    case "date":
      return typeof value === "string" ? dateText(value) : valueText(value);
    case "custom": {
      const shown = customFields({ custom: value });
      return shown.length === 0 ? "(empty)" : shown.map((f) => `${f.name}: ${f.value}`).join("; ");
    }
    case "refusals": {
      const shown = refusals({ doNotContact: value });
      return shown.length === 0 ? "(none)" : shown.join("; ");
    }
    default:
      return valueText(value);
  }
}
