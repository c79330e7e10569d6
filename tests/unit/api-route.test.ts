import { HttpRequest, InvocationContext } from "@azure/functions";
import { ApiProblem, route } from "../../api/src/http";
import { StorageUnavailableError } from "../../api/src/storage/repository";

const request = () =>
  new HttpRequest({
    method: "GET",
    url: "http://localhost/api/x",
    headers: { origin: "https://localhost:3000" },
  });
const quiet = () => new InvocationContext({ logHandler: () => undefined });

describe("route(): every handler's wrapper", () => {
  it("turns an unexpected error into a 500 that tells nothing of the server's insides", async () => {
    const handler = route(() => Promise.reject(new Error("secret detail at api/src/x.ts:12")));
    const res = await handler(request(), quiet());
    expect(res.status).toBe(500);
    const body = JSON.stringify(res.jsonBody);
    expect(body).not.toContain("secret");
    expect(res.jsonBody).toEqual({ error: { code: "internal", message: expect.any(String) } });
  });

  it("turns an ApiProblem into its status and the protocol's error shape, with CORS for the add-in", async () => {
    const handler = route(() =>
      Promise.reject(new ApiProblem(409, "mid_gap", "A mid is missing.", "mutations.0.mid")),
    );
    const res = await handler(request(), quiet());
    expect(res.status).toBe(409);
    expect(res.jsonBody).toEqual({
      error: { code: "mid_gap", message: "A mid is missing.", field: "mutations.0.mid" },
    });
    expect((res.headers as Record<string, string>)["access-control-allow-origin"]).toBe(
      "https://localhost:3000",
    );
  });

  it("turns unreachable storage into 503 storage_unavailable", async () => {
    const handler = route(() => Promise.reject(new StorageUnavailableError("down")));
    const res = await handler(request(), quiet());
    expect(res.status).toBe(503);
    expect(res.jsonBody).toMatchObject({ error: { code: "storage_unavailable" } });
  });
});
