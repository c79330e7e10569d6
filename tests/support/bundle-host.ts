/**
 * The local host serving the production API bundle: `node --import tsx
 * tests/support/bundle-host.ts <bundle>` loads the bundle as the Functions worker does (it
 * checks its settings under the runtime's rules and registers its functions through
 * `@azure/functions-core`, functions-core.ts here), then serves exactly the HTTP functions it
 * registered, through the local host, on BCM_API_PORT. It prints the registrations as one JSON
 * line ("Registered: …") and "API listening on <url>" once ready.
 *
 * A registration whose route or methods differ from the route table's, or that the table does
 * not know, stops it: the bundle would not serve what the add-in calls.
 */
import { ROUTES, type RouteName } from "../../src/shared/routes";
import { startLocalHost } from "../../api/src/local-host";
import type { RouteDef } from "../../api/src/routes";
import type { RouteHandler } from "../../api/src/http";
import { hooks, registrations, type Registration } from "./functions-core";

export interface RegisteredRoute {
  readonly name: string;
  readonly methods: readonly string[];
  readonly route: string;
  readonly authLevel: string;
}

/** What a registration says of its HTTP trigger, or null when it has none. */
export function httpTrigger(registration: Registration): RegisteredRoute | null {
  const trigger = Object.values(registration.bindings).find((b) => b.type === "httpTrigger");
  if (!trigger) return null;
  return {
    name: registration.name,
    methods: trigger.methods ?? [],
    route: trigger.route ?? "",
    authLevel: trigger.authLevel ?? "",
  };
}

/** The route table's entry for a registration, with the bundle's handler; throws on a mismatch. */
function served(registration: Registration): RouteDef {
  const trigger = httpTrigger(registration);
  if (!trigger) throw new Error(`${registration.name}: not an HTTP function`);
  const route = (ROUTES as Partial<Record<string, (typeof ROUTES)[RouteName]>>)[trigger.name];
  if (!route) throw new Error(`${trigger.name}: not in the route table`);
  const methods = trigger.methods.filter((m) => m !== "OPTIONS");
  if (trigger.route !== route.path || methods.join() !== route.method) {
    throw new Error(
      `${trigger.name}: registered as ${methods.join()} ${trigger.route}, the table says ${route.method} ${route.path}`,
    );
  }
  return { ...route, handler: registration.callback as RouteHandler };
}

async function main(): Promise<void> {
  const bundle = process.argv[2];
  if (!bundle) throw new Error("usage: bundle-host.ts <bundle file>");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded as the worker loads it
  require(bundle);
  console.log(`Registered: ${JSON.stringify(registrations.map(httpTrigger))}`);
  if (hooks.length > 0) console.log(`Hooks registered, not run here: ${hooks.join(", ")}`);
  const host = await startLocalHost({
    port: Number(process.env.BCM_API_PORT ?? 0),
    routes: registrations.map(served),
  });
  console.log(`API listening on ${host.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
