/**
 * The API's long-lived parts, made once per process (a Functions instance or the local host):
 * settings, the repository and the authenticator.
 */
import { createAuthenticator, type Authenticator } from "./auth";
import { loadConfig, type Config } from "./config";
import type { Repository } from "./storage/repository";
import { TableRepository } from "./storage/table-repository";

export interface Services {
  config: Config;
  repo: Repository;
  auth: Authenticator;
  /** The clock, injected so that tests can set it. */
  now: () => Date;
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
  };
  return services;
}

export function getServices(): Services {
  return services ?? startServices();
}
