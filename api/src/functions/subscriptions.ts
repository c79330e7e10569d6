/**
 * A member's subscription list: `PUT` / `DELETE /databases/{db}/members/{email}/subscriptions/{contactId}`,
 * by an owner or by that member. Subscribed contacts stay in the member's copy whatever the
 * sync set says.
 */
import { Email, Id } from "../../../src/shared/protocol";
import { forgetMembers, requireMember } from "../access";
import { ApiProblem, forbidden, json, notFound, param, route } from "../http";
import { getServices } from "../services";
import type { HttpRequest } from "@azure/functions";

/** A member keeps at most this many subscriptions (they live in the member's row). */
const MAX_SUBSCRIPTIONS = 1000;

async function change(req: HttpRequest, subscribe: boolean) {
  const { member: caller } = await requireMember(req);
  const email = param(req, "email", Email);
  const contactId = param(req, "contactId", Id);
  if (caller.email !== email && caller.role !== "owner") {
    throw forbidden("Only an owner or the member may change a member's subscriptions.");
  }
  const { repo } = getServices();
  const head = await repo.readHead(caller.db);
  const target = await repo.getMembership(caller.db, email);
  if (!head || !target) throw notFound(`${email} is not a member of this database.`);
  const subscriptions = new Set(target.subscriptions);
  if (subscribe) subscriptions.add(contactId);
  else subscriptions.delete(contactId);
  if (subscriptions.size > MAX_SUBSCRIPTIONS) {
    throw new ApiProblem(
      409,
      "too_many_subscriptions",
      `A member keeps at most ${MAX_SUBSCRIPTIONS} subscriptions.`,
    );
  }
  await repo.putMember(head, { ...target, subscriptions: [...subscriptions] });
  forgetMembers(caller.db);
  return json(200, { email, subscriptions: [...subscriptions] });
}

export const putSubscription = route((req) => change(req, true));
export const deleteSubscription = route((req) => change(req, false));
