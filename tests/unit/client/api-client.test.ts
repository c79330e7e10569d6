/**
 * ApiClient over a scripted fetch: what it sends, what it accepts, and how every way a call can
 * go wrong becomes an ApiError (the server answered) or a NetworkError (it did not).
 */
import type { FetchLike, HttpRequest } from "../../../src/client/api-client";
import { ApiClient } from "../../../src/client/api-client";
import { ApiError, NetworkError } from "../../../src/sync/transport";

const BASE = "http://127.0.0.1:7071/api/";

interface Sent {
  url: string;
  request: HttpRequest;
}

/** A fetch that answers `status` with `body` (JSON unless a string) and records each request. */
function answering(status: number, body: unknown): { fetch: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: FetchLike = (url, request) => {
    sent.push({ url, request });
    return Promise.resolve({
      status,
      text: () => Promise.resolve(typeof body === "string" ? body : JSON.stringify(body)),
    });
  };
  return { fetch, sent };
}

const health = { status: "ok", protocol: 1, storage: "ok" };
const page = { records: [], removed: [], cursor: "c1", more: false, epoch: "e1" };

describe("requests", () => {
  test("health and dev token are sent without a token, everything else with it", async () => {
    const { fetch, sent } = answering(200, health);
    const client = new ApiClient({ baseUrl: BASE, fetch }).withToken("t0k3n");
    await client.health();
    expect(sent[0]?.url).toBe("http://127.0.0.1:7071/api/health");
    expect(sent[0]?.request.method).toBe("GET");
    expect(sent[0]?.request.headers.authorization).toBeUndefined();

    const token = answering(200, { token: "abc" });
    await new ApiClient({ baseUrl: BASE, fetch: token.fetch })
      .withToken("old")
      .devToken("Megan.Bowen@contoso.com");
    expect(token.sent[0]?.request).toMatchObject({
      method: "POST",
      body: '{"email":"Megan.Bowen@contoso.com"}',
    });
    expect(token.sent[0]?.request.headers.authorization).toBeUndefined();

    const me = answering(200, { email: "megan.bowen@contoso.com", databases: [] });
    await new ApiClient({ baseUrl: BASE, fetch: me.fetch }).withToken("t0k3n").me();
    expect(me.sent[0]?.request.headers.authorization).toBe("Bearer t0k3n");
  });

  test("pull posts the cursor and limit to the database's path, a new copy taking the snapshot", async () => {
    const { fetch, sent } = answering(200, page);
    const client = new ApiClient({ baseUrl: BASE, fetch, token: "t" });
    await expect(client.pull("db 1/x", null, 1000)).resolves.toEqual(page);
    expect(sent[0]?.url).toBe("http://127.0.0.1:7071/api/databases/db%201%2Fx/pull");
    expect(sent[0]?.request.body).toBe('{"cursor":null,"limit":1000,"snapshot":true}');
    expect(sent[0]?.request.headers["content-type"]).toBe("application/json");
    await client.pull("db", "c1", 500);
    expect(sent[1]?.request.body).toBe('{"cursor":"c1","limit":500}');
  });

  test("pull tells the next page's cursor from the headers before the body is read, and only from a good answer", async () => {
    const told: string[] = [];
    let bodyRead = false;
    const answer =
      (status: number, body: unknown, next: string | null): FetchLike =>
      () =>
        Promise.resolve({
          status,
          headers: { get: (name: string) => (name === "bcm-next-cursor" ? next : null) },
          text: () => {
            bodyRead = true;
            return Promise.resolve(JSON.stringify(body));
          },
        });
    const more = { ...page, cursor: "c2", more: true };
    const ahead = (next: string) => {
      told.push(`${next}${bodyRead ? " after the body" : ""}`);
    };
    await new ApiClient({ baseUrl: BASE, fetch: answer(200, more, "c2"), token: "t" }).pull(
      "db",
      "c1",
      10,
      ahead,
    );
    expect(told).toEqual(["c2"]);
    const refused = { error: { code: "cursor_expired", message: "Start again." } };
    const failing = new ApiClient({ baseUrl: BASE, fetch: answer(410, refused, "c9"), token: "t" });
    await expect(failing.pull("db", "c1", 10, ahead)).rejects.toBeInstanceOf(ApiError);
    await new ApiClient({ baseUrl: BASE, fetch: answer(200, page, null), token: "t" }).pull(
      "db",
      "c1",
      10,
      ahead,
    );
    expect(told).toEqual(["c2"]);
  });

  test("push posts the client id and mutations, and validates the answer", async () => {
    const answer = {
      lastMid: 1,
      results: [
        {
          mid: 1,
          status: "applied",
          record: {
            type: "contact",
            id: "c1",
            version: 1,
            deleted: false,
            updatedAt: "2026-11-26T10:00:00.000Z",
            updatedBy: "a@x.com",
            fields: { givenName: "Ann" },
          },
        },
      ],
    };
    const { fetch, sent } = answering(200, answer);
    const client = new ApiClient({ baseUrl: BASE, fetch, token: "t" });
    const mutations = [
      {
        mid: 1,
        op: "upsert" as const,
        type: "contact" as const,
        id: "c1",
        baseVersion: null,
        fields: { givenName: "Ann" },
        at: "2026-11-26T10:00:00.000Z",
      },
    ];
    await expect(client.push("db1", { clientId: "c-1", mutations })).resolves.toEqual(answer);
    expect(sent[0]?.url).toBe("http://127.0.0.1:7071/api/databases/db1/push");
    expect(JSON.parse(sent[0]?.request.body ?? "")).toEqual({ clientId: "c-1", mutations });
    const broken = answering(200, { lastMid: 1, results: [{ mid: 1, status: "maybe" }] });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: broken.fetch, token: "t" }).push("db1", {
        clientId: "c-1",
        mutations,
      }),
    ).rejects.toMatchObject({ code: "invalid_response" });
  });

  test("a pulled record must be one (its envelope checked), its fields an object", async () => {
    const record = {
      type: "contact",
      id: "c1",
      version: 1,
      deleted: false,
      updatedAt: "x",
      updatedBy: "a@x.com",
    };
    const good = answering(200, {
      ...page,
      records: [{ ...record, fields: { notes: { deep: [1, null] } } }],
    });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: good.fetch, token: "t" }).pull("db1", null, 10),
    ).resolves.toMatchObject({ records: [record] });
    const fields = { givenName: "Ann" };
    for (const broken of [
      { ...record, fields: ["not", "an", "object"] },
      { ...record, fields: null },
      { ...record, type: "person", fields },
      { ...record, id: "a/b", fields },
      { ...record, id: "", fields },
      { ...record, id: "x".repeat(65), fields },
      { ...record, version: 0, fields },
      { ...record, version: 1.5, fields },
      { ...record, deleted: "no", fields },
      { ...record, updatedAt: 1, fields },
      { type: "contact", id: "c1", version: 1, deleted: false, updatedAt: "x", fields },
      "contact:c1",
    ]) {
      const bad = answering(200, { ...page, records: [broken] });
      await expect(
        new ApiClient({ baseUrl: BASE, fetch: bad.fetch, token: "t" }).pull("db1", null, 10),
      ).rejects.toMatchObject({ code: "invalid_response" });
    }
  });

  test("createDatabase accepts the 201 answer", async () => {
    const { fetch } = answering(201, { id: "db1", name: "Contoso", role: "owner" });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch, token: "t" }).createDatabase("Contoso"),
    ).resolves.toEqual({
      id: "db1",
      name: "Contoso",
      role: "owner",
    });
  });
});

describe("sharing calls", () => {
  const member = { email: "ann@x.com", role: "reader", syncSet: "Mine", subscriptions: ["c1"] };
  const filter = { all: [{ field: "owner", op: "eq", value: "$me" }] };

  test("GET /databases/{db} answers the caller's role, sync set and epoch", async () => {
    const info = {
      id: "db1",
      name: "Team",
      role: "editor",
      syncSet: null,
      epoch: "e1",
      protocol: 1,
    };
    const { fetch, sent } = answering(200, info);
    const client = new ApiClient({ baseUrl: BASE, fetch, token: "t" });
    await expect(client.database("db 1")).resolves.toEqual(info);
    expect(sent[0]).toMatchObject({
      url: "http://127.0.0.1:7071/api/databases/db%201",
      request: { method: "GET", headers: { authorization: "Bearer t" } },
    });
    const wrong = answering(200, { ...info, protocol: 2 });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: wrong.fetch, token: "t" }).database("db1"),
    ).rejects.toMatchObject({ code: "invalid_response" });
  });

  test("members are listed, shared with a PUT of role and sync set, removed with a DELETE", async () => {
    const list = answering(200, { members: [member] });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: list.fetch, token: "t" }).members("db1"),
    ).resolves.toEqual([member]);
    expect(list.sent[0]?.url).toBe("http://127.0.0.1:7071/api/databases/db1/members");

    const put = answering(201, member);
    const client = new ApiClient({ baseUrl: BASE, fetch: put.fetch, token: "t" });
    await expect(
      client.putMember("db1", "Ann@x.com", { role: "reader", syncSet: "Mine" }),
    ).resolves.toEqual(member);
    expect(put.sent[0]?.url).toBe("http://127.0.0.1:7071/api/databases/db1/members/Ann%40x.com");
    expect(put.sent[0]?.request).toMatchObject({
      method: "PUT",
      body: '{"role":"reader","syncSet":"Mine"}',
    });

    const removed = answering(204, "");
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: removed.fetch, token: "t" }).deleteMember(
        "db1",
        "ann@x.com",
      ),
    ).resolves.toBeUndefined();
    expect(removed.sent[0]?.request.method).toBe("DELETE");
    expect(removed.sent[0]?.request.body).toBeUndefined();

    const badRole = answering(200, { members: [{ ...member, role: "admin" }] });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: badRole.fetch, token: "t" }).members("db1"),
    ).rejects.toMatchObject({ code: "invalid_response" });
  });

  test("the last owner's refusal keeps its code; a missing sync set names its field", async () => {
    const lastOwner = answering(409, {
      error: { code: "last_owner", message: "A database keeps at least one owner" },
    });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: lastOwner.fetch, token: "t" }).deleteMember(
        "db1",
        "me@x.com",
      ),
    ).rejects.toMatchObject({ name: "ApiError", status: 409, code: "last_owner" });
    const noSet = answering(400, {
      error: { code: "invalid_request", message: "no sync set named X", field: "syncSet" },
    });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: noSet.fetch, token: "t" }).putMember("db1", "a@x.com", {
        role: "editor",
        syncSet: "X",
      }),
    ).rejects.toMatchObject({ status: 400, field: "syncSet" });
  });

  test("sync sets are listed and defined with their filter", async () => {
    const list = answering(200, { syncSets: [{ name: "Mine", filter }] });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: list.fetch, token: "t" }).syncSets("db1"),
    ).resolves.toEqual([{ name: "Mine", filter }]);
    expect(list.sent[0]?.url).toBe("http://127.0.0.1:7071/api/databases/db1/sync-sets");

    const put = answering(200, { name: "North & west", filter });
    const client = new ApiClient({ baseUrl: BASE, fetch: put.fetch, token: "t" });
    await expect(
      client.putSyncSet("db1", "North & west", {
        all: [{ field: "owner", op: "eq", value: "$me" }],
      }),
    ).resolves.toEqual({ name: "North & west", filter });
    expect(put.sent[0]?.url).toBe(
      "http://127.0.0.1:7071/api/databases/db1/sync-sets/North%20%26%20west",
    );
    expect(put.sent[0]?.request).toMatchObject({ method: "PUT", body: JSON.stringify({ filter }) });

    const badFilter = answering(200, {
      syncSets: [{ name: "X", filter: { all: [{ field: "notes", op: "eq", value: "x" }] } }],
    });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: badFilter.fetch, token: "t" }).syncSets("db1"),
    ).rejects.toMatchObject({ code: "invalid_response" });
  });

  test("subscriptions are a PUT and a DELETE on the contact, answering the list", async () => {
    const added = answering(200, { email: "ann@x.com", subscriptions: ["c1", "c2"] });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: added.fetch, token: "t" }).subscribe(
        "db1",
        "ann@x.com",
        "c2",
      ),
    ).resolves.toEqual({ email: "ann@x.com", subscriptions: ["c1", "c2"] });
    expect(added.sent[0]).toMatchObject({
      url: "http://127.0.0.1:7071/api/databases/db1/members/ann%40x.com/subscriptions/c2",
      request: { method: "PUT" },
    });
    const ended = answering(200, { email: "ann@x.com", subscriptions: ["c1"] });
    await expect(
      new ApiClient({ baseUrl: BASE, fetch: ended.fetch, token: "t" }).unsubscribe(
        "db1",
        "ann@x.com",
        "c2",
      ),
    ).resolves.toEqual({ email: "ann@x.com", subscriptions: ["c1"] });
    expect(ended.sent[0]?.request.method).toBe("DELETE");
  });

  test("a param a URL would resolve away is refused before anything is sent", async () => {
    // "DELETE …/members/ann%40x.com/subscriptions/.." would reach "DELETE …/members/ann%40x.com".
    const { fetch, sent } = answering(204, "");
    const client = new ApiClient({ baseUrl: BASE, fetch, token: "t" });
    await expect(client.unsubscribe("db1", "ann@x.com", "..")).rejects.toThrow(RangeError);
    await expect(client.putSyncSet("db1", ".", { all: [] })).rejects.toThrow(RangeError);
    expect(sent).toEqual([]);
  });
});

describe("answers", () => {
  test("a 503 from /health with the health body is an answer: storage is unreachable", async () => {
    const { fetch } = answering(503, { status: "degraded", protocol: 1, storage: "unreachable" });
    await expect(new ApiClient({ baseUrl: BASE, fetch }).health()).resolves.toMatchObject({
      storage: "unreachable",
    });
  });

  test("a protocol error body becomes an ApiError with its code, status and field", async () => {
    const { fetch } = answering(400, {
      error: { code: "invalid_request", message: "limit must be at most 1000", field: "limit" },
    });
    const failure = new ApiClient({ baseUrl: BASE, fetch, token: "t" }).pull("db1", null, 5000);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      name: "ApiError",
      status: 400,
      code: "invalid_request",
      field: "limit",
      message: "limit must be at most 1000",
    });
  });

  test.each([
    [401, "unauthorized", { error: { code: "unauthorized", message: "No token" } }],
    [404, "not_found", { error: { code: "not_found", message: "No such database" } }],
    [410, "cursor_expired", { error: { code: "cursor_expired", message: "Start again" } }],
    [502, "http_error", "<html>Bad gateway</html>"],
    [503, "http_error", { status: "degraded" }],
    [500, "http_error", ""],
  ])("status %i becomes ApiError %s", async (status, code, body) => {
    const { fetch } = answering(status, body);
    await expect(new ApiClient({ baseUrl: BASE, fetch, token: "t" }).me()).rejects.toMatchObject({
      name: "ApiError",
      status,
      code,
    });
  });

  test("a 2xx whose body breaks the protocol is an ApiError invalid_response, with zod's issues as cause", async () => {
    for (const body of ["not json", { records: "nope" }, { ...page, cursor: 7 }]) {
      const { fetch } = answering(200, body);
      const failure = new ApiClient({ baseUrl: BASE, fetch, token: "t" }).pull("db1", "c0", 10);
      await expect(failure).rejects.toMatchObject({
        name: "ApiError",
        code: "invalid_response",
        status: 200,
      });
      await expect(failure).rejects.toHaveProperty("cause");
    }
  });

  test("a fetch that rejects becomes a NetworkError with the original as cause", async () => {
    const original = new TypeError("Failed to fetch");
    const client = new ApiClient({ baseUrl: BASE, fetch: () => Promise.reject(original) });
    const failure = client.health();
    await expect(failure).rejects.toBeInstanceOf(NetworkError);
    await expect(failure).rejects.toMatchObject({ name: "NetworkError", cause: original });
  });

  test("a call that does not answer in time is aborted and becomes a NetworkError", async () => {
    jest.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      const hanging: FetchLike = (_url, request) =>
        new Promise((_, reject) => {
          signal = request.signal;
          request.signal.addEventListener("abort", () =>
            reject(new DOMException("aborted", "AbortError")),
          );
        });
      const client = new ApiClient({ baseUrl: BASE, fetch: hanging, healthTimeoutMs: 3000 });
      const failure = client.health();
      const settled = expect(failure).rejects.toMatchObject({
        name: "NetworkError",
        message: expect.stringContaining("no answer within 3000 ms") as unknown,
      });
      await jest.advanceTimersByTimeAsync(2999);
      expect(signal?.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await settled;
      expect(signal?.aborted).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  test("a new copy's first pull waits two minutes (the server may build a snapshot), others the usual time", async () => {
    jest.useFakeTimers();
    try {
      const signals: AbortSignal[] = [];
      const hanging: FetchLike = (_url, request) =>
        new Promise((_, reject) => {
          signals.push(request.signal);
          request.signal.addEventListener("abort", () =>
            reject(new DOMException("aborted", "AbortError")),
          );
        });
      const client = new ApiClient({
        baseUrl: BASE,
        fetch: hanging,
        token: "t",
        timeoutMs: 15_000,
      });
      const later = client.pull("db", "c1", 10);
      const first = client.pull("db", null, 10);
      const settled = [
        expect(later).rejects.toBeInstanceOf(NetworkError),
        expect(first).rejects.toBeInstanceOf(NetworkError),
      ];
      await jest.advanceTimersByTimeAsync(15_000);
      expect(signals.map((s) => s.aborted)).toEqual([true, false]);
      await jest.advanceTimersByTimeAsync(105_000);
      expect(signals.map((s) => s.aborted)).toEqual([true, true]);
      await Promise.all(settled);
    } finally {
      jest.useRealTimers();
    }
  });

  test("a body that fails to read is a broken connection", async () => {
    const fetch: FetchLike = () =>
      Promise.resolve({ status: 200, text: () => Promise.reject(new Error("reset")) });
    await expect(new ApiClient({ baseUrl: BASE, fetch }).health()).rejects.toBeInstanceOf(
      NetworkError,
    );
  });
});
