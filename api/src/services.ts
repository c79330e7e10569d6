/**
 * The API's long-lived parts, made once per process (a Functions instance or the local host):
 * settings, the authenticator, and what the domain is given (`Deps`: the repository, the clock,
 * randomness and sleep). Routes and `http.ts` get them here; the domain never imports this file.
 */
import { ManagedIdentityCredential } from "@azure/identity";
import { createAuthenticator, type Authenticator } from "./auth";
import { loadConfig, type Config } from "./config";
import type { Deps } from "./deps";
import { TableRepository, type TableAccess } from "./storage/table-repository";
import { countStorageRequest } from "./telemetry";

export interface Services extends Deps {
  config: Config;
  auth: Authenticator;
}

let services: Services | undefined;

/**
 * Replaces parts of the services before first use: the benchmarks give the repository a
 * request counter. The API itself never calls this.
 */
export function configureServices(overrides: Partial<Services>): Services {
  services = { ...getServices(), ...overrides };
  return services;
}

/**
 * Makes the services from `config`. The Functions entry point calls this when it loads, so that
 * its settings are checked at start; everything else gets them on first use (`getServices`).
 */
export function startServices(config: Config = loadConfig()): Services {
  services = {
    config,
    repo: new TableRepository({
      ...tableAccess(config),
      tablePrefix: config.tablePrefix,
      onRequest: countStorageRequest,
    }),
    auth: createAuthenticator(config),
    now: () => new Date(),
    random: Math.random,
    sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  };
  return services;
}

/**
 * How the repository reaches the tables: with the table endpoint, by the managed identity
 * (`ManagedIdentityCredential`, the user-assigned identity when a client id is given). Not
 * `DefaultAzureCredential`: in the Function app the managed identity is the only right answer,
 * and a chain that tries environment variables and developer sign-ins first could pick another
 * identity, or be slow to fail. Else the connection string (Azurite locally).
 */
export function tableAccess(config: Config): TableAccess {
  const { storage } = config;
  if (storage.kind === "connectionString") return { connectionString: storage.connectionString };
  return {
    endpoint: storage.endpoint,
    credential: new ManagedIdentityCredential(
      storage.clientId ? { clientId: storage.clientId } : {},
    ),
  };
}

export function getServices(): Services {
  return services ?? startServices();
}
