/**
 * The real parts the tests run against: Azurite, the local Functions host (the same one
 * `npm start` runs) and the whole `npm start` stack, each as its own process, listening on
 * ports the system picks (port 0) so that workers starting at once never take each other's.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, startAzurite as startAzuriteProcess, type Azurite } from "../../scripts/azurite";
import { FaultProxy, type FaultProxyOptions } from "./fault-proxy";

const ROOT = resolve(__dirname, "../..");

/** An Azurite that keeps its data in a temporary folder, so it can be stopped and started. */
export async function startAzurite(): Promise<Azurite & { dispose(): Promise<void> }> {
  const location = mkdtempSync(join(tmpdir(), "bcm-azurite-"));
  const azurite = await startAzuriteProcess({ location });
  return {
    ...azurite,
    async dispose() {
      await azurite.stop();
      rmSync(location, { recursive: true, force: true });
    },
  };
}

export interface Running {
  url: string;
  output: () => string;
  close(): Promise<void>;
  /** Kills it at once (SIGKILL to its process group), as a crash would. */
  kill?(): Promise<void>;
}

/**
 * The local Functions host in its own process, against the given storage: serving the API's
 * source, or a production bundle (api-bundle.ts) as the Functions worker would load it.
 */
export async function startApiHost(options: {
  storageConnection: string;
  webOrigin?: string;
  env?: Record<string, string>;
  bundle?: string;
}): Promise<Running> {
  const entry = options.bundle
    ? ["tests/support/bundle-host.ts", options.bundle]
    : ["api/src/local-host.ts"];
  // Port 0: the host listens where the system says, and tells where.
  const proc = launch(["node", "--import", "tsx", ...entry], {
    BCM_API_PORT: "0",
    BCM_STORAGE_CONNECTION: options.storageConnection,
    BCM_ALLOWED_ORIGINS: options.webOrigin ?? "https://localhost:3000",
    ...options.env,
  });
  const [, url] = await proc.waitFor(/API listening on (\S+)/, 30_000);
  return {
    url: url!,
    output: proc.output,
    close: () => proc.stop(),
    kill: () => proc.stop("SIGKILL"),
  };
}

/**
 * A second local host on the tests' Azurite (its caches cold), its storage requests through a
 * fault proxy (`proxy`: what to watch, hold back or fail), with the tests' sign-in key.
 */
export async function startWatchedHost(
  proxy: Omit<FaultProxyOptions, "target">,
): Promise<{ host: Running; storage: FaultProxy; close(): Promise<void> }> {
  const azurite = process.env.BCM_TEST_STORAGE!;
  const port = /TableEndpoint=http:\/\/127\.0\.0\.1:(\d+)\//.exec(azurite)![1]!;
  const storage = await FaultProxy.start({ target: `http://127.0.0.1:${port}`, ...proxy });
  const host = await startApiHost({
    storageConnection: azurite.replace(`:${port}/`, `:${new URL(storage.url).port}/`),
    env: { BCM_DEV_KEY_FILE: process.env.BCM_TEST_DEV_KEY_FILE! },
  }).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  return {
    host,
    storage,
    async close() {
      await host.close();
      await storage.close();
    },
  };
}

/**
 * `npm start` itself, with its data in a temporary folder. Azurite and the API listen on ports
 * the system picks (0); the add-in's origin must be known before anything starts (the API
 * allows it), so its port is found free first, and taken again if another process got it.
 */
export async function startNpmStart(): Promise<Running & { apiUrl: string; webUrl: string }> {
  for (let attempt = 1; ; attempt++) {
    const dataDir = mkdtempSync(join(tmpdir(), "bcm-start-"));
    const webPort = await freePort();
    const proc = launch(["npm", "start", "--silent"], {
      BCM_DATA_DIR: dataDir,
      BCM_TABLE_PORT: "0",
      BCM_API_PORT: "0",
      BCM_WEB_PORT: String(webPort),
      BCM_LIVE_RELOAD: "0",
    });
    const close = async () => {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
    try {
      await proc.waitFor(/^Ready\./m, 240_000);
    } catch (err) {
      await close();
      if (attempt < 3 && /EADDRINUSE/.test(proc.output())) continue;
      throw err;
    }
    const [, apiUrl] = /^API:\s+(\S+)/m.exec(proc.output())!;
    return {
      url: `https://localhost:${webPort}`,
      webUrl: `https://localhost:${webPort}`,
      apiUrl: apiUrl!,
      output: proc.output,
      close,
    };
  }
}

function launch(command: string[], env: Record<string, string>) {
  const [file, ...args] = command as [string, ...string[]];
  // Its own process group, so that stopping it stops npm's children too.
  const child: ChildProcess = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
    // BCM_TEST_VERBOSE=1 shows what the servers under test log (their errors, for instance).
    if (process.env.BCM_TEST_VERBOSE === "1") process.stderr.write(d);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return {
    output: () => output,
    /** Resolves with the match once the output matches `pattern`. */
    async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = pattern.exec(output);
        if (found) return found;
        if (child.exitCode !== null)
          throw new Error(`${command.join(" ")} exited early:\n${output}`);
        if (Date.now() > deadline)
          throw new Error(`${command.join(" ")} not ready after ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** `first` (SIGTERM), then SIGKILL 5 s later if it still runs. */
    async stop(first: NodeJS.Signals = "SIGTERM"): Promise<void> {
      if (child.exitCode !== null || child.pid === undefined) return;
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-(child.pid as number), name);
        } catch {
          // The group has already gone.
        }
      };
      signal(first);
      const timer = setTimeout(() => signal("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
