/**
 * Takes back an `aria-hidden="true"` that a closed dialog left on the pane's root. Fluent's
 * modal dialogs and drawers hide the rest of the page from screen readers through tabster,
 * which sometimes fails to undo it when a dialog unmounts while another closes or opens (the
 * database's Delete/Leave flow: the confirmation, the Database panel and the pane's next
 * screen change at once): microsoft/fluentui#35139, microsoft/tabster#530. The pane then looks
 * right but a screen reader reaches nothing. So whenever the page's dialogs or the root's mark
 * change, once tabster's own deferred update (250 ms) has had its turn, a mark left with no
 * modal open is removed.
 */
const SETTLE_MS = 400;

export function releaseStaleAriaHidden(root: HTMLElement): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const modalOpen = document.querySelector('[aria-modal="true"]') !== null;
      if (!modalOpen && root.getAttribute("aria-hidden") === "true")
        root.removeAttribute("aria-hidden");
    }, SETTLE_MS);
  });
  // Dialogs come and go as the body's children (portals); the mark is the root's attribute.
  observer.observe(document.body, { childList: true });
  observer.observe(root, { attributes: true, attributeFilter: ["aria-hidden"] });
}
