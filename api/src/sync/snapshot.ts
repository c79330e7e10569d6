/**
 * The snapshot a new copy starts from (docs/sync-protocol.md, "A new copy from the snapshot"):
 * the live records as of one seq, as the protocol sends them, compressed (raw DEFLATE) in rows
 * of up to 1 MiB. A new
 * copy reads a few rows per page instead of one change row per record, then the changes after
 * the snapshot's seq, which is what makes it exact: a record changed while the snapshot was
 * built, or since, comes again after it, later in the same page or in a later one.
 *
 * It is built when a new copy asks and there is none fit to serve (none, another epoch's, or
 * more changes since it than a quarter of its records): that request reads the change index
 * once, as a full pull would, and stores the snapshot before answering from it.
 */
import { randomUUID } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Deps } from "../deps";
import { LIMITS } from "../storage/azure-limits";
import { SNAPSHOT_CHUNK_BYTES } from "../storage/entities";
import type { Head, SnapshotInfo } from "../storage/repository";
import { recordText } from "./wire";

export interface SnapshotSizes {
  /** A chunk holds records until their JSON passes this many characters. */
  readonly chunkChars: number;
  /** The most bytes of a compressed chunk (one row): a larger one is split. */
  readonly chunkBytes: number;
  /** Chunks per page. */
  readonly pageChunks: number;
  /** Rebuilt when the changes since it pass this share of its records. */
  readonly staleShare: number;
}

/**
 * Chunks of about a million characters (contacts' JSON compresses about sixfold: some 170 KB a
 * row), five a page: pages of about 5 MB of JSON.
 */
export const SNAPSHOT_SIZES: SnapshotSizes = {
  chunkChars: 1_000_000,
  chunkBytes: SNAPSHOT_CHUNK_BYTES,
  pageChunks: 5,
  staleShare: 0.25,
};

/** `pageChunks` for every chunk of a snapshot at once. */
export const WHOLE = Number.MAX_SAFE_INTEGER;

/** A chunk's records' wire JSON, joined by commas. */
export const chunkText = (bytes: Uint8Array): string => inflateRawSync(bytes).toString("utf8");

/** Builds being made through each repository, by database: a second new copy waits for the first's. */
const buildingIn = new WeakMap<Deps["repo"], Map<string, Promise<Built>>>();

interface Built {
  readonly info: SnapshotInfo;
  readonly chunks: readonly Uint8Array[];
}

/**
 * The snapshot to serve a new copy of `head`'s database, and its first `sizes.pageChunks`
 * chunks (every one when that is `WHOLE`); null when it has vanished meanwhile (the caller
 * serves ordinary pages). Builds one when there is none fit (`minChanges`: the changes since it
 * that are always fine).
 */
export async function snapshotToServe(
  { repo }: Pick<Deps, "repo">,
  head: Head,
  minChanges: number,
  sizes: SnapshotSizes,
): Promise<Built | null> {
  const db = head.info.id;
  const current = await repo.readSnapshot(db);
  const fit =
    current !== null &&
    current.epoch === head.info.epoch &&
    head.info.seq - current.seq <= Math.max(minChanges, current.records * sizes.staleShare);
  if (fit) {
    if (current.chunks === 0) return { info: current, chunks: [] };
    const count = Math.min(sizes.pageChunks, current.chunks);
    const chunks = await repo.readSnapshotChunks(db, current.id, 0, count);
    return chunks ? { info: current, chunks } : null;
  }
  const building = buildingIn.get(repo) ?? new Map<string, Promise<Built>>();
  buildingIn.set(repo, building);
  let build = building.get(db);
  if (!build) {
    build = buildSnapshot(repo, head, sizes).finally(() => building.delete(db));
    building.set(db, build);
  }
  const built = await build;
  return { info: built.info, chunks: built.chunks.slice(0, sizes.pageChunks) };
}

/**
 * Reads the change index up to the head's seq, keeps the live records' wire JSON in chunks,
 * and stores them as the current snapshot. Changes committed meanwhile have seqs past the
 * head's: they are left out here and come with the changes after the snapshot.
 */
async function buildSnapshot(repo: Deps["repo"], head: Head, sizes: SnapshotSizes): Promise<Built> {
  const { id: db, epoch, seq } = head.info;
  const chunks: Uint8Array[] = [];
  const seal = (texts: readonly string[]): void => {
    const bytes = deflateRawSync(texts.join(","));
    if (bytes.length <= sizes.chunkBytes || texts.length === 1) {
      chunks.push(bytes);
      return;
    }
    // JSON that compresses badly: half the records each.
    const half = Math.ceil(texts.length / 2);
    seal(texts.slice(0, half));
    seal(texts.slice(half));
  };
  let chunk: string[] = [];
  let chars = 0;
  let records = 0;
  for (let after = 0; after < seq;) {
    const page = await repo.readChanges(db, after, LIMITS.queryPage);
    for (const change of page.records) {
      if (change.seq > seq) break;
      if (change.deleted) continue;
      const text = recordText(change);
      chunk.push(text);
      chars += text.length + 1;
      records += 1;
      if (chars >= sizes.chunkChars) {
        seal(chunk);
        chunk = [];
        chars = 0;
      }
    }
    if (!page.more) break;
    after = page.lastSeq;
  }
  if (chunk.length > 0) seal(chunk);
  const info = {
    id: randomUUID().replaceAll("-", ""),
    epoch,
    seq,
    records,
    chunks: chunks.length,
  };
  await repo.putSnapshot(db, info, chunks);
  return { info, chunks };
}
