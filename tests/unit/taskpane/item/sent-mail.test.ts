/**
 * Sent e-mail to history: the queue, the send event's handler (it always lets the message go),
 * and the pane's linking of the queue through the engine (exactly once, contacts only).
 */
import type { SendEventDeps } from "../../../../src/commands/send-event";
import { onMessageSend, SEND_BUDGET_MS } from "../../../../src/commands/send-event";
import { autoLinkKey } from "../../../../src/browser/auto-link";
import { rememberDatabase } from "../../../../src/client/remembered-database";
import { headerValue } from "../../../../src/office/headers";
import type { QueueStorage, SentMail } from "../../../../src/sync/sent-mail";
import { SEND_ID_HEADER, SentMailQueue } from "../../../../src/sync/sent-mail";
import { MemoryLocks } from "../../../../src/sync/memory-ports";
import { copyId, copyOwner } from "../../../../src/sync/owner";
import {
  historyIdForSend,
  linkQueuedMail,
  linkSentMail,
} from "../../../../src/taskpane/item/sent-mail-links";
import { client } from "../../sync/engine-helpers";
import { FakeServer } from "../../sync/fake-server";

function mapStorage(): QueueStorage & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    getItem: (key) => Promise.resolve(map.get(key) ?? null),
    setItem: (key, value) => Promise.resolve(map.set(key, value)),
    removeItem: (key) => {
      map.delete(key);
      return Promise.resolve();
    },
    keys: () => Promise.resolve([...map.keys()]),
  };
}

function sent(overrides: Partial<SentMail> = {}): SentMail {
  return {
    v: 1,
    sendId: "6f1c@send.bcm.invalid",
    sentAt: "2026-12-05T09:00:00.000Z",
    subject: "Q1 order volumes",
    from: { name: "Megan Bowen", email: "megan.bowen@contoso.com" },
    to: [{ name: "Renée Dubois", email: "Renee.Dubois@fabrikam.com" }],
    cc: [],
    bcc: [],
    conversationId: null,
    snippet: "Hello Renée, the volumes for Lyon…",
    ...overrides,
  };
}

describe("the sent-mail queue", () => {
  test("keeps each copy's e-mails apart, oldest first, and lists what it cannot read", async () => {
    const storage = mapStorage();
    const queue = new SentMailQueue(storage);
    await queue.add("copyA", sent({ sendId: "b", sentAt: "2026-12-05T10:00:00.000Z" }));
    await queue.add("copyA", sent({ sendId: "a", sentAt: "2026-12-05T09:00:00.000Z" }));
    await queue.add("copyB", sent({ sendId: "c" }));
    storage.map.set("copyA|junk", { v: 99 });

    const { mails, broken } = await queue.list("copyA");
    expect(mails.map((m) => m.mail.sendId)).toEqual(["a", "b"]);
    expect(broken).toEqual(["copyA|junk"]);
    await queue.remove(mails[0]!.key);
    expect((await queue.list("copyA")).mails.map((m) => m.mail.sendId)).toEqual(["b"]);
  });

  test("refuses to keep what is not sent mail", async () => {
    const queue = new SentMailQueue(mapStorage());
    await expect(queue.add("copyA", { ...sent(), sendId: "" })).rejects.toThrow();
  });
});

describe("linking queued e-mails", () => {
  async function setUp() {
    const server = new FakeServer();
    const megan = await client(server, "megan.bowen@contoso.com");
    await megan.engine.create("company", { name: "Fabrikam" }, "k1");
    await megan.engine.create(
      "contact",
      {
        givenName: "Renée",
        familyName: "Dubois",
        emails: [{ address: "renee.dubois@fabrikam.com" }],
        companyId: "k1",
      },
      "c1",
    );
    await megan.engine.create(
      "contact",
      {
        givenName: "Thomas",
        familyName: "Becker",
        emails: [{ address: "Thomas.Becker@fabrikam.com" }],
      },
      "c2",
    );
    await megan.engine.sync();
    return { server, megan };
  }

  test("an e-mail to a contact becomes one history item, linked to the contacts among its recipients", async () => {
    const { server, megan } = await setUp();
    const mail = sent({
      cc: [{ name: "Someone", email: "someone@elsewhere.example" }],
      bcc: [{ name: "", email: "thomas.becker@fabrikam.com" }],
    });
    expect(await linkSentMail(megan.engine, mail)).toBe("linked");
    const id = await historyIdForSend(mail.sendId);
    expect(id).toMatch(/^s-[A-Za-z0-9_-]{43}$/);
    expect(megan.engine.get("history", id)?.fields).toMatchObject({
      kind: "email",
      subject: "Q1 order volumes",
      when: "2026-12-05T09:00:00.000Z",
      direction: "outgoing",
      contactIds: ["c1", "c2"],
      companyId: "k1",
      snippet: "Hello Renée, the volumes for Lyon…",
      linkedBy: "megan.bowen@contoso.com",
    });
    // Taken twice (a pane closed before the queue entry was removed): nothing more.
    expect(await linkSentMail(megan.engine, mail)).toBe("unchanged");
    await megan.engine.sync();
    expect(server.record("history", id)?.fields.contactIds).toEqual(["c1", "c2"]);
  });

  test("an e-mail to no contact leaves nothing", async () => {
    const { megan } = await setUp();
    const mail = sent({ to: [{ name: "", email: "stranger@elsewhere.example" }] });
    expect(await linkSentMail(megan.engine, mail)).toBe("no-contact");
    expect(megan.engine.records("history")).toEqual([]);
  });

  test("the queue is emptied, broken entries too, and each e-mail synced once", async () => {
    const { server, megan } = await setUp();
    const storage = mapStorage();
    const queue = new SentMailQueue(storage);
    await queue.add(megan.engine.copyId, sent({ sendId: "one" }));
    await queue.add(
      megan.engine.copyId,
      sent({ sendId: "two", to: [{ name: "", email: "stranger@elsewhere.example" }] }),
    );
    await queue.add("another-copy", sent({ sendId: "three" }));
    storage.map.set(`${megan.engine.copyId}|junk`, "not json we wrote");

    expect(await linkQueuedMail(megan.engine, queue, new MemoryLocks())).toBe(1);
    expect([...storage.map.keys()]).toEqual(["another-copy|three"]);
    expect(megan.engine.outbox).toHaveLength(1);
    await megan.engine.sync();
    expect(server.record("history", await historyIdForSend("one"))).toBeDefined();
    expect(await linkQueuedMail(megan.engine, queue, new MemoryLocks())).toBe(0);
    expect(megan.engine.outbox).toHaveLength(0);
  });
});

describe("the send event", () => {
  const API = "https://api.example.test/api";
  const USER = { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" };

  function ok<T>(value: T) {
    return {
      getAsync: (cb: (r: { status: string; value: T }) => void) =>
        cb({ status: "succeeded", value }),
    };
  }

  function compose(headers: Record<string, string>) {
    return {
      itemType: "message",
      to: ok([{ displayName: "Renée Dubois", emailAddress: "renee.dubois@fabrikam.com" }]),
      cc: ok([]),
      bcc: ok([{ displayName: "", emailAddress: "thomas.becker@fabrikam.com" }]),
      subject: ok("Q1 order volumes"),
      body: {
        getAsync: (_type: string, cb: (r: { status: string; value: string }) => void) =>
          cb({ status: "succeeded", value: `Hello Renée,\n\n  the volumes ${"x".repeat(400)}` }),
      },
      conversationId: null,
      internetHeaders: {
        setAsync: (
          set: Record<string, string>,
          cb: (r: { status: string; value: void }) => void,
        ) => {
          Object.assign(headers, set);
          cb({ status: "succeeded", value: undefined });
        },
      },
    };
  }

  function deps(
    options: { item?: unknown; storage?: Map<string, string>; remember?: boolean } = {},
  ) {
    const local = options.storage ?? new Map<string, string>();
    const prefs = new Map<string, string>();
    if (options.remember !== false) {
      rememberDatabase(
        {
          set: (k, v) => void prefs.set(k, v),
          remove: (k) => void prefs.delete(k),
        },
        API,
        USER.emailAddress,
        { id: "db1", name: "Contoso" },
      );
    }
    const queued: Array<{ copy: string; mail: SentMail }> = [];
    const announced: string[] = [];
    const headers: Record<string, string> = {};
    const d: SendEventDeps = {
      mailbox: () =>
        Promise.resolve({ item: (options.item ?? compose(headers)) as never, userProfile: USER }),
      apiBaseUrl: API,
      preferences: { get: (k) => prefs.get(k) ?? null },
      storage: () => ({
        getItem: (k) => local.get(k) ?? null,
        setItem: (k, v) => void local.set(k, v),
      }),
      queue: {
        add: (copy, mail) => {
          queued.push({ copy, mail });
          return Promise.resolve();
        },
      },
      announce: () => announced.push("queued"),
      now: () => new Date("2026-12-05T09:00:00.000Z"),
      newId: () => "6f1c",
      wait: () => new Promise(() => undefined),
    };
    return { deps: d, queued, announced, headers, local };
  }

  test("queues the message with an id of ours, set as a header, and lets it go", async () => {
    const { deps: d, queued, announced, headers } = deps();
    const completions: unknown[] = [];
    await onMessageSend({ completed: (o) => completions.push(o) }, d);
    expect(completions).toEqual([{ allowEvent: true }]);
    expect(headers).toEqual({ [SEND_ID_HEADER]: "6f1c@send.bcm.invalid" });
    expect(queued).toHaveLength(1);
    const { copy, mail } = queued[0]!;
    expect(copy).toBe(await copyId(copyOwner(API, USER.emailAddress, "db1")));
    expect(mail).toMatchObject({
      sendId: "6f1c@send.bcm.invalid",
      subject: "Q1 order volumes",
      from: { name: "Megan Bowen", email: "megan.bowen@contoso.com" },
      to: [{ name: "Renée Dubois", email: "renee.dubois@fabrikam.com" }],
      bcc: [{ name: "", email: "thomas.becker@fabrikam.com" }],
    });
    expect(mail.snippet?.startsWith("Hello Renée, the volumes")).toBe(true);
    expect(mail.snippet).toHaveLength(300);
    expect(announced).toEqual(["queued"]);
  });

  test("keeps nothing when the user turned it off, or chose no database yet", async () => {
    const off = deps({ storage: new Map([[autoLinkKey("sent", "db1"), "false"]]) });
    const completions: unknown[] = [];
    await onMessageSend({ completed: (o) => completions.push(o) }, off.deps);
    expect(off.queued).toEqual([]);
    expect(off.headers).toEqual({});

    const none = deps({ remember: false });
    await onMessageSend({ completed: (o) => completions.push(o) }, none.deps);
    expect(none.queued).toEqual([]);
    expect(completions).toEqual([{ allowEvent: true }, { allowEvent: true }]);
  });

  test("lets the message go when Outlook fails every call, or never answers", async () => {
    const failing = {
      itemType: "message",
      to: {
        getAsync: (cb: (r: unknown) => void) => cb({ status: "failed", error: { message: "no" } }),
      },
      subject: {
        getAsync: () => {
          throw new Error("boom");
        },
      },
    };
    const broken = deps({ item: failing });
    const completions: unknown[] = [];
    await onMessageSend({ completed: (o) => completions.push(o) }, broken.deps);
    expect(completions).toEqual([{ allowEvent: true }]);
    expect(broken.queued).toEqual([]);

    // A call that never calls back: the budget lets the message go.
    const hanging = deps({ item: { itemType: "message", to: { getAsync: () => undefined } } });
    const waits: number[] = [];
    await onMessageSend(
      { completed: (o) => completions.push(o) },
      { ...hanging.deps, wait: (ms) => Promise.resolve(void waits.push(ms)) },
    );
    expect(waits).toEqual([SEND_BUDGET_MS]);
    expect(completions).toHaveLength(2);
  });
});

test("headerValue finds a header whatever its case, unfolded", () => {
  const raw = [
    "Received: from a.example by b.example;",
    "\tFri, 5 Dec 2026 09:00:00 +0000",
    "Subject: Q1",
    "X-BCM-Send-Id: 6f1c@send.bcm.invalid",
    "x-bcm-send-id: second",
    "X-Long: one",
    "  two",
  ].join("\r\n");
  expect(headerValue(raw, SEND_ID_HEADER)).toBe("6f1c@send.bcm.invalid");
  expect(headerValue(raw, "received")).toBe(
    "from a.example by b.example; Fri, 5 Dec 2026 09:00:00 +0000",
  );
  expect(headerValue(raw, "x-long")).toBe("one two");
  expect(headerValue(raw, "x-missing")).toBeNull();
});

test("a contact whose e-mails are never linked automatically is left out of a sent e-mail's links", async () => {
  const server = new FakeServer();
  const megan = await client(server, "megan.bowen@contoso.com");
  await megan.engine.create(
    "contact",
    {
      givenName: "Private",
      emails: [{ address: "private@fabrikam.com" }],
      doNotContact: { link: true },
    },
    "p1",
  );
  await megan.engine.create("contact", { emails: [{ address: "open@fabrikam.com" }] }, "o1");
  const only = sent({ to: [{ name: "", email: "private@fabrikam.com" }] });
  expect(await linkSentMail(megan.engine, only)).toBe("no-contact");
  const both = sent({
    sendId: "two",
    to: [
      { name: "", email: "private@fabrikam.com" },
      { name: "", email: "open@fabrikam.com" },
    ],
  });
  expect(await linkSentMail(megan.engine, both)).toBe("linked");
  expect(megan.engine.get("history", await historyIdForSend("two"))?.fields.contactIds).toEqual([
    "o1",
  ]);
});
