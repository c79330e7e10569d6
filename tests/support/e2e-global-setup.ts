/**
 * Before the browser tests: the whole `npm start` stack (Azurite, the API, the add-in's dev
 * server) on free ports with its data in a temporary folder. Tests reach it through
 * BCM_TEST_WEB_URL (the add-in's origin) and BCM_TEST_WEB_API_URL (its API).
 */
import { startNpmStart } from "./stack";
import { onTeardown } from "./teardown";

export default async function setup(): Promise<void> {
  const stack = await startNpmStart();
  onTeardown(() => stack.close());
  process.env.BCM_TEST_WEB_URL = stack.webUrl;
  process.env.BCM_TEST_WEB_API_URL = stack.apiUrl;
}
