/** What an open card shows when its record went away (deleted here or by someone else). */
import { Body1, Button, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowLeft20Regular } from "@fluentui/react-icons/svg/arrow-left";

const useStyles = makeStyles({
  gone: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
});

export function GoneNotice(props: { readonly what: string; readonly onBack: () => void }) {
  const styles = useStyles();
  return (
    <div className={styles.gone}>
      <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={props.onBack}>
        Back
      </Button>
      <Body1 role="status">This {props.what} is no longer in the database.</Body1>
    </div>
  );
}
