// Three projects, so that a quick `npx jest tests/unit` starts nothing: "api" and "e2e" start
// their own Azurite and local hosts in their global setup, only when one of their tests runs.
/** ESM-only packages that jest must transform to run under CommonJS. */
const esmPackages = ["jose", "uuid", "strip-bom", "office-addin-mock"].join("|");

/** @type {import('jest').Config['projects'][number]} */
const common = {
  transform: {
    "^.+\\.(t|j|mj)sx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", tsx: true },
          transform: { react: { runtime: "automatic" } },
          target: "es2022",
        },
        module: { type: "commonjs" },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages})/)`],
  moduleFileExtensions: ["ts", "tsx", "js", "mjs", "cjs", "json"],
  testEnvironment: "node",
};

/** @type {import('jest').Config} */
module.exports = {
  reporters: ["default", "<rootDir>/tests/support/summary-reporter.js"],
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts?(x)", "<rootDir>/tests/manifest/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "api",
      testMatch: ["<rootDir>/tests/api/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/support/api-global-setup.ts",
      globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
      setupFilesAfterEnv: ["<rootDir>/tests/support/timeouts.ts"],
    },
    {
      // Attacks over HTTP on the same local host and Azurite as the api project (jest runs a
      // global setup file once, however many projects name it).
      ...common,
      displayName: "security",
      testMatch: ["<rootDir>/tests/security/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/support/api-global-setup.ts",
      globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
      setupFilesAfterEnv: ["<rootDir>/tests/support/timeouts.ts"],
    },
    {
      ...common,
      displayName: "e2e",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
      testEnvironment: "<rootDir>/tests/support/e2e-environment.ts",
      globalSetup: "<rootDir>/tests/support/e2e-global-setup.ts",
      globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
      setupFiles: ["<rootDir>/tests/support/e2e-env.ts"],
      setupFilesAfterEnv: ["<rootDir>/tests/support/timeouts.ts"],
    },
  ],
};
