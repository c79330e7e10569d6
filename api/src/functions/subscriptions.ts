/**
 * A member's subscription list: `PUT` / `DELETE /databases/{db}/members/{email}/subscriptions/{contactId}`.
 * Subscribed contacts stay in the member's copy whatever the sync set says, so only an owner may
 * add one (a member subscribing themselves would step out of their sync set); an owner or the
 * member may end one. The contact is not looked up: the answer is the same whether it exists.
 */
import { Email, Id, MAX_SUBSCRIPTIONS } from "../../../src/shared/protocol";
import { forgetMembers, requireMember } from "../access";
import { forbidden, notFound, tooLarge } from "../errors";
import { json, param, route } from "../http";
import { retryCommit } from "../retry";
import { getServices } from "../services";
import type { HttpRequest } from "@azure/functions";

async function change(req: HttpRequest, subscribe: boolean) {
  const { member: caller } = await requireMember(req);
  const email = param(req, "email", Email);
  const contactId = param(req, "contactId", Id);
  if (caller.role !== "owner" && (subscribe || caller.email !== email)) {
    throw forbidden(
      subscribe
        ? "Only an owner may add to a member's subscriptions."
        : "Only an owner or the member may end a member's subscriptions.",
    );
  }
  const { repo } = getServices();
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
  });
  forgetMembers(caller.db);
  return json(200, { email, subscriptions });
}

export const putSubscription = route((req) => change(req, true));
export const deleteSubscription = route((req) => change(req, false));
