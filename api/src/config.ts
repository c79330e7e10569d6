/**
 * The API's settings, read once from the environment and checked when the app loads, so that a
 * wrong one stops it at start with the setting's name instead of failing the first request.
 *
 * Locally (`npm start`, the tests) every setting has a default that needs no cloud account,
 * sign-in included (`BCM_AUTH=dev`). Under the Azure Functions runtime nothing falls back to a
 * local default: `BCM_AUTH` and `BCM_ALLOWED_ORIGINS` must be set, and `dev` is refused, so that
 * a deployment that forgets a setting fails closed instead of handing out tokens.
 */
import { z } from "zod";

/**
 * Variables the Functions runtime sets and a plain Node process does not: App Service's
 * instance id (the Functions host's own test for "in App Service") and the app's name, which
 * Azure sets for a Function App, and the worker runtime, which every plan with that app setting
 * and Core Tools (from `local.settings.json`) set. Any one of them means "not the local host".
 * (Names as generic as `CONTAINER_NAME` are left out: other containers set them too.) The
 * Functions entry point applies the same rules whatever the variables say.
 */
export const FUNCTIONS_RUNTIME_VARIABLES = [
  "WEBSITE_INSTANCE_ID",
  "WEBSITE_SITE_NAME",
  "FUNCTIONS_WORKER_RUNTIME",
] as const;

/** A GUID, as Entra names a tenant in its issuer (`https://login.microsoftonline.com/{tid}/v2.0`). */
const TENANT_ID = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const httpsUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith("https://"), "must be an https:// URL");

const Settings = z.object({
  /** `dev`: tokens from `POST /dev/token` (local host only); `entra`: Microsoft Entra ID. */
  BCM_AUTH: z.enum(["dev", "entra"]).optional(),
  /** Table Storage connection string; Azurite on its default port when unset. */
  BCM_STORAGE_CONNECTION: z.string().min(1).optional(),
  /**
   * In Azure: the storage account's table endpoint, reached with the Function app's managed
   * identity (no key): `https://<account>.table.core.windows.net`.
   */
  BCM_STORAGE_TABLE_ENDPOINT: httpsUrl
    .refine((u) => /^https:\/\/[^/?#]+\/?$/.test(u), "must be the endpoint alone, with no path")
    .optional(),
  /** With the endpoint: the client id of the user-assigned managed identity to use. */
  BCM_STORAGE_CLIENT_ID: z.string().regex(GUID, "must be a client id (a GUID)").optional(),
  /** Prefix of the table names, so that several installations can share one account. */
  BCM_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,29}$/, "must be letters and digits, starting with a letter")
    .default("bcm"),
  /** Origins allowed to call the API from a browser (the add-in's own), comma-separated. */
  BCM_ALLOWED_ORIGINS: z.string().optional(),
  /** Dev mode only: a file keeping the token signing key, so tokens survive a restart. */
  BCM_DEV_KEY_FILE: z.string().optional(),
  /** Entra mode: the tenant's issuer (naming the tenant id), the API's audience, its key set. */
  BCM_ENTRA_ISSUER: httpsUrl
    .refine((u) => TENANT_ID.test(new URL(u).pathname), "must name the tenant by its id")
    .optional(),
  BCM_ENTRA_AUDIENCE: z.string().min(1).optional(),
  BCM_ENTRA_JWKS_URL: httpsUrl.optional(),
  /** Entra mode: the scope the add-in asks for, which every access token must carry in `scp`. */
  BCM_ENTRA_SCOPE: z
    .string()
    .regex(/^[^\s]+$/, "must be one scope name, such as access_as_user")
    .default("access_as_user"),
});

/** Every setting the API reads. */
export const SETTING_NAMES = Object.keys(Settings.shape) as ReadonlyArray<
  keyof typeof Settings.shape
>;

/**
 * The settings that have no place in Azure: the dev sign-in's key file, and a connection string
 * (which would hold a key; Azure uses `BCM_STORAGE_TABLE_ENDPOINT` and the managed identity).
 */
export const LOCAL_ONLY_SETTINGS = [
  "BCM_DEV_KEY_FILE",
  "BCM_STORAGE_CONNECTION",
] as const satisfies ReadonlyArray<(typeof SETTING_NAMES)[number]>;

/** The settings a deployment in Azure gives the Function app (infra/ sets each of them). */
export const AZURE_SETTING_NAMES = SETTING_NAMES.filter(
  (name) => !(LOCAL_ONLY_SETTINGS as readonly string[]).includes(name),
);

export interface EntraConfig {
  issuer: string;
  /** The tenant id the issuer names: every token's `tid` must be this one. */
  tenantId: string;
  audience: string;
  jwksUrl: string;
  scope: string;
}

/**
 * Where the tables are: a connection string (Azurite, or an account that allows keys), or an
 * account's table endpoint reached with a managed identity (Azure; `clientId` names a
 * user-assigned one, else the system-assigned one).
 */
export type StorageTarget =
  | { kind: "connectionString"; connectionString: string }
  | { kind: "endpoint"; endpoint: string; clientId: string | undefined };

export interface Config {
  auth: "dev" | "entra";
  storage: StorageTarget;
  tablePrefix: string;
  allowedOrigins: ReadonlySet<string>;
  devKeyFile: string | undefined;
  entra: EntraConfig | undefined;
  /** What is allowed but unwise, for the entry point to log when it starts. */
  warnings: readonly string[];
}

export class SettingError extends Error {
  override readonly name = "SettingError";
  constructor(setting: string, message: string) {
    super(`Setting ${setting} ${message}`);
  }
}

/**
 * Reads and checks the settings; a wrong one throws a `SettingError` naming it. `functionsRuntime`
 * applies the Functions runtime's rules; by default they apply when one of
 * `FUNCTIONS_RUNTIME_VARIABLES` is set (the Functions entry point, `index.ts`, always asks).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { functionsRuntime?: boolean } = {},
): Config {
  // A setting left empty (as an app setting can be) is a setting not given.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const parsed = Settings.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingError(issue?.path.join(".") ?? "?", issue?.message ?? "is invalid");
  }
  const s = parsed.data;
  const marker = FUNCTIONS_RUNTIME_VARIABLES.find((name) => given[name]);
  let auth = s.BCM_AUTH;
  let origins = s.BCM_ALLOWED_ORIGINS;
  if (options.functionsRuntime || marker) {
    const where = `under the Azure Functions runtime${marker ? ` (${marker} is set)` : ""}`;
    if (!auth) throw new SettingError("BCM_AUTH", `is required ${where}: set it to entra.`);
    if (auth === "dev") {
      throw new SettingError(
        "BCM_AUTH=dev",
        `is refused ${where}: dev sign-in gives a token for any address to anyone; set it to entra.`,
      );
    }
    if (!origins) {
      throw new SettingError(
        "BCM_ALLOWED_ORIGINS",
        `is required ${where}: the add-in's origin, such as https://contacts.contoso.com.`,
      );
    }
  }
  auth ??= "dev";
  origins ??= "https://localhost:3000";

  const warnings: string[] = [];
  let storage: StorageTarget;
  if (s.BCM_STORAGE_TABLE_ENDPOINT) {
    if (s.BCM_STORAGE_CONNECTION) {
      throw new SettingError(
        "BCM_STORAGE_CONNECTION",
        "and BCM_STORAGE_TABLE_ENDPOINT are both set: give one (the endpoint in Azure, the connection string for Azurite).",
      );
    }
    storage = {
      kind: "endpoint",
      endpoint: s.BCM_STORAGE_TABLE_ENDPOINT.replace(/\/$/, ""),
      clientId: s.BCM_STORAGE_CLIENT_ID,
    };
  } else {
    if (s.BCM_STORAGE_CLIENT_ID) {
      throw new SettingError(
        "BCM_STORAGE_CLIENT_ID",
        "is set without BCM_STORAGE_TABLE_ENDPOINT: the managed identity is used only with the endpoint.",
      );
    }
    const connectionString = s.BCM_STORAGE_CONNECTION ?? "UseDevelopmentStorage=true";
    // A key in an app setting is a secret to keep and rotate; the infrastructure turns shared-key
    // access off, so there it would fail at the first request anyway. Warned, not refused: Core
    // Tools (local.settings.json) reach Azurite with its published key under the same variables.
    if (
      (options.functionsRuntime || marker) &&
      /(^|;)\s*(AccountKey|SharedAccessSignature)\s*=/i.test(connectionString) &&
      !/AccountName=devstoreaccount1(;|$)/i.test(connectionString)
    ) {
      warnings.push(
        "Setting BCM_STORAGE_CONNECTION holds a key under the Azure Functions runtime: set BCM_STORAGE_TABLE_ENDPOINT instead, so that the app reaches storage with its managed identity.",
      );
    }
    storage = { kind: "connectionString", connectionString };
  }

  let entra: EntraConfig | undefined;
  if (auth === "entra") {
    const {
      BCM_ENTRA_ISSUER: issuer,
      BCM_ENTRA_AUDIENCE: audience,
      BCM_ENTRA_JWKS_URL: jwksUrl,
    } = s;
    const required = (name: string) => new SettingError(name, "is required with BCM_AUTH=entra.");
    if (!issuer) throw required("BCM_ENTRA_ISSUER");
    if (!audience) throw required("BCM_ENTRA_AUDIENCE");
    if (!jwksUrl) throw required("BCM_ENTRA_JWKS_URL");
    const tenantId = TENANT_ID.exec(new URL(issuer).pathname)?.[1] ?? "";
    entra = {
      issuer,
      tenantId: tenantId.toLowerCase(),
      audience,
      jwksUrl,
      scope: s.BCM_ENTRA_SCOPE,
    };
  }
  return {
    auth,
    storage,
    tablePrefix: s.BCM_TABLE_PREFIX,
    allowedOrigins: new Set(
      origins
        .split(",")
        .map((o) => o.trim().replace(/\/$/, ""))
        .filter(Boolean),
    ),
    devKeyFile: s.BCM_DEV_KEY_FILE,
    entra,
    warnings,
  };
}
