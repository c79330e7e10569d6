/**
 * Checks on manifest.xml, shared by scripts/validate-manifest.ts and tests/manifest.
 * Structural checks cover what the XSDs can't (cross-references, https, unique ids, icon
 * files); validateSchema runs the XSDs themselves through xsltproc and xmllint.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Functions the ribbon's function file (commands.html) registers for ExecuteFunction. */
export const RIBBON_FUNCTIONS: readonly string[] = ["toggleWorkOffline", "syncNow"];

export const REPO_ROOT = resolve(__dirname, "..");

const MAX_RESID_LENGTH = 32;
const ENTRY_XSD = "OfficeAppManifestV1_1.xsd";
const STRIP_XSL = "strip-unsupported.xsl";

// ---------------------------------------------------------------------------------------------
// A small XML parser: elements, attributes, text, CDATA, comments and processing instructions.
// Enough for a manifest (no DTDs) and strict about well-formedness, so that a typo surfaces here
// with a line number rather than as a confusing failure of some later check.

export interface XmlElement {
  /** The name as written, e.g. "bt:Image"; used in messages and to match the end tag. */
  tag: string;
  /** The local name, e.g. "Image". Checks match on it: no two manifest namespaces reuse a
   * local name for a different purpose in the places checked here. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (CDATA included), not its descendants'. */
  text: string;
  /** Line on which the start tag ends: the line xmllint reports for the element. */
  line: number;
}

const NAME = String.raw`[A-Za-z_][\w.:-]*`;
const TOKEN = new RegExp(
  [
    String.raw`<!--[\s\S]*?-->`,
    String.raw`<\?[\s\S]*?\?>`,
    String.raw`<!\[CDATA\[([\s\S]*?)\]\]>`,
    String.raw`</(${NAME})\s*>`,
    String.raw`<(${NAME})((?:\s+${NAME}\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(/?)>`,
    String.raw`[^<]+`,
  ].join("|"),
  "y",
);
const ATTRIBUTE = new RegExp(String.raw`(${NAME})\s*=\s*(?:"([^"]*)"|'([^']*)')`, "g");
// Lookup tables keyed by text from the document are Maps, so "constructor" finds nothing.
const ENTITIES = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(":") + 1);

function decodeEntities(text: string, line: number): string {
  return text.replace(/&([^&;\s]*)(;?)/g, (_match, ref: string, semicolon: string) => {
    const hex = /^#x([0-9a-f]+)$/i.exec(ref)?.[1];
    const decimal = /^#([0-9]+)$/.exec(ref)?.[1];
    const code =
      hex !== undefined
        ? parseInt(hex, 16)
        : decimal !== undefined
          ? parseInt(decimal, 10)
          : undefined;
    const value =
      code === undefined
        ? ENTITIES.get(ref)
        : code <= 0x10ffff
          ? String.fromCodePoint(code)
          : undefined;
    if (!semicolon || value === undefined) {
      throw new Error(`line ${line}: bad entity reference "&${ref}${semicolon}"`);
    }
    return value;
  });
}

function parseAttributes(text: string, line: number): Record<string, string> {
  const attrs = new Map<string, string>();
  for (const [, name = "", double, single] of text.matchAll(ATTRIBUTE)) {
    if (attrs.has(name)) throw new Error(`line ${line}: attribute ${name} appears twice`);
    attrs.set(name, decodeEntities(double ?? single ?? "", line));
  }
  return Object.fromEntries(attrs);
}

/** Parses a whole XML document and returns its root element; throws "line N: …" if malformed. */
export function parseXml(xml: string): XmlElement {
  const token = new RegExp(TOKEN);
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  let line = 1;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    if (!match) {
      throw new Error(
        `line ${line}: malformed markup at ${JSON.stringify(xml.slice(at, at + 40))}`,
      );
    }
    const [text, cdata, endTag, startTag, attrText = "", selfClosing] = match;
    const startLine = line;
    line += text.split("\n").length - 1;
    const parent = open.at(-1);
    if (startTag !== undefined) {
      const element: XmlElement = {
        tag: startTag,
        name: localName(startTag),
        attrs: parseAttributes(attrText, startLine),
        children: [],
        text: "",
        line,
      };
      if (parent) parent.children.push(element);
      else if (root) throw new Error(`line ${line}: a second root element <${startTag}>`);
      else root = element;
      if (!selfClosing) open.push(element);
    } else if (endTag !== undefined) {
      if (parent?.tag !== endTag) {
        const expected = parent ? `</${parent.tag}> (opened on line ${parent.line})` : "nothing";
        throw new Error(`line ${line}: </${endTag}> where ${expected} should close`);
      }
      open.pop();
    } else if (!text.startsWith("<!--") && !text.startsWith("<?")) {
      const value = cdata ?? decodeEntities(text, startLine);
      if (parent) parent.text += value;
      else if (value.trim()) throw new Error(`line ${startLine}: text outside the root element`);
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) throw new Error(`line ${unclosed.line}: <${unclosed.tag}> is never closed`);
  if (!root) throw new Error("line 1: no root element");
  return root;
}

/** Every descendant in document order, not descending into (nor yielding) `skip` elements. */
function* descendants(
  element: XmlElement,
  skip: (e: XmlElement) => boolean = () => false,
): Generator<XmlElement> {
  for (const child of element.children) {
    if (skip(child)) continue;
    yield child;
    yield* descendants(child, skip);
  }
}

// ---------------------------------------------------------------------------------------------
// Structural checks.

export interface CheckOptions {
  /** Folder that https://…/assets/x.png maps to (the repository's assets/ for manifest.xml). */
  assetsDir: string;
  /** Function names that an ExecuteFunction action may name. */
  functionNames: readonly string[];
}

type Check = (root: XmlElement, options: CheckOptions) => string[];

const RESOURCE_KINDS = ["Images", "Urls", "ShortStrings", "LongStrings"] as const;
type ResourceKind = (typeof RESOURCE_KINDS)[number];
const isResourceKind = (name: string): name is ResourceKind =>
  (RESOURCE_KINDS as readonly string[]).includes(name);

/** Which resource list a `resid` on each element must point into. */
const RESID_KIND = new Map<string, ResourceKind>([
  ["Image", "Images"],
  ["SourceLocation", "Urls"],
  ["FunctionFile", "Urls"],
  // The event-based activation runtime's page, and the JavaScript file of its Override (the
  // only Override with a resid; locale Overrides carry a Value).
  ["Runtime", "Urls"],
  ["Override", "Urls"],
  ["LearnMoreUrl", "Urls"],
  ["Label", "ShortStrings"],
  ["Title", "ShortStrings"],
  ["Description", "LongStrings"],
]);

/** Elements whose DefaultValue (and locale Override Values) are URLs. */
const URL_ELEMENTS = new Set([
  "SourceLocation",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "Url",
  "Image",
]);

/** Pixel sizes Outlook expects for the add-in's own icons. */
const APP_ICON_SIZES = new Map([
  ["IconUrl", 64],
  ["HighResolutionIconUrl", 128],
]);

interface Resource {
  id: string;
  kind: ResourceKind;
  element: XmlElement;
}

/**
 * The elements of each VersionOverrides, without those of a VersionOverrides nested in it.
 * A resid resolves within its own VersionOverrides, and 1.1 repeats 1.0's ids on purpose, so
 * references and uniqueness are checked one scope at a time.
 */
function overrideScopes(root: XmlElement): XmlElement[][] {
  const isOverrides = (e: XmlElement) => e.name === "VersionOverrides";
  return [root, ...descendants(root)]
    .filter(isOverrides)
    .map((overrides) => [...descendants(overrides, isOverrides)]);
}

function resourcesOf(scope: XmlElement[]): Resource[] {
  return scope.flatMap((list) => {
    const kind = list.name;
    if (!isResourceKind(kind)) return [];
    return list.children.map((element) => ({ id: element.attrs.id ?? "", kind, element }));
  });
}

const checkResids: Check = (root) =>
  overrideScopes(root).flatMap((scope) => {
    const resources = resourcesOf(scope);
    return scope.flatMap((element) => {
      const resid = element.attrs.resid;
      if (resid === undefined) return [];
      const where = `line ${element.line}: <${element.tag} resid="${resid}">`;
      const expected = RESID_KIND.get(element.name);
      if (expected === undefined) return [`${where}: no rule for which resources it may use`];
      const found = resources.filter((r) => r.id === resid);
      if (found.length === 0) return [`${where} has no resource (expected a bt:${expected} entry)`];
      if (!found.some((r) => r.kind === expected)) {
        const kinds = found.map((r) => `bt:${r.kind}`).join(", ");
        return [`${where} points into ${kinds}; a ${element.name} needs bt:${expected}`];
      }
      return [];
    });
  });

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === "https:" && url.startsWith("https://");
  } catch {
    return false;
  }
}

const checkHttps: Check = (root) =>
  [...descendants(root)].flatMap((element) => {
    const urls: string[] = [];
    if (element.name === "AppDomain") urls.push(element.text.trim());
    if (URL_ELEMENTS.has(element.name) && element.attrs.DefaultValue !== undefined) {
      urls.push(element.attrs.DefaultValue);
      for (const override of element.children.filter((c) => c.name === "Override")) {
        urls.push(override.attrs.Value ?? "");
      }
    }
    return urls
      .filter((url) => !isHttps(url))
      .map((url) => `line ${element.line}: <${element.tag}> URL "${url}" is not an https URL`);
  });

const checkUniqueIds: Check = (root) =>
  overrideScopes(root).flatMap((scope) => {
    const problems: string[] = [];
    const duplicates = (kind: string, items: { id: string; element: XmlElement }[]) => {
      const firstLine = new Map<string, number>();
      for (const { id, element } of items) {
        const first = firstLine.get(id);
        if (first === undefined) firstLine.set(id, element.line);
        else
          problems.push(
            `line ${element.line}: duplicate ${kind} id "${id}" (first on line ${first})`,
          );
      }
    };
    // Controls and groups share one id space: Office looks both up by id.
    const ui = scope.filter((e) => e.name === "Control" || e.name === "Group");
    duplicates(
      "control/group",
      ui.map((element) => ({ id: element.attrs.id ?? "", element })),
    );
    duplicates("resource", resourcesOf(scope));
    return problems;
  });

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or undefined if the file is not a PNG. */
export function readPngSize(file: string): { width: number; height: number } | undefined {
  const bytes = readFileSync(file);
  const isPng =
    bytes.length >= 24 &&
    bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
    bytes.toString("ascii", 12, 16) === "IHDR";
  return isPng ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : undefined;
}

/** The PNG an image URL points at (…/assets/x.png → <assetsDir>/x.png), or why there is none. */
function locatePng(
  url: string,
  assetsDir: string,
): { file: string; width: number; height: number } | string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return `"${url}" is not a URL`;
  }
  const at = path.lastIndexOf("/assets/");
  if (at < 0) return `"${url}" is not under /assets/`;
  const file = join(assetsDir, path.slice(at + "/assets/".length));
  if (!existsSync(file)) return `${file} does not exist (from "${url}")`;
  const size = readPngSize(file);
  return size ? { file, ...size } : `${file} is not a PNG`;
}

function sizeProblems(element: XmlElement, png: ReturnType<typeof locatePng>, size: number) {
  if (typeof png === "string" || (png.width === size && png.height === size)) return [];
  const actual = `${png.width}×${png.height}`;
  return [`line ${element.line}: <${element.tag}> wants ${size}×${size}; ${png.file} is ${actual}`];
}

const checkImages: Check = (root, { assetsDir }) => {
  const problems: string[] = [];
  const reportUnusable = (element: XmlElement, png: ReturnType<typeof locatePng>) => {
    if (typeof png === "string") problems.push(`line ${element.line}: <${element.tag}>: ${png}`);
  };
  for (const element of descendants(root)) {
    const size = APP_ICON_SIZES.get(element.name);
    const url = element.attrs.DefaultValue;
    if (size === undefined || url === undefined) continue;
    const png = locatePng(url, assetsDir);
    reportUnusable(element, png);
    problems.push(...sizeProblems(element, png, size));
  }
  for (const scope of overrideScopes(root)) {
    // A missing file is reported once, on its resource; sizes on each <bt:Image size> using it.
    const images = new Map<string, ReturnType<typeof locatePng>>();
    for (const { id, kind, element } of resourcesOf(scope)) {
      if (kind !== "Images") continue;
      const png = locatePng(element.attrs.DefaultValue ?? "", assetsDir);
      images.set(id, png);
      reportUnusable(element, png);
    }
    for (const element of scope) {
      const png = images.get(element.attrs.resid ?? "");
      if (element.name === "Image" && element.attrs.size !== undefined && png !== undefined) {
        problems.push(...sizeProblems(element, png, Number(element.attrs.size)));
      }
    }
  }
  return problems;
};

const checkFunctionNames: Check = (root, { functionNames }) =>
  [...descendants(root)].flatMap((action) => {
    if (
      action.name !== "Action" ||
      localName(action.attrs["xsi:type"] ?? "") !== "ExecuteFunction"
    ) {
      return [];
    }
    const name = action.children.find((c) => c.name === "FunctionName")?.text.trim() ?? "";
    if (functionNames.includes(name)) return [];
    return [
      `line ${action.line}: FunctionName "${name}" is not one the function file registers (${functionNames.join(", ")})`,
    ];
  });

const checkResidLength: Check = (root) =>
  overrideScopes(root).flatMap((scope) => {
    const ids = [
      ...scope.flatMap((e) =>
        e.attrs.resid === undefined ? [] : [{ id: e.attrs.resid, element: e }],
      ),
      ...resourcesOf(scope),
    ];
    return ids
      .filter(({ id }) => id.length > MAX_RESID_LENGTH)
      .map(
        ({ id, element }) =>
          `line ${element.line}: resource id "${id}" is ${id.length} characters; at most ${MAX_RESID_LENGTH} are allowed`,
      );
  });

const CHECKS: Check[] = [
  checkResids,
  checkHttps,
  checkUniqueIds,
  checkImages,
  checkFunctionNames,
  checkResidLength,
];

/** Runs every structural check; returns one "line N: …" message per problem (none if fine). */
export function checkManifest(xml: string, options: CheckOptions): string[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  return CHECKS.flatMap((check) => check(root, options));
}

// ---------------------------------------------------------------------------------------------
// Schema validation with the offline XSDs (see ../shared/schemas/office-addin-manifest/README.md).

export type SchemaResult =
  | { status: "valid" }
  | { status: "invalid"; errors: string[] }
  /** The XSDs or xmllint are missing: nothing was validated, which is not a pass. */
  | { status: "not-run"; reason: string };

export function defaultXsdDir(): string {
  return (
    process.env.BCM_MANIFEST_XSD_DIR ||
    resolve(REPO_ROOT, "../shared/schemas/office-addin-manifest")
  );
}

function hasCommand(command: string): boolean {
  return spawnSync(command, ["--version"]).error === undefined;
}

/** Why schema validation can't run on this machine, or undefined if it can. */
export function schemaValidationBlocker(xsdDir: string = defaultXsdDir()): string | undefined {
  if (!existsSync(join(xsdDir, ENTRY_XSD))) {
    return `the XSD folder ${xsdDir} (with ${ENTRY_XSD}) is missing; set BCM_MANIFEST_XSD_DIR`;
  }
  if (!hasCommand("xmllint")) return "xmllint is not installed (apt-get install libxml2-utils)";
  return undefined;
}

/** xmllint exit statuses other than 0 (valid) and 3 (invalid) that a manifest check can meet. */
const XMLLINT_FAILURES = new Map([
  [1, "the manifest is not well-formed XML"],
  [5, "the XSDs did not compile"],
]);

/**
 * Maps a line of the xsltproc output back to manifest.xml. xsltproc re-serialises the document
 * (a multi-line start tag becomes one line, stripped elements vanish), so xmllint's line numbers
 * would otherwise point at the wrong place. Stripping only removes whole elements, so the
 * output's elements pair up in order with the source's elements of the same name and attributes.
 */
function sourceLineMap(source: string, stripped: string): Map<number, number> | undefined {
  const signature = (e: XmlElement) =>
    `${e.name} ${JSON.stringify(Object.entries(e.attrs).filter(([k]) => !k.startsWith("xmlns")))}`;
  let sourceRoot: XmlElement;
  let strippedRoot: XmlElement;
  try {
    sourceRoot = parseXml(source);
    strippedRoot = parseXml(stripped);
  } catch {
    return undefined; // xmllint's own message says what is wrong; lines stay unmapped.
  }
  const sourceElements = [sourceRoot, ...descendants(sourceRoot)];
  const lines = new Map<number, number>();
  let next = 0;
  for (const element of [strippedRoot, ...descendants(strippedRoot)]) {
    const found = sourceElements.findIndex(
      (candidate, index) => index >= next && signature(candidate) === signature(element),
    );
    const match = sourceElements[found];
    if (match === undefined) break;
    if (!lines.has(element.line)) lines.set(element.line, match.line);
    next = found + 1;
  }
  return lines;
}

/**
 * Validates a manifest against the XSDs: elements newer than the XSDs are removed first with
 * strip-unsupported.xsl when xsltproc is installed, else xmllint reads the file as it is.
 * Errors read "<file>:<line>: …" with lines of the manifest file itself.
 */
export function validateSchema(
  manifestPath: string,
  xsdDir: string = defaultXsdDir(),
): SchemaResult {
  const blocker = schemaValidationBlocker(xsdDir);
  if (blocker !== undefined) return { status: "not-run", reason: blocker };

  const xsl = join(xsdDir, STRIP_XSL);
  let stripped: string | undefined;
  if (existsSync(xsl) && hasCommand("xsltproc")) {
    const run = spawnSync("xsltproc", [xsl, manifestPath], { encoding: "utf8" });
    if (run.status !== 0) {
      return { status: "invalid", errors: [`xsltproc ${STRIP_XSL} failed: ${run.stderr.trim()}`] };
    }
    stripped = run.stdout;
  }
  // xmllint reads the stripped copy from stdin ("-"), or the file itself.
  const target = stripped === undefined ? manifestPath : "-";
  const lint = spawnSync(
    "xmllint",
    ["--noout", "--nonet", "--schema", join(xsdDir, ENTRY_XSD), target],
    { encoding: "utf8", ...(stripped === undefined ? {} : { input: stripped }) },
  );
  if (lint.status === 0) return { status: "valid" };

  const lineMap =
    stripped === undefined
      ? undefined
      : (sourceLineMap(readFileSync(manifestPath, "utf8"), stripped) ?? new Map<number, number>());
  const sourceLine = (line: number) =>
    lineMap === undefined
      ? String(line)
      : (lineMap.get(line)?.toString() ?? `${line} (line of the ${STRIP_XSL} output)`);
  // One error per "<target>:<line>:" start; a message may continue over several lines.
  const errors: string[] = [];
  for (const text of lint.stderr.split("\n")) {
    if (!text || text === `${target} fails to validate`) continue;
    const lineNumber = text.startsWith(`${target}:`)
      ? /^(\d+):/.exec(text.slice(target.length + 1))
      : null;
    if (lineNumber?.[1] !== undefined) {
      const rest = text.slice(target.length + 1 + lineNumber[0].length);
      errors.push(`${manifestPath}:${sourceLine(Number(lineNumber[1]))}:${rest}`);
    } else if (errors.length > 0) {
      errors[errors.length - 1] += `\n${text}`;
    } else {
      errors.push(text);
    }
  }
  if (lint.status === 3) return { status: "invalid", errors };
  const failure =
    XMLLINT_FAILURES.get(lint.status ?? -1) ??
    `exited with status ${lint.status ?? "none"}${lint.error ? ` (${lint.error.message})` : ""}`;
  return { status: "invalid", errors: [`xmllint: ${failure}`, ...errors] };
}
