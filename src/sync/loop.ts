/**
 * The sync loop: when to sync one database. It runs the engine's `sync` (push then pull) after a
 * burst of local changes settles (debounce), on the user's schedule (every 1–60 minutes, or
 * manually only), on "Sync now", and when the database is reachable again; it backs off,
 * capped and jittered, while the database cannot be reached. One sync at a time.
 *
 *                          start(online)
 *      ┌─────────┐ ──────────────────────▶ ┌──────┐   setOnline(false)    ┌─────────┐
 *      │ stopped │                         │ idle │ ────────────────────▶ │ offline │
 *      └─────────┘ ◀── stop(), any state ─ └──────┘  (from any state; a   └─────────┘
 *                                           │    ▲    running sync ends       │
 *                          notifyChange()   │    │ done                       │ setOnline(true):
 *                                           ▼    │                            │ sync at once
 *      ┌─────────┐   debounce elapsed   ┌─────────┐ ◀─────────────────────────┘
 *      │ waiting │ ───────────────────▶ │ syncing │ ◀── schedule tick, syncNow()
 *      └─────────┘ ◀── done, changes ── └─────────┘     (from idle, waiting, backoff)
 *       ↻ another change restarts the     │     ▲
 *         wait (at most maxWaitMs after   │     │ timer elapsed
 *         the burst's first change)       ▼     │
 *                                       ┌─────────┐
 *                  failed, retryable ─▶ │ backoff │  waits min(max, min·2ⁿ⁻¹) × [½, 1),
 *                  (no answer, 5xx,     └─────────┘  at least Retry-After × [1, 1½)
 *                  429)
 *
 * A failure that retrying will not cure (401, 403, 404, a broken store) goes back to idle and
 * is reported; the next change, tick or "Sync now" tries again. Time and randomness reach this
 * module only through the injected `Timers`, `Clock` and `Random`.
 */
import type { SyncEngine } from "./engine";
import { ErrorCode } from "../shared/errors";
import type { Clock, Random, Timers } from "./ports";
import { systemPorts } from "./ports";
import type { SyncFrequency } from "./settings";
import { ApiError, isUnreachable } from "./transport";

export type LoopState = "stopped" | "offline" | "idle" | "waiting" | "syncing" | "backoff";

/** How a sync attempt ended. */
export type LoopOutcome =
  | { readonly status: "synced"; readonly result: unknown }
  | { readonly status: "failed"; readonly error: unknown; readonly retryInMs: number | null }
  | { readonly status: "stopped" };

export type LoopEvent =
  | { readonly type: "state"; readonly state: LoopState }
  | { readonly type: "outcome"; readonly outcome: LoopOutcome };

export interface SyncLoopOptions {
  /** One sync (push then pull); rejects when it failed. */
  readonly sync: () => Promise<unknown>;
  /** The schedule, read each time the next tick is planned (Offline Settings). */
  readonly frequency: () => SyncFrequency;
  readonly timers?: Timers;
  readonly now?: Clock;
  readonly random?: Random;
  /** Quiet time after a change before syncing. */
  readonly debounceMs?: number;
  /** A burst of changes never delays a sync longer than this after its first change. */
  readonly maxWaitMs?: number;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Whether a failure is worth retrying by itself; by default no answer, 5xx, 409. */
  readonly retryable?: (error: unknown) => boolean;
}

/** No answer, the server's own trouble (5xx), throttling (429), or a mid gap the next push repairs. */
export function isRetryable(error: unknown): boolean {
  return (
    isUnreachable(error) ||
    (error instanceof ApiError &&
      (error.status >= 500 || error.status === 429 || error.code === ErrorCode.MidGap))
  );
}

export class SyncLoop {
  readonly #sync: () => Promise<unknown>;
  readonly #frequency: () => SyncFrequency;
  readonly #timers: Timers;
  readonly #now: Clock;
  readonly #random: Random;
  readonly #debounceMs: number;
  readonly #maxWaitMs: number;
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #retryable: (error: unknown) => boolean;
  readonly #listeners = new Set<(event: LoopEvent) => void>();
  #state: LoopState = "stopped";
  #online = true;
  #timer: unknown = null;
  #failures = 0;
  /** When the first change of the current burst was made. */
  #burstStart: number | null = null;
  /** A change was made, or "Sync now" asked, while a sync ran or the database was offline. */
  #dirty = false;
  #again = false;
  #waiters: Array<(outcome: LoopOutcome) => void> = [];

  constructor(options: SyncLoopOptions) {
    this.#sync = options.sync;
    this.#frequency = options.frequency;
    this.#timers = options.timers ?? systemPorts.timers;
    this.#now = options.now ?? systemPorts.now;
    this.#random = options.random ?? systemPorts.random;
    this.#debounceMs = options.debounceMs ?? 2_000;
    this.#maxWaitMs = options.maxWaitMs ?? 15_000;
    this.#minBackoffMs = options.minBackoffMs ?? 1_000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
    this.#retryable = options.retryable ?? isRetryable;
  }

  get state(): LoopState {
    return this.#state;
  }

  /** Calls `listener` on every state change and every sync outcome, until the returned function is called. */
  subscribe(listener: (event: LoopEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Starts the loop. `syncNow` syncs at once ("sync when the pane opens"); else the first
   * scheduled tick comes one period from now. Starting a started loop does nothing.
   */
  start(options: { online?: boolean; syncNow?: boolean } = {}): void {
    if (this.#state !== "stopped") return;
    this.#online = options.online ?? true;
    if (!this.#online) {
      this.#dirty = options.syncNow ?? false;
      this.#setState("offline");
    } else if (options.syncNow) {
      void this.#run();
    } else {
      this.#idle();
    }
  }

  /** Stops: no more syncs start (a running one ends); waiting `syncNow` calls resolve "stopped". */
  stop(): void {
    this.#cancelTimer();
    this.#burstStart = null;
    const running = this.#state === "syncing";
    this.#setState("stopped");
    if (!running) this.#resolveWaiters({ status: "stopped" });
  }

  /** The database became reachable (sync at once) or not, or the user switched "work offline". */
  setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    if (this.#state === "stopped" || this.#state === "syncing") return;
    if (!online) {
      this.#cancelTimer();
      this.#dirty = this.#dirty || this.#state === "waiting" || this.#state === "backoff";
      this.#setState("offline");
    } else {
      this.#failures = 0;
      void this.#run();
    }
  }

  /** A local change was made: sync once the burst is over. */
  notifyChange(): void {
    switch (this.#state) {
      case "idle":
      case "waiting":
        this.#wait();
        break;
      case "syncing":
      case "offline":
      case "backoff":
        this.#dirty = true;
        break;
      case "stopped":
        break;
    }
  }

  /**
   * "Sync now": syncs at once (after the running sync, when one runs) and resolves with how
   * that sync ended. While offline it tries once anyway: the user asked.
   */
  syncNow(): Promise<LoopOutcome> {
    if (this.#state === "stopped") return Promise.resolve({ status: "stopped" });
    const outcome = new Promise<LoopOutcome>((resolve) => this.#waiters.push(resolve));
    if (this.#state === "syncing") this.#again = true;
    else void this.#run();
    return outcome;
  }

  /** The schedule changed (Offline Settings): plan the next tick from now. */
  reschedule(): void {
    if (this.#state === "idle") this.#idle();
  }

  #wait(): void {
    const now = this.#now();
    this.#burstStart ??= now;
    const delay = Math.max(0, Math.min(this.#debounceMs, this.#burstStart + this.#maxWaitMs - now));
    this.#cancelTimer();
    this.#setState("waiting");
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.#run();
    }, delay);
  }

  #idle(): void {
    this.#cancelTimer();
    this.#setState("idle");
    const frequency = this.#frequency();
    if (frequency === "manual") return;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.#run();
    }, frequency * 60_000);
  }

  async #run(): Promise<void> {
    // "Sync now" calls made from here on wait for the next sync, not this one.
    const waiters = this.#waiters;
    this.#waiters = [];
    this.#cancelTimer();
    this.#burstStart = null;
    this.#dirty = false;
    this.#again = false;
    this.#setState("syncing");
    let outcome: LoopOutcome;
    try {
      outcome = { status: "synced", result: await this.#sync() };
      this.#failures = 0;
    } catch (error) {
      const retry = this.#retryable(error);
      this.#failures = retry ? this.#failures + 1 : 0;
      outcome = { status: "failed", error, retryInMs: retry ? this.#backoff(error) : null };
    }
    this.#emit({ type: "outcome", outcome });
    for (const resolve of waiters) resolve(outcome);
    this.#after(outcome);
  }

  #after(outcome: LoopOutcome): void {
    if (this.#state === "stopped") {
      this.#resolveWaiters({ status: "stopped" });
      return;
    }
    if (!this.#online) {
      this.#dirty = this.#dirty || outcome.status === "failed";
      this.#setState("offline");
      return;
    }
    if (this.#again) {
      void this.#run();
      return;
    }
    if (outcome.status === "failed" && outcome.retryInMs !== null) {
      this.#setState("backoff");
      this.#timer = this.#timers.setTimeout(() => {
        this.#timer = null;
        void this.#run();
      }, outcome.retryInMs);
      return;
    }
    if (this.#dirty) this.#wait();
    else this.#idle();
  }

  /**
   * The wait before the next attempt: the backoff's ceiling times a random factor in [½, 1);
   * when the server said how long to wait (`Retry-After` on a 429 or 503), at least that, times
   * a random factor in [1, 1½) so that clients told the same time do not all come back at once.
   * Never more than the longest backoff: a server that asks for a day is asked again sooner.
   */
  #backoff(error: unknown): number {
    const ceiling = Math.min(this.#maxBackoffMs, this.#minBackoffMs * 2 ** (this.#failures - 1));
    const jitter = this.#random();
    const backoff = ceiling * (0.5 + jitter / 2);
    const asked = error instanceof ApiError ? (error.retryAfterMs ?? 0) : 0;
    return Math.round(Math.min(this.#maxBackoffMs, Math.max(backoff, asked * (1 + jitter / 2))));
  }

  #resolveWaiters(outcome: LoopOutcome): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve(outcome);
  }

  #setState(state: LoopState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#emit({ type: "state", state });
  }

  #emit(event: LoopEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/**
 * A loop that syncs `engine`: on the schedule of its Offline Settings (re-planned when they
 * change), and after each local change. Start it with `start({ online, syncNow:
 * engine.settings.syncOnOpen })`; `dispose` stops it and stops listening to the engine.
 */
export function loopForEngine(
  engine: Pick<SyncEngine, "sync" | "settings" | "subscribe">,
  options: Omit<SyncLoopOptions, "sync" | "frequency"> = {},
): { readonly loop: SyncLoop; readonly dispose: () => void } {
  const loop = new SyncLoop({
    ...options,
    sync: () => engine.sync(),
    frequency: () => engine.settings.frequency,
  });
  const unsubscribe = engine.subscribe((event) => {
    if (event.type !== "changed") return;
    if (event.cause === "local") loop.notifyChange();
    else if (event.cause === "settings" || event.cause === "reload") loop.reschedule();
  });
  return {
    loop,
    dispose: () => {
      unsubscribe();
      loop.stop();
    },
  };
}
