/** The contacts of the shared database, sorted by name. */
import { Caption1, makeStyles, Persona, Subtitle2, tokens } from "@fluentui/react-components";
import { useId, useMemo } from "react";
import type { SyncEngine } from "../../sync/engine";
import { useRecords } from "../useRecords";
import { sortContacts, toContactRow } from "./contact-view";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
  },
  heading: { margin: 0, overflowWrap: "anywhere" },
  count: { color: tokens.colorNeutralForeground3 },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  persona: { minWidth: 0, overflowWrap: "anywhere" },
});

export function ContactsTab(props: { databaseName: string; engine: SyncEngine }) {
  const styles = useStyles();
  const headingId = useId();
  const { databaseName, engine } = props;
  const records = useRecords(engine, "contact");
  const contacts = useMemo(() => sortContacts(records.map(toContactRow)), [records]);
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        Contacts in {databaseName}
      </Subtitle2>
      <Caption1 className={styles.count}>
        {contacts.length === 0
          ? "No contacts in this database yet."
          : contacts.length === 1
            ? "1 contact"
            : `${contacts.length} contacts`}
      </Caption1>
      {contacts.length > 0 && (
        // A plain list: its items are not interactive, so they need no focus management.
        <ul className={styles.list} aria-labelledby={headingId}>
          {contacts.map((contact) => (
            <li key={contact.id}>
              <Persona
                className={styles.persona}
                name={contact.name}
                secondaryText={contact.jobTitle}
                tertiaryText={contact.email}
                avatar={{ color: "colorful" }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
