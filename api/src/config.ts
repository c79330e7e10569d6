/**
 * The API's settings, read once from the environment. Locally every one has a default that
 * needs no cloud account; in Azure they come from the Function App's application settings.
 */
import { z } from "zod";

const Settings = z.object({
  /** `dev`: tokens from `POST /dev/token` (the embedded default); `entra`: Microsoft Entra ID. */
  BCM_AUTH: z.enum(["dev", "entra"]).default("dev"),
  /** Table Storage connection string; Azurite on its default port when unset. */
  BCM_STORAGE_CONNECTION: z.string().min(1).default("UseDevelopmentStorage=true"),
  /** Prefix of the table names, so that several installations can share one account. */
  BCM_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,29}$/, "must be letters and digits, starting with a letter")
    .default("bcm"),
  /** Origins allowed to call the API from a browser (the add-in's own), comma-separated. */
  BCM_ALLOWED_ORIGINS: z.string().default("https://localhost:3000"),
  /** Dev mode only: a file keeping the token signing key, so tokens survive a restart. */
  BCM_DEV_KEY_FILE: z.string().optional(),
  /** Entra mode: the tenant's issuer, the API's audience (its client id or App ID URI) and JWKS. */
  BCM_ENTRA_ISSUER: z.string().url().optional(),
  BCM_ENTRA_AUDIENCE: z.string().min(1).optional(),
  BCM_ENTRA_JWKS_URL: z.string().url().optional(),
});

export interface Config {
  auth: "dev" | "entra";
  storageConnection: string;
  tablePrefix: string;
  allowedOrigins: ReadonlySet<string>;
  devKeyFile: string | undefined;
  entra: { issuer: string; audience: string; jwksUrl: string } | undefined;
}

/** Reads and checks the settings; a wrong one stops the host with the setting's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Settings.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Setting ${issue?.path.join(".") ?? "?"} ${issue?.message ?? "is invalid"}`);
  }
  const s = parsed.data;
  let entra: Config["entra"];
  if (s.BCM_AUTH === "entra") {
    if (!s.BCM_ENTRA_ISSUER || !s.BCM_ENTRA_AUDIENCE || !s.BCM_ENTRA_JWKS_URL) {
      throw new Error(
        "BCM_AUTH=entra needs BCM_ENTRA_ISSUER, BCM_ENTRA_AUDIENCE and BCM_ENTRA_JWKS_URL",
      );
    }
    entra = {
      issuer: s.BCM_ENTRA_ISSUER,
      audience: s.BCM_ENTRA_AUDIENCE,
      jwksUrl: s.BCM_ENTRA_JWKS_URL,
    };
  }
  return {
    auth: s.BCM_AUTH,
    storageConnection: s.BCM_STORAGE_CONNECTION,
    tablePrefix: s.BCM_TABLE_PREFIX,
    allowedOrigins: new Set(
      s.BCM_ALLOWED_ORIGINS.split(",")
        .map((o) => o.trim().replace(/\/$/, ""))
        .filter(Boolean),
    ),
    devKeyFile: s.BCM_DEV_KEY_FILE,
    entra,
  };
}
