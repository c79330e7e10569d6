/**
 * Azurite's lifecycle: starts the Table service as a child process on a given (or free) port,
 * keeping its data in a folder or in memory, and stops it. Used by `npm start`, the tests and
 * the benchmarks. (`require("azurite")` cannot be used: it wants VS Code.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

const TABLE_MAIN = require.resolve("azurite/dist/src/table/main.js");
const WATCHDOG = require.resolve("./azurite-watchdog.cjs");
/** Azurite's well-known development account (public, documented by Microsoft). */
const ACCOUNT = "devstoreaccount1";
const KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** How long a stopping Azurite may take to save its data before it is killed. */
const STOP_GRACE_MS = 120_000;

export interface AzuriteOptions {
  /** A folder for its data; omit for in-memory (everything is lost when it stops). */
  location?: string;
  port?: number;
}

export interface Azurite {
  /** The port it listens on (the one the system picked, when none was given). */
  readonly port: number;
  /** A connection string for this instance's Table endpoint. */
  readonly connectionString: string;
  /** Starts it again on the same port and folder after `stop()` or `kill()`. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL, as a crash would): data not yet saved to its folder is lost. */
  kill(): Promise<void>;
}

/**
 * Starts Azurite on `options.port`, or on a port the system picks (port 0, which Azurite's
 * watchdog reports): never on a port found free beforehand, which another process starting at
 * the same moment could take first.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  let port = options.port ?? 0;
  let child: ChildProcess | undefined;
  const instance: Azurite = {
    get port() {
      return port;
    },
    get connectionString() {
      return (
        `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
        `TableEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`
      );
    },
    async start() {
      if (child) return;
      const args = [
        WATCHDOG,
        TABLE_MAIN,
        "--tableHost",
        "127.0.0.1",
        "--tablePort",
        String(port),
        "--disableTelemetry",
        "--silent",
      ];
      args.push(
        ...(options.location ? ["--location", options.location] : ["--inMemoryPersistence"]),
      );
      const proc = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
      child = proc;
      let stderr = "";
      proc.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
      const listening = new Promise<number>((resolve) => {
        let stdout = "";
        proc.stdout?.on("data", (d: Buffer) => {
          stdout += d.toString();
          const found = /^azurite-port (\d+)$/m.exec(stdout);
          if (found) resolve(Number(found[1]));
        });
      });
      const exited = new Promise<never>((_, reject) =>
        proc.once("exit", (code) =>
          reject(new Error(`Azurite exited (code ${code}) on port ${port}: ${stderr.trim()}`)),
        ),
      );
      try {
        port = await Promise.race([
          listening,
          exited,
          new Promise<never>((_, reject) =>
            setTimeout(
              () => reject(new Error(`Azurite did not listen within 20 s: ${stderr.trim()}`)),
              20_000,
            ).unref(),
          ),
        ]);
      } catch (err) {
        child = undefined;
        proc.kill();
        throw err;
      }
      proc.once("exit", () => {
        if (child === proc) child = undefined;
      });
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once("exit", () => resolve());
        // SIGINT is the signal Azurite shuts down cleanly on: it saves its data first, writing the
        // whole database to a new file and then renaming it. That takes seconds for a large one
        // (the 50k bench's is 240 MB): killed during it, Azurite comes back with what it saved
        // before, and the writes since are lost. It is killed only if it hangs.
        proc.kill("SIGINT");
        setTimeout(() => proc.kill("SIGKILL"), STOP_GRACE_MS).unref();
      });
    },
    async kill() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once("exit", () => resolve());
        proc.kill("SIGKILL");
      });
    },
  };
  await instance.start();
  return instance;
}

/**
 * A TCP port nobody listens on right now. Another process may take it before the caller does:
 * where a server can listen on port 0 and say which port it got, do that instead.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
