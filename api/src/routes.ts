/**
 * Which handler serves each route of the shared route table (src/shared/routes.ts, where each
 * route's name, method, path and schemas are). `index.ts` registers `routes` with the Azure
 * Functions runtime, and the local host (`local-host.ts`) serves the same, plus the local-only
 * `POST /dev/token`, which is never deployed.
 */
import type { RouteHandler } from "./http";
import {
  ROUTES,
  type DeployedRouteName,
  type Method,
  type Route,
  type RouteName,
} from "../../src/shared/routes";
import { backupGet, backupRecords } from "./functions/backup";
import { restoreFinish, restoreRecords, restoreStart } from "./functions/backup-restore";
import { createDatabase } from "./functions/databases-create";
import { health } from "./functions/health";
import { me } from "./functions/me";
import { pull } from "./functions/pull";
import { push } from "./functions/push";
import { getDatabase } from "./functions/databases-get";
import { renameDatabase } from "./functions/databases-rename";
import { deleteDatabase } from "./functions/databases-delete";
import { deleteMember, listMembers, putMember } from "./functions/members";
import { listSyncSets, putSyncSet } from "./functions/sync-sets";
import { deleteSubscription, putSubscription } from "./functions/subscriptions";

/** What a host needs of a route: the table's name, method and path, and the handler. */
export interface RouteDef {
  /** The function's name in Azure. */
  readonly name: string;
  readonly method: Method;
  /** A Functions route template: `databases/{db}/pull`. */
  readonly path: string;
  readonly handler: RouteHandler;
}

/**
 * The routes named in `handlers`, each with its handler, in the table's order. Called with the
 * names as its type argument (`serve<DeployedRouteName>`), a name without a handler, or a
 * handler under a name outside them, does not compile.
 */
export function serve<N extends RouteName>(handlers: {
  readonly [K in N]: RouteHandler;
}): RouteDef[] {
  const named: Readonly<Partial<Record<RouteName, RouteHandler>>> = handlers;
  return Object.values<Route>(ROUTES).flatMap((route) => {
    const handler = named[route.name];
    return handler ? [{ name: route.name, method: route.method, path: route.path, handler }] : [];
  });
}

/** Every route Azure Functions serves. */
export const routes: readonly RouteDef[] = serve<DeployedRouteName>({
  health,
  me,
  "databases-create": createDatabase,
  "databases-get": getDatabase,
  "databases-rename": renameDatabase,
  "databases-delete": deleteDatabase,
  "members-list": listMembers,
  "members-put": putMember,
  "members-delete": deleteMember,
  "sync-sets-list": listSyncSets,
  "sync-sets-put": putSyncSet,
  "subscriptions-put": putSubscription,
  "subscriptions-delete": deleteSubscription,
  pull,
  push,
  "backup-get": backupGet,
  "backup-records": backupRecords,
  "restore-start": restoreStart,
  "restore-records": restoreRecords,
  "restore-finish": restoreFinish,
});
