/**
 * The fake mailbox behaves as Outlook does (office.js's outlook-web runtime is the reference):
 * asynchronous callbacks, synchronous argument errors, per-item notifications with Outlook's
 * limits, and ItemChanged after the selection has changed.
 */
import type {
  FakeAsyncResult,
  SampleAppointment,
  SampleMessage,
} from "../../../src/office/fake-mailbox";
import { FakeMailbox, ITEM_CHANGED } from "../../../src/office/fake-mailbox";
import type { NotificationDetails } from "../../../src/office/office";

const user = { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" };

const message: SampleMessage = {
  itemType: "message",
  itemId: "AAMkAD/abc+def=",
  internetMessageId: "<m1@contoso.com>",
  conversationId: "conv-1",
  subject: "RE: Quote for the Lyon site",
  from: {
    displayName: "Renée Dubois",
    emailAddress: "renee.dubois@fabrikam.com",
    recipientType: "externalUser",
  },
  to: [
    {
      displayName: "Megan Bowen",
      emailAddress: "megan.bowen@contoso.com",
      recipientType: "enterprise",
    },
  ],
  cc: [
    {
      displayName: "Thomas Becker",
      emailAddress: "thomas.becker@fabrikam.com",
      recipientType: "externalUser",
    },
  ],
  dateTimeCreated: "2026-11-23T08:42:00.000Z",
  body: "Hello <Megan>,\n\nSee you & Thomas on Friday.",
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
  requiredAttendees: [
    {
      displayName: "Megan Bowen",
      emailAddress: "megan.bowen@contoso.com",
      recipientType: "enterprise",
    },
  ],
  optionalAttendees: [],
  start: "2026-12-08T16:00:00.000Z",
  end: "2026-12-08T16:45:00.000Z",
  location: "Chicago",
  dateTimeCreated: "2026-11-22T15:20:00.000Z",
  body: "Redlines.",
};

/** Calls an office.js-style method and resolves with the AsyncResult its callback receives. */
function result<T>(
  start: (callback: (r: FakeAsyncResult<T>) => void) => void,
): Promise<FakeAsyncResult<T>> {
  return new Promise((resolve) => start(resolve));
}

/** What `run` throws; fails the test if it returns. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a synchronous throw");
}

const info = (text: string, persistent = false) => ({
  type: "informationalMessage",
  message: text,
  icon: "Icon.16x16",
  persistent,
});

describe("FakeMailbox", () => {
  test("has no item until one is selected, and a new item object per selection", () => {
    const mailbox = new FakeMailbox({ user });
    expect(mailbox.item).toBeNull();
    mailbox.select(message);
    const first = mailbox.item;
    mailbox.select(message);
    expect(mailbox.item).not.toBe(first);
    expect(mailbox.item?.itemId).toBe(first?.itemId);
    mailbox.select(null);
    expect(mailbox.item).toBeNull();
  });

  test("gives a message in read mode: EmailAddressDetails, Dates, ids", () => {
    const mailbox = new FakeMailbox({ user, selected: message });
    const item = mailbox.item;
    if (item?.itemType !== "message") throw new Error("expected a message");
    expect(item.from).toEqual(message.from);
    expect(item.sender).toEqual(message.from);
    expect(item.to).toEqual(message.to);
    expect(item.cc[0]?.recipientType).toBe("externalUser");
    expect(item.internetMessageId).toBe("<m1@contoso.com>");
    expect(item.conversationId).toBe("conv-1");
    expect(item.dateTimeCreated).toBeInstanceOf(Date);
    expect(item.dateTimeCreated.toISOString()).toBe(message.dateTimeCreated);
    expect(item.normalizedSubject).toBe("Quote for the Lyon site");
    expect(Object.isFrozen(item)).toBe(true);
  });

  test("gives an appointment with organizer and attendees, and no internetMessageId", () => {
    const mailbox = new FakeMailbox({ user, selected: appointment });
    const item = mailbox.item;
    if (item?.itemType !== "appointment") throw new Error("expected an appointment");
    expect(item.organizer.emailAddress).toBe("grace.mitchell@wingtiptoys.com");
    expect(item.requiredAttendees).toHaveLength(1);
    expect(item.start.toISOString()).toBe(appointment.start);
    expect(item.end).toBeInstanceOf(Date);
    expect(item.location).toBe("Chicago");
    expect("internetMessageId" in item).toBe(false);
  });

  test("exposes the user's profile", () => {
    const mailbox = new FakeMailbox({ user });
    expect(mailbox.userProfile).toMatchObject({ ...user, accountType: "enterprise" });
  });

  describe("ItemChanged", () => {
    test("calls back later, never inside the call", async () => {
      const mailbox = new FakeMailbox({ user });
      const callback = jest.fn();
      mailbox.addHandlerAsync(ITEM_CHANGED, () => undefined, callback);
      expect(callback).not.toHaveBeenCalled();
      await mailbox.idle();
      expect(callback).toHaveBeenCalledWith(expect.objectContaining({ status: "succeeded" }));
    });

    test("runs handlers asynchronously after the selection has changed", async () => {
      const mailbox = new FakeMailbox({ user, selected: message });
      const seen: Array<{ type: string; subject: string | null }> = [];
      await result<void>((cb) =>
        mailbox.addHandlerAsync(
          ITEM_CHANGED,
          (args) => seen.push({ type: args.type, subject: mailbox.item?.subject ?? null }),
          cb,
        ),
      );
      mailbox.select(appointment);
      expect(seen).toEqual([]);
      await mailbox.idle();
      mailbox.select(null);
      await mailbox.idle();
      expect(seen).toEqual([
        { type: ITEM_CHANGED, subject: "Contract renewal" },
        { type: ITEM_CHANGED, subject: null },
      ]);
    });

    test("refuses the same handler twice, and one throwing handler stops no other", async () => {
      const mailbox = new FakeMailbox({ user });
      const throwing = () => {
        throw new Error("add-in bug");
      };
      const calm = jest.fn();
      expect(
        (await result<void>((cb) => mailbox.addHandlerAsync(ITEM_CHANGED, throwing, cb))).status,
      ).toBe("succeeded");
      const again = await result<void>((cb) => mailbox.addHandlerAsync(ITEM_CHANGED, throwing, cb));
      expect(again.status).toBe("failed");
      expect(again.error?.name).toBe("EventRegistrationError");
      await result<void>((cb) => mailbox.addHandlerAsync(ITEM_CHANGED, calm, cb));
      expect(mailbox.handlerCount()).toBe(2);
      mailbox.select(message);
      await mailbox.idle();
      expect(calm).toHaveBeenCalledTimes(1);
    });

    test("throws synchronously for an event type it does not know, as office.js does", () => {
      const mailbox = new FakeMailbox({ user });
      expect(
        thrown(() => mailbox.addHandlerAsync("selectionChanged", () => undefined)),
      ).toMatchObject({ name: "Sys.ArgumentException" });
    });

    test("removeHandlerAsync removes every handler, or only the one named", async () => {
      const mailbox = new FakeMailbox({ user });
      const a = jest.fn();
      const b = jest.fn();
      mailbox.addHandlerAsync(ITEM_CHANGED, a);
      mailbox.addHandlerAsync(ITEM_CHANGED, b);
      expect(
        (await result<void>((cb) => mailbox.removeHandlerAsync(ITEM_CHANGED, { handler: a }, cb)))
          .status,
      ).toBe("succeeded");
      const missing = await result<void>((cb) =>
        mailbox.removeHandlerAsync(ITEM_CHANGED, { handler: a }, cb),
      );
      expect(missing).toMatchObject({ status: "failed", error: { code: 5003 } });
      mailbox.select(message);
      await mailbox.idle();
      expect(a).not.toHaveBeenCalled();
      expect(b).toHaveBeenCalledTimes(1);
      await result<void>((cb) => mailbox.removeHandlerAsync(ITEM_CHANGED, cb));
      expect(mailbox.handlerCount()).toBe(0);
    });
  });

  describe("body.getAsync", () => {
    test("gives the text, or HTML with the text escaped, and passes asyncContext back", async () => {
      const mailbox = new FakeMailbox({ user, selected: message });
      const body = mailbox.item?.body;
      if (!body) throw new Error("no item");
      const text = await result<string>((cb) => body.getAsync("text", { asyncContext: 42 }, cb));
      expect(text).toMatchObject({ status: "succeeded", value: message.body, asyncContext: 42 });
      const html = await result<string>((cb) => body.getAsync("html", cb));
      expect(html.value).toContain("Hello &#60;Megan&#62;,</p><p>See you &#38; Thomas");
    });

    test("throws for a coercion type that is not text or html", () => {
      const mailbox = new FakeMailbox({ user, selected: message });
      expect(thrown(() => mailbox.item?.body.getAsync("ooxml", () => undefined))).toMatchObject({
        name: "Sys.ArgumentException",
      });
    });
  });

  describe("notificationMessages", () => {
    test("replaceAsync adds, then replaces; getAllAsync and removeAsync see the same", async () => {
      const mailbox = new FakeMailbox({ user, selected: message });
      const notifications = mailbox.item?.notificationMessages;
      if (!notifications) throw new Error("no item");
      await result<void>((cb) => notifications.replaceAsync("status", info("first"), cb));
      await result<void>((cb) => notifications.replaceAsync("status", info("second"), cb));
      const all = await result((cb) => notifications.getAllAsync(cb));
      expect(all.value).toEqual([{ key: "status", ...info("second") }]);
      expect((await result<void>((cb) => notifications.removeAsync("status", cb))).status).toBe(
        "succeeded",
      );
      const again = await result<void>((cb) => notifications.removeAsync("status", cb));
      expect(again).toMatchObject({ status: "failed", error: { name: "KeyNotFound", code: 9024 } });
    });

    test("holds at most five notifications per item", async () => {
      const mailbox = new FakeMailbox({ user, selected: message });
      const notifications = mailbox.item?.notificationMessages;
      if (!notifications) throw new Error("no item");
      for (const key of ["a", "b", "c", "d", "e"]) notifications.replaceAsync(key, info(key));
      const sixth = await result<void>((cb) => notifications.replaceAsync("f", info("f"), cb));
      expect(sixth).toMatchObject({
        status: "failed",
        error: { name: "NumberOfNotificationsExceeded", code: 9025 },
      });
      const replaced = await result<void>((cb) =>
        notifications.replaceAsync("a", info("again"), cb),
      );
      expect(replaced.status).toBe("succeeded");
    });

    test.each([
      ["a key over 32 characters", "k".repeat(33), info("x"), "Sys.ArgumentOutOfRangeException"],
      [
        "a message over 150 characters",
        "k",
        info("m".repeat(151)),
        "Sys.ArgumentOutOfRangeException",
      ],
      [
        "an informational message without icon",
        "k",
        { type: "informationalMessage", message: "x", persistent: false },
        "Sys.ArgumentNullException",
      ],
      [
        "an informational message without persistent",
        "k",
        { type: "informationalMessage", message: "x", icon: "Icon.16x16" },
        "Sys.ArgumentNullException",
      ],
      [
        "an error message with an icon",
        "k",
        { type: "errorMessage", message: "x", icon: "Icon.16x16" },
        "Sys.ArgumentException",
      ],
      ["an unknown type", "k", { type: "shout", message: "x" }, "Sys.ArgumentException"],
    ])("throws synchronously for %s", (_, key, details, name) => {
      const mailbox = new FakeMailbox({ user, selected: message });
      expect(
        thrown(() => mailbox.item?.notificationMessages.replaceAsync(key, details)),
      ).toMatchObject({ name });
      expect(mailbox.notificationsOf(message.itemId)).toEqual([]);
    });

    test("a non-persistent notification goes when another item is selected; a persistent one stays", async () => {
      const mailbox = new FakeMailbox({ user, selected: message });
      mailbox.item?.notificationMessages.replaceAsync("passing", info("passing"));
      mailbox.item?.notificationMessages.replaceAsync("kept", info("kept", true));
      await mailbox.idle();
      mailbox.select(appointment);
      mailbox.select(message);
      const all = await result<NotificationDetails[]>((cb) =>
        mailbox.item?.notificationMessages.getAllAsync(cb),
      );
      expect(all.value.map((n) => n.message)).toEqual(["kept"]);
    });

    test("tells subscribers about changes", async () => {
      const mailbox = new FakeMailbox({ user, selected: message });
      const listener = jest.fn();
      const stop = mailbox.subscribe(listener);
      await result<void>((cb) =>
        mailbox.item?.notificationMessages.replaceAsync("k", info("x"), cb),
      );
      mailbox.select(null);
      stop();
      mailbox.select(message);
      expect(listener).toHaveBeenCalledTimes(2);
    });
  });

  test("converts item ids between EWS and REST as Outlook does", () => {
    const mailbox = new FakeMailbox({ user });
    const rest = mailbox.convertToRestId("AAMk/x+y=", "v2.0");
    expect(rest).toBe("AAMk-x_y=");
    expect(mailbox.convertToEwsId(rest, "v2.0")).toBe("AAMk/x+y=");
    expect(thrown(() => mailbox.convertToRestId("AAMk", "v3.0"))).toMatchObject({
      name: "Sys.ArgumentException",
    });
  });

  test("records the forms it was asked to open, and whether it holds the item", () => {
    const mailbox = new FakeMailbox({ user, items: [appointment] });
    mailbox.displayMessageForm(message.itemId);
    mailbox.displayAppointmentForm(appointment.itemId);
    expect(mailbox.formCalls).toEqual([
      { form: "message", itemId: message.itemId, async: false, found: false, subject: null },
      {
        form: "appointment",
        itemId: appointment.itemId,
        async: false,
        found: true,
        subject: appointment.subject,
      },
    ]);
    expect(thrown(() => mailbox.displayMessageForm(""))).toMatchObject({
      name: "Sys.ArgumentNullException",
    });
  });

  describe("display forms, Mailbox 1.9", () => {
    test("open an item the mailbox holds, by its EWS or REST id, calling back later", async () => {
      const mailbox = new FakeMailbox({ user, items: [message] });
      const callback = jest.fn<void, [FakeAsyncResult<void>]>();
      mailbox.displayMessageFormAsync?.(message.itemId, callback);
      expect(callback).not.toHaveBeenCalled();
      mailbox.displayMessageFormAsync?.(
        mailbox.convertToRestId(message.itemId, "v2.0"),
        {
          asyncContext: 7,
        },
        callback,
      );
      await mailbox.idle();
      expect(callback.mock.calls.map(([result]) => [result.status, result.asyncContext])).toEqual([
        ["succeeded", undefined],
        ["succeeded", 7],
      ]);
      expect(mailbox.formCalls.map((c) => [c.async, c.found])).toEqual([
        [true, true],
        [true, true],
      ]);
    });

    test("fail with ItemNotFound for an item it does not hold (any more)", async () => {
      const mailbox = new FakeMailbox({ user, selected: message });
      mailbox.remove(message.itemId);
      const callback = jest.fn<void, [FakeAsyncResult<void>]>();
      mailbox.displayAppointmentFormAsync?.(appointment.itemId, callback);
      mailbox.displayMessageFormAsync?.(message.itemId, callback);
      await mailbox.idle();
      for (const [result] of callback.mock.calls) {
        expect(result).toMatchObject({
          status: "failed",
          error: { name: "ItemNotFound", code: 9049 },
        });
      }
      expect(callback).toHaveBeenCalledTimes(2);
    });

    test("do not exist in an Outlook older than Mailbox 1.9", () => {
      const mailbox = new FakeMailbox({ user, asyncDisplayForms: false });
      expect(mailbox.displayMessageFormAsync).toBeUndefined();
      expect(mailbox.displayAppointmentFormAsync).toBeUndefined();
    });
  });
});
