/**
 * Work the pane's first paint does not wait for: slices of work in the background (the
 * contacts' search index), and components shown at once whose code can arrive just after that
 * paint (the database menu, the undo toaster).
 */
import type { ComponentType, LazyExoticComponent } from "react";
import { lazy } from "react";

/** The longest slice of work: a key pressed meanwhile waits for the slice to end. */
const SLICE_MS = 5;

/** `scheduler.postTask` (Chromium, so Outlook on Windows and on the web in Edge or Chrome). */
interface TaskScheduler {
  postTask(
    task: () => void,
    options: { readonly priority: "background"; readonly signal: AbortSignal },
  ): Promise<void>;
}

/** At the latest, a component loads this long after it is first rendered, idle or not. */
const LOAD_WITHIN_MS = 2_000;

/** How long a component shown from the start waits for the first rows before it loads anyway. */
const ROWS_WITHIN_MS = 3_000;

let markRowsPainted: () => void = () => undefined;
/** Resolved once the first rows of a list have painted (`rowsPainted`). */
const firstRows = new Promise<void>((resolve) => {
  markRowsPainted = resolve;
});

/**
 * Says that a list's first rows have painted: what the first paint can do without loads from
 * now on. While the copy is read from browser storage the page is idle, and "idle" alone would
 * fetch those scripts before the rows they must not delay.
 */
export function rowsPainted(): void {
  markRowsPainted();
}

/**
 * Runs `work` a slice at a time until it says it is done, passing it whether the slice has time
 * left: in background tasks, which run whenever the page has nothing more urgent to do (input,
 * rendering, network answers all come first), else in the browser's idle periods, else in tasks
 * of their own. Returns a function that stops it.
 */
export function inBackground(work: (more: () => boolean) => boolean): () => void {
  let cancel: () => void;
  const step = (more: () => boolean) => {
    if (!work(more)) cancel = schedule(step);
  };
  cancel = schedule(step);
  return () => cancel();
}

function schedule(step: (more: () => boolean) => void): () => void {
  const slice = () => {
    const end = performance.now() + SLICE_MS;
    step(() => performance.now() < end);
  };
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === "function") {
    const stop = new AbortController();
    scheduler
      .postTask(slice, { priority: "background", signal: stop.signal })
      .catch(() => undefined); // Stopped.
    return () => stop.abort();
  }
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback((deadline) => {
      const end = performance.now() + SLICE_MS;
      step(() => deadline.timeRemaining() > 0 && performance.now() < end);
    });
    return () => cancelIdleCallback(handle);
  }
  // No idle callbacks (Safari): a slice in a task of its own.
  const handle = setTimeout(slice, 0);
  return () => clearTimeout(handle);
}

/**
 * `React.lazy` for a component shown from the start that the first paint can do without: its
 * script is fetched once the browser is idle after the first rows painted (or a few seconds
 * passed, for a pane that shows none), its `Suspense` fallback showing meanwhile, so it neither
 * delays that paint nor counts among its scripts.
 */
export function lazyAfterPaint<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    await afterFirstRows();
    return { default: await load() };
  });
}

/**
 * Resolves when the browser is idle after the first rows painted, or after `ROWS_WITHIN_MS`
 * without rows; idle or not, `LOAD_WITHIN_MS` later at the latest.
 */
export async function afterFirstRows(): Promise<void> {
  await Promise.race([firstRows, new Promise((resolve) => setTimeout(resolve, ROWS_WITHIN_MS))]);
  await new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === "function") {
      requestIdleCallback(() => resolve(), { timeout: LOAD_WITHIN_MS });
    } else {
      setTimeout(resolve, 0);
    }
  });
}
