/**
 * The progress of an import, its undo or a bulk action on selected contacts, for the status bar:
 * one activity at a time, kept here outside React so that the status bar shows it whichever
 * screen runs it, and the run goes on when its dialog closes. ActivityProgress.tsx draws it in
 * the status bar.
 */
import { useSyncExternalStore } from "react";

/**
 * Records per batch of local changes (`SyncEngine.applyAll`): one store transaction and one
 * refresh of the lists each, the page free to respond between two.
 */
export const BATCH = 500;

export interface Activity {
  /** "Importing contacts", "Undoing the import". */
  readonly label: string;
  /** Records written so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** Stops after the batch being written; null once finished. */
  readonly cancel: (() => void) | null;
  /** When finished: what happened, in words; null while it runs. */
  readonly outcome: string | null;
  /** When finished: "Undo import" for this import, if it made anything. */
  readonly undo: (() => void) | null;
}

let current: Activity | null = null;
const listeners = new Set<() => void>();

/** Shows `activity` in the status bar (null hides it). */
export function setActivity(activity: Activity | null): void {
  current = activity;
  for (const listener of [...listeners]) listener();
}

/** The activity shown now, if any. */
export function currentActivity(): Activity | null {
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The activity the status bar shows, if any. */
export function useActivity(): Activity | null {
  return useSyncExternalStore(subscribe, currentActivity);
}
