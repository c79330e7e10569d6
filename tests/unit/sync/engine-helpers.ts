/** Engines over a FakeServer and memory stores, with a settable clock, for the engine's tests. */
import type { Json } from "../../../src/shared/protocol";
import type { EngineEvent, SyncEngineOptions } from "../../../src/sync/engine";
import { SyncEngine } from "../../../src/sync/engine";
import { MemoryLocks } from "../../../src/sync/memory-ports";
import type { CopyOwner } from "../../../src/sync/owner";
import { copyOwner } from "../../../src/sync/owner";
import type { Settled } from "../../../src/sync/push";
import type { ConflictRule } from "../../../src/sync/settings";
import { MemoryStore } from "../../../src/store/memory-store";
import { FakeServer } from "./fake-server";

export const DB = "db1";
export const API = "https://api.example.test/api";

/** `user`'s copy of the database of these tests. */
export function ownerOf(user: string, databaseId = DB): CopyOwner {
  return copyOwner(API, user, databaseId);
}

/** A clock the test moves: each read is one millisecond after the previous one. */
export function steppingClock(start = Date.parse("2026-11-26T09:00:00.000Z")) {
  let now = start;
  return {
    now: () => (now += 1),
    set: (iso: string) => {
      now = Date.parse(iso);
    },
  };
}

export interface Client {
  engine: SyncEngine;
  store: MemoryStore;
  settled: Settled[];
  events: EngineEvent[];
  clock: ReturnType<typeof steppingClock>;
}

let seed = 1;
/** A deterministic `Random` for client ids. */
function random(): () => number {
  let x = seed++ * 7919;
  return () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
}

export async function client(
  server: FakeServer,
  user: string,
  options: { rule?: ConflictRule; store?: MemoryStore; extra?: Partial<SyncEngineOptions> } = {},
): Promise<Client> {
  const store = options.store ?? new MemoryStore();
  const clock = steppingClock();
  const engine = await SyncEngine.open({
    owner: ownerOf(user),
    store,
    transport: server.as(user),
    locks: new MemoryLocks(),
    now: clock.now,
    random: random(),
    ...options.extra,
  });
  if (options.rule) await engine.updateSettings({ conflictRule: options.rule });
  const settled: Settled[] = [];
  const events: EngineEvent[] = [];
  engine.subscribe((event) => {
    events.push(event);
    if (event.type === "settled") settled.push(event.settled);
  });
  return { engine, store, settled, events, clock };
}

/** A contact's fields in the view, or undefined when the view does not show it. */
export function fieldsOf(c: Client, id: string): Record<string, Json> | undefined {
  const view = c.engine.get("contact", id);
  return view ? { ...view.fields } : undefined;
}

export { FakeServer };
