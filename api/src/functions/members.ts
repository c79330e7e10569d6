/**
 * Sharing: `GET /databases/{db}/members`, `PUT` and `DELETE /databases/{db}/members/{email}`
 * (owners only). A member's sync set must be defined first; the last owner cannot leave. A change
 * that races with a commit (a push) is tried again from the head (`retryCommit`).
 */
import { Email, PutMemberRequest } from "../../../src/shared/protocol";
import { forgetMembers, requireMember } from "../access";
import { badRequest, DomainError, ErrorCode, notFound } from "../errors";
import { json, param, readJson, route } from "../http";
import { retryCommit } from "../retry";
import { getServices } from "../services";

export const listMembers = route(async (req) => {
  const { member } = await requireMember(req, "owner");
  const members = await getServices().repo.listMembers(member.db);
  return json(200, {
    members: members.map((m) => ({
      email: m.email,
      role: m.role,
      syncSet: m.syncSet,
      subscriptions: m.subscriptions,
    })),
  });
});

export const putMember = route(async (req) => {
  const { member: caller } = await requireMember(req, "owner");
  const { repo } = getServices();
  const email = param(req, "email", Email);
  const { role, syncSet } = await readJson(req, PutMemberRequest);
  if (syncSet !== null && !(await repo.getSyncSet(caller.db, syncSet))) {
    throw badRequest(
      `syncSet: there is no sync set named ${JSON.stringify(syncSet)}; define it first.`,
      "syncSet",
    );
  }
  const existing = await retryCommit(async () => {
    const head = await mustHead(caller.db);
    const existing = await repo.getMembership(caller.db, email);
    if (existing?.role === "owner" && role !== "owner") await keepAnOwner(caller.db, email);
    const subscriptions = existing?.subscriptions ?? [];
    // A member already bound to a user stays bound to them; an invitation waits for its first sign-in.
    const oid = existing?.oid ?? null;
    await repo.putMember(head, { db: caller.db, email, oid, role, syncSet, subscriptions });
    return existing;
  });
  forgetMembers(caller.db);
  const subscriptions = existing?.subscriptions ?? [];
  return json(existing ? 200 : 201, { email, role, syncSet, subscriptions });
});

export const deleteMember = route(async (req) => {
  const { member: caller } = await requireMember(req, "owner");
  const { repo } = getServices();
  const email = param(req, "email", Email);
  await retryCommit(async () => {
    const head = await mustHead(caller.db);
    const existing = await repo.getMembership(caller.db, email);
    if (!existing) throw notFound(`${email} is not a member of this database.`);
    if (existing.role === "owner") await keepAnOwner(caller.db, email);
    await repo.deleteMember(head, email);
  });
  forgetMembers(caller.db);
  return { status: 204 };
});

async function mustHead(db: string) {
  const head = await getServices().repo.readHead(db);
  if (!head) throw notFound();
  return head;
}

/** Refuses to take away the last owner (read after the head, so a race fails the commit). */
async function keepAnOwner(db: string, leaving: string): Promise<void> {
  const owners = (await getServices().repo.listMembers(db)).filter(
    (m) => m.role === "owner" && m.email !== leaving,
  );
  if (owners.length === 0) {
    throw new DomainError(
      ErrorCode.LastOwner,
      "A database keeps at least one owner: make someone else owner first.",
    );
  }
}
