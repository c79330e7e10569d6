/**
 * `npm start`: everything on this machine, no cloud account. Azurite keeps the shared
 * database in `.data/azurite`, the API answers at http://localhost:7071/api through the local
 * Functions host, and the webpack dev server serves the add-in at https://localhost:3000. A
 * development Graph (scripts/dev-graph.ts) holds the harness's sample e-mails, for "Find
 * e-mails" on a contact's card. Ctrl-C stops them all.
 *
 * Settings (all optional): BCM_DATA_DIR (default `.data`), BCM_TABLE_PORT (10002),
 * BCM_API_PORT (7071) (0 for either: a port the system picks), BCM_WEB_PORT (3000),
 * BCM_STORAGE_CONNECTION (use that storage account instead of starting Azurite), BCM_SEED=0
 * (no sample database on first run).
 */
import { resolve } from "node:path";
import webpack from "webpack";
import WebpackDevServer from "webpack-dev-server";
import { startAzurite, type Azurite } from "./azurite";
import { ensureDevCerts } from "./certs";
import { seedSampleDatabase } from "./seed";
import { FakeGraph, type FakeMessage } from "./dev-graph";
import { SAMPLE_ITEMS, SAMPLE_USER } from "../src/harness/sample-data";
import type { EmailAddressDetails } from "../src/office/fake-mailbox";

const root = resolve(__dirname, "..");
const dataDir = resolve(root, process.env.BCM_DATA_DIR ?? ".data");
const tablePort = Number(process.env.BCM_TABLE_PORT ?? 10002);
const apiPort = Number(process.env.BCM_API_PORT ?? 7071);
const webPort = Number(process.env.BCM_WEB_PORT ?? 3000);

/** The harness's sample e-mails, as the development Graph lists them. */
function sampleMessages(): FakeMessage[] {
  const person = (p: EmailAddressDetails) => ({ name: p.displayName, address: p.emailAddress });
  return SAMPLE_ITEMS.flatMap((item) =>
    item.itemType === "message"
      ? [
          {
            id: item.itemId,
            internetMessageId: item.internetMessageId,
            subject: item.subject,
            from: person(item.from),
            to: item.to.map(person),
            cc: item.cc.map(person),
            sentDateTime: item.dateTimeCreated,
            receivedDateTime: item.dateTimeCreated,
            conversationId: item.conversationId,
          },
        ]
      : [],
  );
}

async function main(): Promise<void> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log("\nStopping…");
      void stopAll().then(() => process.exit(0));
    });
  }

  try {
    const certs = await ensureDevCerts(resolve(dataDir, "certs"));

    let azurite: Azurite | undefined;
    if (!process.env.BCM_STORAGE_CONNECTION) {
      azurite = await startAzurite({ location: resolve(dataDir, "azurite"), port: tablePort });
      stops.push(() => azurite!.stop());
      process.env.BCM_STORAGE_CONNECTION = azurite.connectionString;
    }
    const webOrigin = `https://localhost:${webPort}`;
    process.env.BCM_ALLOWED_ORIGINS ??= webOrigin;
    process.env.BCM_DEV_KEY_FILE ??= resolve(dataDir, "dev-signing-key");

    // The API reads its settings on first use, so it is loaded after they are set.
    const { startLocalHost } = await import("../api/src/local-host");
    const { getServices } = await import("../api/src/services");
    const api = await startLocalHost({ port: apiPort });
    stops.push(() => api.close());
    // Its own port: the one asked for, or the one the system picked for BCM_API_PORT=0.
    const apiUrl = `http://localhost:${new URL(api.url).port}/api`;

    if (process.env.BCM_SEED !== "0") {
      const seeded = await seedSampleDatabase(getServices().repo);
      if (seeded) console.log(`Sample database "${seeded.name}" made for ${seeded.owner}.`);
    }

    process.env.BCM_API_URL = apiUrl;
    const graph = await FakeGraph.start({
      mailboxes: {
        [SAMPLE_USER.emailAddress]: {
          token: `dev-graph:${SAMPLE_USER.emailAddress}`,
          messages: sampleMessages(),
        },
      },
    });
    stops.push(() => graph.close());
    process.env.BCM_GRAPH_URL = graph.baseUrl;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const makeConfig = require("../webpack.config.js") as (
      env: unknown,
      argv: { mode: string },
    ) => webpack.Configuration & { devServer?: WebpackDevServer.Configuration };
    const config = makeConfig({}, { mode: "development" });
    const compiler = webpack(config);
    const web = new WebpackDevServer(
      {
        port: webPort,
        host: "localhost",
        server: { type: "https", options: { key: certs.key, cert: certs.cert } },
        static: false,
        hot: false,
        // The tests' stacks set BCM_LIVE_RELOAD=0: a page they drive must not reload under them.
        liveReload: process.env.BCM_LIVE_RELOAD !== "0",
        client: { overlay: { errors: true, warnings: false }, logging: "warn" },
        // The pages' Content-Security-Policy, nosniff and Referrer-Policy (webpack.config.js).
        headers: { ...config.devServer?.headers, "Access-Control-Allow-Origin": webOrigin },
      },
      compiler,
    );
    // "Ready" means the add-in is built: until its first build the dev server holds requests.
    const built = new Promise<void>((resolve) =>
      compiler.hooks.done.tap("bcm-ready", () => resolve()),
    );
    await web.start();
    stops.push(() => web.stop());
    await built;

    console.log(
      [
        "",
        `Shared database: ${azurite ? `Azurite on 127.0.0.1:${azurite.port}, data in ${resolve(dataDir, "azurite")}` : "the storage account in BCM_STORAGE_CONNECTION"}`,
        `API:             ${apiUrl}  (try ${apiUrl}/health)`,
        `Add-in:          ${webOrigin}/taskpane.html  (manifest: ${webOrigin}/manifest.xml)`,
        `Browser harness: ${webOrigin}/harness.html`,
        `Certificate authority to trust for sideloading: ${certs.caFile}`,
        "Ready. Press Ctrl-C to stop.",
      ].join("\n"),
    );
  } catch (err) {
    console.error(`npm start failed: ${err instanceof Error ? err.message : String(err)}`);
    await stopAll();
    process.exit(1);
  }
}

void main();
