/**
 * The snapshot a new copy starts from (docs/sync-protocol.md, "A new copy from the snapshot"):
 * the live records as of one seq, as the protocol sends them, in rows of nearly 1 MiB. A new
 * copy reads a few rows per page instead of one change row per record, then the changes after
 * the snapshot's seq, which is what makes it exact: a record changed while the snapshot was
 * built, or since, comes again after it, later in the same page or in a later one.
 *
 * It is built when a new copy asks and there is none fit to serve (none, another epoch's, or
 * more changes since it than a quarter of its records): that request reads the change index
 * once, as a full pull would, and stores the snapshot before answering from it.
 */
import { randomUUID } from "node:crypto";
import type { Deps } from "../deps";
import { LIMITS } from "../storage/azure-limits";
import { SNAPSHOT_CHUNK_CHARS } from "../storage/entities";
import type { Head, SnapshotInfo } from "../storage/repository";
import { recordText } from "./wire";

export interface SnapshotSizes {
  /** The most characters of record JSON in one chunk (one row). */
  readonly chunkChars: number;
  /** Chunks per page. */
  readonly pageChunks: number;
  /** Rebuilt when the changes since it pass this share of its records. */
  readonly staleShare: number;
}

/** Eight chunks of 480,000 characters: pages of up to about 4 MB. */
export const SNAPSHOT_SIZES: SnapshotSizes = {
  chunkChars: SNAPSHOT_CHUNK_CHARS,
  pageChunks: 8,
  staleShare: 0.25,
};

/** Builds being made in this process, by database: a second new copy waits for the first's. */
const building = new Map<string, Promise<Built>>();

interface Built {
  readonly info: SnapshotInfo;
  readonly chunks: readonly string[];
}

/**
 * The snapshot to serve a new copy of `head`'s database, and its first `sizes.pageChunks`
 * chunks; null when it has vanished meanwhile (the caller serves ordinary pages). Builds one
 * when there is none fit (`minChanges`: the changes since it that are always fine).
 */
export async function snapshotToServe(
  { repo }: Pick<Deps, "repo">,
  head: Head,
  minChanges: number,
  sizes: SnapshotSizes,
): Promise<{ info: SnapshotInfo; chunks: readonly string[] } | null> {
  const db = head.info.id;
  const current = await repo.readSnapshot(db);
  const fit =
    current !== null &&
    current.epoch === head.info.epoch &&
    head.info.seq - current.seq <= Math.max(minChanges, current.records * sizes.staleShare);
  if (fit) {
    if (current.chunks === 0) return { info: current, chunks: [] };
    const chunks = await repo.readSnapshotChunks(db, current.id, 0, sizes.pageChunks);
    return chunks ? { info: current, chunks } : null;
  }
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
  const chunks: string[] = [];
  let chunk: string[] = [];
  let chars = 0;
  let records = 0;
  for (let after = 0; after < seq;) {
    const page = await repo.readChanges(db, after, LIMITS.queryPage);
    for (const change of page.records) {
      if (change.seq > seq) break;
      if (change.deleted) continue;
      const text = recordText(change);
      if (chars + text.length + 1 > sizes.chunkChars && chunk.length > 0) {
        chunks.push(chunk.join(","));
        chunk = [];
        chars = 0;
      }
      chunk.push(text);
      chars += text.length + 1;
      records += 1;
    }
    if (!page.more) break;
    after = page.lastSeq;
  }
  if (chunk.length > 0) chunks.push(chunk.join(","));
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
