/**
 * First run: signed in, but a member of no database. Says what to do next: create one (and
 * become its owner), or wait for a colleague to share theirs, then "Check again".
 */
import { Body1, Button, makeStyles, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular } from "@fluentui/react-icons";
import { useId, useState } from "react";
import { CreateDatabaseForm } from "./CreateDatabaseForm";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
  },
  heading: { margin: 0 },
  subheading: { margin: `${tokens.spacingVerticalS} 0 0` },
  button: { alignSelf: "flex-start" },
});

export function NoDatabase(props: {
  ownerName: string;
  online: boolean;
  creating: boolean;
  onCreate: (name: string) => Promise<void>;
  /** Lists the user's databases again (a colleague may have shared one since). */
  onCheckAgain: () => Promise<void>;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { ownerName, online, creating, onCreate, onCheckAgain } = props;
  const [checking, setChecking] = useState(false);

  const checkAgain = async () => {
    setChecking(true);
    try {
      await onCheckAgain();
    } finally {
      setChecking(false);
    }
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        No shared database yet
      </Subtitle2>
      <Body1>
        Create a database to keep your team&apos;s business contacts in one place. You become its
        owner, and you can share it with your colleagues.
      </Body1>
      <CreateDatabaseForm
        initialName={ownerName ? `${ownerName}'s business contacts` : "Business contacts"}
        online={online}
        creating={creating}
        onCreate={onCreate}
      />
      <Subtitle2 as="h3" className={styles.subheading}>
        Waiting for a colleague?
      </Subtitle2>
      <Body1>
        When a colleague shares their database with you, it appears here. Ask them to share it with
        your e-mail address, then check again.
      </Body1>
      <Button
        className={styles.button}
        icon={checking ? <Spinner size="tiny" aria-hidden /> : <ArrowClockwise20Regular />}
        disabled={checking || !online}
        onClick={() => void checkAgain()}
      >
        Check again
      </Button>
    </section>
  );
}
