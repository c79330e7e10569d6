/**
 * The frame of what the pane prints (the contact list, a contact's card, the reports): a modal
 * panel over the whole pane showing the document as it will print, with "Print" (the browser's
 * print) and "Close"; Escape closes it too, and focus goes back where it was.
 *
 * The print stylesheet prints the document alone: while the panel is open, everything else on
 * the page (the pane's tabs, lists, status bar, toasts) is hidden from print, the panel's own
 * header and buttons too, and the panel loses its fixed height and scrolling so that the whole
 * document flows onto as many sheets as it needs.
 */
import { Button, makeStyles, overlayDrawerClassNames } from "@fluentui/react-components";
import { Print20Regular } from "@fluentui/react-icons/svg/print";
import type { ReactNode } from "react";
import { PanelDrawer } from "../offline/PanelDrawer";

/** Marks the panel, so that the print stylesheet keeps the part of the page that holds it. */
const PRINTED = "bcm-printed";

/**
 * On paper, only the branch of the page holding the panel: the pane's root (tabs, lists, status
 * bar) and Fluent's other portals (toasts, tooltips) are hidden, and so is the panel's backdrop.
 * A page-wide rule, so a style element of its own rather than a component's class.
 */
const PRINT_ONLY =
  `@media print { body > :not(:has(.${PRINTED})), .${overlayDrawerClassNames.backdrop} ` +
  `{ display: none !important; } }`;

const useStyles = makeStyles({
  drawer: {
    "@media print": {
      position: "static",
      width: "auto",
      height: "auto",
      maxHeight: "none",
      boxShadow: "none",
      border: "none",
      transform: "none",
    },
  },
  header: { "@media print": { display: "none" } },
  body: { "@media print": { overflow: "visible", padding: 0, fontSize: "10pt" } },
});

export function PrintPanel(props: {
  /** What is printed, as the panel's title ("Print contacts"). */
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <PanelDrawer
      title={props.title}
      onClose={props.onClose}
      classes={{ drawer: `${PRINTED} ${styles.drawer}`, header: styles.header, body: styles.body }}
      bodyLabel="Document to print"
      actions={
        <Button appearance="primary" icon={<Print20Regular />} onClick={() => window.print()}>
          Print
        </Button>
      }
    >
      <style>{PRINT_ONLY}</style>
      {props.children}
    </PanelDrawer>
  );
}
