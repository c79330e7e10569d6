/**
 * The harness seam in a send event's runtime: the frame the harness names "bcm-event-runtime"
 * gets the mailbox of the message being sent (`__bcmHarness.compose.mailbox`), not the read
 * mailbox, and no mailbox when nothing is being sent; production builds still take none.
 */
import { FakeMailbox } from "../../../src/office/fake-mailbox";
import type { OfficeLike } from "../../../src/office/office";
import { initOffice } from "../../../src/office/office";

const user = { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" };
const renee = {
  displayName: "Renée Dubois",
  emailAddress: "renee.dubois@fabrikam.com",
  recipientType: "externalUser" as const,
};

/** office.js outside Office: ready, without a mailbox. */
function officeOutside(): OfficeLike {
  return { onReady: () => Promise.resolve({ host: null }), context: {} };
}

const saved = process.env.BCM_HARNESS;
const globals = globalThis as { window?: unknown };
afterEach(() => {
  if (saved === undefined) delete process.env.BCM_HARNESS;
  else process.env.BCM_HARNESS = saved;
  delete globals.window;
});

test("the event runtime's frame gets the mailbox of the message being sent", async () => {
  process.env.BCM_HARNESS = "1";
  const mailbox = new FakeMailbox({ user });
  const compose = mailbox.compose({ to: [renee], subject: "Quote" });
  globals.window = { name: "bcm-event-runtime", parent: { __bcmHarness: { mailbox, compose } } };
  const session = await initOffice(officeOutside());
  expect(session.mailbox).toBe(compose.mailbox);
  expect(session.user).toEqual({ displayName: user.displayName, emailAddress: user.emailAddress });
});

test("other frames keep the read mailbox while a message is being sent", async () => {
  process.env.BCM_HARNESS = "1";
  const mailbox = new FakeMailbox({ user });
  const compose = mailbox.compose({ to: [renee] });
  globals.window = { name: "", parent: { __bcmHarness: { mailbox, compose } } };
  expect((await initOffice(officeOutside())).mailbox).toBe(mailbox);
});

test("the event runtime gets no mailbox when nothing is being sent", async () => {
  process.env.BCM_HARNESS = "1";
  const mailbox = new FakeMailbox({ user });
  globals.window = {
    name: "bcm-event-runtime",
    parent: { __bcmHarness: { mailbox, compose: null } },
  };
  expect((await initOffice(officeOutside())).mailbox).toBeNull();
});

test("a production build takes no mailbox in the event runtime either", async () => {
  delete process.env.BCM_HARNESS;
  const mailbox = new FakeMailbox({ user });
  const compose = mailbox.compose({ to: [renee] });
  globals.window = { name: "bcm-event-runtime", parent: { __bcmHarness: { mailbox, compose } } };
  expect((await initOffice(officeOutside())).mailbox).toBeNull();
});
