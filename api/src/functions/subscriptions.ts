/**
 * A member's subscription list: `PUT` / `DELETE /databases/{db}/members/{email}/subscriptions/{contactId}`
 * (who may: `changeSubscription`).
 */
import type { HttpRequest } from "@azure/functions";
import { Email, Id } from "../../../src/shared/protocol";
import { json, param, route, signedInMember } from "../http";
import { changeSubscription } from "../members/sharing";
import { getServices } from "../services";

async function change(req: HttpRequest, subscribe: boolean) {
  const { member: caller } = await signedInMember(req);
  const email = param(req, "email", Email);
  const contactId = param(req, "contactId", Id);
  const subscriptions = await changeSubscription(
    getServices(),
    caller,
    email,
    contactId,
    subscribe,
  );
  return json(200, { email, subscriptions });
}

export const putSubscription = route((req) => change(req, true));
export const deleteSubscription = route((req) => change(req, false));
