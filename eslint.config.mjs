// ESLint flat config: typescript-eslint's type-checked rules everywhere, and the layout's
// boundaries (docs/architecture.md, "Layout"): the folders each folder may import, judged on
// the resolved path of every import (import-x/no-restricted-paths); the packages and globals
// it must not use; no import cycle in the API. tests/unit/lint checks that each rule bites.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import prettier from "eslint-config-prettier";
import globals from "globals";

const UI = ["react", "react/*", "react-dom", "react-dom/*", "@fluentui/*"];
const BROWSER_GLOBALS = ["window", "document", "navigator", "localStorage", "sessionStorage"];
const NODE_GLOBALS = ["process", "Buffer", "require", "__dirname", "__filename", "global"];

const noUi = (who) => ({ group: UI, message: `${who} draws no UI: the pane does.` });
const noOfficeJs = (who) => ({
  group: ["@microsoft/office-js"],
  message: `${who} reaches office.js only through src/office.`,
});
const noLocalforage = (who) => ({
  group: ["localforage"],
  message: `${who} reaches the offline copy's storage only through the store port (src/store).`,
});
const noMsal = (who) => ({
  group: ["@azure/msal-browser"],
  message: `${who} signs in only through src/auth.`,
});
const noNode = (who) => ({
  group: ["node:*"],
  message: `${who} runs in the browser: no Node modules.`,
});
/** The pane's browser-only packages, none of which the API or the sync core may load. */
const browserOnly = (who) => [noUi(who), noOfficeJs(who), noLocalforage(who), noMsal(who)];

/**
 * The layout: each folder of the code, the folders it may import besides itself (`may`), and
 * the packages (`packages`, no-restricted-imports patterns) and globals (`globals`) it must
 * not use. tests/, scripts/ and bench/ may import anything.
 */
const LAYOUT = {
  "src/shared": {
    may: [],
    packages: [
      {
        // Relative imports are judged by `may`; of the packages only zod is allowed.
        regex: "^(?!zod(/|$)|\\.)",
        message: "src/shared imports no package but zod: both sides of the wire load it.",
      },
    ],
    globals: [
      ...[...BROWSER_GLOBALS, "Office", "fetch", "indexedDB"].map((name) => ({
        name,
        message: "src/shared runs on both sides of the wire: no browser globals.",
      })),
      ...NODE_GLOBALS.map((name) => ({
        name,
        message: "src/shared runs on both sides of the wire: no Node globals.",
      })),
    ],
  },
  "src/sync": {
    may: ["src/shared"],
    packages: [...browserOnly("src/sync"), noNode("src/sync")],
    globals: [
      { name: "fetch", message: "src/sync reaches the network only through its transport port." },
      { name: "Office", message: "src/sync reaches office.js only through src/office." },
      ...["localStorage", "sessionStorage", "indexedDB"].map((name) => ({
        name,
        message: "src/sync reaches storage only through its store port.",
      })),
    ],
  },
  "src/store": {
    may: ["src/sync", "src/shared"],
    packages: [
      noUi("src/store"),
      noOfficeJs("src/store"),
      noMsal("src/store"),
      noNode("src/store"),
    ],
  },
  "src/browser": {
    may: ["src/sync", "src/shared"],
    packages: [...browserOnly("src/browser"), noNode("src/browser")],
  },
  "src/auth": {
    may: ["src/shared"],
    packages: [
      noUi("src/auth"),
      noOfficeJs("src/auth"),
      noLocalforage("src/auth"),
      noNode("src/auth"),
    ],
  },
  "src/office": {
    may: ["src/shared"],
    packages: [
      noUi("src/office"),
      noLocalforage("src/office"),
      noMsal("src/office"),
      noNode("src/office"),
    ],
  },
  "src/client": {
    may: ["src/sync", "src/store", "src/browser", "src/auth", "src/office", "src/shared"],
    packages: [noUi("src/client"), noOfficeJs("src/client"), noNode("src/client")],
  },
  "src/commands": {
    may: ["src/client", "src/sync", "src/browser", "src/office", "src/shared"],
    packages: [...browserOnly("src/commands"), noNode("src/commands")],
  },
  "src/taskpane": {
    may: [
      "src/client",
      "src/sync",
      "src/store",
      "src/browser",
      "src/auth",
      "src/office",
      "src/import",
      "src/export",
      "src/shared",
    ],
    packages: [
      noOfficeJs("src/taskpane"),
      noLocalforage("src/taskpane"),
      noMsal("src/taskpane"),
      noNode("src/taskpane"),
    ],
  },
  "src/import": {
    may: ["src/shared"],
    packages: [...browserOnly("src/import"), noNode("src/import")],
    globals: [...BROWSER_GLOBALS, "Office", "fetch", "indexedDB"].map((name) => ({
      name,
      message: "src/import reads bytes in a Web Worker and in Node tests: no page globals.",
    })),
  },
  "src/export": {
    // The export writes the import's Outlook column set (src/import/columns.ts): one table.
    may: ["src/import", "src/shared"],
    packages: [...browserOnly("src/export"), noNode("src/export")],
    globals: [...BROWSER_GLOBALS, "Office", "fetch", "indexedDB"].map((name) => ({
      name,
      message:
        "src/export makes files from records, in the pane and in Node tests: no page globals.",
    })),
  },
  "src/harness": {
    may: ["src/office", "src/shared"],
    packages: [noLocalforage("src/harness"), noMsal("src/harness"), noNode("src/harness")],
  },
  "api/src": {
    may: ["src/shared"],
    packages: browserOnly("The API"),
    globals: [...BROWSER_GLOBALS, "Office"].map((name) => ({
      name,
      message: "The API runs in Node: no browser globals.",
    })),
  },
};

/**
 * The API's domain (its logic, what it is given, its errors) and the storage port: they know
 * nothing of HTTP, and return typed outcomes that api/src/http.ts maps to status codes.
 */
const API_DOMAIN = [
  "api/src/sync",
  "api/src/members",
  "api/src/backup",
  "api/src/storage",
  "api/src/errors.ts",
  "api/src/deps.ts",
  "api/src/retry.ts",
  "api/src/batches.ts",
];
const API_HTTP = [
  "api/src/http.ts",
  "api/src/functions",
  "api/src/services.ts",
  "api/src/index.ts",
  "api/src/local-host.ts",
];

const list = (folders) => (folders.length ? `only ${folders.join(", ")}` : "nothing else");

/** The boundary rules of a folder of LAYOUT, with any `zones` and `packages` more. */
function boundary(folder, files, more = { zones: [], packages: [] }) {
  const { may, packages = [], globals: banned = [] } = LAYOUT[folder];
  const zones = [
    {
      target: `./${folder}`,
      from: ".",
      except: ["./node_modules", `./${folder}`, ...may.map((f) => `./${f}`)],
      message: `${folder} imports ${list(may)} of the project (docs/architecture.md, "Layout").`,
    },
    ...more.zones,
  ];
  const patterns = [...packages, ...more.packages];
  return {
    files,
    rules: {
      "import-x/no-restricted-paths": ["error", { zones, basePath: import.meta.dirname }],
      ...(patterns.length ? { "no-restricted-imports": ["error", { patterns }] } : {}),
      ...(banned.length ? { "no-restricted-globals": ["error", ...banned] } : {}),
    },
  };
}

export default tseslint.config(
  { ignores: ["node_modules", "dist", "api/dist", ".data", "coverage", "test-results"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["src/**/*.tsx", "src/**/use*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    plugins: { "import-x": importX },
    settings: {
      // The files import-x reads to follow imports (no-cycle).
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs", ".cjs"],
      "import-x/resolver-next": [
        createNodeResolver({
          extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
        }),
      ],
    },
  },
  ...Object.keys(LAYOUT).map((folder) => boundary(folder, [`${folder}/**/*.{ts,tsx}`])),
  // The API's domain: api/src's rules and more (a later entry replaces a rule's options).
  boundary(
    "api/src",
    API_DOMAIN.map((f) => (f.endsWith(".ts") ? f : `${f}/**/*.ts`)),
    {
      zones: [
        {
          target: API_DOMAIN.map((f) => `./${f}`),
          from: API_HTTP.map((f) => `./${f}`),
          message:
            "The API's domain returns typed outcomes: only the routes (api/src/http.ts, api/src/functions) speak HTTP.",
        },
      ],
      packages: [
        {
          group: ["@azure/functions"],
          message: "The API's domain knows nothing of Azure Functions: api/src/http.ts does.",
        },
      ],
    },
  ),
  {
    // The API's layers go one way: routes, then the domain, then storage.
    files: ["api/src/**/*.ts"],
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // jest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`.
    files: ["tests/**/*.ts", "tests/**/*.tsx"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    // Plain JavaScript (configs, build scripts, the jest reporter) is not in the TypeScript
    // project: lint it without type information.
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  prettier,
);
