/**
 * The sync engine of one offline copy (one user's copy of one shared database): local
 * changes into the outbox, the view, push then pull, conflicts settled by the user's rule, the
 * needs-attention list, Offline Settings, export and drop. Pure TypeScript: storage, network,
 * time, randomness, locks and cross-pane messages come through ports (docs/sync-engine.md).
 *
 * Every change is written to the store, in one batch, before the in-memory state (and so the
 * view) shows it; changes run one at a time under the copy's write lock (Web Locks across
 * panes), and a pane whose copy another pane changed reloads it first (`rev` in `sync:client`).
 * A sync holds the copy's sync lock: one syncer per copy, whatever the number of panes. The
 * copy is its owner's alone (owner.ts): a copy recorded as someone else's is refused on open.
 */
import { z } from "zod/mini";
import type { Mutation, PullResponse, PushResponse, RecordType } from "../shared/protocol";
import { Id } from "../shared/protocol";
import { ulid } from "../shared/ids";
import { validateFields } from "../shared/records";
import { Changes } from "./changes";
import type { Fields } from "../shared/json";
import {
  CLIENT_KEY,
  CLOCK_KEY,
  LOG_PREFIX,
  QUARANTINE_PREFIX,
  SCHEMA_KEY,
  SETTINGS_KEY,
  recordKey,
} from "./keys";
import { ClockOffset, measureOffset } from "./clock";
import { CopyVersionError, isNewerVersion, SCHEMA_VERSION, schemaWrite } from "./migrations";
import type { QuarantineExport, QuarantineItem } from "./quarantine";
import type { SyncLogEntry, SyncLogExport } from "./sync-log";
import { faultEntry, logWrites, readLog, syncEntry } from "./sync-log";
import { MemoryLocks } from "./memory-ports";
import { entryKey } from "./outbox";
import type { Broadcast, Clock, Locks, Random } from "./ports";
import { randomBytes } from "./ports";
import type { PullProgress, PullSummary } from "./pull";
import { pullChanges } from "./pull";
import type { PushProgress, PushSummary, Settled } from "./push";
import { pushOutbox, settle } from "./push";
import type { OfflineSettings } from "./settings";
import { OfflineSettings as OfflineSettingsSchema } from "./settings";
import type {
  AttentionItem,
  ClientMeta,
  ConflictItem,
  CopyState,
  LocalState,
  OutboxEntry,
} from "./state";
import { ClientMeta as ClientMetaSchema, loadState } from "./state";
import type { LocalStore, StoreWrite } from "./store";
import type { Transport } from "./transport";
import { isNotMember } from "./transport";
import type { CopyOwner } from "./owner";
import { checkOwner, copyId, ownerWrite } from "./owner";
import type { ViewRecord } from "./view";
import { viewOf, viewRecord } from "./view";
import { planCreate, planRemove, planUpdate } from "./edits";

export interface SyncEngineOptions {
  /** Whose copy of which database: the store must be this owner's (it is checked on open). */
  readonly owner: CopyOwner;
  /** This owner's store of the copy, used by this engine alone within the pane. */
  readonly store: LocalStore;
  readonly transport: Transport;
  /** Locks shared with other panes (Web Locks); by default, this JavaScript realm's. */
  readonly locks?: Locks;
  /** Tells other panes that the copy changed; none by default. */
  readonly broadcast?: Broadcast | null;
  readonly now?: Clock;
  readonly random?: Random;
  /** Records per pull page (the protocol's maximum by default). */
  readonly pageSize?: number;
}

/** What the engine tells its listeners. */
export type EngineEvent =
  /**
   * The copy changed: by a local change (an edit, an answer, a retry: the sync loop syncs after
   * those), by a sync, by new settings, or by another pane (reloaded).
   */
  | { readonly type: "changed"; readonly cause: ChangeCause }
  /** A conflict was settled (by the rule, or by the user answering the inbox). */
  | { readonly type: "settled"; readonly settled: Settled }
  /** A sync made progress (for a progress bar). */
  | { readonly type: "progress"; readonly progress: PushProgress | PullProgress }
  /**
   * The API answered a pull or push with 404: no such database, or the user is no longer a
   * member. The copy stays as it is until the user exported what they want and wipes it.
   */
  | { readonly type: "revoked" }
  /**
   * A newer release of the add-in, in another pane, upgraded the copy: this engine stops (every
   * change and sync rejects with `CopyVersionError`) and the pane asks the user to reload.
   */
  | { readonly type: "outdated" }
  /** An entry was added to the sync log. */
  | { readonly type: "logged"; readonly entry: SyncLogEntry };

export type ChangeCause = "local" | "sync" | "settings" | "reload";

/** The outcome of a local change. */
export type EditOutcome =
  | { readonly status: "saved"; readonly record: ViewRecord | null }
  | { readonly status: "unchanged"; readonly record: ViewRecord }
  | { readonly status: "invalid"; readonly field: string; readonly message: string }
  | { readonly status: "not_found" }
  | { readonly status: "exists"; readonly record: ViewRecord };

/** One local change of a batch (`SyncEngine.applyAll`). */
export type LocalEdit =
  | {
      readonly op: "create";
      readonly type: RecordType;
      readonly id: string;
      readonly fields: Fields;
    }
  | {
      readonly op: "update";
      readonly type: RecordType;
      readonly id: string;
      readonly changes: Fields;
    }
  | { readonly op: "remove"; readonly type: RecordType; readonly id: string };

export interface SyncSummary {
  readonly push: PushSummary;
  readonly pull: PullSummary;
}

/** The changes of this copy that the shared database does not have, as a JSON document. */
export interface ChangesExport {
  readonly format: "bcm-offline-changes";
  readonly version: 1;
  readonly databaseId: string;
  readonly clientId: string;
  readonly exportedAt: string;
  readonly pending: readonly Mutation[];
  readonly conflicts: readonly ConflictItem[];
  readonly needsAttention: readonly AttentionItem[];
}

export type DropOutcome =
  | { readonly status: "dropped" }
  /** Changes not on the server would be lost: export them first, or force. */
  | {
      readonly status: "refused";
      readonly pending: number;
      readonly conflicts: number;
      readonly needsAttention: number;
    };

export type SettingsOutcome =
  | { readonly status: "saved"; readonly settings: OfflineSettings }
  | { readonly status: "invalid"; readonly field: string; readonly message: string };

/** Locks of this realm, shared by engines that were given none. */
const realmLocks = new MemoryLocks();

const SyncMessage = z.object({
  kind: z.literal("bcm-sync"),
  copy: z.string(),
  rev: z.number(),
  /** The copy's layout version as the sender writes it (migrations.ts). */
  schema: z.optional(z.number()),
});

export class SyncEngine {
  readonly databaseId: string;
  readonly owner: CopyOwner;
  /** The copy's name (owner.ts): its locks, its messages to other panes, its preferences. */
  readonly copyId: string;
  readonly #store: LocalStore;
  readonly #transport: Transport;
  readonly #locks: Locks;
  readonly #broadcast: Broadcast | null;
  readonly #now: Clock;
  readonly #random: Random;
  readonly #pageSize: number;
  readonly #listeners = new Set<(event: EngineEvent) => void>();
  #state: LocalState;
  #fresh: boolean;
  /** Whether the store records the owner (an empty store is nobody's until its first write). */
  #owned: boolean;
  #revoked = false;
  #syncing: Promise<SyncSummary> | null = null;
  #exportedRev: number | null = null;
  #unsubscribe: (() => void) | null = null;
  /** Whether a newer release upgraded the copy: nothing is read or written any more. */
  #outdated = false;
  /** Server time minus this computer's (clock.ts): every change is stamped in server time. */
  #offset: ClockOffset | null;
  /** The offset as stored, to write it only when it moved. */
  #storedOffset: number | null;
  /** The last connection state logged, so that a repeated report is not logged again. */
  #connection: string | null = null;
  /** `records(type)`'s answers since the copy last changed: its readers share one list. */
  readonly #views = new Map<RecordType, readonly ViewRecord[]>();

  private constructor(
    options: SyncEngineOptions,
    id: string,
    owned: boolean,
    state: LocalState,
    fresh: boolean,
    offset: ClockOffset | null,
  ) {
    this.databaseId = options.owner.databaseId;
    this.owner = options.owner;
    this.copyId = id;
    this.#owned = owned;
    this.#store = options.store;
    this.#transport = options.transport;
    this.#locks = options.locks ?? realmLocks;
    this.#broadcast = options.broadcast ?? null;
    this.#now = options.now ?? (() => Date.now());
    this.#random = options.random ?? (() => Math.random());
    this.#pageSize = options.pageSize ?? 1000;
    this.#state = state;
    this.#fresh = fresh;
    this.#offset = offset;
    this.#storedOffset = offset?.offsetMs ?? null;
    this.#unsubscribe = this.#broadcast?.subscribe((message) => this.#onMessage(message)) ?? null;
  }

  /**
   * Opens the copy kept in `options.store` (an empty one when none was made, or it vanished),
   * upgraded to this release's layout first; entries that cannot be read are set aside in the
   * quarantine. Rejects with `CopyOwnerError`, having read nothing else, when the store is not
   * the owner's, and with `CopyVersionError` when a newer release wrote it.
   */
  static async open(options: SyncEngineOptions): Promise<SyncEngine> {
    const now = options.now ?? (() => Date.now());
    const random = options.random ?? (() => Math.random());
    const owned = await checkOwner(options.store, options.owner);
    const id = await copyId(options.owner);
    const stored = ClockOffset.safeParse(await options.store.get(CLOCK_KEY));
    const offset = stored.success ? stored.data : null;
    const iso = () => new Date(now() + (offset?.offsetMs ?? 0)).toISOString();
    const { state, fresh, quarantined } = await loadState(
      options.store,
      () => newClientId(now, random),
      iso,
    );
    const engine = new SyncEngine(options, id, owned, state, fresh, offset);
    // Panes of an older release holding this copy stop when they hear of this layout.
    engine.#post(state.client.rev);
    if (quarantined.length > 0) {
      await engine.#log({ kind: "quarantine", at: iso(), keys: quarantined.map((q) => q.key) });
    }
    return engine;
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  /** This copy's client id (made once per copy). */
  get clientId(): string {
    return this.#state.client.clientId;
  }

  /** Whether the last sync was answered 404: no such database, or no longer a member. */
  get revoked(): boolean {
    return this.#revoked;
  }

  /** Whether the store held no copy when opened (never made, dropped, or wiped by the host). */
  get fresh(): boolean {
    return this.#fresh;
  }

  /** Whether the copy was complete once, and when; null before the first page. */
  get copy(): CopyState | null {
    return this.#state.copy;
  }

  get settings(): OfflineSettings {
    return this.#state.settings;
  }

  /** Mutations waiting to be pushed, in mid order. */
  get outbox(): readonly OutboxEntry[] {
    return this.#state.outbox;
  }

  /** Conflicts waiting for the user ("ask me"). */
  get inbox(): readonly ConflictItem[] {
    return this.#state.inbox;
  }

  /** Changes the server rejected, with its reason. */
  get needsAttention(): readonly AttentionItem[] {
    return this.#state.attention;
  }

  /** Entries of the copy that could not be read, set aside (quarantine.ts). */
  get quarantine(): readonly QuarantineItem[] {
    return this.#state.quarantine;
  }

  /** Whether a newer release of the add-in upgraded the copy: reload the pane. */
  get outdated(): boolean {
    return this.#outdated;
  }

  /** The view of one record, or null when it does not exist for the user. */
  get(type: RecordType, id: string): ViewRecord | null {
    return viewOf(this.#state, type, id);
  }

  /**
   * The view of every record of `type`, in no particular order: the same list until the copy
   * changes (a "changed" event).
   */
  records(type: RecordType): readonly ViewRecord[] {
    const cached = this.#views.get(type);
    if (cached) return cached;
    const s = this.#state;
    const pending = groupBy(s.outbox, entryKey);
    const inbox = groupBy(s.inbox, (i) => recordKey(i.type, i.id));
    // Most records have no pending change and no conflict: those skip the lookups.
    const mine = pending.size > 0 || inbox.size > 0;
    const views: ViewRecord[] = [];
    for (const server of s.server.records(type)) {
      const key = mine ? recordKey(type, server.id) : "";
      const view = viewRecord(
        type,
        server.id,
        server,
        pending.get(key) ?? [],
        inbox.get(key) ?? [],
      );
      if (view) views.push(view);
    }
    // Records made on this computer that the server does not hold yet.
    for (const [key, entries] of pending) {
      const { mutation } = entries[0]!;
      if (mutation.type !== type || s.server.has(key)) continue;
      const view = viewRecord(type, mutation.id, undefined, entries, inbox.get(key) ?? []);
      if (view) views.push(view);
    }
    this.#views.set(type, views);
    return views;
  }

  /** Calls `listener` with every event until the returned function is called. */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  // ── local changes ────────────────────────────────────────────────────────────────────────

  /** A new record id: a ULID. */
  newId(): string {
    return ulid(this.#now(), (n) => randomBytes(this.#random, n));
  }

  /** Creates a record (a new ULID unless `id` is given). */
  async create(type: RecordType, fields: Fields, id?: string): Promise<EditOutcome> {
    const edit = { op: "create", type, id: id ?? this.newId(), fields } as const;
    const invalid = invalidEdit(edit);
    if (invalid) return invalid;
    return this.#edit(type, edit.id, (c) => planEdit(c, edit, this.#iso()));
  }

  /** Changes some fields of a record (`null` clears a field). */
  async update(type: RecordType, id: string, changes: Fields): Promise<EditOutcome> {
    const edit = { op: "update", type, id, changes } as const;
    const invalid = invalidEdit(edit);
    if (invalid) return invalid;
    return this.#edit(type, id, (c) => planEdit(c, edit, this.#iso()));
  }

  /**
   * Runs `task` (a long run of changes, such as an import or its undo) unless one is running on
   * this copy already, in this pane or another: then null, and `task` does not run.
   */
  alone<T>(task: () => Promise<T>): Promise<T | null> {
    return this.#locks.tryRequest(this.#lockName("bulk"), task);
  }

  /**
   * Many local changes as one: each checked and planned as `create`, `update` or `remove`
   * would, in order, and all written to the store in one batch (one transaction), with one
   * "changed" event. The outcomes come in the edits' order; a saved one carries no record (read
   * it with `get`). An invalid edit is answered and left out; the others still go in. Each
   * record may appear once in a batch: a second edit of it is answered `invalid` (`id`).
   */
  async applyAll(edits: readonly LocalEdit[]): Promise<EditOutcome[]> {
    const checked = edits.map(invalidEdit);
    return this.#change((c) => {
      const at = this.#iso();
      const seen = new Set<string>();
      return edits.map((edit, i): EditOutcome => {
        const invalid = checked[i];
        if (invalid) return invalid;
        const key = recordKey(edit.type, edit.id);
        if (seen.has(key)) {
          return {
            status: "invalid",
            field: "id",
            message: `id ${edit.id} is changed twice in one batch.`,
          };
        }
        seen.add(key);
        return planEdit(c, edit, at);
      });
    });
  }

  /** Deletes a record. */
  async remove(type: RecordType, id: string): Promise<EditOutcome> {
    return this.#edit(type, id, (c) => planEdit(c, { op: "remove", type, id }, this.#iso()));
  }

  // ── conflicts and needs attention ────────────────────────────────────────────────────────

  /** Answers one inbox item: "mine" pushes my value again, "theirs" keeps the shared one. */
  async answer(
    item: Pick<ConflictItem, "mid" | "field">,
    choice: "mine" | "theirs",
  ): Promise<boolean> {
    return this.#answer((i) => i.mid === item.mid && i.field === item.field, choice);
  }

  /** "Same choice for all": answers every inbox item alike. */
  async answerAll(choice: "mine" | "theirs"): Promise<number> {
    let count = 0;
    await this.#answer(() => {
      count += 1;
      return true;
    }, choice);
    return count;
  }

  /**
   * Tries a rejected change again, with `changes` over its fields (the user's corrections),
   * as a new local change; the item leaves the list.
   */
  async retry(id: string, changes: Fields = {}): Promise<EditOutcome> {
    const target: { record: { type: RecordType; id: string } | null } = { record: null };
    const outcome = await this.#change((c): EditOutcome => {
      const item = c.state.attention.find((i) => i.id === id);
      if (!item) return { status: "not_found" };
      const m = item.mutation;
      target.record = { type: m.type, id: m.id };
      let planned: EditOutcome;
      if (m.op === "delete") {
        planned = planRemove(c, m.type, m.id, this.#iso());
      } else {
        const fields = { ...m.fields, ...changes };
        const create = m.baseVersion === null && viewOf(c.state, m.type, m.id) === null;
        const checked = validateFields(m.type, fields, create ? "create" : "update");
        if (!checked.ok)
          return { status: "invalid", field: checked.field, message: checked.message };
        planned = create
          ? planCreate(c, m.type, m.id, fields, this.#iso())
          : planUpdate(c, m.type, m.id, fields, this.#iso());
      }
      // The item stays listed unless the retry went into the outbox (or had nothing to send).
      if (planned.status === "saved" || planned.status === "unchanged") c.removeAttention(id);
      return planned;
    });
    const saved = target.record;
    return outcome.status === "saved" && saved
      ? { status: "saved", record: this.get(saved.type, saved.id) }
      : outcome;
  }

  /** Drops a rejected change for good. */
  async discard(id: string): Promise<boolean> {
    return this.#change((c) => {
      if (!c.state.attention.some((i) => i.id === id)) return false;
      c.removeAttention(id);
      return true;
    });
  }

  // ── settings ─────────────────────────────────────────────────────────────────────────────

  /** Changes some Offline Settings, validated; stored with the copy. */
  async updateSettings(patch: Partial<OfflineSettings>): Promise<SettingsOutcome> {
    const parsed = OfflineSettingsSchema.safeParse({ ...this.#state.settings, ...patch });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        status: "invalid",
        field: issue?.path.map(String).join(".") ?? "",
        message: issue?.message ?? "invalid settings",
      };
    }
    const settings = parsed.data;
    await this.#change((c) => {
      c.batch.set(SETTINGS_KEY, settings).then(() => {
        c.state.settings = settings;
      });
    }, "settings");
    return { status: "saved", settings };
  }

  // ── sync ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Push then pull, under the database's sync lock (a sync already running in this engine is
   * joined). The first sync makes the offline copy, page by page; an interrupted one resumes
   * from the kept cursor. Rejects with `NetworkError`, `ApiError` or `StoreError`: nothing is
   * lost, the next sync goes on from there. A 404 (not a member any more) also emits `revoked`.
   */
  sync(): Promise<SyncSummary> {
    if (this.#syncing) return this.#syncing;
    const run = this.#locks
      .request(this.#lockName("sync"), async () => {
        const common = {
          transport: this.#measuredTransport(),
          databaseId: this.databaseId,
          state: () => this.#state,
          now: () => this.#iso(),
          onProgress: (progress: PushProgress | PullProgress) =>
            this.#emit({ type: "progress", progress }),
        };
        const settledNow: Settled[] = [];
        const listed = new Set(this.#state.attention.map((i) => i.id));
        const { pulled, ...push } = await pushOutbox({
          ...common,
          change: (make) => this.#change(make, "sync"),
          onSettled: (settled) => {
            settledNow.push(settled);
            this.#emit({ type: "settled", settled });
          },
          // A complete copy catches up in the same request as its last push.
          pullWith: () => {
            const { cursor, sweep, copy } = this.#state;
            return cursor !== null && sweep === null && copy?.complete === true
              ? { cursor, limit: this.#pageSize }
              : null;
          },
        });
        const pull = await pullChanges({
          ...common,
          limit: this.#pageSize,
          change: (make) => this.#change(make, "sync"),
          ...(pulled ? { first: pulled } : {}),
        });
        this.#revoked = false;
        const refused = this.#state.attention
          .filter((i) => !listed.has(i.id))
          .map(({ mutation: m, error }) => ({
            type: m.type,
            id: m.id,
            code: error.code,
            message: error.message,
          }));
        const summary = { sent: push.answered, received: pull.changes, restarted: pull.restarted };
        await this.#log(syncEntry(this.#iso(), summary, settledNow, refused));
        return { push, pull };
      })
      .catch(async (error: unknown) => {
        if (isNotMember(error) && !this.#revoked) {
          this.#revoked = true;
          this.#emit({ type: "revoked" });
        }
        await this.#log(faultEntry(this.#iso(), error)).catch(() => undefined);
        throw error;
      })
      .finally(() => {
        this.#syncing = null;
      });
    this.#syncing = run;
    return run;
  }

  // ── export and drop ──────────────────────────────────────────────────────────────────────

  /** The changes the shared database does not have. Dropping is then allowed until the next change. */
  exportChanges(): ChangesExport {
    const s = this.#state;
    this.#exportedRev = s.client.rev;
    return {
      format: "bcm-offline-changes",
      version: 1,
      databaseId: this.databaseId,
      clientId: s.client.clientId,
      exportedAt: this.#iso(),
      pending: s.outbox.map((e) => e.mutation),
      conflicts: s.inbox,
      needsAttention: s.attention,
    };
  }

  /**
   * Deletes the offline copy, outbox included. Refused while there are changes the server does
   * not have (outbox, inbox, needs attention), unless they were exported since the last change
   * or `force` is set. Afterwards the engine holds an empty copy with a new client id.
   */
  async drop(options: { force?: boolean } = {}): Promise<DropOutcome> {
    return this.#locks.request(this.#lockName("sync"), () =>
      this.#locks.request(this.#lockName("write"), async () => {
        await this.#refreshIfStale();
        const s = this.#state;
        const unsent = s.outbox.length + s.inbox.length + s.attention.length;
        if (unsent > 0 && !options.force && this.#exportedRev !== s.client.rev) {
          return {
            status: "refused",
            pending: s.outbox.length,
            conflicts: s.inbox.length,
            needsAttention: s.attention.length,
          } as const;
        }
        const keys = await this.#store.keys();
        await this.#store.apply(keys.map((key) => ({ op: "delete", key }) as const));
        await this.#reload();
        this.#exportedRev = null;
        this.#broadcast?.post({ kind: "bcm-sync", copy: this.copyId, rev: -1 });
        return { status: "dropped" } as const;
      }),
    );
  }

  // ── the sync log and the quarantine ───────────────────────────────────────────────────────

  /** The sync log, oldest first (every pane's entries: it is read from the copy). */
  async syncLog(): Promise<SyncLogEntry[]> {
    return readLog(await this.#store.entries(LOG_PREFIX));
  }

  /** The sync log as a JSON document, for a support request. */
  async exportSyncLog(): Promise<SyncLogExport> {
    return {
      format: "bcm-sync-log",
      version: 1,
      databaseId: this.databaseId,
      clientId: this.clientId,
      exportedAt: this.#iso(),
      entries: await this.syncLog(),
    };
  }

  /**
   * Logs a change of the connection as the pane sees it (the database reachable or not, or the
   * user working offline); the same state reported again is not logged again.
   */
  async logConnection(state: "online" | "offline" | "work-offline"): Promise<void> {
    if (this.#connection === state) return;
    const first = this.#connection === null;
    this.#connection = state;
    // A pane that opens online says nothing: only changes are worth a line.
    if (first && state === "online") return;
    await this.#log({ kind: "connection", at: this.#iso(), state });
  }

  /** What was set aside, as a JSON document (for support). */
  exportQuarantine(): QuarantineExport {
    return {
      format: "bcm-quarantine",
      version: 1,
      databaseId: this.databaseId,
      exportedAt: this.#iso(),
      entries: this.#state.quarantine,
    };
  }

  /** Deletes what was set aside (after the user exported it, or chose not to). */
  async clearQuarantine(): Promise<void> {
    const held = await this.#store.entries(QUARANTINE_PREFIX);
    await this.#change((c) => {
      for (const [key] of held) c.batch.delete(key);
      c.batch.then(() => {
        c.state.quarantine = [];
      });
    });
  }

  /** Stops listening to other panes. */
  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  async #edit(
    type: RecordType,
    id: string,
    plan: (c: Changes) => EditOutcome,
  ): Promise<EditOutcome> {
    const outcome = await this.#change(plan);
    return outcome.status === "saved" ? { status: "saved", record: this.get(type, id) } : outcome;
  }

  async #answer(
    match: (item: ConflictItem) => boolean,
    choice: "mine" | "theirs",
  ): Promise<boolean> {
    const log = await this.#change((c) => {
      const items = c.state.inbox.filter(match);
      if (items.length === 0) return [];
      c.removeInbox(items);
      return settle(c, items, c.state.settings.conflictRule, "user", choice);
    });
    for (const settled of log) this.#emit({ type: "settled", settled });
    return log.length > 0;
  }

  /** Runs `make` under the write lock on a fresh state, and commits what it staged. */
  #change<T>(make: (c: Changes) => T, cause: ChangeCause = "local"): Promise<T> {
    return this.#locks.request(this.#lockName("write"), async () => {
      if (this.#outdated) throw new CopyVersionError(SCHEMA_VERSION + 1);
      await this.#refreshIfStale();
      const c = new Changes(this.#state);
      const result = make(c);
      await this.#commit(c, cause);
      return result;
    });
  }

  async #commit(c: Changes, cause: ChangeCause): Promise<void> {
    const state = this.#state;
    if (c.empty && sameClient(c.client, state.client)) return;
    const client: ClientMeta = { ...c.client, rev: state.client.rev + 1 };
    c.batch.set(CLIENT_KEY, client).then(() => {
      state.client = client;
    });
    // The first write claims an empty store, in the same batch and ahead of everything in it.
    if (!this.#owned) c.batch.writes.unshift(ownerWrite(this.owner), schemaWrite());
    await c.batch.commit(this.#store);
    this.#owned = true;
    this.#fresh = false;
    this.#post(client.rev);
    this.#emit({ type: "changed", cause });
  }

  #post(rev: number): void {
    this.#broadcast?.post({ kind: "bcm-sync", copy: this.copyId, rev, schema: SCHEMA_VERSION });
  }

  /**
   * Reloads the copy when another pane changed it since this one last read it; stops this
   * engine (rejecting with `CopyVersionError`) when a newer release upgraded it.
   */
  async #refreshIfStale(): Promise<void> {
    const [client, schema] = await this.#store.getMany([CLIENT_KEY, SCHEMA_KEY]);
    if (isNewerVersion(schema)) this.#stop();
    const stored = ClientMetaSchema.safeParse(client);
    const rev = stored.success ? stored.data.rev : 0;
    const clientId = stored.success ? stored.data.clientId : null;
    const mine = this.#state.client;
    if (rev !== mine.rev || (clientId !== null && clientId !== mine.clientId)) await this.#reload();
  }

  async #reload(): Promise<void> {
    this.#owned = await checkOwner(this.#store, this.owner);
    const { state, fresh, quarantined } = await loadState(
      this.#store,
      () => newClientId(this.#now, this.#random),
      () => this.#iso(),
    );
    this.#state = state;
    this.#fresh = fresh;
    this.#emit({ type: "changed", cause: "reload" });
    if (quarantined.length > 0) {
      // Under the write lock already: written here, not through #log.
      await this.#appendLog({
        kind: "quarantine",
        at: this.#iso(),
        keys: quarantined.map((q) => q.key),
      });
    }
  }

  /** A newer release upgraded the copy: nothing more is read or written here. */
  #stop(): never {
    if (!this.#outdated) {
      this.#outdated = true;
      this.close();
      this.#emit({ type: "outdated" });
    }
    throw new CopyVersionError(SCHEMA_VERSION + 1);
  }

  /** Adds an entry to the sync log, under the write lock (see #appendLog). */
  async #log(entry: SyncLogEntry): Promise<void> {
    if (this.#outdated) return;
    await this.#locks.request(this.#lockName("write"), () => this.#appendLog(entry));
  }

  /**
   * Writes a log entry (and the clock's offset when it moved), without raising the copy's
   * revision: other panes need not reload the copy for it. An empty store is claimed first, as
   * by any first write. Caller holds the write lock.
   */
  async #appendLog(entry: SyncLogEntry): Promise<void> {
    const keys = await this.#store.keys();
    const tag = [...randomBytes(this.#random, 3)].map((b) => b.toString(36)).join("");
    const writes: StoreWrite[] = [];
    if (keys.length === 0 || !this.#owned) writes.push(ownerWrite(this.owner), schemaWrite());
    writes.push(...logWrites(entry, keys, tag));
    const offset = this.#offset;
    if (offset && offset.offsetMs !== this.#storedOffset) {
      writes.push({ op: "set", key: CLOCK_KEY, value: offset });
    }
    await this.#store.apply(writes);
    this.#owned = true;
    this.#storedOffset = offset?.offsetMs ?? null;
    this.#emit({ type: "logged", entry });
  }

  /** The transport, measuring the server's clock against this computer's on every answer. */
  #measuredTransport(): Transport {
    const measure = async <R extends { serverTime?: string | undefined }>(
      call: () => Promise<R>,
    ): Promise<R> => {
      const sentAt = this.#now();
      const answer = await call();
      const offsetMs = measureOffset(answer.serverTime, sentAt, this.#now());
      if (offsetMs !== null) this.#offset = { offsetMs, measuredAt: answer.serverTime! };
      return answer;
    };
    const transport = this.#transport;
    return {
      pull: (...args) => measure<PullResponse>(() => transport.pull(...args)),
      push: (...args) => measure<PushResponse>(() => transport.push(...args)),
    };
  }

  #onMessage(message: unknown): void {
    const parsed = SyncMessage.safeParse(message);
    if (!parsed.success || parsed.data.copy !== this.copyId) return;
    if (isNewerVersion(parsed.data.schema)) {
      try {
        this.#stop();
      } catch {
        // Stopped: the event tells the pane.
      }
      return;
    }
    if (parsed.data.rev === this.#state.client.rev) return;
    void this.#locks
      .request(this.#lockName("write"), () => this.#refreshIfStale())
      .catch(() => undefined); // The next change reloads it anyway.
  }

  #emit(event: EngineEvent): void {
    if (event.type === "changed") this.#views.clear();
    for (const listener of [...this.#listeners]) listener(event);
  }

  /** Now in server time (clock.ts): what every change is stamped with. */
  #iso(): string {
    return new Date(this.#now() + (this.#offset?.offsetMs ?? 0)).toISOString();
  }

  #lockName(kind: "sync" | "write" | "bulk"): string {
    return `bcm:${this.copyId}:${kind}`;
  }
}

/** Why an edit cannot go in (its id, or its fields, checked against the field table), or null. */
function invalidEdit(edit: LocalEdit): EditOutcome | null {
  if (!Id.safeParse(edit.id).success) {
    return {
      status: "invalid",
      field: "id",
      message: "id must be 1 to 64 characters of letters, digits, '_' and '-'.",
    };
  }
  if (edit.op === "remove") return null;
  const checked =
    edit.op === "create"
      ? validateFields(edit.type, edit.fields, "create")
      : validateFields(edit.type, edit.changes, "update");
  return checked.ok ? null : { status: "invalid", field: checked.field, message: checked.message };
}

/** Stages a checked edit in `c`. */
function planEdit(c: Changes, edit: LocalEdit, at: string): EditOutcome {
  switch (edit.op) {
    case "create":
      return planCreate(c, edit.type, edit.id, edit.fields, at);
    case "update":
      return planUpdate(c, edit.type, edit.id, edit.changes, at);
    case "remove":
      return planRemove(c, edit.type, edit.id, at);
  }
}

function newClientId(now: Clock, random: Random): string {
  return `c-${ulid(now(), (n) => randomBytes(random, n))}`;
}

function sameClient(a: ClientMeta, b: ClientMeta): boolean {
  return a.clientId === b.clientId && a.nextMid === b.nextMid && a.sentMid === b.sentMid;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
