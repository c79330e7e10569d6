/**
 * "E-mail linking": the user's own choices for this database (src/browser/auto-link.ts), kept on
 * this computer. E-mails from contacts are linked when the pane shows them; e-mails the user
 * sends to contacts are linked whether the pane is open or not (Outlook's send event,
 * docs/outlook-clients.md says which Outlooks raise it).
 */
import { Caption1, makeStyles, Subtitle2, Switch, tokens } from "@fluentui/react-components";
import { useId } from "react";
import { useAutoLink } from "../item/useAutoLink";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  detail: { color: tokens.colorNeutralForeground3 },
});

export function EmailLinkingSection(props: { databaseId: string }) {
  const styles = useStyles();
  const headingId = useId();
  const [received, setReceived] = useAutoLink("received", props.databaseId);
  const [sent, setSent] = useAutoLink("sent", props.databaseId);
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
    </section>
  );
}
