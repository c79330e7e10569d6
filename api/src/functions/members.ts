/**
 * Sharing: `GET /databases/{db}/members`, `PUT` and `DELETE /databases/{db}/members/{email}`
 * (owners only; `members/sharing.ts`), but that any member may `DELETE` themselves: leave.
 */
import { Email, Id, PutMemberRequest } from "../../../src/shared/protocol";
import { json, param, readJson, route, signedIn, signedInMember } from "../http";
import { requireMember } from "../members/access";
import { deleteMember as remove, membersOf, putMember as put } from "../members/sharing";
import { getServices } from "../services";

export const listMembers = route(async (req) => {
  const { member } = await signedInMember(req, "owner");
  return json(200, { members: await membersOf(getServices(), member.db) });
});

export const putMember = route(async (req) => {
  const { member: caller } = await signedInMember(req, "owner");
  const email = param(req, "email", Email);
  const change = await readJson(req, PutMemberRequest);
  const { member, created } = await put(getServices(), caller.db, email, change);
  return json(created ? 201 : 200, member);
});

export const deleteMember = route(async (req) => {
  const caller = await signedIn(req);
  const db = param(req, "db", Id);
  await requireMember(getServices(), db, caller);
  const email = param(req, "email", Email);
  // Leaving needs no role; removing someone else needs an owner.
  const leaving = email === caller.email;
  if (!leaving) await requireMember(getServices(), db, caller, "owner");
  await remove(getServices(), db, email, { leaving });
  return { status: 204 };
});
