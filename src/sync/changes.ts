/**
 * One change to an offline copy, staged: every store write it needs in one batch (one
 * IndexedDB transaction), and the same change to the engine's in-memory state once the store
 * holds it. The outbox, inbox and needs-attention list are changed only through here.
 */
import type { ServerChanges } from "./server-state";
import type { RecordType } from "../shared/protocol";
import type { DraftMutation, OutboxPlan } from "./outbox";
import { entryKey } from "./outbox";
import { attentionKey, inboxKey, outboxKey, pad, recordKey } from "./keys";
import type { AttentionItem, ClientMeta, ConflictItem, LocalState, OutboxEntry } from "./state";
import { Batch } from "./state";
import type { ViewRecord } from "./view";
import { viewRecord } from "./view";

export class Changes {
  readonly batch = new Batch();
  /** The client counters as they will be: `nextMid` grows with each append. */
  client: ClientMeta;
  #staged = false;
  /** The outbox by record, made on first use: the state does not change until the commit. */
  #pending: Map<string, OutboxEntry[]> | null = null;
  /** Entries appended by this change, added to the state's outbox in one step. */
  #appended: OutboxEntry[] | null = null;

  constructor(readonly state: LocalState) {
    this.client = { ...state.client };
  }

  get empty(): boolean {
    return this.batch.writes.length === 0;
  }

  /**
   * A record's pending mutations as the state holds them (this change's own are not in it yet),
   * in mid order. Indexed once per change, so a batch of many edits does not scan the outbox
   * for each.
   */
  pendingOf(type: RecordType, id: string): readonly OutboxEntry[] {
    if (this.#pending === null) {
      this.#pending = new Map();
      for (const entry of this.state.outbox) {
        const key = entryKey(entry);
        const list = this.#pending.get(key);
        if (list) list.push(entry);
        else this.#pending.set(key, [entry]);
      }
    }
    return this.#pending.get(recordKey(type, id)) ?? [];
  }

  /** The view of one record as the state holds it (before this change). */
  view(type: RecordType, id: string): ViewRecord | null {
    return viewRecord(
      type,
      id,
      this.state.server.get(recordKey(type, id)),
      this.pendingOf(type, id),
      this.state.inbox.filter((i) => i.type === type && i.id === id),
    );
  }

  /** Appends `draft` to the outbox with the next mid; returns the entry. */
  append(draft: DraftMutation, chained = false): OutboxEntry {
    const entry: OutboxEntry = {
      mutation: { ...draft, mid: this.client.nextMid },
      ...(chained ? { chained: true } : {}),
    };
    this.#appendEntry(entry);
    return entry;
  }

  /** Carries out what `planUpsert`/`planDelete` decided. */
  plan(plan: OutboxPlan): void {
    switch (plan.kind) {
      case "append":
        this.#appendEntry(plan.entry);
        break;
      case "replace":
        this.replace(plan.entry);
        break;
      case "drop-last":
        this.batch.delete(outboxKey(plan.mid)).then(() => {
          this.state.outbox = this.state.outbox.filter((e) => e.mutation.mid !== plan.mid);
        });
        // Never sent: its mid is free again, so that mids stay contiguous.
        this.client.nextMid = plan.mid;
        break;
    }
  }

  /** Rewrites a pending entry (same mid). */
  replace(entry: OutboxEntry): void {
    const mid = entry.mutation.mid;
    this.batch.set(outboxKey(mid), entry).then(() => {
      this.state.outbox = this.state.outbox.map((e) => (e.mutation.mid === mid ? entry : e));
    });
  }

  /** Removes answered entries. */
  removeOutbox(mids: ReadonlySet<number>): void {
    if (mids.size === 0) return;
    for (const mid of mids) this.batch.delete(outboxKey(mid));
    this.batch.then(() => {
      this.state.outbox = this.state.outbox.filter((e) => !mids.has(e.mutation.mid));
    });
  }

  /** Replaces the whole outbox (after renumbering, see push.ts). */
  renumber(from: readonly OutboxEntry[], to: readonly OutboxEntry[]): void {
    for (const e of from) this.batch.delete(outboxKey(e.mutation.mid));
    for (const e of to) this.batch.set(outboxKey(e.mutation.mid), e);
    this.batch.then(() => {
      const moved = new Set(from.map((e) => e.mutation.mid));
      this.state.outbox = [...this.state.outbox.filter((e) => !moved.has(e.mutation.mid)), ...to];
      this.state.outbox.sort((a, b) => a.mutation.mid - b.mutation.mid);
    });
  }

  putInbox(item: ConflictItem): void {
    const key = inboxKey(item.mid, item.field);
    this.batch.set(key, item).then(() => {
      this.state.inbox = [
        ...this.state.inbox.filter((i) => inboxKey(i.mid, i.field) !== key),
        item,
      ].sort(byInboxKey);
    });
  }

  removeInbox(items: readonly ConflictItem[]): void {
    if (items.length === 0) return;
    const keys = new Set(items.map((i) => inboxKey(i.mid, i.field)));
    for (const key of keys) this.batch.delete(key);
    this.batch.then(() => {
      this.state.inbox = this.state.inbox.filter((i) => !keys.has(inboxKey(i.mid, i.field)));
    });
  }

  /** Lists a rejected mutation (its id made here). */
  putAttention(listed: Omit<AttentionItem, "id">): void {
    const item: AttentionItem = {
      id: `${pad(listed.mutation.mid)}-${pad(this.client.rev + 1)}`,
      ...listed,
    };
    this.batch.set(attentionKey(item.id), item).then(() => {
      this.state.attention = [...this.state.attention, item].sort((a, b) => (a.id < b.id ? -1 : 1));
    });
  }

  removeAttention(id: string): void {
    this.batch.delete(attentionKey(id)).then(() => {
      this.state.attention = this.state.attention.filter((i) => i.id !== id);
    });
  }

  /**
   * Records the server's new state of some records: once per change, before the writes that
   * depend on it (a cursor comes after the records it covers).
   */
  server(changes: ServerChanges): void {
    if (this.#staged) throw new Error("Changes.server may be called once per change.");
    this.#staged = true;
    this.batch.add(this.state.server.stage(changes));
  }

  #appendEntry(entry: OutboxEntry): void {
    this.client.nextMid = entry.mutation.mid + 1;
    this.batch.set(outboxKey(entry.mutation.mid), entry);
    if (this.#appended) {
      this.#appended.push(entry);
      return;
    }
    // One copy of the outbox for all of this change's appends (an import appends thousands).
    const appended = [entry];
    this.#appended = appended;
    this.batch.then(() => {
      this.state.outbox = [...this.state.outbox, ...appended];
    });
  }
}

const byInboxKey = (a: ConflictItem, b: ConflictItem): number =>
  inboxKey(a.mid, a.field) < inboxKey(b.mid, b.field) ? -1 : 1;
