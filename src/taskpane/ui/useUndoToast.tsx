/**
 * A toast that says what was just done ("Contact deleted") with an "Undo" action. Toasts are
 * announced politely to screen readers; Ctrl+Shift+U (or tabbing to the end of the pane)
 * reaches the action from the keyboard. The toaster's code loads after the pane's first paint.
 */
import { useId, useToastController } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { Suspense, useCallback, useMemo } from "react";
import { lazyAfterPaint } from "./idle";

/** Shows `message` with an "Undo" action. */
export type ShowUndo = (message: string, undo: () => Promise<void>) => void;

const UndoToaster = lazyAfterPaint(() => import("./UndoToast").then((m) => m.UndoToaster));

/** Long enough to read the message and reach the action. */
const UNDO_TIMEOUT_MS = 10_000;

/**
 * `inline`: the toasts show where `toaster` is rendered rather than over the page, as a modal
 * panel needs (the page outside it is hidden from the keyboard and screen readers).
 */
export function useUndoToast(inline = false): { toaster: ReactNode; showUndo: ShowUndo } {
  const toasterId = useId("undo-toaster");
  const { dispatchToast, dismissToast } = useToastController(toasterId);

  const showUndo = useCallback<ShowUndo>(
    (message, undo) => {
      const toastId = `${toasterId}-${Date.now()}`;
      // Loaded with the toaster by now: this only waits for the module's promise.
      void import("./UndoToast").then(({ UndoToast }) =>
        dispatchToast(
          <UndoToast
            message={message}
            onUndo={() => {
              dismissToast(toastId);
              void undo();
            }}
          />,
          { toastId, timeout: UNDO_TIMEOUT_MS, intent: "info", pauseOnHover: true },
        ),
      );
    },
    [dispatchToast, dismissToast, toasterId],
  );

  // The same element on every render: the toaster does not render again with its tab.
  const toaster = useMemo(
    () => (
      <Suspense fallback={null}>
        <UndoToaster toasterId={toasterId} inline={inline} />
      </Suspense>
    ),
    [toasterId, inline],
  );
  return { toaster, showUndo };
}
