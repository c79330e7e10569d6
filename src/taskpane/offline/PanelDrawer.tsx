/**
 * The frame of the pane's full-height panels (conflicts, needs attention, the database): a modal
 * drawer over the whole pane with a heading and a close button; Escape closes it too, and focus
 * goes back where it was.
 */
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
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
});

export function PanelDrawer(props: { title: string; onClose: () => void; children: ReactNode }) {
  const styles = useStyles();
  const { title, onClose, children } = props;
  return (
    <OverlayDrawer
      open
      position="end"
      size="full"
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label={`Close ${title}`}
              icon={<Dismiss24Regular />}
              onClick={onClose}
            />
          }
        >
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>{children}</DrawerBody>
    </OverlayDrawer>
  );
}
