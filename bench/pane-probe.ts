/**
 * Timings taken inside the task pane's frame, installed before any of its scripts runs
 * (`BrowserContext.addInitScript`): when the first row of the contact list was painted, and how
 * long each keystroke in the search box took to show its result. "Painted" is the end of the
 * animation frame that followed the change (a task queued from `requestAnimationFrame` runs
 * after that frame's paint). Other frames (the harness) are left alone.
 */

export interface KeystrokeTiming {
  /** The keydown event's timestamp (this frame's `performance.now()` clock). */
  readonly at: number;
  /** The latest change of the contact list after it, and the paint that followed. */
  changedAt: number | null;
  paintedAt: number | null;
}

export interface PaneProbe {
  /** This frame's time origin (ms since the epoch): its navigation start. */
  readonly timeOrigin: number;
  /**
   * When the first contact row was painted (`performance.now()` clock): the stand-in's when the
   * pane kept its first screen (src/taskpane/contacts/first-screen.ts).
   */
  firstRowPaintedAt: number | null;
  /** When the first row of the live list was painted: the copy read and sorted. */
  liveRowPaintedAt: number | null;
  /** The latest keystroke in the search box. */
  keystroke: KeystrokeTiming | null;
  /** Tasks over 50 ms on the main thread. */
  readonly longTasks: { start: number; duration: number }[];
  /**
   * Whether the contact list is shown dimmed (an element of it or around it is translucent):
   * the pane dims results that are still those of an earlier query.
   */
  dimmed(): boolean;
}

declare global {
  interface Window {
    bcmPaneProbe?: PaneProbe;
  }
}

function afterPaint(run: (at: number) => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => run(performance.now());
    channel.port2.postMessage(null);
  });
}

/** The accessible name given by `aria-label` or `aria-labelledby` (all the pane uses). */
function labelOf(element: Element): string {
  const label = element.getAttribute("aria-label");
  if (label) return label.trim();
  const ids = element.getAttribute("aria-labelledby")?.split(/\s+/) ?? [];
  return ids
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ")
    .trim();
}

/** The contact list: role `list` named "Contacts". */
function contactList(): Element | null {
  for (const list of document.querySelectorAll('[role="list"]')) {
    if (labelOf(list) === "Contacts") return list;
  }
  return null;
}

function dimmed(): boolean {
  for (let e = contactList(); e; e = e.parentElement) {
    if (Number(getComputedStyle(e).opacity) < 1) return true;
  }
  return false;
}

function isSearchBox(target: EventTarget | null): target is HTMLInputElement {
  return (
    target instanceof HTMLInputElement &&
    (target.getAttribute("role") === "searchbox" || target.type === "search")
  );
}

function install(): void {
  const probe: PaneProbe = {
    timeOrigin: performance.timeOrigin,
    firstRowPaintedAt: null,
    liveRowPaintedAt: null,
    keystroke: null,
    longTasks: [],
    dimmed,
  };
  window.bcmPaneProbe = probe;
  let rowSeen = false;
  let liveSeen = false;

  new PerformanceObserver((entries) => {
    for (const e of entries.getEntries())
      probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });

  addEventListener(
    "keydown",
    (event) => {
      if (isSearchBox(event.target))
        probe.keystroke = { at: event.timeStamp, changedAt: null, paintedAt: null };
    },
    { capture: true },
  );

  new MutationObserver((records) => {
    const rows = contactList()?.querySelector('[role="listitem"]');
    if (!rowSeen && rows) {
      rowSeen = true;
      afterPaint((at) => (probe.firstRowPaintedAt = at));
    }
    if (!liveSeen && rows && !rows.closest('[aria-busy="true"]')) {
      liveSeen = true;
      afterPaint((at) => (probe.liveRowPaintedAt = at));
    }
    const keystroke = probe.keystroke;
    if (!keystroke) return;
    const list = contactList();
    // The list and what replaces it when nothing matches: the tab panel around it, except the
    // search box itself (its clear button comes and goes as one types).
    const region = list?.closest('[role="tabpanel"]') ?? list?.parentElement ?? document.body;
    const searchRoot = document.querySelector('[role="searchbox"], input[type="search"]');
    const box = searchRoot?.closest(".fui-SearchBox") ?? searchRoot;
    const relevant = records.some((r) => region.contains(r.target) && !box?.contains(r.target));
    if (!relevant) return;
    keystroke.changedAt = performance.now();
    keystroke.paintedAt = null;
    afterPaint((at) => {
      if (probe.keystroke === keystroke) keystroke.paintedAt = at;
    });
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

if (location.pathname.endsWith("/taskpane.html")) install();
