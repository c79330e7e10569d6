// Bundles the API (api/src/index.ts and everything it imports, the shared protocol included)
// into api/dist/index.js, the file the Functions app's package.json names as `main`.
import { build } from "esbuild";

await build({
  entryPoints: ["api/src/index.ts"],
  outfile: "api/dist/index.js",
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
console.log("API bundled into api/dist/index.js");
