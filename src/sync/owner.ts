/**
 * Whose offline copy this is. A copy belongs to one user of one API's database, not to the
 * browser profile: two people (or two mailboxes) in one Outlook profile share its storage, and
 * each must see and send only their own copy. The copy is named after its owner (`copyId`, a
 * hash, so that no address shows in storage names), records the owner in `sync:owner`, and an
 * engine refuses a copy whose recorded owner is someone else (docs/sync-engine.md, "Whose copy").
 */
import { z } from "zod/mini";
import { OWNER_KEY } from "./keys";
import type { LocalStore, StoreWrite } from "./store";

/** The API (its base URL), the user (their address) and the database a copy belongs to. */
export const CopyOwner = z.object({
  api: z.string(),
  user: z.string(),
  databaseId: z.string().check(z.minLength(1)),
});
export type CopyOwner = z.infer<typeof CopyOwner>;

/**
 * The owner as recorded and compared: the API without trailing slashes, the address trimmed and
 * in lower case (Outlook does not always spell an address the same way).
 */
export function copyOwner(api: string, user: string, databaseId: string): CopyOwner {
  return { api: api.replace(/\/+$/, ""), user: user.trim().toLowerCase(), databaseId };
}

/**
 * The copy's name in storage, locks, messages and preferences: the first 128 bits of the
 * SHA-256 of `[api, user, databaseId]`, in hex. Needs Web Crypto (every browser in a secure
 * context, as an add-in's pages are; Node 20 and later).
 */
export async function copyId(owner: CopyOwner): Promise<string> {
  const { api, user, databaseId } = copyOwner(owner.api, owner.user, owner.databaseId);
  const text = JSON.stringify([api, user, databaseId]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 16)]
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
}

/** The copy opened belongs to someone else, or its owner cannot be told: nothing is read. */
export class CopyOwnerError extends Error {
  override readonly name = "CopyOwnerError";
}

/**
 * Checks that `store` is `owner`'s copy, before anything of it is read. Resolves true when the
 * store records `owner`, false when it is empty (nobody's yet: the first write claims it).
 * Rejects with `CopyOwnerError` when it records another owner, or holds data but no owner.
 */
export async function checkOwner(store: LocalStore, owner: CopyOwner): Promise<boolean> {
  const mine = copyOwner(owner.api, owner.user, owner.databaseId);
  const recorded = await store.get(OWNER_KEY);
  if (recorded === undefined) {
    if ((await store.keys()).length === 0) return false;
    throw new CopyOwnerError(
      "This offline copy does not say whose it is, so it is neither shown nor sent.",
    );
  }
  const parsed = CopyOwner.safeParse(recorded);
  if (!parsed.success || !sameOwner(parsed.data, mine)) {
    throw new CopyOwnerError(
      "This offline copy belongs to another user or database, so it is neither shown nor sent.",
    );
  }
  return true;
}

/** The write that records `owner` (first in a batch, so that no prefix of it is unowned). */
export function ownerWrite(owner: CopyOwner): StoreWrite {
  return {
    op: "set",
    key: OWNER_KEY,
    value: copyOwner(owner.api, owner.user, owner.databaseId),
  };
}

/**
 * Moves a copy written before copies had owners (`legacy`: one per database and browser
 * profile) into `owner`'s copy (`target`), owner recorded, in one batch: its outbox, inbox and
 * needs attention included, its client id kept (the server knows its mids by it). Resolves
 * false, writing nothing, when `legacy` is empty. Whatever `target` held is replaced. The
 * caller deletes `legacy` afterwards, and decides who may adopt it (docs/sync-engine.md).
 */
export async function adoptCopy(
  legacy: LocalStore,
  target: LocalStore,
  owner: CopyOwner,
): Promise<boolean> {
  const entries = (await legacy.entries("")).filter(([key]) => key !== OWNER_KEY);
  if (entries.length === 0) return false;
  const kept = new Set(entries.map(([key]) => key));
  const stale = (await target.keys()).filter((key) => !kept.has(key) && key !== OWNER_KEY);
  await target.apply([
    ownerWrite(owner),
    ...entries.map(([key, value]): StoreWrite => ({ op: "set", key, value })),
    ...stale.map((key): StoreWrite => ({ op: "delete", key })),
  ]);
  return true;
}

function sameOwner(a: CopyOwner, b: CopyOwner): boolean {
  const x = copyOwner(a.api, a.user, a.databaseId);
  return x.api === b.api && x.user === b.user && x.databaseId === b.databaseId;
}
