/**
 * The Azure Functions entry point: registers every route of `routes.ts` with the v4 Node
 * programming model. Each route also answers OPTIONS, because the API answers CORS itself (the
 * Function App's own CORS setting must stay empty).
 */
import { app } from "@azure/functions";
import { routes } from "./routes";

for (const r of routes) {
  app.http(r.name, {
    methods: [...r.methods, "OPTIONS"],
    route: r.route,
    authLevel: "anonymous",
    handler: r.handler,
  });
}
