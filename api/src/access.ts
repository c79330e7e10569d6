/**
 * Who may touch a database: members only, and 404 for everyone else (never reveal that it
 * exists). A member's role, view and the database's epoch are cached in this process for a few
 * seconds, so that a pull with nothing new costs one storage query; changes to members and
 * sync sets made through this process clear the cache at once, and other instances catch up
 * within `MEMBER_CACHE_MS`.
 */
import type { HttpRequest } from "@azure/functions";
import { Id, type Role } from "../../src/shared/protocol";
import { forbidden, notFound, param } from "./http";
import { getServices } from "./services";
import type { Membership } from "./storage/repository";
import { makeView, type View } from "./sync/view";

export const MEMBER_CACHE_MS = 10_000;
const ROLE_RANK: Record<Role, number> = { reader: 0, editor: 1, owner: 2 };

export interface MemberContext {
  member: Membership;
  /** The database's name and epoch. */
  name: string;
  epoch: string;
  view: View;
}

const cache = new Map<string, { context: MemberContext; expires: number }>();

/** The caller's membership of the route's `{db}`, with at least `role`. */
export async function requireMember(
  req: HttpRequest,
  role: Role = "reader",
): Promise<MemberContext> {
  const { auth } = getServices();
  const email = await auth.authenticate(req);
  const db = param(req, "db", Id);
  const context = await memberContext(db, email);
  if (!context) throw notFound("There is no such database, or you are not a member of it.");
  const has = context.member.role;
  if (ROLE_RANK[has] < ROLE_RANK[role]) {
    throw forbidden(
      `This needs the ${role} role; you are ${has === "editor" ? "an" : "a"} ${has}.`,
    );
  }
  return context;
}

async function memberContext(db: string, email: string): Promise<MemberContext | null> {
  const { repo, now } = getServices();
  const key = `${db}\n${email}`;
  const cached = cache.get(key);
  if (cached && cached.expires > now().getTime()) return cached.context;
  const [member, head] = await Promise.all([repo.getMembership(db, email), repo.readHead(db)]);
  if (!member || !head) return null;
  // A sync set that is named but not (or no longer) defined selects nothing but subscriptions.
  const filter = member.syncSet
    ? ((await repo.getSyncSet(db, member.syncSet)) ?? { any: [] })
    : null;
  const context = {
    member,
    name: head.info.name,
    epoch: head.info.epoch,
    view: makeView(member, filter),
  };
  cache.set(key, { context, expires: now().getTime() + MEMBER_CACHE_MS });
  return context;
}

/** Forgets what this process cached of a database's members (after a change to them). */
export function forgetMembers(db: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${db}\n`)) cache.delete(key);
}
