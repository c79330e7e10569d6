/**
 * Each request writes one telemetry line (api/src/telemetry.ts) through the invocation's log,
 * which Application Insights gets in Azure and the local host prints: the function's name, the
 * method, the status, the duration and the storage requests it cost. Never the bearer token,
 * the URL (database ids, members' addresses) or anything of a record.
 */
import { call, signIn, useApi } from "../support/http";
import { Client, create, newDatabase, newMember, pullAll, share } from "../support/db";
import { startApiHost, type Running } from "../support/stack";

interface Line {
  event: string;
  function: string;
  method: string;
  status: number;
  durationMs: number;
  storageRequests: number;
}

/** The telemetry lines the host has printed, each after its function's name in brackets. */
function lines(api: Running): Line[] {
  return [...api.output().matchAll(/^\[[\w-]+\] (\{"event":"bcm\.request".*\})$/gm)].map(
    (m) => JSON.parse(m[1] as string) as Line,
  );
}

describe("request telemetry", () => {
  let api: Running;

  beforeAll(async () => {
    api = await startApiHost({ storageConnection: process.env.BCM_TEST_STORAGE! });
    useApi(api.url, (email) => signIn(email, api.url));
  });
  afterAll(() => api?.close());

  it("writes one line per request: function, method, status, duration, storage requests", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner, "Telemetry");
    await new Client(db, owner).push([create("contact", "t1", { givenName: "Tess" })]);
    expect((await call(`/databases/${db}/nope`, { token: owner.token })).status).toBe(404);
    const refused = await call(`/databases/${db}/pull`, { body: {} });
    expect(refused.status).toBe(401);

    // The host prints a request's line after answering it: wait for the last one.
    const refusedLine = (l: Line) => l.function === "pull" && l.status === 401;
    for (let waited = 0; !lines(api).some(refusedLine) && waited < 5000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    const seen = lines(api);
    const push = seen.find((l) => l.function === "push");
    expect(push).toEqual({
      event: "bcm.request",
      function: "push",
      method: "POST",
      status: 200,
      durationMs: expect.any(Number),
      storageRequests: expect.any(Number),
    });
    // A push reads the head and the client's last mid, and commits in one transaction at least.
    expect(push?.storageRequests).toBeGreaterThanOrEqual(2);
    expect(seen.find((l) => l.function === "databases-create")).toMatchObject({
      method: "POST",
      status: 201,
    });
    // Refused before any storage was read: the count is the request's own, not the process's.
    expect(seen.find(refusedLine)).toMatchObject({
      storageRequests: 0,
    });
  });

  it("never carries a token, a URL, an address or a record's content", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner, "Quillfeather Holdings");
    const member = await share(db, owner, "editor");
    const secretFields = {
      givenName: "Zebulon",
      familyName: "Marchbanks",
      notes: "Pager 0471 889",
    };
    await new Client(db, owner).push([create("contact", "z1", secretFields)]);
    await pullAll(db, member);

    const output = api.output();
    expect(lines(api).length).toBeGreaterThanOrEqual(4);
    for (const secret of [
      owner.token,
      member.token,
      "Bearer",
      "authorization",
      db,
      owner.email,
      member.email,
      "Quillfeather",
      ...Object.values(secretFields),
    ]) {
      expect({ secret, found: output.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
