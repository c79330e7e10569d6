import { runTeardown } from "./teardown";

export default async function teardown(): Promise<void> {
  await runTeardown();
}
