/**
 * The frame of the pane's full-height panels (conflicts, needs attention, the database, what is
 * printed): a modal drawer over the whole pane with a heading, the panel's own actions if any,
 * and a close button; Escape closes it too, and focus goes back where it was.
 */
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  mergeClasses,
  OverlayDrawer,
  tokens,
} from "@fluentui/react-components";
import { Dismiss24Regular } from "@fluentui/react-icons";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalL,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalXS },
});

export function PanelDrawer(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons of the panel's own, before the close button. */
  actions?: ReactNode;
  /** Classes added to the drawer, its header and its body. */
  classes?: { drawer?: string; header?: string; body?: string };
  /** Names the body as a region that takes focus (a document without links or buttons). */
  bodyLabel?: string;
}) {
  const styles = useStyles();
  const { title, onClose, children, classes = {} } = props;
  const close = (
    <Button
      appearance="subtle"
      aria-label={`Close ${title}`}
      icon={<Dismiss24Regular />}
      onClick={onClose}
    />
  );
  return (
    <OverlayDrawer
      open
      position="end"
      size="full"
      {...(classes.drawer ? { className: classes.drawer } : {})}
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
    >
      <DrawerHeader {...(classes.header ? { className: classes.header } : {})}>
        <DrawerHeaderTitle
          action={
            props.actions ? (
              <div className={styles.actions}>
                {props.actions}
                {close}
              </div>
            ) : (
              close
            )
          }
        >
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody
        className={mergeClasses(styles.body, classes.body)}
        {...(props.bodyLabel ? { tabIndex: 0, role: "region", "aria-label": props.bodyLabel } : {})}
      >
        {children}
      </DrawerBody>
    </OverlayDrawer>
  );
}
