/**
 * The e2e tests' environment: node's, and when a test fails, the open browsers explain what
 * they showed (tests/support/browser.ts, `bcmExplainFailure`) before the test's own cleanup
 * closes them.
 */
import type { Circus } from "@jest/types";
import { TestEnvironment } from "jest-environment-node";

export default class E2eEnvironment extends TestEnvironment {
  async handleTestEvent(event: Circus.Event): Promise<void> {
    if (event.name !== "test_fn_failure") return;
    const explain = (this.global as { bcmExplainFailure?: (name: string) => Promise<void> })
      .bcmExplainFailure;
    await explain?.(event.test.name).catch(() => undefined);
  }
}
