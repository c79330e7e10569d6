/**
 * The browser harness (development builds only): runs the task pane and the ribbon's function
 * file outside Outlook, in frames of this page, with a fake mailbox they find on
 * `window.parent.__bcmHarness` (see src/office/office.ts). A send event's runtime, the frame
 * named "bcm-event-runtime", finds the mailbox of the message being sent there instead.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { ComposeSession } from "../office/fake-mailbox";
import { FakeMailbox } from "../office/fake-mailbox";
import { Harness } from "./Harness";
import { SAMPLE_ITEMS, SAMPLE_USER } from "./sample-data";

/**
 * `?user=<address>` (and `&userName=<name>`) signs Outlook in as someone else than the sample
 * user: tests give each scenario its own user, so its databases are its own.
 */
function harnessUser(search: string): { displayName: string; emailAddress: string } {
  const query = new URLSearchParams(search);
  const emailAddress = query.get("user");
  if (!emailAddress) return SAMPLE_USER;
  return { emailAddress, displayName: query.get("userName") ?? emailAddress.split("@")[0] ?? "" };
}

/** What this page lends its frames as `window.__bcmHarness`. */
interface HarnessGlobal {
  /** Outlook's mailbox, as the task pane and the ribbon's function file see it. */
  readonly mailbox: FakeMailbox;
  /** The message being sent, while its send event runs; `null` otherwise. */
  compose: ComposeSession | null;
}

const mailbox = new FakeMailbox({
  user: harnessUser(window.location.search),
  selected: SAMPLE_ITEMS[0] ?? null,
  items: SAMPLE_ITEMS,
});
const harness: HarnessGlobal = { mailbox, compose: null };
// Set before the frames load: the pane and the commands read it during their initialisation.
(window as Window & { __bcmHarness?: HarnessGlobal }).__bcmHarness = harness;

const container = document.getElementById("root");
if (!container) throw new Error("harness.html has no #root element");
createRoot(container).render(
  <StrictMode>
    <Harness
      mailbox={mailbox}
      items={SAMPLE_ITEMS}
      search={window.location.search}
      lendCompose={(session) => {
        harness.compose = session;
      }}
    />
  </StrictMode>,
);
