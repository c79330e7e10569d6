/**
 * A stand-in for Outlook around the production task pane, in the browser: served in place of
 * office.js (the pages load it from Microsoft's host; the test answers that URL with this
 * script, bundled by production-stack.ts). It gives `Office` a mailbox (src/office's FakeMailbox,
 * the one the jest tests and the harness use), answers the requirement check, and, where it
 * says it has Nested App Authentication, sets up the NAA bridge that Outlook gives add-ins
 * (`window.nestedAppAuthBridge`, which MSAL's nestable client talks to). The bridge passes each
 * request to `window.__bcmBroker`, which the test exposes from Node and answers with tokens of
 * its test tenant: the broker is the test's, the add-in's code is the production build's.
 *
 * Set before the page loads (`page.addInitScript`): `window.__bcmFakeOutlook`.
 */
import { FakeMailbox } from "../../src/office/fake-mailbox";

export interface FakeOutlookOptions {
  readonly user: { readonly displayName: string; readonly emailAddress: string };
  /** Whether this Outlook has NestedAppAuth 1.1 (and so the bridge). */
  readonly nestedAppAuth: boolean;
}

interface FakeOutlookWindow {
  __bcmFakeOutlook?: FakeOutlookOptions;
  __bcmBroker?: (request: string) => Promise<string>;
  Office?: unknown;
  nestedAppAuthBridge?: unknown;
}

/** Runs in the page. */
export function installFakeOutlook(window: FakeOutlookWindow): void {
  const options = window.__bcmFakeOutlook;
  if (!options) throw new Error("window.__bcmFakeOutlook is not set");
  const mailbox = new FakeMailbox({ user: options.user });
  window.Office = {
    onReady: () => Promise.resolve({ host: "Outlook", platform: "OfficeOnline" }),
    context: {
      mailbox,
      requirements: {
        isSetSupported: (name: string, version = "1.1") =>
          name === "NestedAppAuth" && options.nestedAppAuth && Number(version) <= 1.1,
      },
    },
    EventType: { ItemChanged: "olkItemSelectedChanged" },
  };
  if (!options.nestedAppAuth) return;
  const broker = window.__bcmBroker;
  if (!broker) throw new Error("window.__bcmBroker is not exposed");
  const listeners = new Set<(message: string) => void>();
  window.nestedAppAuthBridge = {
    addEventListener: (_: string, listener: (message: string) => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: (message: string) => void) =>
      listeners.delete(listener),
    postMessage: (message: string) => {
      void broker(message).then((answer) => listeners.forEach((listener) => listener(answer)));
    },
  };
}
