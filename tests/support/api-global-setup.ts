/**
 * Before the API tests: Azurite in memory and the local Functions host, both on free ports.
 * Tests reach them through BCM_TEST_API_URL and BCM_TEST_STORAGE (a connection string).
 */
import { startAzurite } from "../../scripts/azurite";
import { startApiHost } from "./stack";
import { onTeardown } from "./teardown";

export default async function setup(): Promise<void> {
  const azurite = await startAzurite();
  onTeardown(() => azurite.stop());
  const api = await startApiHost({ storageConnection: azurite.connectionString });
  onTeardown(() => api.close());
  process.env.BCM_TEST_API_URL = api.url;
  process.env.BCM_TEST_STORAGE = azurite.connectionString;
}
