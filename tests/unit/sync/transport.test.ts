/** The transport port's errors: which of them mean the database is unreachable. */
import { ApiError, NetworkError, isUnreachable } from "../../../src/sync/transport";

test("isUnreachable: no answer or a gateway/unavailable status, not a refusal or a server bug", () => {
  expect(isUnreachable(new NetworkError("down"))).toBe(true);
  for (const status of [502, 503, 504])
    expect(isUnreachable(new ApiError(status, "x", "x"))).toBe(true);
  for (const status of [400, 401, 404, 410, 500])
    expect(isUnreachable(new ApiError(status, "x", "x"))).toBe(false);
  expect(isUnreachable(new Error("other"))).toBe(false);
});
