/**
 * Before the API tests: Azurite in memory and the local Functions host, both on free ports.
 * Tests reach them through BCM_TEST_API_URL, BCM_TEST_STORAGE (a connection string) and
 * BCM_TEST_DEV_KEY_FILE (the host's token signing key, for a second host).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAzurite } from "../../scripts/azurite";
import { startApiHost } from "./stack";
import { onTeardown } from "./teardown";

export default async function setup(): Promise<void> {
  const azurite = await startAzurite();
  onTeardown(() => azurite.stop());
  // A shared signing key, so that a test can start a second host that accepts the same tokens.
  const keys = mkdtempSync(join(tmpdir(), "bcm-keys-"));
  onTeardown(() => Promise.resolve(rmSync(keys, { recursive: true, force: true })));
  const keyFile = join(keys, "dev-signing-key");
  const api = await startApiHost({
    storageConnection: azurite.connectionString,
    env: { BCM_DEV_KEY_FILE: keyFile },
  });
  onTeardown(() => api.close());
  process.env.BCM_TEST_API_URL = api.url;
  process.env.BCM_TEST_STORAGE = azurite.connectionString;
  process.env.BCM_TEST_DEV_KEY_FILE = keyFile;
}
