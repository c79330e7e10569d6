/** Who may touch a database: members only, and 404 for everyone else (never reveal it exists). */
import type { HttpRequest } from "@azure/functions";
import { Id, type Role } from "../../src/shared/protocol";
import { forbidden, notFound, param } from "./http";
import { getServices } from "./services";
import type { Membership } from "./storage/repository";

const ROLE_RANK: Record<Role, number> = { reader: 0, editor: 1, owner: 2 };

/** The caller's membership of the route's `{db}`, with at least `role`. */
export async function requireMember(req: HttpRequest, role: Role = "reader"): Promise<Membership> {
  const { auth, repo } = getServices();
  const email = await auth.authenticate(req);
  const db = param(req, "db", Id);
  const member = await repo.getMembership(db, email);
  if (!member) throw notFound("There is no such database, or you are not a member of it.");
  if (ROLE_RANK[member.role] < ROLE_RANK[role]) {
    throw forbidden(`This needs the ${role} role; you are ${member.role === "editor" ? "an" : "a"} ${member.role}.`);
  }
  return member;
}
