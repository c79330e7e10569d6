/**
 * Whether the shared database is reachable: from our own `/health` probes and from the outcome
 * of real API calls, never from Outlook's mail connection (docs/architecture.md, "Status is ours").
 *
 *                 probe ok            probe fails, or reportUnreachable()
 *     checking ─────────────▶ online ─────────────────────────────────────▶ offline
 *        │                    ▲    ↻ probe again 5 s later                    │   ↻ probe again 1 s, 2 s,
 *        │                    └──────── probe ok, or reportReachable() ───────┤     4 s … 30 s later
 *        └──────────────────────── probe fails ──────────────────────────────▶┘
 *
 * Only the latest probe's answer counts; a report from an API call reschedules the next probe
 * from the new state. Time reaches this module only through the injected `Timers`.
 */

export type ConnectionStatus = "checking" | "online" | "offline";

/** The timer functions the monitor uses; the defaults are the global ones. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ConnectionMonitorOptions {
  /** Between probes while online. */
  readonly intervalMs?: number;
  /** The first retry while offline; each following retry waits twice as long… */
  readonly minBackoffMs?: number;
  /** …up to this. */
  readonly maxBackoffMs?: number;
  readonly timers?: Timers;
}

/** Between probes while online, by default: the pane's connection check. */
export const PROBE_INTERVAL_MS = 5_000;

const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ConnectionMonitor {
  readonly #probe: () => Promise<boolean>;
  readonly #intervalMs: number;
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #timers: Timers;
  readonly #listeners = new Set<(status: ConnectionStatus) => void>();
  #status: ConnectionStatus = "checking";
  #failures = 0;
  #timer: unknown = null;
  #probeSeq = 0;
  #running = false;

  /**
   * @param probe resolves true when the database answers and its storage is up; a rejection
   *   counts as false.
   */
  constructor(probe: () => Promise<boolean>, options: ConnectionMonitorOptions = {}) {
    this.#probe = probe;
    this.#intervalMs = options.intervalMs ?? PROBE_INTERVAL_MS;
    this.#minBackoffMs = options.minBackoffMs ?? 1_000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.#timers = options.timers ?? globalTimers;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Starts probing now. Starting a started monitor does nothing. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.probeNow();
  }

  /** Stops probing; the status stays as it was. */
  stop(): void {
    this.#running = false;
    this.#probeSeq += 1;
    this.#cancelTimer();
  }

  /** Calls `listener` on every change of status, until the returned function is called. */
  subscribe(listener: (status: ConnectionStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Probes at once (a probe already in flight no longer counts). */
  async probeNow(): Promise<void> {
    this.#cancelTimer();
    const seq = ++this.#probeSeq;
    let ok: boolean;
    try {
      ok = await this.#probe();
    } catch {
      ok = false;
    }
    if (seq === this.#probeSeq) this.#settle(ok);
  }

  /** An API call got no answer (or a gateway/unavailable status): the database is offline. */
  reportUnreachable(): void {
    this.#probeSeq += 1;
    this.#settle(false);
  }

  /** An API call that needs storage succeeded: the database is online. */
  reportReachable(): void {
    this.#probeSeq += 1;
    this.#settle(true);
  }

  #settle(ok: boolean): void {
    this.#failures = ok ? 0 : this.#failures + 1;
    this.#setStatus(ok ? "online" : "offline");
    this.#cancelTimer();
    if (!this.#running) return;
    const delay = ok
      ? this.#intervalMs
      : Math.min(this.#maxBackoffMs, this.#minBackoffMs * 2 ** (this.#failures - 1));
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.probeNow();
    }, delay);
  }

  #setStatus(status: ConnectionStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of [...this.#listeners]) listener(status);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
