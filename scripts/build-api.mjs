// Bundles the API (api/src/index.ts and everything it imports, the shared protocol included)
// into api/dist/index.js, the file the Functions app's package.json names as `main`, or into
// the file given as its argument (tests/support/api-bundle.ts builds one in a temporary folder).
import { build } from "esbuild";

const outfile = process.argv[2] ?? "api/dist/index.js";

await build({
  entryPoints: ["api/src/index.ts"],
  outfile,
  bundle: true,
  platform: "node",
  // Production runs on Node 22 (infra/: the Function app's runtime version); the bundle's syntax
  // also runs on Node 20, which the tests use.
  target: "node22",
  format: "cjs",
  sourcemap: true,
  // Provided by the Functions worker at run time.
  external: ["@azure/functions-core"],
  logLevel: "warning",
});
console.log(`API bundled into ${outfile}`);
