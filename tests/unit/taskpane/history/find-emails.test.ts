/** Linking the e-mails Graph found: one history item per message, whoever found it. */
import type { GraphMessage } from "../../../../src/client/graph-mail";
import { historyIdForMessage } from "../../../../src/shared/records";
import {
  contactsAmong,
  linkFoundMessages,
  SENT_MATCH_MS,
} from "../../../../src/taskpane/history/find-emails";
import { linkSentMail } from "../../../../src/taskpane/item/sent-mail-links";
import { client } from "../../sync/engine-helpers";
import { FakeServer } from "../../sync/fake-server";

const ME = { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" };
const RENEE = { name: "Renée Dubois", email: "renee.dubois@fabrikam.com" };
const MINE = { name: ME.displayName, email: ME.emailAddress };

function message(n: number, fields: Partial<GraphMessage> = {}): GraphMessage {
  return {
    id: `AAMk${n}`,
    internetMessageId: `<m${n}@fabrikam.com>`,
    subject: `Message ${n}`,
    sentDateTime: "2026-12-01T09:00:00Z",
    receivedDateTime: "2026-12-01T09:00:05Z",
    from: RENEE,
    to: [MINE],
    cc: [],
    conversationId: `conv${n}`,
    ...fields,
  };
}

async function setUp() {
  const server = new FakeServer();
  const megan = await client(server, ME.emailAddress);
  await megan.engine.create("company", { name: "Fabrikam" }, "k1");
  await megan.engine.create(
    "contact",
    { givenName: "Renée", emails: [{ address: RENEE.email }], companyId: "k1" },
    "renee",
  );
  await megan.engine.create("contact", { givenName: "Thomas" }, "thomas");
  return { megan, renee: megan.engine.get("contact", "renee")! };
}

test("each message becomes one item, linked to the contact and its company, found twice or not", async () => {
  const { megan, renee } = await setUp();
  const found = [message(1), message(2, { from: MINE, to: [RENEE] }), message(1)];
  expect(await linkFoundMessages(megan.engine, () => [renee], found, ME)).toEqual({
    linked: 2,
    already: 0,
    refused: 0,
  });
  const first = megan.engine.get("history", await historyIdForMessage("<m1@fabrikam.com>"));
  expect(first?.fields).toMatchObject({
    kind: "email",
    subject: "Message 1",
    direction: "incoming",
    contactIds: ["renee"],
    companyId: "k1",
    internetMessageId: "<m1@fabrikam.com>",
    itemIdHint: "AAMk1",
  });
  expect(first?.fields.snippet).toBeUndefined();
  const second = megan.engine.get("history", await historyIdForMessage("<m2@fabrikam.com>"));
  expect(second?.fields.direction).toBe("outgoing");
  expect(await linkFoundMessages(megan.engine, () => [renee], found, ME)).toEqual({
    linked: 0,
    already: 2,
    refused: 0,
  });
});

test("an item linked to another contact gains this one, and nothing else changes", async () => {
  const { megan, renee } = await setUp();
  const id = await historyIdForMessage("<m1@fabrikam.com>");
  await megan.engine.create(
    "history",
    {
      kind: "email",
      subject: "Linked by a colleague",
      contactIds: ["thomas"],
      internetMessageId: "<m1@fabrikam.com>",
    },
    id,
  );
  expect((await linkFoundMessages(megan.engine, () => [renee], [message(1)], ME)).linked).toBe(1);
  expect(megan.engine.get("history", id)?.fields).toMatchObject({
    subject: "Linked by a colleague",
    contactIds: ["thomas", "renee"],
  });
});

test("an e-mail the send event linked is that item, when subject and time agree", async () => {
  const { megan, renee } = await setUp();
  const sentAt = Date.parse("2026-12-01T09:00:00.000Z");
  expect(
    await linkSentMail(megan.engine, {
      v: 1,
      sendId: "abc@send.bcm.invalid",
      sentAt: new Date(sentAt).toISOString(),
      subject: "Offer",
      from: MINE,
      to: [RENEE],
      cc: [],
      bcc: [],
      conversationId: null,
      snippet: "Dear Renée",
    }),
  ).toBe("linked");
  const at = (ms: number) => new Date(sentAt + ms).toISOString();
  const same = message(7, { subject: "Offer", from: MINE, to: [RENEE], sentDateTime: at(60_000) });
  const later = message(8, {
    subject: "Offer",
    from: MINE,
    to: [RENEE],
    sentDateTime: at(SENT_MATCH_MS + 60_000),
  });
  expect(await linkFoundMessages(megan.engine, () => [renee], [same, later], ME)).toEqual({
    linked: 2,
    already: 0,
    refused: 0,
  });
  const history = megan.engine.records("history");
  expect(history).toHaveLength(2);
  expect(history.find((r) => r.id.startsWith("s-"))?.fields).toMatchObject({
    internetMessageId: "<m7@fabrikam.com>",
    snippet: "Dear Renée",
  });
  const found = history.find((r) => r.id.startsWith("m-"));
  expect(found?.fields.internetMessageId).toBe("<m8@fabrikam.com>");
});

test("contactsAmong names the contacts among a message's people, never-linked ones left out", async () => {
  const { megan, renee } = await setUp();
  await megan.engine.create(
    "contact",
    { givenName: "Private", emails: [{ address: "p@fabrikam.com" }], doNotContact: { link: true } },
    "private",
  );
  const hidden = megan.engine.get("contact", "private")!;
  const among = contactsAmong(
    new Map([
      [RENEE.email, [renee]],
      ["p@fabrikam.com", [hidden]],
    ]),
  );
  const message_ = message(3, { cc: [{ name: "", email: "P@Fabrikam.com" }] });
  expect(among(message_).map((c) => c.id)).toEqual(["renee"]);
  expect(among(message(4, { from: { name: "", email: "p@fabrikam.com" } }))).toEqual([]);
});
