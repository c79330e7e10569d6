// Builds the add-in's pages (task pane, ribbon function file, browser harness) and copies the
// manifest with its URLs pointing at BCM_ADDIN_URL (production) or https://localhost:3000.
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { DefinePlugin } = require("webpack");
const { GriffelCSSExtractionPlugin } = require("@griffel/webpack-extraction-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");
const { rewriteManifest } = require("./scripts/manifest-transform.cjs");

const DEV_URL = "https://localhost:3000";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

module.exports = (_env, argv) => {
  const dev = argv.mode !== "production";
  const addinUrl = (process.env.BCM_ADDIN_URL || DEV_URL).replace(/\/$/, "");
  const apiUrl = process.env.BCM_API_URL || "http://localhost:7071/api";
  // Locally (and in tests) there is no internet: office.js is served from the npm package.
  const officeJs = dev ? "/office-js/office.js" : OFFICE_JS_CDN;
  // Development builds only: outside Office, office.js blanks any page it finds framed (its
  // guard against framing by strangers); the browser harness frames the pages on purpose.
  const harnessOptOut = dev
    ? "<script>try { if (window.parent !== window && window.parent.__bcmHarness) window.OsfOptOut = true; }" +
      " catch (e) { /* a parent of another origin is Outlook on the web */ }</script>"
    : "";
  const officeJsTags = `${harnessOptOut}<script src="${officeJs}"></script>`;
  const page = (name, chunks, template) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template,
      chunks,
      templateParameters: { officeJsTags },
    });

  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "eval-cheap-module-source-map" : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      ...(dev ? { harness: "./src/harness/index.tsx" } : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      // The pane's screens past its first paint are chunks loaded on first use (React.lazy).
      // They are fetched from beside the script that asks for them ("auto"), so the same build
      // works from the dev server, BCM_ADDIN_URL, or any folder the pages are served from.
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.[jt]sx?$/,
          exclude: /node_modules/,
          loader: "esbuild-loader",
          options: { target: "es2022", jsx: "automatic" },
        },
        // Fluent's components come with their CSS compiled ahead of time (Griffel's `__styles`):
        // it goes into one stylesheet that the pages link, instead of strings in the scripts that
        // the pane would insert at run time. The pane's own `makeStyles` stay in its scripts.
        {
          test: /\.js$/,
          include: /node_modules[\\/]@fluentui[\\/]/,
          use: GriffelCSSExtractionPlugin.loader,
        },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
      ],
    },
    plugins: [
      // Griffel orders the rules itself: mini-css-extract-plugin's order warnings do not apply.
      new MiniCssExtractPlugin({ filename: "[name].[contenthash:8].css", ignoreOrder: true }),
      new GriffelCSSExtractionPlugin(),
      new DefinePlugin({
        "process.env.BCM_API_URL": JSON.stringify(apiUrl),
        "process.env.BCM_HARNESS": JSON.stringify(dev ? "1" : ""),
        // How the pane signs in: the dev token, or Entra ID through NAA (README, "Settings").
        ...Object.fromEntries(
          ["BCM_PANE_AUTH", "BCM_ENTRA_CLIENT_ID", "BCM_ENTRA_AUTHORITY", "BCM_API_SCOPE"].map(
            (name) => [`process.env.${name}`, JSON.stringify(process.env[name] ?? "")],
          ),
        ),
      }),
      page("taskpane", ["taskpane"], "./src/taskpane/taskpane.html"),
      page("commands", ["commands"], "./src/commands/commands.html"),
      ...(dev ? [page("harness", ["harness"], "./src/harness/harness.html")] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (buf) => rewriteManifest(buf.toString(), addinUrl),
          },
          ...(dev ? [{ from: "node_modules/@microsoft/office-js/dist", to: "office-js" }] : []),
        ],
      }),
    ],
    performance: { hints: false },
  };
};
