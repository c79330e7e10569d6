// ESLint flat config: typescript-eslint's type-checked rules everywhere, and the sync core's
// boundary (no React, office.js, localforage or fetch in src/sync) enforced by import rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import prettier from "eslint-config-prettier";
import globals from "globals";

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
    files: ["src/sync/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react-dom", "react/*", "@fluentui/*"],
              message: "src/sync is pure: no UI.",
            },
            {
              group: ["localforage"],
              message: "src/sync reaches storage only through its store port.",
            },
            {
              group: ["**/office/**", "@microsoft/office-js"],
              message: "src/sync does not touch office.js.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "src/sync reaches the network only through its transport port." },
        { name: "Office", message: "src/sync does not touch office.js." },
      ],
    },
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
