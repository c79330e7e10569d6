/**
 * The status bar's line for an import or its undo: a progress bar with the counts and Cancel
 * while it runs; then what happened, with "Undo import" and a button to dismiss it. Loaded once
 * the pane's first content has painted (`lazyAfterPaint`).
 */
import { Button, Field, makeStyles, ProgressBar, tokens } from "@fluentui/react-components";
import { DismissButton } from "../ui/DismissButton";
import type { Activity } from "./activity";
import { setActivity, useActivity } from "./activity";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
});

const count = new Intl.NumberFormat();

/** The current activity's line, or nothing. */
export function ImportActivity() {
  const activity = useActivity();
  return activity && <ActivityProgress activity={activity} />;
}

function ActivityProgress(props: { readonly activity: Activity }) {
  const { activity } = props;
  const styles = useStyles();
  if (activity.outcome !== null) {
    return (
      <div className={styles.row}>
        <span role="status" className={styles.grow}>
          {activity.outcome}
        </span>
        {activity.undo && (
          <Button size="small" onClick={activity.undo}>
            Undo import
          </Button>
        )}
        <DismissButton label="Dismiss this message" onClick={() => setActivity(null)} />
      </div>
    );
  }
  const text = `${activity.label}: ${count.format(activity.done)} of ${count.format(activity.total)}`;
  return (
    <div className={styles.row}>
      <Field className={styles.grow} validationMessage={text} validationState="none">
        <ProgressBar
          value={activity.total === 0 ? 1 : activity.done / activity.total}
          aria-label={activity.label}
        />
      </Field>
      {activity.cancel && (
        <Button size="small" onClick={activity.cancel}>
          Cancel import
        </Button>
      )}
    </div>
  );
}
