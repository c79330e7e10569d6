/**
 * Every route of the API in one table: `index.ts` registers them with the Azure Functions
 * runtime, and the local host (`local-host.ts`) serves the same table for `npm start` and the
 * tests, plus `POST /dev/token`, which is never deployed. Routes are relative to the `api/`
 * prefix (host.json's default).
 */
import type { RouteHandler } from "./http";
import { createDatabase } from "./functions/databases-create";
import { health } from "./functions/health";
import { me } from "./functions/me";
import { pull } from "./functions/pull";
import { push } from "./functions/push";
import { getDatabase } from "./functions/databases-get";
import { deleteMember, listMembers, putMember } from "./functions/members";
import { listSyncSets, putSyncSet } from "./functions/sync-sets";
import { deleteSubscription, putSubscription } from "./functions/subscriptions";

export interface RouteDef {
  /** The function's name in Azure (letters, digits, '-' and '_'). */
  name: string;
  methods: ReadonlyArray<"GET" | "POST" | "PUT" | "DELETE">;
  /** A Functions route template: `databases/{db}/pull`. */
  route: string;
  handler: RouteHandler;
}

export const routes: readonly RouteDef[] = [
  { name: "health", methods: ["GET"], route: "health", handler: health },
  { name: "me", methods: ["GET"], route: "me", handler: me },
  { name: "databases-create", methods: ["POST"], route: "databases", handler: createDatabase },
  { name: "databases-get", methods: ["GET"], route: "databases/{db}", handler: getDatabase },
  { name: "members-list", methods: ["GET"], route: "databases/{db}/members", handler: listMembers },
  {
    name: "members-put",
    methods: ["PUT"],
    route: "databases/{db}/members/{email}",
    handler: putMember,
  },
  {
    name: "members-delete",
    methods: ["DELETE"],
    route: "databases/{db}/members/{email}",
    handler: deleteMember,
  },
  {
    name: "sync-sets-list",
    methods: ["GET"],
    route: "databases/{db}/sync-sets",
    handler: listSyncSets,
  },
  {
    name: "sync-sets-put",
    methods: ["PUT"],
    route: "databases/{db}/sync-sets/{name}",
    handler: putSyncSet,
  },
  {
    name: "subscriptions-put",
    methods: ["PUT"],
    route: "databases/{db}/members/{email}/subscriptions/{contactId}",
    handler: putSubscription,
  },
  {
    name: "subscriptions-delete",
    methods: ["DELETE"],
    route: "databases/{db}/members/{email}/subscriptions/{contactId}",
    handler: deleteSubscription,
  },
  { name: "pull", methods: ["POST"], route: "databases/{db}/pull", handler: pull },
  { name: "push", methods: ["POST"], route: "databases/{db}/push", handler: push },
];
