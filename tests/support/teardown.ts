/** What the global setups started, stopped in reverse order by the global teardown. */
const key = Symbol.for("bcm.teardown");
type Stop = () => Promise<void>;

function stops(): Stop[] {
  const store = globalThis as unknown as Record<symbol, Stop[] | undefined>;
  return (store[key] ??= []);
}

export function onTeardown(stop: Stop): void {
  stops().push(stop);
}

export async function runTeardown(): Promise<void> {
  const all = stops().splice(0).reverse();
  for (const stop of all) await stop();
}
