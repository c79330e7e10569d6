/**
 * A contact's latest history items, newest first, in a few lines: what sits under the sender's
 * card beside the e-mail, where the pane has little room. The whole history, with its filters
 * and "Add a note", is HistoryTimeline.
 */
import { Body1, Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { Open16Regular } from "@fluentui/react-icons/svg/open";
import { useMemo } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import {
  historyOf,
  historyTitle,
  KIND_LABELS,
  kindOf,
  newestFirst,
  outlookItemId,
  whenOf,
} from "../history/history-view";
import { useRecords } from "../useRecords";

/** How many items the recent history shows. */
export const RECENT_ITEMS = 3;

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: "flex",
    alignItems: "flex-start",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  text: { display: "flex", flexDirection: "column", minWidth: 0 },
  title: { overflowWrap: "anywhere" },
  meta: { color: tokens.colorNeutralForeground3 },
  empty: { color: tokens.colorNeutralForeground2 },
});

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function RecentHistory(props: {
  readonly engine: SyncEngine;
  readonly contact: ViewRecord;
  /** The contact's name, for the list's accessible name. */
  readonly name: string;
  readonly onOpenItem: (item: ViewRecord) => void;
}) {
  const { engine, contact, name, onOpenItem } = props;
  const styles = useStyles();
  const all = useRecords(engine, "history");
  const recent = useMemo(
    () => newestFirst(historyOf(all, { type: "contact", id: contact.id })).slice(0, RECENT_ITEMS),
    [all, contact.id],
  );
  if (recent.length === 0) {
    return <Caption1 className={styles.empty}>No history yet.</Caption1>;
  }
  return (
    <ul className={styles.list} aria-label={`Recent history of ${name}`}>
      {recent.map((item) => {
        const title = historyTitle(item.fields);
        const kind = kindOf(item.fields);
        const when = whenOf(item.fields);
        const meta = [
          kind ? KIND_LABELS[kind].one : null,
          Number.isNaN(when) ? null : dateTime.format(when),
        ].filter((m) => m !== null);
        return (
          <li key={item.id} className={styles.item}>
            <div className={styles.text}>
              <Body1 className={styles.title}>{title}</Body1>
              <Caption1 className={styles.meta}>{meta.join(" · ")}</Caption1>
            </div>
            {outlookItemId(item) !== null && (
              <Button
                size="small"
                appearance="subtle"
                icon={<Open16Regular />}
                aria-label={`Open in Outlook: ${title}`}
                onClick={() => onOpenItem(item)}
              >
                Open
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
