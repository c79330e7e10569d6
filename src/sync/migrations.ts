/**
 * The layout version of an offline copy, and the steps that bring a copy written by an older
 * release up to this one. Each step turns the copy of one version into the next; the steps a
 * copy needs, and the new version mark, are written in one batch before anything of it is read,
 * so a copy is never half upgraded. A step may drop what can be downloaded again (the record
 * cache, the cursor): the next sync then makes the copy again from the server. It never drops the
 * outbox, the inbox, needs attention, the client id or the settings.
 *
 * A copy marked with a newer version than this code knows was upgraded by a newer release of the
 * add-in, open in another pane: this pane must not read or write it (`CopyVersionError`), and
 * asks the user to reload.
 *
 * Versions: 0, one key per record (`contact:<id>` …); 1, the record cache as a log of segments
 * (no version mark); 2, the version mark, the sync log (`log:`), the quarantine (`quarantine:`)
 * and the clock's offset (`sync:clock`).
 */
import { CURSOR_KEY, SCHEMA_KEY, SEGMENT_PREFIX, SWEEP_KEY } from "./keys";
import type { LocalStore, StoreWrite } from "./store";

/** The layout this code writes. Raise it, and add a step, when an older release would misread. */
export const SCHEMA_VERSION = 2;

/** The copy was written by a newer release of the add-in than this pane's. */
export class CopyVersionError extends Error {
  override readonly name = "CopyVersionError";

  constructor(readonly version: number) {
    super(
      "A newer version of the add-in has changed the offline copy on this computer. Reload the pane to use it.",
    );
  }
}

/** One step: the writes that turn a copy of version `from` into one of `from + 1`. */
interface Migration {
  readonly from: number;
  readonly writes: (keys: readonly string[]) => StoreWrite[];
}

/** Record types, whose names were the first layout's key prefixes. */
const LEGACY_RECORD_KEY = /^(contact|company|group|history):/;

const MIGRATIONS: readonly Migration[] = [
  {
    // One key per record: dropped with the cursor, so that the copy is downloaded again into
    // segments (it held nothing that cannot be).
    from: 0,
    writes: (keys) => [
      ...redownload(keys),
      ...keys.filter((key) => LEGACY_RECORD_KEY.test(key)).map((key) => del(key)),
    ],
  },
  // Version 2 only adds keys that version 1 never reads: nothing to change but the mark.
  { from: 1, writes: () => [] },
];

/** The write that marks a copy as this version's (with a new copy's first batch). */
export function schemaWrite(): StoreWrite {
  return { op: "set", key: SCHEMA_KEY, value: SCHEMA_VERSION };
}

/**
 * The version `store`'s copy was written in: its mark, or for the copies before marks, told by
 * its keys. An empty store reads as this version (it has nothing to upgrade).
 */
export function storedVersion(keys: readonly string[], mark: unknown): number {
  if (typeof mark === "number" && Number.isSafeInteger(mark) && mark >= 0) return mark;
  if (keys.length === 0) return SCHEMA_VERSION;
  return keys.some((key) => LEGACY_RECORD_KEY.test(key)) ? 0 : 1;
}

/**
 * Brings the copy in `store` to `SCHEMA_VERSION` in one batch, and resolves with the version it
 * was in. Rejects with `CopyVersionError`, writing nothing, when it is newer than this code.
 */
export async function upgradeCopy(store: LocalStore): Promise<number> {
  const [keys, [mark]] = await Promise.all([store.keys(), store.getMany([SCHEMA_KEY])]);
  const version = storedVersion(keys, mark);
  if (version > SCHEMA_VERSION) throw new CopyVersionError(version);
  if (version === SCHEMA_VERSION && (mark === version || keys.length === 0)) return version;
  const writes = MIGRATIONS.filter((m) => m.from >= version).flatMap((m) => m.writes(keys));
  await store.apply([...writes, schemaWrite()]);
  return version;
}

/** Whether a version mark read from the store is newer than this code (another pane's). */
export function isNewerVersion(mark: unknown): boolean {
  return typeof mark === "number" && mark > SCHEMA_VERSION;
}

/**
 * The writes that make the copy download its records again from the server: the record cache,
 * the cursor and a re-download's marks go; the outbox and everything the user made stay.
 */
export function redownload(keys: readonly string[]): StoreWrite[] {
  return [
    ...keys.filter((key) => key.startsWith(SEGMENT_PREFIX)).map((key) => del(key)),
    del(CURSOR_KEY),
    del(SWEEP_KEY),
  ];
}

const del = (key: string): StoreWrite => ({ op: "delete", key });
