/**
 * The add-in's build (webpack.config.js): a production build refuses to build without its
 * settings, ships no source maps, and its pages carry a Content-Security-Policy that lets
 * scripts come only from the add-in and Microsoft's office.js hosts and connections go only to
 * the API and Entra, the same policy its host sends (staticwebapp.config.json) with the other
 * security headers. A development build keeps this machine's defaults.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Configuration, WebpackPluginInstance } from "webpack";

const ROOT = join(__dirname, "../../..");
// Plain CommonJS, without type declarations, hence the typed require.
const makeConfig = createRequire(__filename)("../../../webpack.config.js") as (
  env: Record<string, unknown>,
  argv: { mode: string },
) => Configuration & { devServer: { headers: Record<string, string> } };

/** Every setting the build reads (scripts/build-settings.cjs). */
const { NAMES } = createRequire(__filename)("../../../scripts/build-settings.cjs") as {
  NAMES: readonly string[];
};

const GOOD = {
  BCM_ADDIN_URL: "https://bcm.example.com/",
  BCM_API_URL: "https://bcm-api.example.com/api",
  BCM_PANE_AUTH: "naa",
  BCM_ENTRA_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
  BCM_API_SCOPE: "api://bcm-api/access_as_user",
};

// The settings come from the environment unless given: the tests start from none.
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
beforeEach(() => NAMES.forEach((name) => delete process.env[name]));
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const production = (env: Record<string, unknown>) => makeConfig(env, { mode: "production" });
const development = (env: Record<string, unknown> = {}) => makeConfig(env, { mode: "development" });

function refusal(make: () => unknown): string {
  try {
    make();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the build was not refused");
}

/** What the pane's scripts are given as `process.env.*` (DefinePlugin), as plain values. */
function defined(config: Configuration): Record<string, string> {
  const plugin = config.plugins?.find((p) => p?.constructor.name === "DefinePlugin") as
    (WebpackPluginInstance & { definitions: Record<string, string> }) | undefined;
  if (!plugin) throw new Error("no DefinePlugin");
  return Object.fromEntries(
    Object.entries(plugin.definitions).map(([key, value]) => [
      key.replace("process.env.", ""),
      JSON.parse(value) as string,
    ]),
  );
}

/** Each page's head tags, as HtmlWebpackPlugin is given them. */
function pageTags(config: Configuration): { securityTags: string; officeJsTags: string }[] {
  return (config.plugins ?? [])
    .filter((p) => p?.constructor.name === "HtmlWebpackPlugin")
    .map(
      (p) =>
        (
          p as unknown as {
            userOptions: { templateParameters: { securityTags: string; officeJsTags: string } };
          }
        ).userOptions.templateParameters,
    );
}

/** The files the build adds to its output itself (EmitFilePlugin), with their text. */
function emitted(config: Configuration): { filename: string; text: string }[] {
  return (config.plugins ?? [])
    .filter((p) => p?.constructor.name === "EmitFilePlugin")
    .map((p) => p as unknown as { filename: string; text: string });
}

/** The policy each page carries in its <meta>; the same for all pages and the dev server. */
function policyOf(config: ReturnType<typeof makeConfig>): Map<string, string[]> {
  const tags = pageTags(config);
  expect(tags.length).toBeGreaterThan(0);
  const metas = tags.map(({ securityTags }) => {
    const match = /<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/.exec(
      securityTags,
    );
    if (!match?.[1]) throw new Error(`no CSP <meta> in ${securityTags}`);
    return match[1];
  });
  for (const meta of metas) expect(meta).toBe(config.devServer.headers["Content-Security-Policy"]);
  return new Map(
    metas[0]!.split(";").map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("a production build", () => {
  test("is refused without its settings, naming each one", () => {
    const message = refusal(() => production({}));
    for (const name of ["BCM_API_URL", "BCM_ADDIN_URL", "BCM_PANE_AUTH", "BCM_ENTRA_CLIENT_ID"]) {
      expect(message).toContain(name);
    }
    expect(message).toContain("BCM_API_SCOPE");
  });

  test.each([
    [
      "an http API",
      { BCM_API_URL: "http://bcm-api.example.com/api" },
      /BCM_API_URL must be an https URL/,
    ],
    [
      "the local API",
      { BCM_API_URL: "https://localhost:7071/api" },
      /BCM_API_URL must not be this machine/,
    ],
    [
      "a loopback API",
      { BCM_API_URL: "https://127.0.0.1/api" },
      /BCM_API_URL must not be this machine/,
    ],
    [
      "a local add-in",
      { BCM_ADDIN_URL: "https://localhost:3000" },
      /BCM_ADDIN_URL must not be this machine/,
    ],
    [
      "an add-in URL that is not a URL",
      { BCM_ADDIN_URL: "bcm.example.com" },
      /BCM_ADDIN_URL must be an absolute URL/,
    ],
    [
      "an add-in URL without //",
      { BCM_ADDIN_URL: "https:bcm.example.com" },
      /BCM_ADDIN_URL must be an https URL/,
    ],
    [
      "an API URL with a query",
      { BCM_API_URL: "https://bcm-api.example.com/api?x=1" },
      /BCM_API_URL must have no/,
    ],
    ["the dev sign-in", { BCM_PANE_AUTH: "dev" }, /BCM_PANE_AUTH must be naa/],
    ["no sign-in setting", { BCM_PANE_AUTH: "" }, /BCM_PANE_AUTH must be naa/],
    ["NAA without its client id", { BCM_ENTRA_CLIENT_ID: " " }, /BCM_ENTRA_CLIENT_ID is missing/],
    ["NAA without the API's scope", { BCM_API_SCOPE: "" }, /BCM_API_SCOPE is missing/],
    [
      "an http authority",
      { BCM_ENTRA_AUTHORITY: "http://login.example.com/t" },
      /BCM_ENTRA_AUTHORITY must be an https URL/,
    ],
  ])("is refused with %s", (_, change, problem) => {
    const message = refusal(() => production({ ...GOOD, ...change }));
    expect(message).toMatch(problem);
    // Only what is wrong is named.
    const named = NAMES.filter((name) => message.includes(name));
    expect(named).toEqual(NAMES.filter((name) => name in change));
  });

  test("takes its settings from the environment, or from webpack's --env, which wins", () => {
    Object.assign(process.env, GOOD, { BCM_API_URL: "https://env.example.com/api" });
    expect(defined(production({})).BCM_API_URL).toBe("https://env.example.com/api");
    expect(defined(production({ BCM_API_URL: "https://given.example.com/api" })).BCM_API_URL).toBe(
      "https://given.example.com/api",
    );
    delete process.env.BCM_API_URL;
    expect(refusal(() => production({}))).toMatch(/BCM_API_URL is missing/);
  });

  test("with its settings: the pane calls that API and signs in with Entra, the common authority and Microsoft's Graph by default", () => {
    expect(defined(production(GOOD))).toEqual({
      BCM_API_URL: "https://bcm-api.example.com/api",
      BCM_HARNESS: "",
      BCM_PANE_AUTH: "naa",
      BCM_ENTRA_CLIENT_ID: GOOD.BCM_ENTRA_CLIENT_ID,
      BCM_ENTRA_AUTHORITY: "https://login.microsoftonline.com/common",
      BCM_API_SCOPE: GOOD.BCM_API_SCOPE,
      BCM_GRAPH_URL: "https://graph.microsoft.com/v1.0",
    });
    expect(() => production({ ...GOOD, BCM_GRAPH_URL: "http://graph.example.com" })).toThrow(
      /BCM_GRAPH_URL must be an https URL/,
    );
    const tenant = "https://login.microsoftonline.com/contoso.onmicrosoft.com";
    expect(defined(production({ ...GOOD, BCM_ENTRA_AUTHORITY: tenant })).BCM_ENTRA_AUTHORITY).toBe(
      tenant,
    );
  });

  test("ships no source maps", () => {
    const config = production(GOOD);
    expect(config.devtool).toBe(false);
    const mapPlugins = (config.plugins ?? []).filter((p) =>
      /SourceMap/.test(p?.constructor.name ?? ""),
    );
    expect(mapPlugins).toEqual([]);
  });

  test("pages allow scripts from the add-in and office.js's hosts, connections to the API, Graph and Entra only", () => {
    const policy = policyOf(
      production({ ...GOOD, BCM_ENTRA_AUTHORITY: "https://login.microsoftonline.com/contoso" }),
    );
    expect(Object.fromEntries(policy)).toEqual({
      "default-src": ["'none'"],
      "script-src": ["'self'", "https://appsforoffice.microsoft.com", "https://ajax.aspnetcdn.com"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'"],
      "connect-src": [
        "https://bcm-api.example.com",
        "https://graph.microsoft.com",
        "https://login.microsoftonline.com",
      ],
      "frame-src": ["https://appsforoffice.microsoft.com", "https://login.microsoftonline.com"],
      "object-src": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'none'"],
    });
  });

  test("writes staticwebapp.config.json: Azure Static Web Apps sends the pages' policy, nosniff, no referrer and HTTPS only", () => {
    const config = production(GOOD);
    const files = emitted(config);
    expect(files.map((f) => f.filename)).toEqual(["staticwebapp.config.json"]);
    const hosting = JSON.parse(files[0]!.text) as { globalHeaders: Record<string, string> };
    expect(Object.keys(hosting)).toEqual(["globalHeaders"]);
    const policy = [...policyOf(config)].map(([name, sources]) => [name, ...sources].join(" "));
    expect(hosting.globalHeaders).toEqual({
      "Content-Security-Policy": policy.join("; "),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
      "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    });
    // One source: what the pages' <meta> say is what the host sends.
    for (const { securityTags } of pageTags(config)) {
      expect(securityTags).toContain(
        `content="${hosting.globalHeaders["Content-Security-Policy"]}"`,
      );
      expect(securityTags).toContain(`<meta name="referrer" content="no-referrer" />`);
    }
  });

  test("pages load office.js from Microsoft, with no inline script", () => {
    for (const { officeJsTags } of pageTags(production(GOOD))) {
      expect(officeJsTags).toBe(
        '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>',
      );
    }
  });

  test("the real `webpack --mode production` exits with the missing settings named", () => {
    const env = { ...process.env };
    for (const name of NAMES) delete env[name];
    const run = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production"],
      { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr + run.stdout).toMatch(/BCM_API_URL is missing/);
  }, 60_000);
});

describe("a development build", () => {
  test("defaults to the local API and the dev sign-in", () => {
    const config = development();
    expect(defined(config)).toMatchObject({
      BCM_API_URL: "http://localhost:7071/api",
      BCM_HARNESS: "1",
      BCM_PANE_AUTH: "dev",
    });
    expect(config.devtool).toBe("eval-cheap-module-source-map");
  });

  test("still refuses settings that cannot work", () => {
    expect(refusal(() => development({ BCM_PANE_AUTH: "entra" }))).toMatch(
      /BCM_PANE_AUTH must be dev or naa/,
    );
    expect(refusal(() => development({ BCM_PANE_AUTH: "naa" }))).toMatch(
      /BCM_ENTRA_CLIENT_ID is missing[\s\S]*BCM_API_SCOPE is missing/,
    );
  });

  test("pages allow the dev server's needs, any API on this machine, and the harness's inline opt-out by hash only", () => {
    const config = development();
    const policy = policyOf(config);
    const scripts = policy.get("script-src")!;
    expect(scripts).toContain("'unsafe-eval'");
    expect(scripts).not.toContain("'unsafe-inline'");
    const inline = pageTags(config).map(({ officeJsTags }) => {
      const match = /^<script>(.+?)<\/script>/.exec(officeJsTags);
      if (!match?.[1]) throw new Error(`no inline script in ${officeJsTags}`);
      return `'sha256-${createHash("sha256").update(match[1]).digest("base64")}'`;
    });
    for (const hash of inline) expect(scripts).toContain(hash);
    expect(policy.get("connect-src")).toEqual(
      expect.arrayContaining(["http://localhost:*", "http://127.0.0.1:*", "wss://localhost:*"]),
    );
    expect(policy.get("frame-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
  });

  test("the dev server sends the policy, nosniff, no referrer and no unused features, but not HSTS", () => {
    const config = development();
    expect(config.devServer.headers).toEqual({
      "Content-Security-Policy": expect.stringContaining("default-src 'none'") as unknown,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    });
    // Its host is the dev server: it writes no hosting configuration.
    expect(emitted(config)).toEqual([]);
  });
});

test("each page template puts the security tags first in its <head>", () => {
  for (const page of ["taskpane/taskpane.html", "commands/commands.html", "harness/harness.html"]) {
    const html = readFileSync(join(ROOT, "src", page), "utf8");
    expect(html).toMatch(/<head>\s*<meta charset="utf-8" \/>\s*<%= securityTags %>/);
  }
});

// Issue 18, defect 9: every page load asked for /favicon.ico and got a 404.
test("both builds serve /favicon.ico: the add-in's icon at 16 and 32 px", () => {
  for (const config of [development(), production(GOOD)]) {
    const copy = config.plugins?.find((p) => p?.constructor.name === "CopyPlugin") as
      { patterns: { from: string; to: string }[] } | undefined;
    expect(copy?.patterns).toContainEqual({ from: "assets/favicon.ico", to: "favicon.ico" });
  }
  const ico = readFileSync(join(ROOT, "assets/favicon.ico"));
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
  const images = [0, 1].map((i) => {
    const entry = 6 + 16 * i;
    const [size, length, offset] = [
      ico[entry]!,
      ico.readUInt32LE(entry + 8),
      ico.readUInt32LE(entry + 12),
    ];
    return { size, png: ico.subarray(offset, offset + length) };
  });
  for (const { size, png } of images)
    expect(png.equals(readFileSync(join(ROOT, `assets/icon-${size}.png`)))).toBe(true);
  expect(images.map((i) => i.size)).toEqual([16, 32]);
});
