/**
 * Work the pane's first paint does not wait for: slices of work in the background (the
 * contacts' search index), and components shown at once whose code can arrive just after that
 * paint (the database menu, the undo toaster).
 */
import type { ComponentType, LazyExoticComponent } from "react";
import { lazy, useEffect } from "react";

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

/** How long a component shown from the start waits for the first content before it loads anyway. */
const CONTENT_WITHIN_MS = 3_000;

let markPainted: () => void = () => undefined;
/** Resolved once the pane's first content has painted (`contentPainted`). */
const firstContent = new Promise<void>((resolve) => {
  markPainted = resolve;
});

/**
 * Says that the pane's first content (a list's rows, or its empty state) has painted: what the
 * first paint can do without loads from now on. While the copy is read from browser storage the
 * page is idle, and "idle" alone would fetch those scripts before the rows they must not delay.
 */
export function contentPainted(): void {
  markPainted();
}

/** For a component that shows the pane's first content: says so once its first frame painted. */
export function useContentPainted(): void {
  useEffect(() => {
    const frame = requestAnimationFrame(() => setTimeout(contentPainted, 0));
    return () => cancelAnimationFrame(frame);
  }, []);
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
 * script is fetched once the browser is idle after the first content painted (or a few seconds
 * passed, for a screen that does not say so), its `Suspense` fallback showing meanwhile, so it
 * neither delays that paint nor counts among its scripts.
 */
export function lazyAfterPaint<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    await afterFirstContent();
    return { default: await load() };
  });
}

/**
 * Resolves when the browser is idle after the first content painted, or after
 * `CONTENT_WITHIN_MS` without; idle or not, `LOAD_WITHIN_MS` later at the latest.
 */
export async function afterFirstContent(): Promise<void> {
  await Promise.race([
    firstContent,
    new Promise((resolve) => setTimeout(resolve, CONTENT_WITHIN_MS)),
  ]);
  await new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === "function") {
      requestIdleCallback(() => resolve(), { timeout: LOAD_WITHIN_MS });
    } else {
      setTimeout(resolve, 0);
    }
  });
}
