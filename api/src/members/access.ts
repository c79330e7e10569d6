/**
 * Who may touch a database: members only, and `not_found` for everyone else (never reveal that
 * it exists). A member is invited by address; the first sign-in of that address binds the
 * membership to the caller's `oid`, and from then on only that user is the member (a token
 * naming the same address with another `oid` is not found). A member's role, view and the
 * database's epoch are cached in this process for a few seconds, so that a pull with nothing new
 * costs one storage query; changes to members and sync sets made through this process clear the
 * cache at once, and other instances catch up within `MEMBER_CACHE_MS`.
 *
 * A deleted database is not found by anyone; a member who asks for it goes on removing its rows
 * (`deletion.ts`). A database being restored from a backup is not found by anyone, its owner
 * included, but by the restore's own routes (`during: "restore"`); it is never cached, so that
 * it opens on every instance as soon as the restore ends.
 */
import type { Role } from "../../../src/shared/protocol";
import type { Deps } from "../deps";
import { forbidden, notMember } from "../errors";
import { retryCommit } from "../retry";
import type { DatabaseInfo, Membership } from "../storage/repository";
import { makeView, type View } from "../sync/view";
import { purge, PURGE_BUDGET_MS } from "./deletion";

/** The signed-in caller (`auth.ts` names them from their token). */
export interface Caller {
  /** The user's stable id: Entra's `oid` (dev mode: derived from the address). */
  oid: string;
  /** The user's address, lower-cased. */
  email: string;
}

export const MEMBER_CACHE_MS = 10_000;
const ROLE_RANK: Record<Role, number> = { reader: 0, editor: 1, owner: 2 };

export interface MemberContext {
  member: Membership;
  /** The database's name and epoch. */
  name: string;
  epoch: string;
  view: View;
  /** The database is being restored (`DatabaseInfo.restoring`). */
  restoring: boolean;
}

const cache = new Map<string, { context: MemberContext; expires: number }>();

/** The caller's membership of `db`, with at least `role`. */
export async function requireMember(
  deps: Deps,
  db: string,
  caller: Caller,
  role: Role = "reader",
  during: "use" | "restore" = "use",
): Promise<MemberContext> {
  const context = await memberContext(deps, db, caller);
  if (!context || (context.restoring && during !== "restore")) throw notMember();
  const has = context.member.role;
  if (ROLE_RANK[has] < ROLE_RANK[role]) {
    throw forbidden(
      `This needs the ${role} role; you are ${has === "editor" ? "an" : "a"} ${has}.`,
    );
  }
  return context;
}

async function memberContext(
  deps: Deps,
  db: string,
  caller: Caller,
): Promise<MemberContext | null> {
  const { repo, now } = deps;
  const key = `${db}\n${caller.email}`;
  const cached = cache.get(key);
  if (cached && cached.expires > now().getTime())
    return cached.context.member.oid === caller.oid ? cached.context : null;
  const found = await claimMembership(deps, db, caller);
  if (!found) return null;
  const { member, info } = found;
  // A sync set that is named but not (or no longer) defined selects nothing but subscriptions.
  const filter = member.syncSet
    ? ((await repo.getSyncSet(db, member.syncSet)) ?? { any: [] })
    : null;
  const context = {
    member,
    name: info.name,
    epoch: info.epoch,
    view: makeView(member, filter),
    restoring: info.restoring === true,
  };
  if (!info.restoring) cache.set(key, { context, expires: now().getTime() + MEMBER_CACHE_MS });
  return context;
}

/**
 * The caller's membership of `db` and the database's head as read: the membership invited by the
 * caller's address, bound to the caller's `oid` (bound now if it was not yet); null when there
 * is none, or when it is bound to another user.
 */
export async function claimMembership(
  deps: Deps,
  db: string,
  caller: Caller,
): Promise<{ member: Membership; info: DatabaseInfo } | null> {
  const { repo } = deps;
  const [member, head] = await Promise.all([
    repo.getMembership(db, caller.email),
    repo.readHead(db),
  ]);
  if (!member) return null;
  if (!head) {
    // An address invited to a database without a head: it was deleted, maybe not all removed.
    if (await repo.isDeleted(db)) {
      await purge(deps, db, PURGE_BUDGET_MS.later);
    }
    return null;
  }
  if (member.oid !== null) return member.oid === caller.oid ? { member, info: head.info } : null;
  // Unbound: read the head first and the member after it, so that the head's ETag (which every
  // change to members moves) proves nobody bound it in between; a lost race reads again.
  return retryCommit(async () => {
    const head = await repo.readHead(db);
    const member = head && (await repo.getMembership(db, caller.email));
    if (!head || !member) return null;
    if (member.oid !== null) return member.oid === caller.oid ? { member, info: head.info } : null;
    await repo.bindMember(head, caller.email, caller.oid);
    return { member: { ...member, oid: caller.oid }, info: head.info };
  }, deps);
}

/** Forgets what this process cached of a database's members (after a change to them). */
export function forgetMembers(db: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${db}\n`)) cache.delete(key);
}
