/**
 * manifest.xml: it passes every structural check and the XSDs, each check catches a broken
 * copy made by string replacement, the send event is declared as docs/outlook-clients.md
 * describes, and rewriteManifest points every URL at the deployment.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { XmlElement } from "../../scripts/manifest-check";
import {
  REPO_ROOT,
  RIBBON_FUNCTIONS,
  checkManifest,
  defaultXsdDir,
  parseXml,
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

// ---------------------------------------------------------------------------------------------
// The send event: event-based activation on OnMessageSend (manifest.xml's comments say why each
// value). strip-unsupported.xsl removes <Runtimes> and the LaunchEvent extension point before
// xmllint runs, because the XSDs predate them, so the schema tests say nothing about them: these
// checks do, with or without ../shared and xmllint.

/** The one LaunchEvent, exactly: no other attribute (HeaderName …) and no default SendMode. */
const SEND_EVENT = {
  Type: "OnMessageSend",
  FunctionName: "onMessageSendHandler",
  // The only mode in which the user can always send (never SoftBlock, the default).
  SendMode: "PromptUser",
};
/** The requirement set OnMessageSend needs, which the comment at the extension point names. */
const SEND_EVENT_REQUIREMENT = "OnMessageSend, Mailbox 1.12";

function* elementsOf(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* elementsOf(child);
}
const childrenNamed = (element: XmlElement, name: string) =>
  element.children.filter((child) => child.name === name);
const xsiType = (element: XmlElement) => (element.attrs["xsi:type"] ?? "").replace(/^.*:/, "");
const show = (value: unknown) => JSON.stringify(value);

/**
 * What is wrong with the send event's declaration in `xml`, one message per problem: the
 * LaunchEvent and its extension point, the runtime, the 1.1 override's requirement (kept at
 * Mailbox 1.5 for the ribbon) and the comment naming Mailbox 1.12.
 */
function sendEventProblems(xml: string): string[] {
  const root = parseXml(xml);
  const overrides11 = [...elementsOf(root)].find(
    (e) => e.name === "VersionOverrides" && xsiType(e) === "VersionOverridesV1_1",
  );
  if (!overrides11) return ["no VersionOverrides 1.1"];
  // The handler writes our send id into the message's headers, which needs ReadWriteItem.
  const permission = /<Permissions>\s*(\w+)\s*<\/Permissions>/.exec(xml)?.[1];
  if (permission !== "ReadWriteItem") {
    return [
      `the send event sets internet headers: want Permissions ReadWriteItem, found ${permission}`,
    ];
  }
  const host = childrenNamed(overrides11, "Hosts")
    .flatMap((hosts) => childrenNamed(hosts, "Host"))
    .find((e) => xsiType(e) === "MailHost");
  const desktop = host && childrenNamed(host, "DesktopFormFactor")[0];
  if (!host || !desktop) return ["VersionOverrides 1.1 has no MailHost with a DesktopFormFactor"];

  const isLaunchPoint = (e: XmlElement) =>
    e.name === "ExtensionPoint" && xsiType(e) === "LaunchEvent";
  const everywhere = [...elementsOf(root)].filter(isLaunchPoint);
  const point = desktop.children.find(isLaunchPoint);
  if (!point || everywhere.length !== 1) {
    return [
      `want one LaunchEvent extension point, in VersionOverrides 1.1's DesktopFormFactor; found ${everywhere.length}, ${point ? 1 : 0} there`,
    ];
  }

  const problems: string[] = [];
  const order = point.children.map((child) => child.name);
  if (!isDeepStrictEqual(order, ["LaunchEvents", "SourceLocation"])) {
    problems.push(
      `line ${point.line}: the LaunchEvent extension point holds ${show(order)}; want LaunchEvents then SourceLocation`,
    );
  }
  const events = childrenNamed(point, "LaunchEvents").flatMap((list) =>
    childrenNamed(list, "LaunchEvent"),
  );
  if (events.length !== 1 || !isDeepStrictEqual(events[0]?.attrs, SEND_EVENT)) {
    problems.push(
      `LaunchEvents hold ${show(events.map((e) => e.attrs))}; want exactly [${show(SEND_EVENT)}]`,
    );
  }

  // The handler runs in the page of the ribbon's function file, commands.html.
  const urls = new Map(
    childrenNamed(overrides11, "Resources")
      .flatMap((resources) => childrenNamed(resources, "Urls"))
      .flatMap((list) => childrenNamed(list, "Url"))
      .map((url) => [url.attrs.id ?? "", url.attrs.DefaultValue ?? ""]),
  );
  const functionFileUrl = urls.get(childrenNamed(desktop, "FunctionFile")[0]?.attrs.resid ?? "");
  const sourceResid = childrenNamed(point, "SourceLocation")[0]?.attrs.resid ?? "";
  const sourceUrl = urls.get(sourceResid);
  if (
    sourceUrl === undefined ||
    sourceUrl !== functionFileUrl ||
    !/\/commands\.html$/.test(sourceUrl)
  ) {
    problems.push(
      `the LaunchEvent's SourceLocation resid ${show(sourceResid)} is ${show(sourceUrl)}; want the function file commands.html, ${show(functionFileUrl)}`,
    );
  }

  // One short-lived runtime on that same page, first in the MailHost, without a JavaScript-only
  // override: classic Outlook on Windows gets no handler.
  const runtimes = childrenNamed(host, "Runtimes");
  if (runtimes.length !== 1) {
    problems.push(`VersionOverrides 1.1's MailHost has ${runtimes.length} Runtimes; want 1`);
  } else {
    if (host.children[0]?.name !== "Runtimes") {
      problems.push(`line ${runtimes[0]?.line}: Runtimes must come first in the MailHost`);
    }
    const runtime = runtimes.flatMap((list) => list.children);
    const wanted = { resid: sourceResid, lifetime: "short" };
    if (runtime.length !== 1 || !isDeepStrictEqual(runtime[0]?.attrs, wanted)) {
      problems.push(
        `Runtimes hold ${show(runtime.map((r) => [r.name, r.attrs]))}; want one Runtime ${show(wanted)}`,
      );
    }
    const inside = runtime.flatMap((r) => r.children.map((child) => child.name));
    if (inside.length > 0) {
      problems.push(
        `the Runtime holds ${show(inside)}; want nothing: no JavaScript-only override (the handler needs the pane's browser storage)`,
      );
    }
  }

  // The override's requirement stays Mailbox 1.5, or Outlooks with 1.5 to 1.11 lose the ribbon.
  const sets = childrenNamed(overrides11, "Requirements").flatMap((r) => childrenNamed(r, "Sets"));
  const requirement = sets.map((set) => [set.attrs, set.children.map((child) => child.attrs)]);
  if (!isDeepStrictEqual(requirement, [[{ DefaultMinVersion: "1.5" }, [{ Name: "Mailbox" }]]])) {
    problems.push(
      `VersionOverrides 1.1 requires ${show(requirement)}; want Mailbox 1.5 (DefaultMinVersion="1.5"), so that Outlooks with Mailbox 1.5 to 1.11 keep the ribbon`,
    );
  }
  // The schema has nowhere else to say that OnMessageSend needs Mailbox 1.12: the comment does.
  const comment = /<!--((?:(?!-->)[\s\S])*)-->\s*<ExtensionPoint xsi:type="LaunchEvent">/.exec(xml);
  if (!comment?.[1]?.includes(SEND_EVENT_REQUIREMENT)) {
    problems.push(
      `the comment just before the LaunchEvent extension point must name its requirement set: "${SEND_EVENT_REQUIREMENT}"`,
    );
  }
  return problems;
}

/** The manifest with the first match of `pattern` replaced; throws if there is none. */
function brokenAt(pattern: RegExp, to: string): string {
  if (!pattern.test(manifest)) throw new Error(`manifest.xml has no match for ${String(pattern)}`);
  return manifest.replace(pattern, to);
}

const RUNTIMES = /\n *<Runtimes>[\s\S]*?<\/Runtimes>/;
const RUNTIME = '<Runtime resid="Commands.Url" lifetime="short"/>';

describe("the send event", () => {
  it("is declared as the docs and docs/outlook-clients.md say, in the real manifest", () => {
    expect(sendEventProblems(manifest)).toEqual([]);
  });

  it("names a handler that the function file associates", () => {
    const source = readFileSync(join(REPO_ROOT, "src/commands/commands.ts"), "utf8");
    const associated = [...source.matchAll(/Office\.actions\.associate\(\s*"([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(associated).toContain(SEND_EVENT.FunctionName);
  });

  it.each([
    [
      "no LaunchEvent extension point",
      brokenAt(/\n *<ExtensionPoint xsi:type="LaunchEvent">[\s\S]*?<\/ExtensionPoint>/, ""),
      /^want one LaunchEvent extension point.*found 0, 0 there$/,
    ],
    [
      "another event",
      broken('Type="OnMessageSend"', 'Type="OnAppointmentSend"'),
      /"Type":"OnAppointmentSend"/,
    ],
    [
      "another function name",
      broken('FunctionName="onMessageSendHandler"', 'FunctionName="onSendHandler"'),
      /"FunctionName":"onSendHandler"/,
    ],
    [
      "no SendMode (SoftBlock by default)",
      broken(' SendMode="PromptUser"', ""),
      /LaunchEvents hold \[\{"Type":"OnMessageSend","FunctionName":"onMessageSendHandler"\}\]/,
    ],
    ["SendMode SoftBlock", broken('SendMode="PromptUser"', 'SendMode="SoftBlock"'), /"SoftBlock"/],
    ["SendMode Block", broken('SendMode="PromptUser"', 'SendMode="Block"'), /"Block"/],
    [
      "a SourceLocation that is not commands.html",
      broken(
        '<SourceLocation resid="Commands.Url"/>\n',
        '<SourceLocation resid="Taskpane.Url"/>\n',
      ),
      /Taskpane\.Url/,
    ],
    ["no Runtimes", brokenAt(RUNTIMES, ""), /MailHost has 0 Runtimes; want 1/],
    [
      "Runtimes after DesktopFormFactor",
      brokenAt(RUNTIMES, "").replace(
        "          </DesktopFormFactor>\n        </Host>",
        `          </DesktopFormFactor>\n          <Runtimes>${RUNTIME}</Runtimes>\n        </Host>`,
      ),
      /Runtimes must come first in the MailHost/,
    ],
    [
      "a Runtime on another page",
      broken(RUNTIME, '<Runtime resid="Taskpane.Url" lifetime="short"/>'),
      /"resid":"Taskpane\.Url"/,
    ],
    [
      "a long-lived Runtime",
      broken(RUNTIME, '<Runtime resid="Commands.Url" lifetime="long"/>'),
      /"lifetime":"long"/,
    ],
    [
      "a JavaScript-only override",
      broken(
        RUNTIME,
        '<Runtime resid="Commands.Url" lifetime="short"><Override type="javascript" resid="Commands.Url"/></Runtime>',
      ),
      /the Runtime holds \["Override"\]; want nothing/,
    ],
    [
      "the 1.1 override raised to Mailbox 1.12",
      broken('<bt:Sets DefaultMinVersion="1.5">', '<bt:Sets DefaultMinVersion="1.12">'),
      /VersionOverrides 1\.1 requires .*"1\.12".*want Mailbox 1\.5/,
    ],
    [
      "a read-only permission",
      broken("<Permissions>ReadWriteItem</Permissions>", "<Permissions>ReadItem</Permissions>"),
      /want Permissions ReadWriteItem, found ReadItem/,
    ],
    [
      "a comment that no longer names Mailbox 1.12",
      broken(SEND_EVENT_REQUIREMENT, "OnMessageSend, Mailbox 1.10"),
      /must name its requirement set: "OnMessageSend, Mailbox 1\.12"/,
    ],
  ])("is reported with %s", (_name, xml, expected) => {
    const problems = sendEventProblems(xml);
    expect(problems).not.toHaveLength(0);
    for (const problem of problems) expect(problem).toMatch(expected);
    // The copies are otherwise intact: the structural checks still pass.
    expect(checkManifest(xml, options)).toEqual([]);
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

  it("keeps the send event, its runtime on the host's commands.html", () => {
    expect(sendEventProblems(built)).toEqual([]);
    expect(built).toContain(
      '<bt:Url id="Commands.Url" DefaultValue="https://bcm.contoso.com/commands.html"/>',
    );
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
    const xml = broken("  <Permissions>ReadWriteItem</Permissions>\n", "", false).replace(
      "  <FormSettings>",
      "  <Permissions>ReadWriteItem</Permissions>\n  <FormSettings>",
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
