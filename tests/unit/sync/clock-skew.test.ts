/**
 * Which clock decides "newest wins": the server's. Two editors, one whose computer's clock is
 * hours wrong: their changes are stamped in server time (measured from each answer's
 * `serverTime`), so the change made later in real time wins, whichever computer's clock is
 * wrong; and the server never keeps a change's time later than its own clock.
 */
import { stampAt } from "../../../api/src/sync/merge";
import { measureOffset } from "../../../src/sync/clock";
import { FakeServer } from "./fake-server";
import { client } from "./engine-helpers";

const HOUR = 3_600_000;
const start = Date.parse("2026-11-26T10:00:00.000Z");

/** Real time, moved by the test; every read a millisecond later. */
function world() {
  let real = start;
  return {
    real: () => (real += 1),
    at: (minutes: number) => {
      real = start + minutes * 60_000;
    },
  };
}

async function race(skewOfAnn: number) {
  const time = world();
  const server = new FakeServer();
  server.serverClock = time.real;
  const ann = await client(server, "ann@contoso.com", {
    rule: "newest",
    extra: { now: () => time.real() + skewOfAnn },
  });
  const bob = await client(server, "bob@contoso.com", {
    rule: "newest",
    extra: { now: time.real },
  });
  await bob.engine.create("contact", { givenName: "Carla", jobTitle: "Buyer" }, "c1");
  await bob.engine.sync();
  await ann.engine.sync(); // Ann's copy: her first answers tell her clock's offset.
  return { time, server, ann, bob };
}

for (const [name, skew] of [
  ["ahead", 3 * HOUR],
  ["behind", -3 * HOUR],
] as const) {
  test(`a clock ${name} by hours does not decide: the change made later in real time wins`, async () => {
    // Ann edits first (10:10), Bob later (10:30): Bob's wins, whatever Ann's clock says.
    let w = await race(skew);
    w.time.at(10);
    await w.ann.engine.update("contact", "c1", { jobTitle: "Ann's title" });
    w.time.at(30);
    await w.bob.engine.update("contact", "c1", { jobTitle: "Bob's title" });
    await w.bob.engine.sync();
    w.time.at(60);
    await w.ann.engine.sync();
    await w.ann.engine.sync();
    expect(w.server.record("contact", "c1")?.fields.jobTitle).toBe("Bob's title");
    expect(w.ann.settled.map((s) => s.decision)).toEqual(["theirs"]);

    // Bob edits first (10:10), Ann later (10:30): Ann's wins.
    w = await race(skew);
    w.time.at(10);
    await w.bob.engine.update("contact", "c1", { jobTitle: "Bob's title" });
    await w.bob.engine.sync();
    w.time.at(30);
    await w.ann.engine.update("contact", "c1", { jobTitle: "Ann's title" });
    w.time.at(60);
    await w.ann.engine.sync();
    expect(w.server.record("contact", "c1")?.fields.jobTitle).toBe("Ann's title");
    expect(w.ann.settled.map((s) => s.decision)).toEqual(["mine"]);
  });
}

test("a change is stamped in server time, also after the copy is opened again offline", async () => {
  const w = await race(5 * HOUR);
  w.ann.engine.close();
  const again = await client(w.server, "ann@contoso.com", {
    store: w.ann.store,
    extra: { now: () => w.time.real() + 5 * HOUR },
  });
  w.time.at(20);
  await again.engine.update("contact", "c1", { jobTitle: "Offline" });
  const at = Date.parse(again.engine.outbox[0]!.mutation.at!);
  expect(Math.abs(at - (start + 20 * 60_000))).toBeLessThan(1000);
});

test("the offset is the server's time against the middle of the request", () => {
  expect(measureOffset("2026-11-26T10:00:01.000Z", start - 3 * HOUR, start - 3 * HOUR + 2000)).toBe(
    3 * HOUR,
  );
  // A clock within the request's uncertainty and two seconds is right: its own time is kept.
  const t = Date.parse("2026-11-26T10:00:00.000Z");
  expect(measureOffset("2026-11-26T10:00:00.000Z", t - 1500, t + 1500)).toBe(0);
  expect(measureOffset("2026-11-26T10:00:02.500Z", t - 1000, t + 1000)).toBe(0);
  expect(measureOffset("2026-11-26T10:00:04.000Z", t - 1000, t + 1000)).toBe(4000);
  expect(measureOffset(undefined, 0, 1)).toBeNull();
  expect(measureOffset("not a time", 0, 1)).toBeNull();
});

test("the server never stamps a change later than its own clock", () => {
  const now = "2026-11-26T10:00:00.000Z";
  expect(stampAt("2026-11-26T15:00:00.000Z", now)).toBe(now);
  expect(stampAt("2026-11-26T09:00:00.000Z", now)).toBe("2026-11-26T09:00:00.000Z");
  expect(stampAt(undefined, now)).toBe(now);
});
