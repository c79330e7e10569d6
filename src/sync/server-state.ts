/**
 * The server's state as this copy last saw it: every record the member's view holds, kept in
 * memory and in the store as a log of segments (`rec:<n>`), each holding the records a page or
 * a push answer brought and the keys that went away (tombstones, `removed`).
 *
 * Why a log: IndexedDB in Chromium costs about 0.3 ms per key written, whatever its size, so a
 * copy of 10,000 contacts kept one key per record takes 3–4 s to write; the same records in ten
 * values of 1,000 take 0.15 s (measured, docs/sync-engine.md). Appending one segment per page
 * keeps every write one key; reading the copy replays the segments in order (later wins).
 * When the log holds much more than the live records, `stage` compacts it: the live records are
 * rewritten into fresh segments, the last of which says where the full copy starts (`from`),
 * and the old segments are deleted in the same batch. Replay starts at the latest `from`, so a
 * compaction cut short (a store without atomic batches) leaves a readable log either way.
 */
import type { RecordType, WireRecord } from "../shared/protocol";
import { isWireRecord } from "../shared/protocol";
import { SEGMENT_PREFIX, recordKey, segmentKey } from "./keys";
import type { LocalStore, StoreWrite, StoredValue } from "./store";
import { StoreError } from "./store";

/** At most this many records in one segment written by a compaction. */
export const SEGMENT_RECORDS = 1000;

/** A segment as stored. */
interface Segment {
  readonly records: readonly WireRecord[];
  readonly gone: readonly string[];
  /** Set by a compaction on its last segment: the full copy starts at segment `from`. */
  readonly from?: number;
}

/**
 * Whether `value` is a segment. Records are checked by `isWireRecord`, not field by field: their
 * fields were validated when they arrived from the server, and a schema walking 10,000 records
 * each time a pane opens costs more than reading them (about 200 ms in Chromium).
 */
function isSegment(value: unknown): value is Segment {
  if (typeof value !== "object" || value === null) return false;
  const { records, gone, from } = value as Record<string, unknown>;
  return (
    Array.isArray(records) &&
    records.every(isWireRecord) &&
    Array.isArray(gone) &&
    gone.every((key) => typeof key === "string") &&
    (from === undefined || (Number.isSafeInteger(from) && (from as number) >= 0))
  );
}

/** A batch of changes to the server state: records as they now are, and keys gone. */
export interface ServerChanges {
  readonly put: readonly WireRecord[];
  readonly gone: readonly string[];
}

/** Writes to apply, and what to do in memory once they took effect. */
export interface Staged {
  readonly writes: StoreWrite[];
  commit(): void;
}

export class ServerState {
  readonly #records: Map<string, WireRecord>;
  /** Segment numbers in the store, ascending. */
  #segments: number[];
  /** Records and gone keys over all segments held: the log's size. */
  #entries: number;

  private constructor(records: Map<string, WireRecord>, segments: number[], entries: number) {
    this.#records = records;
    this.#segments = segments;
    this.#entries = entries;
  }

  /** An empty state (a copy not made yet). */
  static empty(): ServerState {
    return new ServerState(new Map(), [], 0);
  }

  /**
   * Reads and replays the log. A segment that is not one rejects with a `StoreError`, or, given
   * `unreadable`, is passed to it and left out (the caller sets it aside, quarantine.ts).
   */
  static async load(
    store: LocalStore,
    unreadable?: (key: string, value: StoredValue) => void,
  ): Promise<ServerState> {
    const stored = await store.entries(SEGMENT_PREFIX);
    const segments: Array<{ n: number; segment: Segment }> = [];
    for (const [key, value] of stored) {
      const n = Number(key.slice(SEGMENT_PREFIX.length));
      if (!isSegment(value) || !Number.isSafeInteger(n)) {
        if (!unreadable) throw new StoreError(`The local copy holds an invalid segment at ${key}`);
        unreadable(key, value);
        continue;
      }
      segments.push({ n, segment: value });
    }
    let start = 0;
    for (const { segment } of segments) if (segment.from !== undefined) start = segment.from;
    const records = new Map<string, WireRecord>();
    let entries = 0;
    const held: number[] = [];
    for (const { n, segment } of segments) {
      held.push(n);
      entries += segment.records.length + segment.gone.length;
      if (n < start) continue;
      for (const record of segment.records) {
        records.set(recordKey(record.type, record.id), record);
      }
      for (const key of segment.gone) records.delete(key);
    }
    return new ServerState(records, held, entries);
  }

  get size(): number {
    return this.#records.size;
  }

  get(key: string): WireRecord | undefined {
    return this.#records.get(key);
  }

  has(key: string): boolean {
    return this.#records.has(key);
  }

  keys(): string[] {
    return [...this.#records.keys()];
  }

  /** The records held, of one type or of all. */
  records(type?: RecordType): WireRecord[] {
    const all = [...this.#records.values()];
    return type === undefined ? all : all.filter((r) => r.type === type);
  }

  /**
   * Writes that record `changes` (one new segment, or a compaction when the log has grown
   * past twice the live records), and the in-memory update to run once they took effect.
   * A tombstone in `put` counts as gone. Keys gone that are not held are left out.
   */
  stage(changes: ServerChanges): Staged {
    const put = new Map<string, WireRecord>();
    const gone = new Set<string>();
    for (const record of changes.put) {
      const key = recordKey(record.type, record.id);
      if (record.deleted) {
        put.delete(key);
        gone.add(key);
      } else {
        gone.delete(key);
        put.set(key, record);
      }
    }
    for (const key of changes.gone) {
      put.delete(key);
      gone.add(key);
    }
    for (const key of gone) if (!this.#records.has(key)) gone.delete(key);
    const commitMemory = () => {
      for (const [key, record] of put) this.#records.set(key, record);
      for (const key of gone) this.#records.delete(key);
    };
    if (put.size === 0 && gone.size === 0) return { writes: [], commit: () => undefined };

    const next = (this.#segments.at(-1) ?? -1) + 1;
    let live = this.#records.size - gone.size;
    for (const key of put.keys()) if (!this.#records.has(key)) live += 1;
    const entries = this.#entries + put.size + gone.size;
    const segments = this.#segments.length + 1;
    if (
      segments > 2 * Math.ceil(live / SEGMENT_RECORDS) + 16 ||
      entries > 2 * live + SEGMENT_RECORDS
    ) {
      return this.#compaction(next, put, gone, commitMemory);
    }
    const segment = { records: [...put.values()], gone: [...gone] };
    return {
      writes: [{ op: "set", key: segmentKey(next), value: segment as unknown as StoredValue }],
      commit: () => {
        commitMemory();
        this.#segments.push(next);
        this.#entries = entries;
      },
    };
  }

  /** Writes that delete every segment (the copy is dropped), and the in-memory update. */
  stageClear(): Staged {
    return {
      writes: this.#segments.map((n) => ({ op: "delete", key: segmentKey(n) })),
      commit: () => {
        this.#records.clear();
        this.#segments = [];
        this.#entries = 0;
      },
    };
  }

  #compaction(
    next: number,
    put: Map<string, WireRecord>,
    gone: Set<string>,
    commitMemory: () => void,
  ): Staged {
    const after = new Map(this.#records);
    for (const [key, record] of put) after.set(key, record);
    for (const key of gone) after.delete(key);
    const all = [...after.values()];
    const writes: StoreWrite[] = [];
    const numbers: number[] = [];
    const count = Math.max(1, Math.ceil(all.length / SEGMENT_RECORDS));
    for (let i = 0; i < count; i++) {
      const n = next + i;
      numbers.push(n);
      const segment = {
        records: all.slice(i * SEGMENT_RECORDS, (i + 1) * SEGMENT_RECORDS),
        gone: [] as string[],
        ...(i === count - 1 ? { from: next } : {}),
      };
      writes.push({ op: "set", key: segmentKey(n), value: segment as unknown as StoredValue });
    }
    for (const n of this.#segments) writes.push({ op: "delete", key: segmentKey(n) });
    return {
      writes,
      commit: () => {
        commitMemory();
        this.#segments = numbers;
        this.#entries = all.length;
      },
    };
  }
}
