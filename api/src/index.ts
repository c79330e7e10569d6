/**
 * The Azure Functions entry point: registers every route of `routes.ts` with the v4 Node
 * programming model. Each route also answers OPTIONS, because the API answers CORS itself (the
 * Function App's own CORS setting must stay empty).
 *
 * The settings are checked here, as the app loads, under the Functions runtime's rules
 * (`BCM_AUTH` and `BCM_ALLOWED_ORIGINS` required, dev sign-in refused): a deployment that
 * misses one fails at start with the setting's name. `POST /dev/token` is not in `routes` (the
 * shared table marks it local-only).
 */
import { app } from "@azure/functions";
import { loadConfig } from "./config";
import { routes } from "./routes";
import { startServices } from "./services";

const { config } = startServices(loadConfig(process.env, { functionsRuntime: true }));
for (const warning of config.warnings) console.warn(warning);

for (const r of routes) {
  app.http(r.name, {
    methods: [r.method, "OPTIONS"],
    route: r.path,
    authLevel: "anonymous",
    handler: r.handler,
  });
}
