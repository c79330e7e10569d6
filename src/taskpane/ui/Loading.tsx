/**
 * What shows while a screen's code loads. Screens the pane's first paint does not need (cards,
 * forms, the Companies and Groups tabs, the database menu's panels) are separate scripts, loaded
 * on first use (`React.lazy`); this is their `Suspense` fallback.
 */
import { makeStyles, Spinner, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  spinner: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
});

export function Loading() {
  const styles = useStyles();
  return <Spinner className={styles.spinner} size="tiny" label="Loading…" />;
}
