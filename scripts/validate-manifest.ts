/**
 * Checks the add-in manifest: structural checks (scripts/manifest-check.ts), then the XSDs.
 * Usage: npx tsx scripts/validate-manifest.ts [manifest.xml]
 * Prints to stdout only, so CI logs keep the order, and exits 1 on any problem. If the XSDs or
 * xmllint are missing, it says schema validation did not run, and exits 0 only if the
 * structural checks passed.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { REPO_ROOT, RIBBON_FUNCTIONS, checkManifest, validateSchema } from "./manifest-check";

const file = resolve(process.argv[2] ?? join(REPO_ROOT, "manifest.xml"));
const fromCwd = relative(process.cwd(), file);
const name = fromCwd.startsWith("..") ? file : fromCwd;

const problems = checkManifest(readFileSync(file, "utf8"), {
  // Icons sit in assets/ beside the manifest, both in the repository and in dist/.
  assetsDir: join(dirname(file), "assets"),
  functionNames: RIBBON_FUNCTIONS,
});
for (const problem of problems) console.log(`${name}: ${problem}`);
console.log(
  problems.length === 0
    ? `${name}: structural checks passed`
    : `${name}: ${problems.length} structural problem(s)`,
);

const schema = validateSchema(file);
switch (schema.status) {
  case "valid":
    console.log(`${name}: schema validation passed`);
    break;
  case "invalid":
    for (const error of schema.errors) console.log(error);
    console.log(`${name}: schema validation FAILED`);
    break;
  case "not-run":
    console.log(`${name}: SCHEMA VALIDATION DID NOT RUN: ${schema.reason}`);
    break;
}

process.exitCode = problems.length > 0 || schema.status === "invalid" ? 1 : 0;
