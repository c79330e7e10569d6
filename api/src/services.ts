/**
 * The API's long-lived parts, made once per process (a Functions instance or the local host):
 * settings, the authenticator, and what the domain is given (`Deps`: the repository, the clock,
 * randomness and sleep). Routes and `http.ts` get them here; the domain never imports this file.
 */
import { createAuthenticator, type Authenticator } from "./auth";
import { loadConfig, type Config } from "./config";
import type { Deps } from "./deps";
import { TableRepository } from "./storage/table-repository";

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
      connectionString: config.storageConnection,
      tablePrefix: config.tablePrefix,
    }),
    auth: createAuthenticator(config),
    now: () => new Date(),
    random: Math.random,
    sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  };
  return services;
}

export function getServices(): Services {
  return services ?? startServices();
}
