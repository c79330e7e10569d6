/**
 * The fake mailbox in compose mode and on send, as office.js and Outlook behave (office.js's
 * outlook-web runtime and the internet headers docs are the reference): getters that call back
 * later and need a callback, internet headers validated as office.js validates them, a sent
 * copy in the mailbox with the headers set while composing and a Message-ID of its own, and
 * received messages' raw header blocks (Mailbox 1.8).
 */
import type {
  EmailAddressDetails,
  FakeAsyncResult,
  FakeMessageCompose,
  SampleMessage,
} from "../../../src/office/fake-mailbox";
import { FakeMailbox, parseRecipients } from "../../../src/office/fake-mailbox";

const user = { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" };

const renee: EmailAddressDetails = {
  displayName: "Renée Dubois",
  emailAddress: "renee.dubois@fabrikam.com",
  recipientType: "externalUser",
};
const thomas: EmailAddressDetails = {
  displayName: "Thomas Becker",
  emailAddress: "thomas.becker@fabrikam.com",
  recipientType: "externalUser",
};
const alex: EmailAddressDetails = {
  displayName: "Alex Wilber",
  emailAddress: "alex.wilber@contoso.com",
  recipientType: "user",
};

const plain: SampleMessage = {
  itemType: "message",
  itemId: "AAMkAD/abc+def=",
  internetMessageId: "<m1@fabrikam.com>",
  conversationId: "conv-1",
  subject: "RE: Quote for the Lyon site",
  from: renee,
  to: [{ ...user, recipientType: "user" }],
  cc: [thomas],
  dateTimeCreated: "2026-11-23T08:42:00.000Z",
  body: "Hello",
};
const received: SampleMessage = {
  ...plain,
  headers: { "x-bcm-send-id": "abc@send.bcm.invalid" },
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

function draftItem(mailbox = new FakeMailbox({ user })): FakeMessageCompose {
  return mailbox.compose({ to: [renee], cc: [thomas], bcc: [alex], subject: "Quote", body: "Hi" })
    .mailbox.item;
}

/** Calls `target[method]` untyped, as an add-in in plain JavaScript may. */
function callLoosely(target: object, method: string, ...args: unknown[]): void {
  const fn: unknown = (target as Record<string, unknown>)[method];
  if (typeof fn !== "function") throw new Error(`There is no ${method}.`);
  (fn as (...a: unknown[]) => void).apply(target, args);
}

describe("a message being composed", () => {
  test("gives recipients, subject, from and body through getAsync, calling back later", async () => {
    const mailbox = new FakeMailbox({ user });
    const item = draftItem(mailbox);
    expect(item.itemType).toBe("message");
    const callback = jest.fn();
    item.to.getAsync(callback);
    expect(callback).not.toHaveBeenCalled();
    await mailbox.idle();
    expect(callback).toHaveBeenCalledWith(
      expect.objectContaining({ status: "succeeded", value: [renee] }),
    );
    expect((await result((cb) => item.cc.getAsync(cb))).value).toEqual([thomas]);
    expect((await result((cb) => item.bcc.getAsync({ asyncContext: "b" }, cb))).value).toEqual([
      alex,
    ]);
    expect(await result((cb) => item.subject.getAsync({ asyncContext: 3 }, cb))).toMatchObject({
      status: "succeeded",
      value: "Quote",
      asyncContext: 3,
    });
    expect((await result((cb) => item.from.getAsync(cb))).value).toEqual({
      ...user,
      recipientType: "user",
    });
    expect((await result<string>((cb) => item.body.getAsync("text", cb))).value).toBe("Hi");
    expect((await result<string>((cb) => item.body.getAsync("html", cb))).value).toBe(
      "<html><body><p>Hi</p></body></html>",
    );
  });

  test("has what office.js has in compose: no itemId, internetMessageId nor dates", () => {
    const item = draftItem();
    for (const field of ["itemId", "internetMessageId", "dateTimeCreated", "dateTimeModified"]) {
      expect(field in item).toBe(false);
    }
    expect(Object.isFrozen(item)).toBe(true);
  });

  test("a new message has no conversation; a reply has its conversation's", () => {
    const mailbox = new FakeMailbox({ user });
    expect(mailbox.compose({ to: [renee] }).mailbox.item.conversationId).toBeNull();
    expect(
      mailbox.compose({ to: [renee], conversationId: "conv-1" }).mailbox.item.conversationId,
    ).toBe("conv-1");
  });

  test("getters throw without a callback, and for arguments office.js refuses", () => {
    const item = draftItem();
    expect(thrown(() => callLoosely(item.to, "getAsync"))).toMatchObject({
      name: "Sys.ArgumentNullException",
    });
    expect(thrown(() => callLoosely(item.subject, "getAsync", { asyncContext: 1 }))).toMatchObject({
      name: "Sys.ArgumentNullException",
    });
    expect(thrown(() => callLoosely(item.subject, "getAsync", "x", () => undefined))).toMatchObject(
      {
        name: "Sys.ArgumentException",
      },
    );
    expect(
      thrown(() => callLoosely(item.cc, "getAsync", {}, () => undefined, "extra")),
    ).toMatchObject({ name: "Sys.ParameterCountException" });
  });

  test("body.getAsync throws for a coercion type that is not text or html", () => {
    const item = draftItem();
    expect(thrown(() => item.body.getAsync("ooxml", () => undefined))).toMatchObject({
      name: "Sys.ArgumentException",
    });
  });

  test("the send event's mailbox holds the message and the user's profile", () => {
    const mailbox = new FakeMailbox({ user });
    const session = mailbox.compose({ to: [renee] });
    expect(session.mailbox.userProfile).toBe(mailbox.userProfile);
    expect(session.mailbox.item.itemType).toBe("message");
    // Composing selects nothing in the main window.
    expect(mailbox.item).toBeNull();
  });
});

describe("internetHeaders", () => {
  test("sets, replaces, gets and removes headers; names not set are left out", async () => {
    const item = draftItem();
    const headers = item.internetHeaders;
    await result<void>((cb) =>
      headers.setAsync({ "x-preferred-fruit": "orange", "x-best-vegetable": "spinach" }, cb),
    );
    await result<void>((cb) => headers.setAsync({ "x-preferred-fruit": "pear" }, cb));
    const got = await result<Record<string, string>>((cb) =>
      headers.getAsync(["x-preferred-fruit", "x-best-vegetable", "x-nonexistent"], cb),
    );
    expect(got).toMatchObject({
      status: "succeeded",
      value: { "x-preferred-fruit": "pear", "x-best-vegetable": "spinach" },
    });
    expect(Object.keys(got.value)).toHaveLength(2);
    const removed = await result<void>((cb) =>
      headers.removeAsync(["x-best-vegetable", "x-nonexistent"], { asyncContext: 9 }, cb),
    );
    expect(removed).toMatchObject({ status: "succeeded", asyncContext: 9 });
    expect(
      (await result<Record<string, string>>((cb) => headers.getAsync(["x-best-vegetable"], cb)))
        .value,
    ).toEqual({});
  });

  test("names match whatever their case", async () => {
    const headers = draftItem().internetHeaders;
    headers.setAsync({ "X-BCM-Send-Id": "one" });
    headers.setAsync({ "x-bcm-send-id": "two" });
    const got = await result<Record<string, string>>((cb) =>
      headers.getAsync(["X-Bcm-Send-Id"], cb),
    );
    expect(got.value).toEqual({ "x-bcm-send-id": "two" });
  });

  test("setAsync and removeAsync call back when given a callback, and need none", async () => {
    const mailbox = new FakeMailbox({ user });
    const headers = draftItem(mailbox).internetHeaders;
    headers.setAsync({ "x-a": "1" });
    headers.setAsync({ "x-b": "2" }, { asyncContext: "ctx" });
    headers.removeAsync(["x-a"]);
    await mailbox.idle();
    expect(
      (await result<Record<string, string>>((cb) => headers.getAsync(["x-a", "x-b"], cb))).value,
    ).toEqual({ "x-b": "2" });
  });

  test.each<[string, (item: FakeMessageCompose) => void, string]>([
    ["set without headers", (i) => callLoosely(i.internetHeaders, "setAsync", null), "Null"],
    ["set with no header", (i) => i.internetHeaders.setAsync({}), ""],
    ["set with an empty name", (i) => i.internetHeaders.setAsync({ "": "v" }), "Null"],
    [
      "set with a value that is not a string",
      (i) => callLoosely(i.internetHeaders, "setAsync", { "x-a": 1 }),
      "Type",
    ],
    [
      "set with name and value over 998 characters",
      (i) => i.internetHeaders.setAsync({ "x-a": "v".repeat(996) }),
      "OutOfRange",
    ],
    [
      "get without names",
      (i) => callLoosely(i.internetHeaders, "getAsync", undefined, () => 0),
      "",
    ],
    [
      "get with names not in an array",
      (i) => callLoosely(i.internetHeaders, "getAsync", "x-a", () => 0),
      "Type",
    ],
    ["get with no name", (i) => i.internetHeaders.getAsync([], () => 0), ""],
    ["get with an empty name", (i) => i.internetHeaders.getAsync([""], () => 0), "Null"],
    [
      "get with a name that is not a string",
      (i) => callLoosely(i.internetHeaders, "getAsync", [7], () => 0),
      "Type",
    ],
    ["get without a callback", (i) => callLoosely(i.internetHeaders, "getAsync", ["x-a"]), "Null"],
    ["remove with no name", (i) => i.internetHeaders.removeAsync([]), ""],
  ])("throws synchronously for %s, as office.js does", (_, run, kind) => {
    const item = draftItem();
    expect(thrown(() => run(item))).toMatchObject({ name: `Sys.Argument${kind}Exception` });
  });

  test("accepts a header of exactly 998 characters, name and value together", async () => {
    const headers = draftItem().internetHeaders;
    const set = await result<void>((cb) => headers.setAsync({ "x-a": "v".repeat(995) }, cb));
    expect(set.status).toBe("succeeded");
  });
});

describe("send", () => {
  test("adds the sent copy to the mailbox: the user as sender, new ids, the headers set", async () => {
    const mailbox = new FakeMailbox({ user });
    const changed = jest.fn();
    mailbox.subscribe(changed);
    const session = mailbox.compose({
      to: [renee],
      cc: [thomas],
      bcc: [alex],
      subject: "Quote",
      body: "Hi Renée",
    });
    await result<void>((cb) =>
      session.mailbox.item.internetHeaders.setAsync({ "x-bcm-send-id": "s1@send.bcm.invalid" }, cb),
    );
    const before = Date.now();
    const sent = session.send();
    expect(sent).toMatchObject({
      itemType: "message",
      subject: "Quote",
      body: "Hi Renée",
      from: { ...user, recipientType: "user" },
      to: [renee],
      cc: [thomas],
      headers: { "x-bcm-send-id": "s1@send.bcm.invalid" },
    });
    expect("bcc" in sent).toBe(false);
    expect(sent.itemId).toMatch(/^AAMkAD[A-Za-z0-9+/]+=*$/);
    expect(sent.internetMessageId).toMatch(/^<[0-9A-F]{32}@contoso\.com>$/);
    expect(sent.conversationId).toMatch(/^AAQkAD/);
    expect(Date.parse(sent.dateTimeCreated)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(sent.dateTimeCreated)).toBeLessThanOrEqual(Date.now());
    expect(changed).toHaveBeenCalled();

    // The mailbox holds it: Outlook opens it, and it can be selected and read.
    const opened = await result<void>((cb) => mailbox.displayMessageFormAsync?.(sent.itemId, cb));
    expect(opened.status).toBe("succeeded");
    mailbox.select(sent);
    expect(mailbox.item).toMatchObject({
      itemId: sent.itemId,
      internetMessageId: sent.internetMessageId,
      from: { emailAddress: user.emailAddress },
    });
  });

  test("each message gets ids of its own; a reply keeps its conversation", () => {
    const mailbox = new FakeMailbox({ user });
    const a = mailbox.compose({ to: [renee] }).send();
    const b = mailbox.compose({ to: [renee], conversationId: "conv-1" }).send();
    expect(b.itemId).not.toBe(a.itemId);
    expect(b.internetMessageId).not.toBe(a.internetMessageId);
    expect(b.conversationId).toBe("conv-1");
    expect(a.headers).toEqual({});
  });

  test("a message is sent once", () => {
    const session = new FakeMailbox({ user }).compose({ to: [renee] });
    session.send();
    expect(() => session.send()).toThrow();
  });
});

describe("getAllInternetHeadersAsync", () => {
  test("gives the received message's header block, its custom headers included", async () => {
    const mailbox = new FakeMailbox({ user, selected: received });
    const item = mailbox.item;
    if (item?.itemType !== "message") throw new Error("expected a message");
    const headers = await result<string>((cb) => item.getAllInternetHeadersAsync(cb));
    expect(headers.status).toBe("succeeded");
    expect(headers.value.split("\r\n")).toEqual([
      "Message-ID: <m1@fabrikam.com>",
      "Date: Mon, 23 Nov 2026 08:42:00 +0000",
      // RFC 2047: "Renée Dubois" in UTF-8, base64.
      "From: =?utf-8?B?UmVuw6llIER1Ym9pcw==?= <renee.dubois@fabrikam.com>",
      "To: Megan Bowen <megan.bowen@contoso.com>",
      "Cc: Thomas Becker <thomas.becker@fabrikam.com>",
      "Subject: RE: Quote for the Lyon site",
      "MIME-Version: 1.0",
      "x-bcm-send-id: abc@send.bcm.invalid",
    ]);
    expect(headers.value).not.toMatch(/\r\n$/);
  });

  test("leaves out empty To and Cc, quotes names with specials, encodes long subjects in words", async () => {
    const subject = `Angebot für ${"Lyon ".repeat(20)}`.trim();
    const message: SampleMessage = {
      ...plain,
      from: { ...renee, displayName: "Dubois, Renée" },
      to: [],
      cc: [{ ...thomas, displayName: 'Thomas "Tom" B.' }],
      subject,
    };
    const mailbox = new FakeMailbox({ user, selected: message });
    const item = mailbox.item;
    if (item?.itemType !== "message") throw new Error("expected a message");
    const value = (await result<string>((cb) => item.getAllInternetHeadersAsync({}, cb))).value;
    const lines = value.split("\r\n");
    expect(lines.some((line) => line.startsWith("To:"))).toBe(false);
    expect(lines).toContain('Cc: "Thomas \\"Tom\\" B." <thomas.becker@fabrikam.com>');
    const subjectLine = lines.find((line) => line.startsWith("Subject: ")) ?? "";
    const words = subjectLine.slice("Subject: ".length).split(" ");
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word).toMatch(/^=\?utf-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(word.length).toBeLessThanOrEqual(75);
    }
    const decoded = words
      .map((word) => Buffer.from(word.slice(10, -2), "base64").toString("utf8"))
      .join("");
    expect(decoded).toBe(subject);
    expect(lines.every((line) => /^[\x20-\x7e]*$/.test(line))).toBe(true);
  });

  test("the sent copy carries the headers set while composing", async () => {
    const mailbox = new FakeMailbox({ user });
    const session = mailbox.compose({ to: [renee], subject: "Quote" });
    session.mailbox.item.internetHeaders.setAsync({ "x-bcm-send-id": "s2@send.bcm.invalid" });
    await mailbox.idle();
    const sent = session.send();
    mailbox.select(sent);
    const item = mailbox.item;
    if (item?.itemType !== "message") throw new Error("expected a message");
    const value = (await result<string>((cb) => item.getAllInternetHeadersAsync(cb))).value;
    expect(value.split("\r\n")).toEqual(
      expect.arrayContaining([
        `Message-ID: ${sent.internetMessageId}`,
        "From: Megan Bowen <megan.bowen@contoso.com>",
        "To: =?utf-8?B?UmVuw6llIER1Ym9pcw==?= <renee.dubois@fabrikam.com>",
        "x-bcm-send-id: s2@send.bcm.invalid",
      ]),
    );
  });

  test("throws without a callback, as office.js does", () => {
    const mailbox = new FakeMailbox({ user, selected: received });
    const item = mailbox.item;
    if (item?.itemType !== "message") throw new Error("expected a message");
    expect(thrown(() => callLoosely(item, "getAllInternetHeadersAsync"))).toMatchObject({
      name: "Sys.ArgumentNullException",
    });
  });
});

describe("parseRecipients", () => {
  test("reads addresses as typed on Outlook's To line", () => {
    expect(
      parseRecipients(
        'Renée Dubois <renee.dubois@fabrikam.com>; alex.wilber@contoso.com, "Becker, Thomas" <thomas.becker@fabrikam.com>,, not an address',
        user.emailAddress,
      ),
    ).toEqual([
      renee,
      {
        displayName: "alex.wilber@contoso.com",
        emailAddress: "alex.wilber@contoso.com",
        recipientType: "user",
      },
      { ...thomas, displayName: "Becker, Thomas" },
    ]);
    expect(parseRecipients("  ", user.emailAddress)).toEqual([]);
  });
});
