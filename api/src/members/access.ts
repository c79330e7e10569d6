/**
 * Who may touch a database: members only, and `not_found` for everyone else (never reveal that
 * it exists). A member is invited by address; the first sign-in of that address binds the
 * membership to the caller's `oid`, and from then on only that user is the member (a token
 * naming the same address with another `oid` is not found). A member's role, view and the
 * database's epoch are cached in this process, with the head's `access` read before them: a
 * pull reads the head with its changes, in one query, and a cached membership whose `access` is
 * still the head's is current whatever its age (every change to members and sync sets moves it
 * on), so that a pull costs one storage query, and a change made through any instance counts
 * at its next pull. Other routes take a cached membership for `MEMBER_CACHE_MS`; changes made
 * through this process clear the cache at once.
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
import type { DatabaseInfo, Head, Membership } from "../storage/repository";
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

const cache = new Map<string, { context: MemberContext; access: number; expires: number }>();

/**
 * The caller's membership of `db`, with at least `role`. `head`: the head as read with the
 * request's changes (`readChangesWithHead`), null when it did not come with them (it never
 * rejects): a cached membership is judged by it.
 */
export async function requireMember(
  deps: Deps,
  db: string,
  caller: Caller,
  role: Role = "reader",
  { during = "use", head }: { during?: "use" | "restore"; head?: Promise<Head | null> } = {},
): Promise<MemberContext> {
  const context = await memberContext(deps, db, caller, head);
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
  fresh?: Promise<Head | null>,
): Promise<MemberContext | null> {
  const { repo, now } = deps;
  const key = `${db}\n${caller.email}`;
  const cached = cache.get(key);
  const mine = (context: MemberContext) => (context.member.oid === caller.oid ? context : null);
  const head = fresh ? await fresh : null;
  if (cached) {
    if (head) {
      const { access = 0, epoch, restoring } = head.info;
      if (access === cached.access && epoch === cached.context.epoch && !restoring) {
        cached.expires = now().getTime() + MEMBER_CACHE_MS;
        return mine({ ...cached.context, name: head.info.name });
      }
    } else if (cached.expires > now().getTime()) return mine(cached.context);
  }
  // The head read with the changes is read before the member's row, as a cached `access` needs.
  const found = await claimMembership(deps, db, caller, head);
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
  if (!info.restoring) {
    const expires = now().getTime() + MEMBER_CACHE_MS;
    cache.set(key, { context, access: info.access ?? 0, expires });
  }
  return context;
}

/**
 * The caller's membership of `db` and the database's head as read before it (so that the head's
 * `access` vouches for it; `read`, a head read already, else it is read now): the membership
 * invited by the caller's address, bound to the caller's `oid` (bound now if it was not yet);
 * null when there is none, or when it is bound to another user.
 */
export async function claimMembership(
  deps: Deps,
  db: string,
  caller: Caller,
  read: Head | null = null,
): Promise<{ member: Membership; info: DatabaseInfo } | null> {
  const { repo } = deps;
  const head = read ?? (await repo.readHead(db));
  const member = await repo.getMembership(db, caller.email);
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
