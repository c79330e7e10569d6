/**
 * The soak's short run in `npm test` (tests/support/soak.ts; `npm run soak` is the long one): simulated
 * clients and two panes in Chromium, against the e2e stack's local host and Azurite, the fault
 * proxy spoiling a seeded share of pulls and pushes, for 45 s. Nothing acknowledged lost,
 * nothing applied twice, every copy equal to the server's view, nothing left waiting. The seed
 * is printed; BCM_FAULT_SEED=<seed> replays its faults.
 */
import { runSoak } from "../support/soak";
import { faultSeed } from "../support/fault-proxy";
import { apiUrl, webUrl } from "../support/pane";

test("the short soak: nothing lost, nothing twice, every copy converged", async () => {
  const result = await runSoak({
    apiUrl: apiUrl(),
    webUrl: webUrl(),
    clients: 5,
    panes: 2,
    durationMs: 45_000,
    seed: faultSeed(),
    rate: 0.1,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  expect(result.faultsInjected).toBeGreaterThan(0);
  expect(result.findings).toEqual({
    lost: [],
    duplicated: [],
    diverged: [],
    unsent: [],
    unexplained: [],
    panes: [],
  });
}, 600_000);
