/**
 * The production API bundle, as `npm run build` makes it (scripts/build-api.mjs, the file Azure
 * Functions runs), built into a temporary folder so that the working tree's api/dist is left
 * alone. Beside it, where Node's resolution finds it from the bundle, a stand-in for the module
 * the Functions worker provides (functions-core.ts); nothing else: the bundle must carry all it
 * needs. bundle-host.ts serves it.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const ROOT = resolve(__dirname, "../..");

export interface ApiBundle {
  /** The bundle: `<temporary folder>/dist/index.js`. */
  readonly file: string;
  dispose(): void;
}

export async function buildApiBundle(): Promise<ApiBundle> {
  const dir = mkdtempSync(join(tmpdir(), "bcm-api-bundle-"));
  try {
    const file = join(dir, "dist", "index.js");
    await promisify(execFile)(process.execPath, [join(ROOT, "scripts/build-api.mjs"), file], {
      cwd: ROOT,
    });
    const core = join(dir, "node_modules", "@azure", "functions-core");
    mkdirSync(core, { recursive: true });
    writeFileSync(
      join(core, "index.js"),
      `module.exports = require(${JSON.stringify(join(__dirname, "functions-core.ts"))});\n`,
    );
    return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
