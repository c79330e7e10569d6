/**
 * The office.js wrappers against the fake mailbox: one Office.onReady however often they are
 * initialised, plain values out, promises instead of callbacks, no exception into Office.
 */
import type { SampleAppointment, SampleMessage } from "../../../src/office/fake-mailbox";
import { FakeMailbox, ITEM_CHANGED } from "../../../src/office/fake-mailbox";
import type { MailItem, OfficeLike, OutlookMailbox } from "../../../src/office/office";
import {
  ITEM_NOT_FOUND,
  NOTIFICATION_ICON,
  NOTIFICATION_KEY,
  OfficeError,
  initOffice,
  isItemNotFound,
} from "../../../src/office/office";

const user = { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" };

const message: SampleMessage = {
  itemType: "message",
  itemId: "AAMkAD/msg+1=",
  internetMessageId: "<m1@fabrikam.com>",
  conversationId: "conv-1",
  subject: "Q1 volumes",
  from: {
    displayName: "Renée Dubois",
    emailAddress: "renee.dubois@fabrikam.com",
    recipientType: "externalUser",
  },
  to: [{ ...user, recipientType: "enterprise" }],
  cc: [],
  dateTimeCreated: "2026-11-23T08:42:00.000Z",
  body: "Hello",
};

const appointment: SampleAppointment = {
  itemType: "appointment",
  itemId: "AAMkAD/appt+1=",
  subject: "Contract renewal",
  organizer: {
    displayName: "Grace Mitchell",
    emailAddress: "grace.mitchell@wingtiptoys.com",
    recipientType: "externalUser",
  },
  requiredAttendees: [{ ...user, recipientType: "enterprise" }],
  optionalAttendees: [
    {
      displayName: "Liam O'Brien",
      emailAddress: "liam.obrien@wingtiptoys.com",
      recipientType: "externalUser",
    },
  ],
  start: "2026-12-08T16:00:00.000Z",
  end: "2026-12-08T16:45:00.000Z",
  location: "Chicago",
  dateTimeCreated: "2026-11-22T15:20:00.000Z",
  body: "",
};

/** An Office namespace as office.js gives it outside Office's own events (no EventType.ItemChanged). */
function officeWith(
  mailbox: OutlookMailbox | undefined,
  theme?: string,
): OfficeLike & { onReady: jest.Mock } {
  return {
    onReady: jest.fn(() => Promise.resolve({ host: mailbox ? "Outlook" : null })),
    context: {
      mailbox,
      ...(theme === undefined ? {} : { officeTheme: { bodyBackgroundColor: theme } }),
    },
  };
}

describe("initOffice", () => {
  test("calls Office.onReady once, however often it is called", async () => {
    const office = officeWith(new FakeMailbox({ user }));
    const [a, b] = await Promise.all([initOffice(office), initOffice(office)]);
    const c = await initOffice(office);
    expect(office.onReady).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(a).toBe(c);
  });

  test("without office.js, or outside Outlook, there is no mailbox and nothing to follow", async () => {
    for (const session of [await initOffice(undefined), await initOffice(officeWith(undefined))]) {
      expect(session.mailbox).toBeNull();
      expect(session.user).toBeNull();
      expect(session.currentItem()).toBeNull();
      expect(session.theme).toBeNull();
      const stop = await session.onItemChanged(() => undefined);
      stop();
      await expect(session.notify("hello")).resolves.toBe(false);
    }
  });

  test("a failing Office.onReady leaves the add-in running without Outlook", async () => {
    const office = officeWith(new FakeMailbox({ user }));
    office.onReady.mockRejectedValueOnce(new Error("host gone"));
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const session = await initOffice(office);
    expect(session.mailbox).toBeNull();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  test("gives the user's profile", async () => {
    const session = await initOffice(officeWith(new FakeMailbox({ user })));
    expect(session.user).toEqual(user);
  });

  test.each([
    ["#ffffff", "light"],
    ["#1f1f1f", "dark"],
    ["#262626", "dark"],
    ["#f3f2f1", "light"],
    ["not a colour", null],
  ])("reads Office's body colour %s as a %s theme", async (colour, theme) => {
    const session = await initOffice(officeWith(new FakeMailbox({ user }), colour));
    expect(session.theme).toBe(theme);
  });
});

describe("currentItem", () => {
  test("turns a message into a plain MailItem", async () => {
    const session = await initOffice(officeWith(new FakeMailbox({ user, selected: message })));
    expect(session.currentItem()).toEqual<MailItem>({
      itemType: "message",
      itemId: message.itemId,
      subject: "Q1 volumes",
      from: { displayName: "Renée Dubois", emailAddress: "renee.dubois@fabrikam.com" },
      organizer: null,
      to: [user],
      cc: [],
      requiredAttendees: [],
      optionalAttendees: [],
      internetMessageId: "<m1@fabrikam.com>",
      conversationId: "conv-1",
      dateTimeCreated: "2026-11-23T08:42:00.000Z",
      start: null,
      end: null,
    });
  });

  test("turns an appointment into a MailItem with its organizer and no internetMessageId", async () => {
    const session = await initOffice(officeWith(new FakeMailbox({ user, selected: appointment })));
    expect(session.currentItem()).toMatchObject({
      itemType: "appointment",
      from: null,
      organizer: { displayName: "Grace Mitchell", emailAddress: "grace.mitchell@wingtiptoys.com" },
      requiredAttendees: [user],
      optionalAttendees: [
        { displayName: "Liam O'Brien", emailAddress: "liam.obrien@wingtiptoys.com" },
      ],
      internetMessageId: null,
      conversationId: null,
      start: "2026-12-08T16:00:00.000Z",
      end: "2026-12-08T16:45:00.000Z",
    });
  });

  test("ignores what a compose-mode item holds in the same places", async () => {
    const getAsync = () => undefined;
    const mailbox: OutlookMailbox = {
      userProfile: user,
      addHandlerAsync: () => undefined,
      item: {
        itemType: "message",
        subject: { getAsync },
        from: { getAsync },
        to: { getAsync },
        dateTimeCreated: new Date(Number.NaN),
        notificationMessages: { replaceAsync: () => undefined },
      },
    };
    const session = await initOffice(officeWith(mailbox));
    expect(session.currentItem()).toMatchObject({
      subject: "",
      from: null,
      to: [],
      dateTimeCreated: null,
    });
  });
});

describe("onItemChanged", () => {
  test("follows the selection, with one Office handler for every listener", async () => {
    const mailbox = new FakeMailbox({ user, selected: message });
    const session = await initOffice(officeWith(mailbox));
    const seen: Array<string | null> = [];
    const other = jest.fn();
    const stop = await session.onItemChanged((item) => seen.push(item?.subject ?? null));
    await session.onItemChanged(other);
    expect(mailbox.handlerCount()).toBe(1);

    mailbox.select(appointment);
    await mailbox.idle();
    mailbox.select(null);
    await mailbox.idle();
    stop();
    mailbox.select(message);
    await mailbox.idle();

    expect(seen).toEqual(["Contract renewal", null]);
    expect(other).toHaveBeenCalledTimes(3);
  });

  test("the same function subscribed twice is two subscriptions (React's StrictMode does this)", async () => {
    const mailbox = new FakeMailbox({ user });
    const session = await initOffice(officeWith(mailbox));
    const listener = jest.fn();
    const stopFirst = await session.onItemChanged(listener);
    await session.onItemChanged(listener);
    stopFirst();
    mailbox.select(message);
    await mailbox.idle();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test("a listener that throws does not throw into Office, nor stop the others", async () => {
    const mailbox = new FakeMailbox({ user, selected: message });
    const register = jest.spyOn(mailbox, "addHandlerAsync");
    const session = await initOffice(officeWith(mailbox));
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const calm = jest.fn();
    await session.onItemChanged(() => {
      throw new Error("bug");
    });
    await session.onItemChanged(calm);
    const officeHandler = register.mock.calls[0]?.[1];
    expect(officeHandler).toBeInstanceOf(Function);
    expect(() => officeHandler?.({ type: ITEM_CHANGED })).not.toThrow();
    expect(calm).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith("An ItemChanged listener failed", expect.any(Error));
    error.mockRestore();
  });

  test("rejects with an OfficeError when Outlook refuses the handler, and can try again", async () => {
    const mailbox = new FakeMailbox({ user });
    const office = { ...officeWith(mailbox), EventType: { ItemChanged: "notAnOutlookEvent" } };
    const session = await initOffice(office);
    await expect(session.onItemChanged(() => undefined)).rejects.toBeInstanceOf(OfficeError);
    await expect(session.onItemChanged(() => undefined)).rejects.toMatchObject({
      name: "OfficeError",
    });
  });
});

describe("notify", () => {
  test("posts an informational message on the selected item, replacing the previous one", async () => {
    const mailbox = new FakeMailbox({ user, selected: message });
    const session = await initOffice(officeWith(mailbox));
    await expect(session.notify("First")).resolves.toBe(true);
    await expect(session.notify("Second")).resolves.toBe(true);
    expect(mailbox.notificationsOf(message.itemId)).toEqual([
      {
        key: NOTIFICATION_KEY,
        type: "informationalMessage",
        message: "Second",
        icon: NOTIFICATION_ICON,
        persistent: false,
      },
    ]);
  });

  test("resolves false when nothing is selected", async () => {
    const session = await initOffice(officeWith(new FakeMailbox({ user })));
    await expect(session.notify("Nobody sees this")).resolves.toBe(false);
  });

  test("rejects, never throws, when Outlook refuses the arguments", async () => {
    const session = await initOffice(officeWith(new FakeMailbox({ user, selected: message })));
    const posting = session.notify("x".repeat(151));
    await expect(posting).rejects.toBeInstanceOf(OfficeError);
    await expect(posting).rejects.toMatchObject({
      cause: { name: "Sys.ArgumentOutOfRangeException" },
    });
  });

  test("rejects with Outlook's code when Outlook fails the call", async () => {
    const mailbox = new FakeMailbox({ user, selected: message });
    for (const key of ["a", "b", "c", "d", "e"]) {
      mailbox.item?.notificationMessages.replaceAsync(key, {
        type: "informationalMessage",
        message: key,
        icon: NOTIFICATION_ICON,
        persistent: false,
      });
    }
    const session = await initOffice(officeWith(mailbox));
    await expect(session.notify("one too many")).rejects.toMatchObject({
      name: "OfficeError",
      code: 9025,
      message: expect.stringContaining("NumberOfNotificationsExceeded") as unknown,
    });
  });
});

describe("bodyText", () => {
  test("gives the whole text with its line breaks, for the selected item only", async () => {
    const signed = { ...message, body: "Thanks,\nPriya Raman\nIT Director\n" };
    const mailbox = new FakeMailbox({ user, selected: signed });
    const session = await initOffice(officeWith(mailbox));
    const item = session.currentItem();
    if (!item) throw new Error("no item");
    await expect(session.bodyText(item)).resolves.toBe("Thanks,\nPriya Raman\nIT Director\n");
    mailbox.select({ ...message, itemId: "AAMk-other" });
    await expect(session.bodyText(item)).resolves.toBeNull();
  });

  test("rejects with an OfficeError when Outlook fails the call", async () => {
    const failing: OutlookMailbox = {
      userProfile: user,
      addHandlerAsync: () => undefined,
      item: {
        itemType: "message",
        itemId: "AAMk1",
        body: {
          getAsync: (_: string, done: (r: unknown) => void) =>
            setTimeout(() =>
              done({ status: "failed", value: undefined, error: { name: "X", code: 9042 } }),
            ),
        },
        notificationMessages: { replaceAsync: () => undefined },
      },
    };
    const session = await initOffice(officeWith(failing));
    const item = session.currentItem();
    if (!item) throw new Error("no item");
    await expect(session.bodyText(item)).rejects.toMatchObject({
      name: "OfficeError",
      code: 9042,
    });
  });
});

describe("item ids", () => {
  test("converts EWS ids to REST ids (v2.0) and back", async () => {
    const session = await initOffice(officeWith(new FakeMailbox({ user })));
    expect(session.toRestId("AAMk/x+y=")).toBe("AAMk-x_y=");
    expect(session.toEwsId("AAMk-x_y=")).toBe("AAMk/x+y=");
  });

  test("throws an OfficeError without a mailbox or when Outlook refuses", async () => {
    const outside = await initOffice(undefined);
    expect(() => outside.toRestId("AAMk")).toThrow(OfficeError);
    const session = await initOffice(officeWith(new FakeMailbox({ user })));
    let error: unknown;
    try {
      session.toRestId(null as unknown as string);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OfficeError);
    expect(error).toMatchObject({ cause: { name: "Sys.ArgumentNullException" } });
  });
});

describe("openItem", () => {
  test("opens an item the mailbox holds with the Mailbox 1.9 call, given its REST id", async () => {
    const mailbox = new FakeMailbox({ user, items: [message, appointment] });
    const session = await initOffice(officeWith(mailbox));
    await expect(session.openItem("message", session.toRestId(message.itemId))).resolves.toBe(
      "opened",
    );
    await expect(
      session.openItem("appointment", session.toRestId(appointment.itemId)),
    ).resolves.toBe("opened");
    expect(mailbox.formCalls).toEqual([
      {
        form: "message",
        itemId: message.itemId,
        async: true,
        found: true,
        subject: message.subject,
      },
      {
        form: "appointment",
        itemId: appointment.itemId,
        async: true,
        found: true,
        subject: appointment.subject,
      },
    ]);
  });

  test("rejects with ItemNotFound when Outlook cannot find the item", async () => {
    const mailbox = new FakeMailbox({ user, items: [message] });
    mailbox.remove(message.itemId);
    const session = await initOffice(officeWith(mailbox));
    const opening = session.openItem("message", session.toRestId(message.itemId));
    await expect(opening).rejects.toMatchObject({ name: "OfficeError", code: ITEM_NOT_FOUND });
    expect(isItemNotFound(await opening.catch((e: unknown) => e))).toBe(true);
    expect(isItemNotFound(new Error("other"))).toBe(false);
  });

  test("falls back to displayMessageForm where the async call does not exist", async () => {
    const mailbox = new FakeMailbox({ user, items: [message], asyncDisplayForms: false });
    const session = await initOffice(officeWith(mailbox));
    await expect(session.openItem("message", session.toRestId(message.itemId))).resolves.toBe(
      "requested",
    );
    await expect(session.openItem("appointment", "AAMk-gone")).resolves.toBe("requested");
    expect(mailbox.formCalls.map((c) => [c.form, c.async, c.found])).toEqual([
      ["message", false, true],
      ["appointment", false, false],
    ]);
  });

  test("rejects, never throws, when Outlook refuses the id, and without a mailbox", async () => {
    const session = await initOffice(officeWith(new FakeMailbox({ user })));
    await expect(session.openItem("message", "")).rejects.toBeInstanceOf(OfficeError);
    const outside = await initOffice(undefined);
    await expect(outside.openItem("message", "AAMk")).rejects.toBeInstanceOf(OfficeError);
  });
});

describe("the harness seam", () => {
  const saved = process.env.BCM_HARNESS;
  const globals = globalThis as { window?: unknown };
  afterEach(() => {
    if (saved === undefined) delete process.env.BCM_HARNESS;
    else process.env.BCM_HARNESS = saved;
    delete globals.window;
  });

  test("in a harness build, takes the parent page's fake mailbox and installs it for Office", async () => {
    process.env.BCM_HARNESS = "1";
    const mailbox = new FakeMailbox({ user, selected: message });
    globals.window = { parent: { __bcmHarness: { mailbox } } };
    const office = officeWith(undefined);
    const session = await initOffice(office);
    expect(session.mailbox).toBe(mailbox);
    expect(office.context.mailbox).toBe(mailbox);
    expect(session.currentItem()?.from?.displayName).toBe("Renée Dubois");
  });

  test("never replaces a real mailbox", async () => {
    process.env.BCM_HARNESS = "1";
    const real = new FakeMailbox({ user });
    globals.window = { parent: { __bcmHarness: { mailbox: new FakeMailbox({ user }) } } };
    expect((await initOffice(officeWith(real))).mailbox).toBe(real);
  });

  test("does nothing in a production build", async () => {
    delete process.env.BCM_HARNESS;
    globals.window = { parent: { __bcmHarness: { mailbox: new FakeMailbox({ user }) } } };
    expect((await initOffice(officeWith(undefined))).mailbox).toBeNull();
  });

  test("a parent of another origin (Outlook on the web) is no harness", async () => {
    process.env.BCM_HARNESS = "1";
    globals.window = {
      get parent(): unknown {
        throw new DOMException("Blocked a frame with origin", "SecurityError");
      },
    };
    expect((await initOffice(officeWith(undefined))).mailbox).toBeNull();
  });
});
