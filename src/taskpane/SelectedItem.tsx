/** Who sent the selected e-mail (or organizes the selected meeting). */
import { Caption1, makeStyles, Persona, Subtitle2, tokens } from "@fluentui/react-components";
import { useId } from "react";
import type { MailItem } from "../office/office";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0 },
  subject: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  persona: { minWidth: 0, overflowWrap: "anywhere" },
});

export function SelectedItem(props: { item: MailItem | null }) {
  const styles = useStyles();
  const headingId = useId();
  const { item } = props;
  const person = item ? (item.itemType === "message" ? item.from : item.organizer) : null;
  const heading = !item ? "Selected item" : item.itemType === "message" ? "Sender" : "Organizer";
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        {heading}
      </Subtitle2>
      {!item && <Caption1>No item selected</Caption1>}
      {item && person && (
        <Persona
          className={styles.persona}
          name={person.displayName || person.emailAddress}
          secondaryText={person.emailAddress}
          avatar={{ color: "colorful" }}
        />
      )}
      {item && !person && <Caption1>Outlook gives no sender for this item</Caption1>}
      {item && item.subject && <Caption1 className={styles.subject}>{item.subject}</Caption1>}
    </section>
  );
}
