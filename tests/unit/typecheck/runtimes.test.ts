/**
 * Each runtime has its own TypeScript project (tsconfig.json lists them): a global of another
 * runtime does not compile. A probe file is checked as if it were a file of the project, with
 * that project's compiler options and its own declarations (*.d.ts it includes), and must fail
 * on the other runtimes' globals and compile with its own.
 */
import { dirname, join } from "node:path";
import ts from "typescript";

const ROOT = join(__dirname, "../../..");

/** Parsed declaration files (the libs, @types), shared by the probes' programs. */
const parsedFiles = new Map<string, ts.SourceFile | undefined>();

/** The errors of `code` in a file of the project `tsconfig` (a path from the root). */
function errorsOf(tsconfig: string, code: string): string[] {
  const configPath = join(ROOT, tsconfig);
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  const probe = join(dirname(configPath), "runtime-probe.ts");
  const options: ts.CompilerOptions = {
    ...parsed.options,
    composite: false,
    declaration: false,
    emitDeclarationOnly: false,
    incremental: false,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, ...rest) => {
    if (fileName === probe) return ts.createSourceFile(fileName, code, language);
    if (!parsedFiles.has(fileName))
      parsedFiles.set(fileName, getSourceFile(fileName, language, ...rest));
    return parsedFiles.get(fileName);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === probe || fileExists(fileName);
  const declarations = parsed.fileNames.filter((f) => f.endsWith(".d.ts"));
  const program = ts.createProgram([...declarations, probe], options, host);
  const file = program.getSourceFile(probe)!;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
    (d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  );
}

const use = (expression: string): string => `export const probe = ${expression};\n`;

describe("the API's project (api/tsconfig.json): Node, no DOM, no office.js", () => {
  it.each(["window", "document", "localStorage", "navigator", "Office"])(
    "does not compile %s",
    (name) => {
      expect(errorsOf("api/tsconfig.json", use(name)).join("\n")).toContain(
        `Cannot find name '${name}'`,
      );
    },
  );

  it("compiles Node's globals", () => {
    expect(errorsOf("api/tsconfig.json", use("[process.env, Buffer.from('')]"))).toEqual([]);
  });
});

describe("the add-in's project (src/tsconfig.json): the browser and office.js, no Node", () => {
  it.each(["Buffer", "require", "__dirname"])("does not compile %s", (name) => {
    expect(errorsOf("src/tsconfig.json", use(name)).join("\n")).toContain(
      `Cannot find name '${name}'`,
    );
  });

  it("knows of `process` only the build's settings (process.env)", () => {
    expect(errorsOf("src/tsconfig.json", use("process.version")).join("\n")).toContain(
      "Property 'version' does not exist",
    );
  });

  it("compiles the browser's and office.js's globals, and the build's settings", () => {
    expect(
      errorsOf(
        "src/tsconfig.json",
        use("[window.location, document.title, Office.context, process.env.BCM_API_URL]"),
      ),
    ).toEqual([]);
  });
});

describe("the shared project (src/shared/tsconfig.json): neither the browser nor Node", () => {
  it.each(["window", "document", "Office", "process", "Buffer", "fetch"])(
    "does not compile %s",
    (name) => {
      expect(errorsOf("src/shared/tsconfig.json", use(name)).join("\n")).toContain(
        `Cannot find name '${name}'`,
      );
    },
  );

  it("compiles the globals both runtimes have (platform.d.ts)", () => {
    expect(
      errorsOf(
        "src/shared/tsconfig.json",
        use("[crypto.getRandomValues(new Uint8Array(1)), new TextEncoder(), btoa('')]"),
      ),
    ).toEqual([]);
  });
});
