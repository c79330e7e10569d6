/**
 * The undo toaster and its toast ("Contact deleted" with an "Undo" action), loaded after the
 * pane's first paint (useUndoToast.tsx): nothing can be deleted before a card is open.
 */
import type { ToasterProps } from "@fluentui/react-components";
import { Link, Toast, Toaster, ToastTitle } from "@fluentui/react-components";

/** Ctrl+Shift+U reaches the toast's action from the keyboard. */
const shortcuts: NonNullable<ToasterProps["shortcuts"]> = {
  focus: (e) => e.ctrlKey && e.shiftKey && e.key.toLowerCase() === "u",
};

export function UndoToaster(props: { readonly toasterId: string; readonly inline: boolean }) {
  return (
    <Toaster
      toasterId={props.toasterId}
      position="bottom"
      shortcuts={shortcuts}
      inline={props.inline}
    />
  );
}

export function UndoToast(props: { readonly message: string; readonly onUndo: () => void }) {
  return (
    <Toast>
      <ToastTitle action={<Link onClick={props.onUndo}>Undo</Link>}>{props.message}</ToastTitle>
    </Toast>
  );
}
