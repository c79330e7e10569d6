/**
 * infra/ compiles with the Bicep compiler (`bicep`, or the Azure CLI's `az bicep`), and what it
 * compiles to gives the Function app the settings the source scanner reads (bicep-source.ts).
 * Where neither is installed the test is reported skipped, its name saying that infra/ was NOT
 * checked (CI and this repository's machines have no Bicep compiler; an administrator's has).
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { appSettings, INFRA } from "./bicep-source";

/** The command that compiles a Bicep file to stdout, if one is on PATH. */
function compiler(): string[] | undefined {
  const works = (command: string, args: string[]) =>
    spawnSync(command, args, { encoding: "utf8", timeout: 60_000 }).status === 0;
  if (works("bicep", ["--version"])) return ["bicep", "build", "--stdout"];
  if (works("az", ["bicep", "version"])) return ["az", "bicep", "build", "--stdout", "--file"];
  return undefined;
}

const command = compiler();
if (!command)
  console.warn("infra/ was NOT checked by a Bicep compiler: none on PATH (bicep, az bicep).");
// Without a compiler the test is reported as skipped, never as passed.
const check = command ? it : it.skip;
const title = command
  ? `compiles infra/main.bicep with ${command.slice(0, command[0] === "az" ? 3 : 2).join(" ")}`
  : "compiles infra/main.bicep: NOT CHECKED, no Bicep compiler on PATH (install bicep, or az bicep install)";

/** Every `Microsoft.Web/sites/config` resource's properties in a compiled template. */
function siteConfigs(node: unknown, found: Array<Record<string, unknown>> = []) {
  if (Array.isArray(node)) node.forEach((n) => siteConfigs(n, found));
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.type === "Microsoft.Web/sites/config" && o.properties) {
      found.push(o.properties as Record<string, unknown>);
    }
    Object.values(o).forEach((v) => siteConfigs(v, found));
  }
  return found;
}

describe("the Bicep compiler", () => {
  check(
    title,
    () => {
      const [file, ...args] = command as [string, ...string[]];
      const run = spawnSync(file, [...args, resolve(INFRA, "main.bicep")], {
        encoding: "utf8",
        timeout: 180_000,
        maxBuffer: 32 * 1024 * 1024,
      });
      expect({ status: run.status, errors: run.stderr.match(/.*Error BCP.*/g) ?? [] }).toEqual({
        status: 0,
        errors: [],
      });
      const [compiled] = siteConfigs(JSON.parse(run.stdout));
      expect(Object.keys(compiled ?? {}).sort()).toEqual([...appSettings().keys()].sort());
    },
    200_000,
  );
});
