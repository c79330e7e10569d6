/**
 * Fluent's DialogSurface for the pane's dialogs, its text wrapping anywhere. Dialogs name what
 * users typed (a colleague's address, a database, a contact): one long word with no break point
 * would widen the content past the dialog, which then scrolls sideways with nothing in it to
 * focus, out of a keyboard user's reach.
 */
import type { DialogSurfaceProps } from "@fluentui/react-components";
import { DialogSurface, makeStyles, mergeClasses } from "@fluentui/react-components";

const useStyles = makeStyles({ surface: { overflowWrap: "anywhere" } });

export function WrappingDialogSurface(props: DialogSurfaceProps) {
  const styles = useStyles();
  return <DialogSurface {...props} className={mergeClasses(styles.surface, props.className)} />;
}
