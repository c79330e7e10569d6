// The add-in build's settings (README, "Settings"), the Content-Security-Policy its pages
// carry, and the headers they are served with (the dev server's, and Azure Static Web Apps'
// from dist/staticwebapp.config.json). webpack.config.js reads them; CommonJS because
// webpack.config.js is.
//
// A production build fails closed: it refuses to build, naming every setting that is missing
// or wrong, rather than ship pages that call a local API or sign in with the dev token.
"use strict";

const { createHash } = require("node:crypto");

/** Microsoft's host of office.js: the pages load it from there in production, and office.js
 * loads its host-specific scripts, strings and telemetry script from beside itself. */
const OFFICE_JS_HOST = "https://appsforoffice.microsoft.com";
/** office.js's Outlook scripts load MicrosoftAjax.js from this CDN when the page has none. */
const MS_AJAX_HOST = "https://ajax.aspnetcdn.com";
const COMMON_AUTHORITY = "https://login.microsoftonline.com/common";
/** Microsoft Graph, where "Find e-mails" searches the user's mailbox. */
const GRAPH_URL = "https://graph.microsoft.com/v1.0";

const NAMES = [
  "BCM_ADDIN_URL",
  "BCM_API_URL",
  "BCM_PANE_AUTH",
  "BCM_ENTRA_CLIENT_ID",
  "BCM_ENTRA_AUTHORITY",
  "BCM_API_SCOPE",
  "BCM_GRAPH_URL",
];

/** What a development build uses for a setting it is not given (`npm start`, the tests). */
const DEV_DEFAULTS = {
  BCM_ADDIN_URL: "https://localhost:3000",
  BCM_API_URL: "http://localhost:7071/api",
  BCM_PANE_AUTH: "dev",
};

/**
 * @typedef {object} BuildSettings
 * @property {string} addinUrl where the pages are served from (no trailing slash)
 * @property {string} apiUrl the API the pane calls
 * @property {"dev" | "naa"} paneAuth how the pane signs in
 * @property {string} clientId with naa: the add-in's Entra app registration
 * @property {string} authority with naa: the Entra authority (the common one unless given)
 * @property {string} apiScope with naa: the API's scope
 * @property {string} graphUrl Microsoft Graph ("" in a development build not given one)
 */

/**
 * The build's settings, each from `given` (webpack's `--env NAME=value`) or else the
 * environment. A production build needs them all; a development build has defaults.
 * @param {Record<string, unknown> | undefined} given
 * @param {NodeJS.ProcessEnv} environment
 * @param {boolean} production
 * @returns {BuildSettings}
 */
function buildSettings(given, environment, production) {
  /** @type {Record<string, string>} */
  const s = {};
  for (const name of NAMES) {
    const value = given?.[name] ?? environment[name];
    s[name] = typeof value === "string" ? value.trim() : "";
  }
  if (!production) {
    for (const [name, value] of Object.entries(DEV_DEFAULTS)) s[name] ||= value;
  }
  const problems = [];
  const missing = (name, what) => problems.push(`${name} is missing: ${what}`);
  const url = (name, what) => {
    if (!s[name]) return missing(name, what);
    const problem = urlProblem(s[name], production);
    if (problem) problems.push(`${name} ${problem}, got ${JSON.stringify(s[name])}`);
  };
  url("BCM_API_URL", "the URL of the API the add-in calls, e.g. https://bcm-api.example.com/api");
  url("BCM_ADDIN_URL", "the URL the add-in's pages are served from, e.g. https://bcm.example.com");
  if (production) s.BCM_GRAPH_URL ||= GRAPH_URL;
  if (s.BCM_GRAPH_URL) url("BCM_GRAPH_URL", "");

  if (production && s.BCM_PANE_AUTH !== "naa") {
    problems.push(
      `BCM_PANE_AUTH must be naa (Entra ID through Nested App Authentication), got ${JSON.stringify(s.BCM_PANE_AUTH)}: the dev sign-in is for development builds only`,
    );
  } else if (s.BCM_PANE_AUTH !== "dev" && s.BCM_PANE_AUTH !== "naa") {
    problems.push(`BCM_PANE_AUTH must be dev or naa, got ${JSON.stringify(s.BCM_PANE_AUTH)}`);
  }
  if (production || s.BCM_PANE_AUTH === "naa") {
    if (!s.BCM_ENTRA_CLIENT_ID) {
      missing("BCM_ENTRA_CLIENT_ID", "the add-in's Entra app registration (its client id)");
    }
    if (!s.BCM_API_SCOPE) {
      missing("BCM_API_SCOPE", "the API's scope, e.g. api://<API app id>/access_as_user");
    }
    if (s.BCM_ENTRA_AUTHORITY) url("BCM_ENTRA_AUTHORITY", "");
  }
  if (problems.length > 0) {
    const build = production ? "The production build" : "The build";
    throw new Error(
      `${build} of the add-in needs its settings (README, "Settings"):\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        (production
          ? "\nA development build (webpack --mode development, npm start) has defaults."
          : ""),
    );
  }
  const naa = s.BCM_PANE_AUTH === "naa";
  return {
    addinUrl: s.BCM_ADDIN_URL.replace(/\/+$/, ""),
    apiUrl: s.BCM_API_URL,
    paneAuth: naa ? "naa" : "dev",
    clientId: naa ? s.BCM_ENTRA_CLIENT_ID : "",
    authority: naa ? s.BCM_ENTRA_AUTHORITY || COMMON_AUTHORITY : "",
    apiScope: naa ? s.BCM_API_SCOPE : "",
    graphUrl: s.BCM_GRAPH_URL.replace(/\/+$/, ""),
  };
}

/** Why `text` cannot be one of the build's URLs, or undefined if it can. */
function urlProblem(text, production) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password || url.search || url.hash) {
    return "must have no user, password, query or fragment";
  }
  if (!production) return undefined;
  // Checked on the text too: new URL("https:host") would quietly read as https://host/.
  if (url.protocol !== "https:" || !text.startsWith("https://")) return "must be an https URL";
  if (isLoopback(url.hostname)) return "must not be this machine (localhost) in production";
  return undefined;
}

function isLoopback(hostname) {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    /^127\./.test(hostname) ||
    hostname === "[::1]" ||
    hostname === "0.0.0.0"
  );
}

/** The CSP source for an inline script: `'sha256-…'` of its exact text. */
function scriptHash(text) {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The Content-Security-Policy of the add-in's pages. Scripts only from the add-in itself and
 * Microsoft's office.js hosts; connections only to the API and Entra; no plugins; no <base>;
 * no form posts. Styles allow 'unsafe-inline': Fluent UI (Griffel) and the pages insert <style>
 * elements at run time. Development builds also allow: eval (webpack's eval source maps),
 * the harness's inline office.js opt-out (by hash), any API on this machine (the harness's
 * `?api=`, the tests' free ports), the dev server's live-reload socket, and framing by itself
 * (the harness frames the pane).
 * @param {BuildSettings} settings
 * @param {{ dev: boolean, inlineScripts?: readonly string[] }} options
 * @returns {string}
 */
function contentSecurityPolicy(settings, { dev, inlineScripts = [] }) {
  const entra = settings.paneAuth === "naa" ? [new URL(settings.authority).origin] : [];
  const api = new URL(settings.apiUrl).origin;
  const graph = settings.graphUrl ? [new URL(settings.graphUrl).origin] : [];
  const directives = dev
    ? {
        "default-src": ["'none'"],
        "script-src": ["'self'", ...inlineScripts.map(scriptHash), "'unsafe-eval'", MS_AJAX_HOST],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'"],
        "connect-src": [
          "'self'",
          api,
          "http://localhost:*",
          "http://127.0.0.1:*",
          "wss://localhost:*",
          ...graph,
          ...entra,
        ],
        "frame-src": ["'self'", ...entra],
      }
    : {
        "default-src": ["'none'"],
        "script-src": ["'self'", OFFICE_JS_HOST, MS_AJAX_HOST],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'"],
        "connect-src": [api, ...graph, ...entra],
        // office.js frames its own host to ask the user about an Outlook host it does not know;
        // MSAL, outside NAA, renews tokens in a hidden frame of the authority.
        "frame-src": [OFFICE_JS_HOST, ...entra],
      };
  directives["object-src"] = ["'none'"];
  directives["base-uri"] = ["'none'"];
  directives["form-action"] = ["'none'"];
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${[...new Set(sources)].join(" ")}`)
    .join("; ");
}

/** The pages send no Referer (the API needs none): in a <meta>, and as a header. */
const REFERRER_POLICY = "no-referrer";

/**
 * The headers every file of the add-in is served with, from this one place: by the dev server
 * (scripts/start.ts), and in production by Azure Static Web Apps, which reads them from
 * `staticWebAppConfig`. The policy is the one the pages also carry in a <meta> (for a host that
 * sends no headers). Browser features the pane never uses are turned off. Production only:
 * Strict-Transport-Security (HTTPS only, for a year, subdomains included); on the dev server it
 * would make the browser refuse http://localhost for every port, the local API's included.
 * Left out on purpose: X-Frame-Options and CSP `frame-ancestors` (Outlook frames the pane, from
 * origins Microsoft does not list), Cross-Origin-Opener-Policy (Office's dialogs and MSAL's
 * popups need their opener), Cross-Origin-Resource-Policy (Outlook loads the icons).
 * @param {string} csp the pages' Content-Security-Policy
 * @param {{ dev: boolean }} options
 * @returns {Record<string, string>}
 */
function securityHeaders(csp, { dev }) {
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": REFERRER_POLICY,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(dev ? {} : { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" }),
  };
}

/**
 * dist/staticwebapp.config.json: Azure Static Web Apps' configuration of the add-in's host
 * (learn.microsoft.com/azure/static-web-apps/configuration). `globalHeaders` go with every
 * answer, error pages included. The host always serves HTTPS and redirects HTTP to it.
 * @param {Record<string, string>} headers `securityHeaders(…)`
 */
function staticWebAppConfig(headers) {
  return { globalHeaders: headers };
}

module.exports = {
  buildSettings,
  contentSecurityPolicy,
  securityHeaders,
  staticWebAppConfig,
  OFFICE_JS_HOST,
  REFERRER_POLICY,
  NAMES,
};
