/**
 * The heading of a printed document: what it is (naming the database or the contact), what it
 * holds, and the day it was printed.
 */
import { Caption1, makeStyles, Subtitle1, tokens } from "@fluentui/react-components";
import { useState } from "react";

const useStyles = makeStyles({
  heading: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  title: { margin: 0, overflowWrap: "anywhere" },
  details: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
});

export function PrintHeading(props: {
  readonly title: string;
  readonly details: readonly string[];
}) {
  const styles = useStyles();
  // The day the document opened, kept while it is open.
  const [day] = useState(() =>
    new Intl.DateTimeFormat(undefined, { dateStyle: "long" }).format(Date.now()),
  );
  return (
    <header className={styles.heading}>
      <Subtitle1 as="h3" className={styles.title}>
        {props.title}
      </Subtitle1>
      {[...props.details, `Printed ${day}`].map((line) => (
        <Caption1 key={line} className={styles.details}>
          {line}
        </Caption1>
      ))}
    </header>
  );
}
