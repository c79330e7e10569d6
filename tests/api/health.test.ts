import { startApiHost, startAzurite } from "../support/stack";
import { call } from "../support/http";

describe("GET /health", () => {
  it("answers ok with the protocol version when Table Storage answers", async () => {
    const reply = await call("/health");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: "ok", protocol: 1, storage: "ok" });
    expect(reply.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 503 storage unreachable while Azurite is down, and ok again once it is back", async () => {
    const azurite = await startAzurite();
    const api = await startApiHost({ storageConnection: azurite.connectionString });
    try {
      expect((await call("/health", { base: api.url })).status).toBe(200);
      await azurite.stop();
      const down = await call("/health", { base: api.url });
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ status: "degraded", protocol: 1, storage: "unreachable" });
      await azurite.start();
      expect((await call("/health", { base: api.url })).status).toBe(200);
    } finally {
      await api.close();
      await azurite.dispose();
    }
  });
});
