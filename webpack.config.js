// Builds the add-in's pages (task pane, ribbon function file, browser harness) and copies the
// manifest with its URLs pointing at BCM_ADDIN_URL; a production build also writes
// staticwebapp.config.json, the headers its host sends. A production build refuses to build
// without its settings (scripts/build-settings.cjs, README "Settings"), given in the
// environment or as `--env NAME=value`; a development build defaults to this machine.
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { DefinePlugin, Compilation, sources } = require("webpack");
const { GriffelCSSExtractionPlugin } = require("@griffel/webpack-extraction-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");
const { rewriteManifest } = require("./scripts/manifest-transform.cjs");
const {
  buildSettings,
  contentSecurityPolicy,
  securityHeaders,
  staticWebAppConfig,
  OFFICE_JS_HOST,
  REFERRER_POLICY,
} = require("./scripts/build-settings.cjs");

/** Adds a file of `text` to the build's output. */
class EmitFilePlugin {
  constructor(filename, text) {
    this.filename = filename;
    this.text = text;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("EmitFilePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "EmitFilePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => compilation.emitAsset(this.filename, new sources.RawSource(this.text)),
      );
    });
  }
}

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  const settings = buildSettings(env, process.env, !dev);
  // Locally (and in tests) there is no internet: office.js is served from the npm package.
  const officeJs = dev ? "/office-js/office.js" : `${OFFICE_JS_HOST}/lib/1/hosted/office.js`;
  // Development builds only: outside Office, office.js blanks any page it finds framed (its
  // guard against framing by strangers); the browser harness frames the pages on purpose.
  const harnessOptOut = dev
    ? "try { if (window.parent !== window && window.parent.__bcmHarness) window.OsfOptOut = true; }" +
      " catch (e) { /* a parent of another origin is Outlook on the web */ }"
    : "";
  const csp = contentSecurityPolicy(settings, {
    dev,
    inlineScripts: harnessOptOut ? [harnessOptOut] : [],
  });
  const headers = securityHeaders(csp, { dev });
  // First in each page's <head>: a policy given by <meta> covers only what comes after it.
  const securityTags =
    `<meta http-equiv="Content-Security-Policy" content="${csp}" />` +
    `<meta name="referrer" content="${REFERRER_POLICY}" />`;
  const officeJsTags =
    (harnessOptOut ? `<script>${harnessOptOut}</script>` : "") +
    `<script src="${officeJs}"></script>`;
  const page = (name, chunks, template) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template,
      chunks,
      templateParameters: { securityTags, officeJsTags },
    });

  return {
    mode: dev ? "development" : "production",
    // No source maps in production: dist/ ships the minified scripts only.
    devtool: dev ? "eval-cheap-module-source-map" : false,
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
        "process.env.BCM_API_URL": JSON.stringify(settings.apiUrl),
        "process.env.BCM_HARNESS": JSON.stringify(dev ? "1" : ""),
        // How the pane signs in: the dev token, or Entra ID through NAA (README, "Settings").
        "process.env.BCM_PANE_AUTH": JSON.stringify(settings.paneAuth),
        "process.env.BCM_ENTRA_CLIENT_ID": JSON.stringify(settings.clientId),
        "process.env.BCM_ENTRA_AUTHORITY": JSON.stringify(settings.authority),
        "process.env.BCM_API_SCOPE": JSON.stringify(settings.apiScope),
        // Where "Find e-mails" searches the mailbox ("" without: the pane does not offer it).
        "process.env.BCM_GRAPH_URL": JSON.stringify(settings.graphUrl),
      }),
      page("taskpane", ["taskpane"], "./src/taskpane/taskpane.html"),
      page("commands", ["commands"], "./src/commands/commands.html"),
      ...(dev ? [page("harness", ["harness"], "./src/harness/harness.html")] : []),
      // Azure Static Web Apps sends these headers with every file (the dev server, below).
      ...(dev
        ? []
        : [
            new EmitFilePlugin(
              "staticwebapp.config.json",
              `${JSON.stringify(staticWebAppConfig(headers), null, 2)}\n`,
            ),
          ]),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/favicon.ico", to: "favicon.ico" },
          { from: "src/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (buf) => rewriteManifest(buf.toString(), settings.addinUrl),
          },
          ...(dev ? [{ from: "node_modules/@microsoft/office-js/dist", to: "office-js" }] : []),
        ],
      }),
    ],
    performance: { hints: false },
    // scripts/start.ts serves the pages with these (the pages carry the policy themselves too).
    devServer: { headers },
  };
};
