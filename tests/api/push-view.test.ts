/**
 * The client's handling of push answers that come without `record` because the record is not in
 * the member's view (docs/sync-protocol.md, clarification 8): the engine, over HTTP against the
 * real API, drops it from its copy on the push's answer alone, also when the pull after it fails.
 */
import type { PullResponse } from "../../src/shared/protocol";
import { SyncEngine } from "../../src/sync/engine";
import { copyOwner } from "../../src/sync/owner";
import { MemoryLocks } from "../../src/sync/memory-ports";
import type { PushRequest, Transport } from "../../src/sync/transport";
import { ApiClient } from "../../src/client/api-client";
import { NetworkError } from "../../src/sync/transport";
import { MemoryStore } from "../../src/store/memory-store";
import { apiUrl } from "../support/http";
import { Client, create, edit, newDatabase, newMember, putSyncSet, share } from "../support/db";

/** HTTP to the API; pulls fail while `pulls` is false. */
class Gate implements Transport {
  pulls = true;
  constructor(private readonly api: ApiClient) {}
  pull(db: string, cursor: string | null, limit: number): Promise<PullResponse> {
    if (!this.pulls) return Promise.reject(new NetworkError("offline for pulls (test)"));
    return this.api.pull(db, cursor, limit);
  }
  push(db: string, request: PushRequest) {
    return this.api.push(db, request);
  }
}

async function setUp() {
  const owner = await newMember("owner");
  const db = await newDatabase(owner);
  const admin = new Client(db, owner);
  await admin.push([create("contact", "inv", { givenName: "Ivy", categories: ["Investor"] })]);
  const set = await putSyncSet(db, owner, "Investors", {
    any: [{ field: "categories", op: "contains", value: "Investor" }],
  });
  expect(set.status).toBe(200);
  const member = await share(db, owner, "editor", "Investors");
  const api = new ApiClient({ baseUrl: apiUrl(), fetch: (url, init) => fetch(url, init) });
  const transport = new Gate(api.withToken(member.token));
  const engine = await SyncEngine.open({
    owner: copyOwner(apiUrl(), member.email, db),
    store: new MemoryStore(),
    transport,
    locks: new MemoryLocks(),
  });
  return { admin, transport, engine };
}

it("drops a record its own change took out of the member's view, before any pull", async () => {
  const { transport, engine } = await setUp();
  await engine.sync();
  expect(engine.get("contact", "inv")?.fields.givenName).toBe("Ivy");

  transport.pulls = false;
  await engine.update("contact", "inv", { categories: ["Former investor"] });
  await engine.create("contact", { givenName: "Out", categories: ["Prospect"] }, "out");
  await engine.sync().catch(() => undefined);
  // Both changes applied; neither record is the member's any more, and nothing waits.
  expect(engine.get("contact", "inv")).toBeNull();
  expect(engine.get("contact", "out")).toBeNull();
  const left = engine.exportChanges();
  expect([left.pending, left.conflicts, left.needsAttention]).toEqual([[], [], []]);
  engine.close();
});

it("sweeps what a copy holds before its first pull: a pull from the start names no removals", async () => {
  const { admin, transport, engine } = await setUp();
  transport.pulls = false;
  await engine.create("contact", { givenName: "Mine", categories: ["Investor"] }, "mine");
  await engine.sync().catch(() => undefined);
  // The push's answer brought the record: the copy holds it, and has no cursor yet.
  expect(engine.get("contact", "mine")?.pending).toBe(false);
  await admin.push([edit("contact", "mine", 1, { categories: ["Investor"] }, { categories: [] })]);
  transport.pulls = true;
  await engine.sync();
  expect(engine.get("contact", "mine")).toBeNull();
  expect(engine.get("contact", "inv")?.fields.givenName).toBe("Ivy");
  engine.close();
});
