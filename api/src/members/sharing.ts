/**
 * Sharing a database (owners): its members, their subscriptions and the sync sets that shape
 * their copies. A member's sync set must be defined first; the last owner cannot leave (any
 * other member may). A change
 * that races with a commit (a push) is tried again from the head (`retryCommit`). Every change
 * clears this process's cache of the database's members (`forgetMembers`).
 *
 * Subscribed contacts stay in the member's copy whatever the sync set says, so only an owner may
 * add one (a member subscribing themselves would step out of their sync set); an owner or the
 * member may end one. The contact is not looked up: the answer is the same whether it exists.
 */
import {
  MAX_SUBSCRIPTIONS,
  type Filter,
  type MemberInfo,
  type Role,
} from "../../../src/shared/protocol";
import type { Deps } from "../deps";
import { badRequest, DomainError, ErrorCode, forbidden, notFound, tooLarge } from "../errors";
import { retryCommit } from "../retry";
import type { Membership } from "../storage/repository";
import { forgetMembers } from "./access";

/** The members of `db` as an owner sees them. */
export async function membersOf(deps: Deps, db: string): Promise<MemberInfo[]> {
  const members = await deps.repo.listMembers(db);
  return members.map((m) => ({
    email: m.email,
    role: m.role,
    syncSet: m.syncSet,
    subscriptions: m.subscriptions,
  }));
}

/** Invites `email` to `db` or changes their role and sync set; `created` when it is new. */
export async function putMember(
  deps: Deps,
  db: string,
  email: string,
  { role, syncSet }: { role: Role; syncSet: string | null },
): Promise<{ member: MemberInfo; created: boolean }> {
  const { repo } = deps;
  if (syncSet !== null && !(await repo.getSyncSet(db, syncSet))) {
    throw badRequest(
      `syncSet: there is no sync set named ${JSON.stringify(syncSet)}; define it first.`,
      "syncSet",
    );
  }
  const existing = await retryCommit(async () => {
    const head = await mustHead(deps, db);
    const existing = await repo.getMembership(db, email);
    if (existing?.role === "owner" && role !== "owner") await keepAnOwner(deps, db, email);
    const subscriptions = existing?.subscriptions ?? [];
    // A member already bound to a user stays bound to them; an invitation waits for its first sign-in.
    const oid = existing?.oid ?? null;
    await repo.putMember(head, { db, email, oid, role, syncSet, subscriptions });
    return existing;
  }, deps);
  forgetMembers(db);
  const subscriptions = existing?.subscriptions ?? [];
  return { member: { email, role, syncSet, subscriptions }, created: !existing };
}

/** Removes member `email` from `db`; `leaving`: they asked it themselves. */
export async function deleteMember(
  deps: Deps,
  db: string,
  email: string,
  { leaving }: { leaving: boolean },
): Promise<void> {
  const { repo } = deps;
  await retryCommit(async () => {
    const head = await mustHead(deps, db);
    const existing = await repo.getMembership(db, email);
    if (!existing) throw notFound(`${email} is not a member of this database.`);
    if (existing.role === "owner") {
      await keepAnOwner(
        deps,
        db,
        email,
        leaving
          ? "You are this database's last owner: make someone else owner before you leave, or delete the database."
          : undefined,
      );
    }
    await repo.deleteMember(head, email);
  }, deps);
  forgetMembers(db);
}

/**
 * Adds `contactId` to the subscriptions of member `email` (`subscribe`) or ends it, as `caller`
 * asks; the member's subscriptions after it.
 */
export async function changeSubscription(
  deps: Deps,
  caller: Membership,
  email: string,
  contactId: string,
  subscribe: boolean,
): Promise<string[]> {
  if (caller.role !== "owner" && (subscribe || caller.email !== email)) {
    throw forbidden(
      subscribe
        ? "Only an owner may add to a member's subscriptions."
        : "Only an owner or the member may end a member's subscriptions.",
    );
  }
  const { repo } = deps;
  const subscriptions = await retryCommit(async () => {
    const head = await repo.readHead(caller.db);
    const target = await repo.getMembership(caller.db, email);
    if (!head || !target) throw notFound(`${email} is not a member of this database.`);
    const subscriptions = new Set(target.subscriptions);
    if (subscribe) subscriptions.add(contactId);
    else subscriptions.delete(contactId);
    if (subscribe && subscriptions.size > MAX_SUBSCRIPTIONS) {
      throw tooLarge(
        `subscriptions: a member keeps at most ${MAX_SUBSCRIPTIONS} subscriptions; end one first.`,
        "subscriptions",
      );
    }
    await repo.putMember(head, { ...target, subscriptions: [...subscriptions] });
    return [...subscriptions];
  }, deps);
  forgetMembers(caller.db);
  return subscriptions;
}

/** Defines or changes the sync set `name` of `db` (moving the head's `access` on). */
export async function putSyncSet(
  deps: Deps,
  db: string,
  name: string,
  filter: Filter,
): Promise<void> {
  await retryCommit(
    async () => deps.repo.putSyncSet(db, name, filter, await mustHead(deps, db)),
    deps,
  );
  forgetMembers(db);
}

async function mustHead(deps: Deps, db: string) {
  const head = await deps.repo.readHead(db);
  if (!head) throw notFound();
  return head;
}

/** Refuses to take away the last owner (read after the head, so a race fails the commit). */
async function keepAnOwner(
  deps: Deps,
  db: string,
  leaving: string,
  message = "A database keeps at least one owner: make someone else owner first.",
): Promise<void> {
  const owners = (await deps.repo.listMembers(db)).filter(
    (m) => m.role === "owner" && m.email !== leaving,
  );
  if (owners.length === 0) throw new DomainError(ErrorCode.LastOwner, message);
}
