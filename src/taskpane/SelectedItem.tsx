/**
 * The selected Outlook item beside the contacts: with a database open, who is in it and their
 * contact history (ItemPanel); before that, who sent it (or organizes it); with nothing
 * selected, one line saying so, and the pane is the contact manager alone.
 */
import { Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { Suspense, useId } from "react";
import type { MailItem, OfficeSession } from "../office/office";
import type { SyncEngine } from "../sync/engine";
import type { ViewRecord } from "../sync/view";
import { PersonLine } from "./ui/Initials";
import { lazyAfterPaint } from "./ui/idle";
import { CanEdit } from "./ui/useCanEdit";

// The panel's code (people, links, recent history) arrives just after the first paint; until
// then the item's sender shows, as before the database's copy is open.
const ItemPanel = lazyAfterPaint(() => import("./item/ItemPanel").then((m) => m.ItemPanel));

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
});

export interface SelectedItemProps {
  readonly item: MailItem | null;
  readonly session: OfficeSession;
  /** The open database's engine; null while none is open. */
  readonly engine: SyncEngine | null;
  /** Shows "Open contact" on the cards, calling it. */
  readonly onOpenContact?: ((contact: ViewRecord) => void) | undefined;
  /**
   * Whether the user may change the database (an owner or editor, `mayEdit`): anyone else is
   * offered no "Link", no "Create contact", and nothing is linked automatically.
   */
  readonly canEdit: boolean;
}

export function SelectedItem(props: SelectedItemProps) {
  const { item, session, engine, onOpenContact, canEdit } = props;
  if (item && engine) {
    // A new panel per database: its settings and what it linked belong to that database.
    return (
      <CanEdit value={canEdit}>
        <Suspense fallback={<ItemSummary item={item} />}>
          <ItemPanel
            key={engine.databaseId}
            engine={engine}
            session={session}
            item={item}
            onOpenContact={onOpenContact}
          />
        </Suspense>
      </CanEdit>
    );
  }
  return <ItemSummary item={item} />;
}

/** Who the item is from, before the database's copy is open. */
function ItemSummary(props: { item: MailItem | null }) {
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
        <PersonLine
          name={person.displayName || person.emailAddress}
          address={person.emailAddress}
        />
      )}
      {item && !person && <Caption1>Outlook gives no sender for this item</Caption1>}
      {item && item.subject && <Caption1 className={styles.subject}>{item.subject}</Caption1>}
    </section>
  );
}
