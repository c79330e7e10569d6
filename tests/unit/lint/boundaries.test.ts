/**
 * The layout's boundaries (docs/architecture.md, "Layout"; eslint.config.mjs): each folder's
 * rule bites. Code that breaks a rule is linted as if it were a file of that folder, and the
 * rule's message must come back; code that keeps it must pass. Every folder of src/ has its
 * rule, and a line in docs/architecture.md's layout.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "../../..");
const PROBE = join(__dirname, "eslint-probe.mjs");

interface Answer {
  lint: string[][];
  rules: string[][];
}

/** Runs the repository's ESLint config on the given code and files (eslint-probe.mjs). */
function eslint(request: {
  lint?: { filePath: string; code: string }[];
  rules?: string[];
}): Answer {
  const run = spawnSync(process.execPath, [PROBE], {
    cwd: ROOT,
    input: JSON.stringify(request),
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Answer;
}

/** A file of `folder` (whichever comes first), to import in a probe. */
function fileIn(folder: string): string {
  const dir = join(ROOT, folder);
  const name = readdirSync(dir)
    .sort()
    .find((n) => /\.tsx?$/.test(n) && !n.endsWith(".d.ts") && statSync(join(dir, n)).isFile());
  if (!name) throw new Error(`no TypeScript file in ${folder}`);
  return join(dir, name);
}

/** `target` as a module specifier from a file of `folder`. */
function specifier(folder: string, target: string): string {
  const path = relative(join(ROOT, folder), target)
    .split("\\")
    .join("/")
    .replace(/\.tsx?$/, "");
  return path.startsWith(".") ? path : `./${path}`;
}

interface Case {
  /** The folder the probe is linted in. */
  folder: string;
  /** The file of `folder` it is linted as (layout-probe.ts, a file that does not exist, if none). */
  file?: string;
  /** What the probe does, in words. */
  what: string;
  /** The probe's code. */
  code: string;
  /** A fragment of the message expected, or null when the probe keeps the rules. */
  expected: string | null;
}

let names = 0;
const importLine = (from: string): string => {
  names += 1;
  return `import * as probe${names} from "${from}";\nexport const used${names} = probe${names};\n`;
};

/** An import of a file of `target` (a folder, or a file) in a file of `folder`. */
const importOf = (folder: string, target: string): string =>
  importLine(specifier(folder, /\.tsx?$/.test(target) ? join(ROOT, target) : fileIn(target)));

/** A forbidden import of another part of the project: `folder`'s layout rule. */
const zone = (folder: string, target: string, expected = `${folder} imports `): Case => ({
  folder,
  what: `imports ${target}`,
  code: importOf(folder, target),
  expected,
});
const pkg = (folder: string, name: string, expected: string): Case => ({
  folder,
  what: `imports ${name}`,
  code: importLine(name),
  expected,
});
const global = (folder: string, name: string, expected: string): Case => ({
  folder,
  what: `uses ${name}`,
  code: `export const used = ${name};\n`,
  expected,
});
/** Imports that keep the rules: nothing reported. */
const allowed = (folder: string, ...targets: string[]): Case => ({
  folder,
  what: `imports ${targets.join(" and ")} (allowed)`,
  code: targets.map((t) => (/^(src|api)\//.test(t) ? importOf(folder, t) : importLine(t))).join(""),
  expected: null,
});

const DOMAIN_HTTP = "only the routes (api/src/http.ts, api/src/functions) speak HTTP";

const CASES: Case[] = [
  // src/shared: nothing of the project, no package but zod, no browser nor Node globals.
  zone("src/shared", "src/sync"),
  zone("src/shared", "api/src"),
  pkg("src/shared", "react", "src/shared imports no package but zod"),
  pkg("src/shared", "node:fs", "src/shared imports no package but zod"),
  global("src/shared", "window", "no browser globals"),
  global("src/shared", "process", "no Node globals"),
  allowed("src/shared", "zod/mini", "src/shared"),
  // src/sync: src/shared only; no UI, storage, office.js or network of its own.
  zone("src/sync", "src/client"),
  zone("src/sync", "src/taskpane"),
  zone("src/sync", "src/store"),
  zone("src/sync", "src/browser"),
  pkg("src/sync", "react", "src/sync draws no UI"),
  pkg("src/sync", "localforage", "through the store port"),
  pkg("src/sync", "@microsoft/office-js", "through src/office"),
  global("src/sync", "fetch", "through its transport port"),
  global("src/sync", "Office", "through src/office"),
  allowed("src/sync", "src/shared"),
  // The adapters of the sync core's ports, and the wrappers of office.js and sign-in, import
  // neither the wiring (src/client) nor the screens.
  zone("src/store", "src/client"),
  zone("src/browser", "src/client"),
  zone("src/auth", "src/client"),
  zone("src/office", "src/taskpane"),
  // src/client: the wiring, without UI.
  zone("src/client", "src/taskpane"),
  pkg("src/client", "react", "src/client draws no UI"),
  allowed("src/client", "src/sync", "src/store", "src/browser", "src/auth", "src/office"),
  // src/commands: through src/client, not the pane; no UI.
  zone("src/commands", "src/taskpane"),
  pkg("src/commands", "react", "src/commands draws no UI"),
  allowed("src/commands", "src/client", "src/sync", "src/browser", "src/office"),
  // src/taskpane: never the API's code, nor the ribbon's.
  zone("src/taskpane", "api/src"),
  zone("src/taskpane", "src/commands"),
  allowed(
    "src/taskpane",
    "src/client",
    "src/sync",
    "src/browser",
    "src/import",
    "src/export",
    "react",
    "@fluentui/react-components",
  ),
  // src/export: records to files, with the import's column table; no UI, storage, network.
  zone("src/export", "src/taskpane"),
  zone("src/export", "src/client"),
  pkg("src/export", "react", "src/export draws no UI"),
  pkg("src/export", "node:fs", "src/export runs in the browser"),
  global("src/export", "document", "no page globals"),
  allowed("src/export", "src/import/columns.ts", "src/shared", "papaparse"),
  zone("src/harness", "src/taskpane"),
  // src/import: pure reading code for a Web Worker and Node tests: src/shared only, no page.
  zone("src/import", "src/client"),
  zone("src/import", "src/sync"),
  pkg("src/import", "react", "src/import draws no UI"),
  pkg("src/import", "localforage", "through the store port"),
  pkg("src/import", "node:fs", "src/import runs in the browser"),
  global("src/import", "document", "src/import reads bytes in a Web Worker"),
  allowed("src/import", "src/shared", "chardet", "papaparse"),
  // api/src: of src/ only src/shared; no browser packages nor globals.
  zone("api/src", "src/sync"),
  zone("api/src", "src/client"),
  pkg("api/src", "react", "The API draws no UI"),
  pkg("api/src", "@azure/msal-browser", "through src/auth"),
  global("api/src", "window", "The API runs in Node"),
  global("api/src", "Office", "The API runs in Node"),
  allowed("api/src", "src/shared", "@azure/functions"),
  // The API's domain: nothing of HTTP nor Azure Functions, and api/src's rules still.
  ...["api/src/sync", "api/src/storage", "api/src/members", "api/src/backup"].flatMap((folder) => [
    zone(folder, "api/src/http.ts", DOMAIN_HTTP),
    zone(folder, "api/src/functions", DOMAIN_HTTP),
    pkg(folder, "@azure/functions", "knows nothing of Azure Functions"),
    zone(folder, "src/sync", "api/src imports only src/shared"),
  ]),
  ...["errors.ts", "deps.ts", "retry.ts", "batches.ts"].flatMap((file) => [
    { ...zone("api/src", "api/src/http.ts", DOMAIN_HTTP), file },
    { ...pkg("api/src", "@azure/functions", "knows nothing of Azure Functions"), file },
  ]),
  allowed("api/src", "api/src/http.ts", "@azure/functions"),
];

describe("the layout's import rules (eslint.config.mjs)", () => {
  // One ESLint run for every case: starting it is what takes the time.
  let answers: string[][] = [];
  beforeAll(() => {
    answers = eslint({
      lint: CASES.map(({ folder, file, code }) => ({
        filePath: join(ROOT, folder, file ?? "layout-probe.ts"),
        code,
      })),
    }).lint;
  }, 120_000);

  it.each(CASES.map((c, i) => [c.file ? `${c.folder}/${c.file}` : c.folder, c.what, i] as const))(
    "%s %s",
    (_folder, _what, i) => {
      const { expected } = CASES[i]!;
      const messages = answers[i]!;
      if (expected === null) expect(messages).toEqual([]);
      else expect(messages.join("\n")).toContain(expected);
    },
  );
});

describe("import cycles in the API", () => {
  // import-x/no-cycle follows imports on disk: the probe's two files are written there, in a
  // folder that TypeScript's `include` skips (its name starts with a dot).
  const dir = join(ROOT, "api/src", `.cycle-probe-${process.pid}`);
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = () => b;\n');
    writeFileSync(join(dir, "b.ts"), 'import { a } from "./a";\nexport const b = () => a;\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are reported", () => {
    const filePath = join(dir, "a.ts");
    const [messages] = eslint({
      lint: [{ filePath, code: readFileSync(filePath, "utf8") }],
    }).lint;
    expect(messages).toEqual([expect.stringMatching(/^import-x\/no-cycle: /)]);
  }, 120_000);
});

describe("every folder of the code", () => {
  const folders = [
    ...readdirSync(join(ROOT, "src"))
      .filter((n) => statSync(join(ROOT, "src", n)).isDirectory())
      .map((n) => `src/${n}`),
    "api/src",
  ];
  const architecture = readFileSync(join(ROOT, "docs/architecture.md"), "utf8");
  const start = architecture.indexOf("\n## Layout");
  const layout =
    start < 0 ? "" : architecture.slice(start, architecture.indexOf("\n## ", start + 1));

  it("has its import rule", () => {
    const { rules } = eslint({ rules: folders.map((f) => join(ROOT, f, "layout-probe.ts")) });
    const missing = folders.filter((_, i) => !rules[i]!.includes("import-x/no-restricted-paths"));
    expect(missing).toEqual([]);
  }, 120_000);

  it.each(folders)("%s has its line in docs/architecture.md's layout", (folder) => {
    expect(layout).toContain(`\`${folder}/\``);
  });
});
