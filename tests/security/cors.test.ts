/**
 * CORS from other origins: a page on any origin but the add-in's own gets no
 * `access-control-allow-origin` (so the browser keeps every answer from it), and its preflights
 * are refused. The API under test allows https://localhost:3000 (tests/support/stack.ts).
 */
import { call } from "../support/http";
import { newDatabase, newMember } from "../support/db";

const ADD_IN = "https://localhost:3000";
const preflight = (path: string, origin?: string) =>
  call(path, {
    method: "OPTIONS",
    headers: {
      ...(origin === undefined ? {} : { origin }),
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type",
    },
  });

describe("CORS", () => {
  it.each([
    "https://evil.example",
    "null",
    `${ADD_IN}.evil.example`,
    "http://localhost:3000",
    "https://localhost:3001",
    "https://localhost",
  ])("gives %s no access to any answer, and refuses its preflights", async (origin) => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const answers = await Promise.all([
      call("/health", { headers: { origin } }),
      call("/me", { token: owner.token, headers: { origin } }),
      call("/me", { headers: { origin } }),
      call(`/databases/${db}/pull`, {
        token: owner.token,
        body: { cursor: null },
        headers: { origin },
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 200]);
    for (const answer of answers) {
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
      expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
    }
    const refused = await preflight(`/databases/${db}/push`, origin);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(refused.headers.get("access-control-allow-methods")).toBeNull();
    expect(refused.headers.get("access-control-allow-headers")).toBeNull();
  });

  it("refuses a preflight that names no origin", async () => {
    const reply = await preflight("/me");
    expect(reply.status).toBe(403);
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets the add-in's own origin read answers and send its requests", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const read = await call(`/databases/${db}`, {
      token: owner.token,
      headers: { origin: ADD_IN },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get("access-control-allow-origin")).toBe(ADD_IN);
    expect(read.headers.get("vary")).toMatch(/origin/i);
    const allowed = await preflight(`/databases/${db}/push`, ADD_IN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ADD_IN);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
  });
});
