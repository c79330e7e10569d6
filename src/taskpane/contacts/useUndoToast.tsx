/**
 * A toast that says what was just done ("Contact deleted") with an "Undo" action. Toasts are
 * announced politely to screen readers; Ctrl+Shift+U (or tabbing to the end of the pane)
 * reaches the action from the keyboard.
 */
import {
  Link,
  Toast,
  Toaster,
  ToastTitle,
  useId,
  useToastController,
} from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useCallback } from "react";
import type { ShowUndo } from "./useEdits";

/** Long enough to read the message and reach the action. */
const UNDO_TIMEOUT_MS = 10_000;

export function useUndoToast(): { toaster: ReactNode; showUndo: ShowUndo } {
  const toasterId = useId("undo-toaster");
  const { dispatchToast, dismissToast } = useToastController(toasterId);

  const showUndo = useCallback<ShowUndo>(
    (message, undo) => {
      const toastId = `${toasterId}-${Date.now()}`;
      dispatchToast(
        <Toast>
          <ToastTitle
            action={
              <Link
                onClick={() => {
                  dismissToast(toastId);
                  void undo();
                }}
              >
                Undo
              </Link>
            }
          >
            {message}
          </ToastTitle>
        </Toast>,
        { toastId, timeout: UNDO_TIMEOUT_MS, intent: "info", pauseOnHover: true },
      );
    },
    [dispatchToast, dismissToast, toasterId],
  );

  const toaster = (
    <Toaster
      toasterId={toasterId}
      position="bottom"
      shortcuts={{ focus: (e) => e.ctrlKey && e.shiftKey && e.key.toLowerCase() === "u" }}
    />
  );
  return { toaster, showUndo };
}
