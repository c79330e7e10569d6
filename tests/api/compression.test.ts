/**
 * Answers are compressed with what the caller accepts (api/src/http.ts, `encoded`): read here
 * as the bytes that cross the wire (node:http, which decodes nothing), not through fetch.
 */
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { apiUrl } from "../support/http";
import { Client, create, newDatabase, newMember, type Member } from "../support/db";

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** A POST of `body` with `headers`, answered with the bytes as sent. */
function raw(path: string, body: unknown, headers: Record<string, string>): Promise<RawReply> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${apiUrl()}${path}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

const decoders: Record<string, (bytes: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
};

/** The JSON of a reply, decoded as its `content-encoding` says. */
function jsonOf(reply: RawReply): unknown {
  const encoding = reply.headers["content-encoding"];
  const decode = typeof encoding === "string" ? decoders[encoding] : undefined;
  if (encoding !== undefined && decode === undefined)
    throw new Error(`encoding ${String(encoding)}`);
  return JSON.parse((decode ? decode(reply.bytes) : reply.bytes).toString("utf8"));
}

describe("compressed answers", () => {
  let owner: Member;
  let db: string;
  let pull: (headers: Record<string, string>) => Promise<RawReply>;

  beforeAll(async () => {
    owner = await newMember("owner");
    db = await newDatabase(owner);
    const contacts = Array.from({ length: 40 }, (_, i) =>
      create("contact", `c-${i}`, {
        displayName: `Person ${i}`,
        jobTitle: "Buyer",
        notes: "Met at the trade fair; wants a quote for the spring order.",
      }),
    );
    const pushed = await new Client(db, owner).push(contacts);
    expect(pushed.body.results.every((r) => r.status === "applied")).toBe(true);
    pull = (headers) =>
      raw(
        `/databases/${db}/pull`,
        { cursor: null, limit: 1000 },
        { authorization: `Bearer ${owner.token}`, ...headers },
      );
  });

  it("sends Brotli to a caller that accepts it as well as gzip, with the same JSON", async () => {
    const plain = await pull({});
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const answer = jsonOf(plain) as { records: unknown[] };
    expect(answer.records).toHaveLength(40);

    // Chromium's header.
    const br = await pull({ "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 2);
    expect(Number(br.headers["content-length"])).toBe(br.bytes.length);
    expect(withoutCursor(jsonOf(br))).toEqual(withoutCursor(answer));

    // From the add-in's origin, the answer varies with both.
    const fromPane = await pull({ "accept-encoding": "br", origin: "https://localhost:3000" });
    expect(fromPane.headers["content-encoding"]).toBe("br");
    expect(fromPane.headers["access-control-allow-origin"]).toBe("https://localhost:3000");
    expect(fromPane.headers.vary).toBe("Origin, Accept-Encoding");
  });

  it("sends gzip to a caller that accepts only gzip, and nothing compressed to one that refuses both", async () => {
    const gz = await pull({ "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect((jsonOf(gz) as { records: unknown[] }).records).toHaveLength(40);

    const preferred = await pull({ "accept-encoding": "br;q=0.4, gzip;q=0.5" });
    expect(preferred.headers["content-encoding"]).toBe("gzip");

    for (const refusal of ["br;q=0, gzip;q=0", "deflate", "identity", ""]) {
      const reply = await pull({ "accept-encoding": refusal });
      expect(reply.status).toBe(200);
      expect(reply.headers["content-encoding"]).toBeUndefined();
      expect(reply.headers.vary).toMatch(/Accept-Encoding/);
      expect((jsonOf(reply) as { records: unknown[] }).records).toHaveLength(40);
    }
  });

  it("compresses an answer written as a JSON value (a backup's page) as well as a pull's text", async () => {
    const backup = (encoding: string) =>
      raw(
        `/databases/${db}/backup/records`,
        { after: null, limit: 100 },
        { authorization: `Bearer ${owner.token}`, "accept-encoding": encoding },
      );
    const plain = await backup("identity");
    const br = await backup("br");
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/^application\/json/);
    expect(jsonOf(br)).toEqual(jsonOf(plain));
    expect((jsonOf(br) as { records: unknown[] }).records).toHaveLength(40);
  });

  it("leaves small answers and refusals as they are", async () => {
    const empty = await newDatabase(owner, "Empty");
    const small = await raw(
      `/databases/${empty}/pull`,
      { cursor: null, limit: 1000 },
      { authorization: `Bearer ${owner.token}`, "accept-encoding": "br, gzip" },
    );
    expect(small.status).toBe(200);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(jsonOf(small)).toMatchObject({ records: [], more: false });

    const refused = await raw(
      `/databases/${db}/pull`,
      { cursor: 12, limit: 1000 },
      { authorization: `Bearer ${owner.token}`, "accept-encoding": "br, gzip" },
    );
    expect(refused.status).toBe(400);
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(jsonOf(refused)).toMatchObject({ error: { code: "invalid_request", field: "cursor" } });
  });
});

/** A pull's answer without what names the moment it was made: its cursor and server time. */
function withoutCursor(answer: unknown): unknown {
  const { cursor: _, serverTime: __, ...rest } = answer as { cursor: string; serverTime: string };
  return rest;
}
