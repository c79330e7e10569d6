/**
 * The conflict inbox ("ask me"): each change of mine that conflicts with the shared database,
 * grouped by record, each field side by side (mine, shared, who changed it and when), answered
 * one at a time ("Keep mine" / "Use shared") or all alike.
 */
import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useId, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ConflictItem } from "../../sync/state";
import { describeError } from "../../client/errors";
import type { ConflictGroup } from "./conflict-view";
import { conflictFieldLabel, sides, whoAndWhen, wholeRecordText } from "./conflict-view";
import { PanelDrawer } from "./PanelDrawer";
import type { Answer } from "./useConflicts";
import { useConflicts } from "./useConflicts";

const useStyles = makeStyles({
  all: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  record: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, overflowWrap: "anywhere" },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  sides: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalS },
  side: { display: "flex", flexDirection: "column", minWidth: 0 },
  value: { overflowWrap: "anywhere", whiteSpace: "pre-wrap" },
  detail: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export function ConflictsPanel(props: { engine: SyncEngine; onClose: () => void }) {
  const styles = useStyles();
  const { engine, onClose } = props;
  const { count, groups, answer, answerAll } = useConflicts(engine);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PanelDrawer title="Conflicts" onClose={onClose}>
      {count === 0 ? (
        <Body1>No conflicts wait for your answer.</Body1>
      ) : (
        <>
          <Body1>
            {count === 1 ? "A change of yours conflicts" : `${count} changes of yours conflict`}{" "}
            with changes made in the shared database. Choose which value to keep: yours is sent
            again, or the shared one stays.
          </Body1>
          {count > 1 && (
            <div className={styles.all} role="group" aria-label="Use the same choice for all">
              <Text weight="semibold">Use the same choice for all {count}</Text>
              <div className={styles.buttons}>
                <Button disabled={busy} onClick={() => void run(() => answerAll("mine"))}>
                  Keep mine for all
                </Button>
                <Button disabled={busy} onClick={() => void run(() => answerAll("theirs"))}>
                  Use shared for all
                </Button>
              </div>
            </div>
          )}
          {problem && (
            <MessageBar intent="error">
              <MessageBarBody>{problem}</MessageBarBody>
            </MessageBar>
          )}
          {groups.map((group) => (
            <RecordConflicts
              key={group.key}
              group={group}
              busy={busy}
              onAnswer={(item, choice) => void run(() => answer(item, choice))}
            />
          ))}
        </>
      )}
    </PanelDrawer>
  );
}

function RecordConflicts(props: {
  group: ConflictGroup;
  busy: boolean;
  onAnswer: (item: ConflictItem, choice: Answer) => void;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { group, busy, onAnswer } = props;
  return (
    <section className={styles.record} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        {group.name}
        <Caption1 className={styles.detail}> · {group.kind}</Caption1>
      </Subtitle2>
      {group.items.map((item) => (
        <div
          key={`${item.mid}:${item.field}`}
          className={styles.item}
          role="group"
          aria-label={conflictFieldLabel(item)}
        >
          <Text weight="semibold">{conflictFieldLabel(item)}</Text>
          {item.field === "*" ? <WholeRecord item={item} /> : <FieldSides item={item} />}
          <div className={styles.buttons}>
            <Button disabled={busy} onClick={() => onAnswer(item, "mine")}>
              Keep mine
            </Button>
            <Button disabled={busy} onClick={() => onAnswer(item, "theirs")}>
              Use shared
            </Button>
          </div>
        </div>
      ))}
    </section>
  );
}

function FieldSides(props: { item: ConflictItem }) {
  const styles = useStyles();
  const { item } = props;
  const { mine, shared } = sides(item);
  return (
    <div className={styles.sides}>
      <div className={styles.side}>
        <Caption1 className={styles.detail}>Mine</Caption1>
        <Body1 className={styles.value}>{mine}</Body1>
      </div>
      <div className={styles.side}>
        <Caption1 className={styles.detail}>Shared</Caption1>
        <Body1 className={styles.value}>{shared}</Body1>
        <Caption1 className={styles.detail}>{whoAndWhen(item)}</Caption1>
      </div>
    </div>
  );
}

function WholeRecord(props: { item: ConflictItem }) {
  const styles = useStyles();
  const { item } = props;
  const text = wholeRecordText(item);
  return (
    <>
      <Body1 className={styles.value}>{text.what}</Body1>
      <Caption1 className={styles.detail}>{whoAndWhen(item)}</Caption1>
      <Caption1>
        {text.keepMine} {text.useShared}
      </Caption1>
    </>
  );
}
