/**
 * manifest.xml: it passes every structural check and the XSDs, each check catches a broken
 * copy made by string replacement, and rewriteManifest points every URL at the deployment.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  REPO_ROOT,
  RIBBON_FUNCTIONS,
  checkManifest,
  defaultXsdDir,
  schemaValidationBlocker,
  validateSchema,
} from "../../scripts/manifest-check";

// Plain CommonJS for webpack.config.js, without type declarations, hence the typed require.
const { rewriteManifest } = createRequire(__filename)("../../scripts/manifest-transform.cjs") as {
  rewriteManifest: (xml: string, baseUrl: string) => string;
};

const MANIFEST_PATH = join(REPO_ROOT, "manifest.xml");
const manifest = readFileSync(MANIFEST_PATH, "utf8");
const options = { assetsDir: join(REPO_ROOT, "assets"), functionNames: RIBBON_FUNCTIONS };

const tmp = mkdtempSync(join(tmpdir(), "bcm-manifest-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The manifest with `from` replaced (everywhere, or the first time only). Throws if `from`
 * is absent, so that a test can't pass on a copy that broke nothing. */
function broken(from: string, to: string, everywhere = true): string {
  if (!manifest.includes(from)) throw new Error(`manifest.xml has no ${JSON.stringify(from)}`);
  return everywhere ? manifest.replaceAll(from, to) : manifest.replace(from, to);
}

const count = (text: string, part: string) => text.split(part).length - 1;

const xsdDir = defaultXsdDir();
const blocker = schemaValidationBlocker(xsdDir);
if (blocker !== undefined) console.warn(`Manifest schema validation did not run: ${blocker}`);
// Without the XSDs or xmllint the schema tests are reported as skipped, never as passed.
const schemaTest = blocker === undefined ? it : it.skip;

describe("structural checks", () => {
  it("pass on the real manifest", () => {
    expect(checkManifest(manifest, options)).toEqual([]);
  });

  it.each([
    [
      "a resid with no resource",
      broken('<Description resid="Sync.Tooltip"/>', '<Description resid="Sync.Tip"/>', false),
      /<Description resid="Sync\.Tip"> has no resource/,
    ],
    [
      "a resid pointing at the wrong kind of resource",
      broken('<Label resid="Sync.Label"/>', '<Label resid="Sync.Tooltip"/>', false),
      /points into bt:LongStrings; a Label needs bt:ShortStrings/,
    ],
    [
      "an http resource URL",
      broken("https://localhost:3000/commands.html", "http://localhost:3000/commands.html"),
      /<bt:Url> URL "http:\/\/localhost:3000\/commands\.html" is not an https URL/,
    ],
    [
      "an http AppDomain",
      broken("<AppDomain>https:", "<AppDomain>http:"),
      /<AppDomain> URL "http:\/\/localhost:3000" is not an https URL/,
    ],
    [
      "a duplicate control id",
      broken('id="msgReadSyncNow"', 'id="msgReadWorkOffline"'),
      /duplicate control\/group id "msgReadWorkOffline"/,
    ],
    [
      "a duplicate resource id",
      broken(
        '<bt:String id="Sync.Label" DefaultValue="Sync now"/>',
        '<bt:String id="Sync.Label" DefaultValue="Sync now"/><bt:String id="Sync.Label" DefaultValue="Sync"/>',
      ),
      /duplicate resource id "Sync\.Label"/,
    ],
    [
      "a missing icon file",
      broken("assets/sync-80.png", "assets/sync-81.png"),
      /sync-81\.png does not exist/,
    ],
    [
      "a button icon of the wrong size",
      broken("assets/sync-80.png", "assets/sync-32.png"),
      /<bt:Image> wants 80×80; .*sync-32\.png is 32×32/,
    ],
    [
      "an add-in icon of the wrong size",
      broken("assets/icon-128.png", "assets/icon-64.png"),
      /<HighResolutionIconUrl> wants 128×128; .*icon-64\.png is 64×64/,
    ],
    [
      "an unknown FunctionName",
      broken("<FunctionName>syncNow<", "<FunctionName>syncNowPlease<"),
      /FunctionName "syncNowPlease" is not one the function file registers/,
    ],
    [
      "an overlong resid",
      broken('"Sync.Tooltip"', '"Sync.Tooltip.ForTheSyncNowButton1"'),
      /resource id "Sync\.Tooltip\.ForTheSyncNowButton1" is 33 characters; at most 32/,
    ],
    [
      "malformed XML",
      broken("</Supertip>", "</SuperTip>", false),
      /^line \d+: <\/SuperTip> where <\/Supertip> \(opened on line \d+\) should close$/,
    ],
  ])("fail on %s", (_name, xml, expected) => {
    const problems = checkManifest(xml, options);
    expect(problems).not.toHaveLength(0);
    // Only the check under test complains, so each variant exercises exactly one check.
    for (const problem of problems) expect(problem).toMatch(expected);
  });
});

describe("rewriteManifest", () => {
  it("rewrites every URL and keeps the manifest valid", () => {
    const rewritten = rewriteManifest(manifest, "https://bcm.example.com/");
    expect(rewritten).not.toContain("localhost");
    expect(count(rewritten, "https://bcm.example.com/")).toBe(
      count(manifest, "https://localhost:3000/"),
    );
    expect(rewritten).toContain("<AppDomain>https://bcm.example.com</AppDomain>");
    expect(checkManifest(rewritten, options)).toEqual([]);
  });

  it("keeps a base path but gives AppDomain the origin only", () => {
    const rewritten = rewriteManifest(manifest, "https://cdn.example.com/bcm");
    expect(rewritten).toContain('"https://cdn.example.com/bcm/taskpane.html"');
    expect(rewritten).toContain("<AppDomain>https://cdn.example.com</AppDomain>");
  });

  it.each(["http://bcm.example.com", "bcm.example.com", "/bcm", "", "https://x.example/?v=1"])(
    "rejects %j as a base URL",
    (baseUrl) => {
      expect(() => rewriteManifest(manifest, baseUrl)).toThrow(/must be an absolute https URL/);
    },
  );
});

/** The manifest.xml a production build writes (webpack.config.js's copy of it), for `settings`. */
function productionManifest(settings: Record<string, string>): string {
  const makeConfig = createRequire(__filename)("../../webpack.config.js") as (
    env: Record<string, string>,
    argv: { mode: string },
  ) => { plugins: Array<{ constructor: { name: string } }> };
  const copy = makeConfig(settings, { mode: "production" }).plugins.find(
    (p) => p.constructor.name === "CopyPlugin",
  ) as unknown as {
    patterns: Array<{ to: string; transform?: (content: Buffer, from: string) => string }>;
  };
  const pattern = copy.patterns.find((p) => p.to === "manifest.xml");
  if (!pattern?.transform) throw new Error("the build does not write manifest.xml");
  return pattern.transform(Buffer.from(manifest), MANIFEST_PATH);
}

const PRODUCTION = {
  BCM_ADDIN_URL: "https://bcm.contoso.com",
  BCM_API_URL: "https://bcm-api.contoso.com/api",
  BCM_PANE_AUTH: "naa",
  BCM_ENTRA_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
  BCM_API_SCOPE: "api://bcm-api/access_as_user",
};

describe("the production build's manifest.xml", () => {
  const built = productionManifest(PRODUCTION);

  it("points every URL at the add-in's host, and passes every structural check", () => {
    expect(built).not.toContain("localhost");
    expect(count(built, "https://bcm.contoso.com/")).toBe(
      count(manifest, "https://localhost:3000/"),
    );
    expect(built).toContain("<AppDomain>https://bcm.contoso.com</AppDomain>");
    expect(checkManifest(built, options)).toEqual([]);
  });

  schemaTest("is valid against the manifest schema", () => {
    const file = join(tmp, "production-manifest.xml");
    writeFileSync(file, built);
    expect(validateSchema(file, xsdDir)).toEqual({ status: "valid" });
  });
});

describe("schema validation", () => {
  schemaTest("passes on the real manifest", () => {
    expect(validateSchema(MANIFEST_PATH, xsdDir)).toEqual({ status: "valid" });
  });

  schemaTest("fails on a misplaced element, at its line in the manifest", () => {
    const file = join(tmp, "misplaced.xml");
    const xml = broken("  <Permissions>ReadItem</Permissions>\n", "", false).replace(
      "  <FormSettings>",
      "  <Permissions>ReadItem</Permissions>\n  <FormSettings>",
    );
    writeFileSync(file, xml);
    const line = xml.split("\n").findIndex((text) => text.includes("<Permissions>")) + 1;

    const result = validateSchema(file, xsdDir);

    expect(result.status).toBe("invalid");
    const errors = result.status === "invalid" ? result.errors : [];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${file}:${line}: element Permissions`);
    expect(errors[0]).toMatch(/This element is not expected/);
  });

  it("says it did not run when the XSD folder is missing", () => {
    const result = validateSchema(MANIFEST_PATH, join(tmp, "no-such-folder"));
    expect(result).toEqual({
      status: "not-run",
      reason: expect.stringContaining("no-such-folder") as string,
    });
  });
});
