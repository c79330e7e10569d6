/**
 * What an offline copy holds besides the server's records, as stored and as loaded: this copy's
 * client id and mid counter, the outbox, the conflict inbox, the needs-attention list, the copy's
 * progress and the settings. Each stored item is checked with its schema when read: the store
 * is a boundary like the network.
 */
import { z } from "zod/mini";
import { Conflict, ErrorBody, JsonValue, Mutation, RecordType } from "../shared/protocol";
import {
  ATTENTION_PREFIX,
  CLIENT_KEY,
  COPY_KEY,
  CURSOR_KEY,
  INBOX_PREFIX,
  OUTBOX_PREFIX,
  QUARANTINE_PREFIX,
  SEGMENT_PREFIX,
  SETTINGS_KEY,
  SWEEP_KEY,
} from "./keys";
import { upgradeCopy } from "./migrations";
import type { Unreadable } from "./quarantine";
import { QuarantineItem, quarantineWrites, reasonOf } from "./quarantine";
import { ServerState } from "./server-state";
import type { OfflineSettings } from "./settings";
import { parseSettings } from "./settings";
import type { LocalStore, StoreWrite, StoredValue } from "./store";

/** `sync:client`: who this copy is to the server, and its counters. */
export const ClientMeta = z.object({
  clientId: z.string().check(z.minLength(1)),
  /** The mid the next mutation gets. */
  nextMid: z.int().check(z.positive()),
  /** The highest mid ever put in a request: mutations up to it may have reached the server. */
  sentMid: z.int().check(z.nonnegative()),
  /** Grows with every batch written, so that a pane can tell another pane changed the copy. */
  rev: z.int().check(z.nonnegative()),
});
export type ClientMeta = z.infer<typeof ClientMeta>;

/** `outbox:<mid>`: a mutation waiting to be pushed. */
export const OutboxEntry = z.object({
  mutation: Mutation,
  /**
   * A delete made on top of this copy's own pending mutations of the same record: its
   * `baseVersion` follows their answers (docs/sync-engine.md, "Outbox").
   */
  chained: z.optional(z.boolean()),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/**
 * A conflict as this copy keeps it: in the inbox (`inbox:<mid>:<field>`) while it waits for the
 * user, and as the input of every conflict rule. `field` is a field name, or `"*"` when the
 * record as a whole changed or went away (`op` then says whether mine was an edit or a delete).
 */
export const ConflictItem = z.extend(Conflict, {
  /** The mid of my mutation that conflicted. */
  mid: z.int().check(z.positive()),
  type: RecordType,
  id: z.string(),
  op: z.enum(["upsert", "delete"]),
  /** When I made my change (the mutation's `at`). */
  at: z.string(),
  /** The record's version on the server when the conflict was seen (null: no record). */
  version: z.nullable(z.int()),
  /** For my edit of a record deleted since: its fields as I last saw them, to bring it back. */
  restore: z.optional(z.record(z.string(), JsonValue)),
});
export type ConflictItem = z.infer<typeof ConflictItem>;

/** `attention:<id>`: a mutation the server rejected, with its reason. */
export const AttentionItem = z.object({
  /**
   * The mutation's mid and the copy's revision when it was listed (`<mid>-<rev>`, zero-padded):
   * a mid alone is not enough, since a mutation set aside before it was sent gives its mid to
   * the next one.
   */
  id: z.string(),
  mutation: Mutation,
  error: ErrorBody.shape.error,
  /** When the answer came. */
  at: z.string(),
});
export type AttentionItem = z.infer<typeof AttentionItem>;

/** `sync:copy`: whether the offline copy was complete once. */
export const CopyState = z.object({
  complete: z.boolean(),
  startedAt: z.string(),
  completedAt: z.optional(z.string()),
});
export type CopyState = z.infer<typeof CopyState>;

/** Everything an engine holds of one offline copy. */
export interface LocalState {
  client: ClientMeta;
  server: ServerState;
  cursor: string | null;
  /** During a re-download after a 410: the record keys not seen again yet. */
  sweep: Set<string> | null;
  copy: CopyState | null;
  outbox: OutboxEntry[];
  inbox: ConflictItem[];
  attention: AttentionItem[];
  settings: OfflineSettings;
  /** Entries set aside because they could not be read (quarantine.ts). */
  quarantine: QuarantineItem[];
}

/**
 * Reads an offline copy, upgraded first to this code's layout (migrations.ts). A copy never made
 * (or wiped by the host) reads as empty, with a new client id from `newClientId` (`fresh` is then
 * true: the caller may tell the user). Entries that cannot be read are set aside in the
 * quarantine (quarantine.ts), in one batch with what that needs (a re-download of the records),
 * and the rest of the copy is read as usual; `quarantined` lists the ones set aside now.
 * Rejects with `CopyVersionError` when a newer release wrote the copy.
 */
export async function loadState(
  store: LocalStore,
  newClientId: () => string,
  now: () => string = () => new Date().toISOString(),
): Promise<{ state: LocalState; fresh: boolean; quarantined: QuarantineItem[] }> {
  await upgradeCopy(store);
  const unreadable: Unreadable[] = [];
  const read = <T>(key: string, schema: z.ZodMiniType<T>, value: StoredValue | undefined) => {
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    unreadable.push({ key, value, reason: reasonOf(parsed.error) });
    return undefined;
  };
  const [client, cursor, sweep, copy, settings] = await store.getMany([
    CLIENT_KEY,
    CURSOR_KEY,
    SWEEP_KEY,
    COPY_KEY,
    SETTINGS_KEY,
  ]);
  const [server, outbox, inbox, attention, held] = await Promise.all([
    ServerState.load(store, (key, value) =>
      unreadable.push({ key, value, reason: "not a segment of the record cache" }),
    ),
    readAll(store, OUTBOX_PREFIX, OutboxEntry, read),
    readAll(store, INBOX_PREFIX, ConflictItem, read),
    readAll(store, ATTENTION_PREFIX, AttentionItem, read),
    store.entries(QUARANTINE_PREFIX),
  ]);
  const fresh = client === undefined && cursor === undefined && server.size === 0;
  const clientMeta = read(CLIENT_KEY, ClientMeta, client);
  const cursorText = read(CURSOR_KEY, z.string(), cursor);
  const swept = read(SWEEP_KEY, z.array(z.string()), sweep);
  const copyState = read(COPY_KEY, CopyState, copy);
  let meta: ClientMeta = clientMeta ?? { clientId: newClientId(), nextMid: 1, sentMid: 0, rev: 0 };
  // Outbox entries are written with the counter in one batch; should a store without atomic
  // batches have kept an entry but not the counter, the counter catches up here.
  const lastMid = outbox.at(-1)?.mutation.mid ?? 0;
  if (meta.nextMid <= lastMid) meta = { ...meta, nextMid: lastMid + 1 };
  let quarantined: QuarantineItem[] = [];
  // Records lost with an unreadable segment, or a cursor or sweep that cannot be trusted: the
  // records are downloaded again (a copy without a cursor that holds records is swept).
  const again = unreadable.some(
    ({ key }) => key.startsWith(SEGMENT_PREFIX) || key === CURSOR_KEY || key === SWEEP_KEY,
  );
  if (unreadable.length > 0) {
    const moved = quarantineWrites(
      unreadable,
      held.map(([key]) => key),
      now(),
    );
    quarantined = moved.items;
    await store.apply([
      ...moved.writes,
      ...(again
        ? [
            { op: "delete" as const, key: CURSOR_KEY },
            { op: "delete" as const, key: SWEEP_KEY },
          ]
        : []),
    ]);
  }
  return {
    fresh,
    quarantined,
    state: {
      client: meta,
      server,
      cursor: again ? null : (cursorText ?? null),
      sweep: again || swept === undefined ? null : new Set(swept),
      copy: copyState ?? null,
      outbox,
      inbox,
      attention,
      settings: parseSettings(settings),
      quarantine: [
        ...held.flatMap(([, value]) => {
          const item = QuarantineItem.safeParse(value);
          return item.success ? [item.data] : [];
        }),
        ...quarantined,
      ],
    },
  };
}

async function readAll<T>(
  store: LocalStore,
  prefix: string,
  schema: z.ZodMiniType<T>,
  read: (key: string, schema: z.ZodMiniType<T>, value: StoredValue) => T | undefined,
): Promise<T[]> {
  return (await store.entries(prefix)).flatMap(([key, value]) => {
    const item = read(key, schema, value);
    return item === undefined ? [] : [item];
  });
}

/**
 * Writes to make together, and the in-memory changes to make once the store has them: so the
 * view never shows what the store does not hold (a local change is stored before it is shown).
 */
export class Batch {
  readonly writes: StoreWrite[] = [];
  readonly #after: Array<() => void> = [];

  set(key: string, value: unknown): this {
    this.writes.push({ op: "set", key, value: value as StoredValue });
    return this;
  }

  delete(key: string): this {
    this.writes.push({ op: "delete", key });
    return this;
  }

  /** Runs `change` once the writes took effect. */
  then(change: () => void): this {
    this.#after.push(change);
    return this;
  }

  add(staged: { writes: readonly StoreWrite[]; commit(): void }): this {
    this.writes.push(...staged.writes);
    this.#after.push(() => staged.commit());
    return this;
  }

  async commit(store: LocalStore): Promise<void> {
    await store.apply(this.writes);
    for (const change of this.#after) change();
  }
}
