// `npm audit` of the production dependencies (what the API and the add-in ship), for CI.
// A high or critical advisory fails (exit 1), naming each package and advisory. When the
// registry's audit service does not answer (offline, a mirror without it), this says plainly
// that nothing was checked and does not fail: CI must not go red for the network alone.
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason =
    report?.message ?? report?.error?.summary ?? run.error?.message ?? run.stderr.trim();
  console.log(
    "npm audit: NOT CHECKED — the registry's audit service did not answer" +
      (reason ? ` (${reason.split("\n")[0]})` : "") +
      ". The production dependencies were not checked for advisories.",
  );
  process.exit(0);
}
const serious = Object.values(report.vulnerabilities ?? {}).filter(
  (v) => v.severity === "high" || v.severity === "critical",
);
console.log(
  `npm audit (production dependencies): ${counts.critical} critical, ${counts.high} high, ` +
    `${counts.moderate} moderate, ${counts.low} low.`,
);
for (const v of serious) {
  const titles = v.via
    .filter((via) => typeof via === "object")
    .map((via) => `${via.title} ${via.url}`);
  console.log(`  ${v.severity}: ${v.name} ${v.range} ${titles.join("; ") || `via ${v.via}`}`);
}
process.exit(serious.length ? 1 : 0);
