/**
 * `npm run soak`: the long soak (tests/support/soak.ts) on a stack of its own (`npm start`'s:
 * Azurite, the local host, the add-in's dev server), its summary printed and its figures merged
 * into bench/results.json (`soak.*`). BCM_SOAK_MINUTES (12), BCM_SOAK_CLIENTS (8),
 * BCM_SOAK_PANES (2), BCM_SOAK_RATE (0.1) and BCM_FAULT_SEED set it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { faultSeed } from "../tests/support/fault-proxy";
import { runSoak, type SoakResult } from "../tests/support/soak";
import { startNpmStart } from "../tests/support/stack";

const RESULTS = resolve(__dirname, "results.json");

async function main(): Promise<void> {
  const minutes = Number(process.env.BCM_SOAK_MINUTES ?? 12);
  console.log(
    "soak: starting npm start's stack (Azurite, the local host, the add-in's dev server)…",
  );
  const stack = await startNpmStart();
  process.env.BCM_TEST_API_URL = stack.apiUrl;
  let result: SoakResult;
  try {
    result = await runSoak({
      apiUrl: stack.apiUrl,
      webUrl: stack.webUrl,
      clients: Number(process.env.BCM_SOAK_CLIENTS ?? 8),
      panes: Number(process.env.BCM_SOAK_PANES ?? 2),
      durationMs: minutes * 60_000,
      seed: faultSeed(),
      rate: Number(process.env.BCM_SOAK_RATE ?? 0.1),
    });
  } finally {
    await stack.close();
  }
  const previous = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>)
    : {};
  const figures = {
    "soak.clients": result.clients,
    "soak.operations": result.operations,
    "soak.faultsInjected": result.faultsInjected,
    "soak.lost": result.lost,
    "soak.duplicated": result.duplicated,
    "soak.diverged": result.diverged,
    "soak.seed": result.seed,
    "soak.minutes": minutes,
    "soak.loadAverage": loadavg().map((l) => Number(l.toFixed(2))),
    "soak.measuredAt": new Date().toISOString(),
  };
  writeFileSync(RESULTS, `${JSON.stringify({ ...previous, ...figures }, null, 2)}\n`);
  console.log(`Written to ${RESULTS}`);
  const clean = result.lost + result.duplicated + result.diverged === 0;
  if (!clean) console.log(JSON.stringify(result.findings, null, 2));
  process.exitCode = clean ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
