/**
 * A contact's card printed: its fields as the card shows them, and its whole history, newest
 * first, each item with its text (the timeline shows fifty at a time and an excerpt).
 */
import { Body1, makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { ContactSections, contactWork } from "../contacts/ContactDetails";
import { contactName, text } from "../contacts/contact-view";
import type { HistorySubject } from "../history/history-view";
import { historyMeta, historyOf, historyTitle, newestFirst } from "../history/history-view";
import { useRecords } from "../useRecords";
import { PrintHeading } from "./PrintHeading";
import { PrintPanel } from "./PrintPanel";

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    breakInside: "avoid",
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  meta: { color: tokens.colorNeutralForeground2 },
  text: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  heading: { margin: 0 },
});

export function PrintContact(props: {
  readonly contact: ViewRecord;
  readonly companyName: string | null;
  readonly groupNames: readonly string[];
  readonly engine: SyncEngine;
  readonly subject: HistorySubject;
  readonly onClose: () => void;
}) {
  const { contact, subject } = props;
  const styles = useStyles();
  const all = useRecords(props.engine, "history");
  const items = useMemo(() => newestFirst(historyOf(all, subject)), [all, subject]);
  const name = contactName(contact.fields);
  const work = contactWork(contact.fields, props.companyName);
  return (
    <PrintPanel title={`Print ${name}`} onClose={props.onClose}>
      <PrintHeading title={name} details={work === "" ? [] : [work]} />
      <ContactSections
        contact={contact}
        companyName={props.companyName}
        groupNames={props.groupNames}
      />
      <section>
        <Subtitle2 as="h4" className={styles.heading}>
          History
        </Subtitle2>
        {items.length === 0 ? (
          <Body1>No history yet.</Body1>
        ) : (
          <ol className={styles.list} aria-label="History">
            {items.map((item) => {
              const title = historyTitle(item.fields);
              const body = text(item.fields.body) ?? text(item.fields.snippet);
              return (
                <li key={item.id} className={styles.item}>
                  <Text weight="semibold">{title}</Text>
                  <Text size={200} className={styles.meta}>
                    {historyMeta(item.fields)}
                  </Text>
                  {body !== null && body !== title && <Body1 className={styles.text}>{body}</Body1>}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </PrintPanel>
  );
}
