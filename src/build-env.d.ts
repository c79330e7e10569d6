// The build's settings: webpack's DefinePlugin replaces each `process.env.BCM_*` with its value
// (webpack.config.js). The pages have no Node `process` otherwise.
declare const process: { readonly env: Readonly<Record<string, string | undefined>> };
