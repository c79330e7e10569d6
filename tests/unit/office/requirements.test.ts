/**
 * The session's requirement check: whether this Outlook has Nested App Authentication
 * (`isSetSupported("NestedAppAuth", "1.1")`), asked once Office is ready; no answer outside Outlook.
 */
import { FakeMailbox } from "../../../src/office/fake-mailbox";
import type { OfficeLike } from "../../../src/office/office";
import { initOffice } from "../../../src/office/office";

const user = { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" };

function officeWith(options: {
  mailbox?: boolean;
  isSetSupported?: (name: string, minVersion?: string) => boolean;
}): OfficeLike {
  const { isSetSupported } = options;
  return {
    onReady: () => Promise.resolve({ host: options.mailbox === false ? null : "Outlook" }),
    context: {
      mailbox: options.mailbox === false ? undefined : new FakeMailbox({ user }),
      ...(isSetSupported ? { requirements: { isSetSupported } } : {}),
    },
  };
}

test("asks Outlook for NestedAppAuth 1.1", async () => {
  const asked: unknown[] = [];
  const session = await initOffice(
    officeWith({
      isSetSupported: (name, version) => {
        asked.push([name, version]);
        return name === "NestedAppAuth" && version === "1.1";
      },
    }),
  );
  expect(session.nestedAppAuth).toBe(true);
  expect(asked).toEqual([["NestedAppAuth", "1.1"]]);
});

test.each([
  ["says no", () => false],
  [
    "throws",
    (): boolean => {
      throw new Error("Sys.ArgumentException");
    },
  ],
  ["has no requirements API", undefined],
])("an Outlook that %s lacks it", async (_, isSetSupported) => {
  const session = await initOffice(officeWith(isSetSupported ? { isSetSupported } : {}));
  expect(session.nestedAppAuth).toBe(false);
});

test("outside Outlook (no mailbox, or no office.js) there is no answer", async () => {
  expect(
    (await initOffice(officeWith({ mailbox: false, isSetSupported: () => true }))).nestedAppAuth,
  ).toBeNull();
  expect((await initOffice(undefined)).nestedAppAuth).toBeNull();
});
