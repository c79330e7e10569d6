/** `GET /health`: is the API up and does Table Storage answer? No token needed. */
import { PROTOCOL_VERSION, type HealthResponse } from "../../../src/shared/protocol";
import { json, route } from "../http";
import { getServices } from "../services";
import { StorageUnavailableError } from "../storage/repository";

export const health = route(async () => {
  try {
    await getServices().repo.ping();
    return json(200, {
      status: "ok",
      protocol: PROTOCOL_VERSION,
      storage: "ok",
    } satisfies HealthResponse);
  } catch (err) {
    if (!(err instanceof StorageUnavailableError)) throw err;
    return json(503, {
      status: "degraded",
      protocol: PROTOCOL_VERSION,
      storage: "unreachable",
    } satisfies HealthResponse);
  }
});
