/**
 * Linking an Outlook item: one history id per e-mail (from its message id) and per appointment
 * (from its REST id), valid fields, and an update that touches only the contact list.
 */
import { createHash } from "node:crypto";
import type { Fields } from "../../../src/shared/json";
import type { MailItem } from "../../../src/office/office";
import { historyIdForMessage, validateFields } from "../../../src/shared/records";
import type { ViewRecord } from "../../../src/sync/view";
import {
  addContacts,
  historyIdForItem,
  linkedContactIds,
  linkFields,
  noteFor,
  snippetOf,
} from "../../../src/taskpane/item/item-link";

const user = { displayName: "Megan Bowen", emailAddress: "Megan.Bowen@contoso.com" };

const message: MailItem = {
  itemType: "message",
  itemId: "AAMk/1+a=",
  subject: "RE: Q1 order volumes",
  from: { displayName: "Renée Dubois", emailAddress: "renee.dubois@fabrikam.com" },
  organizer: null,
  to: [user],
  cc: [
    { displayName: "Thomas Becker", emailAddress: "thomas.becker@fabrikam.com" },
    { displayName: "Legacy", emailAddress: "/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=x" },
  ],
  requiredAttendees: [],
  optionalAttendees: [],
  internetMessageId: "<PR1P264MB@PROD.OUTLOOK.COM>",
  conversationId: "AAQk=",
  dateTimeCreated: "2026-11-23T08:42:00.000Z",
  start: null,
  end: null,
};

const appointment: MailItem = {
  ...message,
  itemType: "appointment",
  itemId: "AAMk/appt+1=",
  from: null,
  to: [],
  cc: [],
  organizer: { displayName: "Marcus", emailAddress: "marcus@tailspintoys.com" },
  requiredAttendees: [user],
  internetMessageId: null,
  conversationId: null,
  start: "2026-12-02T13:00:00.000Z",
  end: "2026-12-02T14:00:00.000Z",
};

function history(id: string, fields: Fields): ViewRecord {
  return {
    type: "history",
    id,
    fields,
    version: 2,
    updatedAt: null,
    pending: false,
    conflicts: [],
  };
}

describe("historyIdForItem", () => {
  test("an e-mail's id is the message id's, whatever the item id", async () => {
    const id = await historyIdForItem(message, "AAMk-1_a=");
    expect(id).toBe(await historyIdForMessage(message.internetMessageId ?? ""));
    expect(await historyIdForItem({ ...message, itemId: "moved" }, "moved")).toBe(id);
    expect(await historyIdForItem({ ...message, internetMessageId: null }, "x")).toBeNull();
  });

  test("an appointment's id is a- and the base64url SHA-256 of its REST id", async () => {
    const expected =
      "a-" + createHash("sha256").update("AAMk-appt_1=").digest("base64url").replace(/=+$/, "");
    expect(await historyIdForItem(appointment, "AAMk-appt_1=")).toBe(expected);
    expect(expected).toHaveLength(45);
    expect(await historyIdForItem(appointment, null)).toBeNull();
  });
});

describe("linkFields", () => {
  test("an incoming e-mail: valid fields, the item id as a REST hint, everyone as participants", () => {
    const fields = linkFields({
      item: message,
      user,
      contactIds: ["c-renee", "c-renee", "c-thomas"],
      companyId: "co-fabrikam",
      restId: "AAMk-1_a=",
      snippet: "Hello Megan, thank you for the figures.",
    });
    expect(fields).toEqual({
      kind: "email",
      subject: "RE: Q1 order volumes",
      when: "2026-11-23T08:42:00.000Z",
      direction: "incoming",
      contactIds: ["c-renee", "c-thomas"],
      companyId: "co-fabrikam",
      participants: [
        { name: "Renée Dubois", email: "renee.dubois@fabrikam.com" },
        { name: "Megan Bowen", email: "Megan.Bowen@contoso.com" },
        { name: "Thomas Becker", email: "thomas.becker@fabrikam.com" },
        { name: "Legacy" },
      ],
      internetMessageId: "<PR1P264MB@PROD.OUTLOOK.COM>",
      conversationId: "AAQk=",
      itemIdHint: "AAMk-1_a=",
      snippet: "Hello Megan, thank you for the figures.",
      linkedBy: "megan.bowen@contoso.com",
    });
    expect(validateFields("history", fields, "create").ok).toBe(true);
  });

  test("an e-mail the user sent is outgoing; an appointment has its start and length", () => {
    const sent = linkFields({
      item: { ...message, from: user },
      user,
      contactIds: ["c-renee"],
      companyId: null,
      restId: null,
      snippet: null,
    });
    expect(sent.direction).toBe("outgoing");
    expect(sent).not.toHaveProperty("itemIdHint");
    expect(sent).not.toHaveProperty("companyId");
    const meeting = linkFields({
      item: appointment,
      user,
      contactIds: ["c-marcus"],
      companyId: null,
      restId: "AAMk-appt_1=",
      snippet: null,
    });
    expect(meeting).toMatchObject({
      kind: "appointment",
      when: "2026-12-02T13:00:00.000Z",
      durationMinutes: 60,
    });
    expect(meeting).not.toHaveProperty("direction");
    expect(meeting).not.toHaveProperty("internetMessageId");
    expect(validateFields("history", meeting, "create").ok).toBe(true);
  });

  test("values past the schema's limits: text is cut, ids are left out", () => {
    const fields = linkFields({
      item: { ...message, subject: "s".repeat(1200), internetMessageId: `<${"x".repeat(1000)}>` },
      user,
      contactIds: ["c"],
      companyId: null,
      restId: "r".repeat(600),
      snippet: "t".repeat(600),
    });
    expect(validateFields("history", fields, "create").ok).toBe(true);
    expect(fields).not.toHaveProperty("internetMessageId");
    expect(fields).not.toHaveProperty("itemIdHint");
  });
});

describe("addContacts", () => {
  test("adds only the contacts missing, and the company only when none is set", () => {
    const existing = history("m-1", {
      kind: "email",
      contactIds: ["c-renee"],
      linkedBy: "a@x.com",
    });
    expect(addContacts(existing, ["c-renee", "c-thomas", "c-thomas"], "co-f")).toEqual({
      changes: { contactIds: ["c-renee", "c-thomas"], companyId: "co-f" },
      added: ["c-thomas"],
    });
    const withCompany = history("m-1", { contactIds: ["c-renee"], companyId: "co-other" });
    expect(addContacts(withCompany, ["c-thomas"], "co-f")?.changes).toEqual({
      contactIds: ["c-renee", "c-thomas"],
    });
  });

  test("nothing to do when every contact is linked", () => {
    const existing = history("m-1", { contactIds: ["c-renee", "c-thomas"] });
    expect(addContacts(existing, ["c-thomas"], null)).toBeNull();
    expect(linkedContactIds(existing)).toEqual(["c-renee", "c-thomas"]);
    expect(linkedContactIds(null)).toEqual([]);
  });
});

describe("noteFor (issue 18, defect 5)", () => {
  it("says an announcement only beside the item it was made about", () => {
    const linked = { key: "message|A|<a@x>", text: "Linked this e-mail to Renée Dubois." };
    expect(noteFor(linked, "message|A|<a@x>")).toBe(linked.text);
    // The user moved to another item: the screen reader's region is emptied, not left saying it.
    expect(noteFor(linked, "message|B|<b@x>")).toBeNull();
    expect(noteFor(null, "message|A|<a@x>")).toBeNull();
  });
});

test("snippetOf folds white space and cuts at a word's end with an ellipsis", () => {
  const snippet = snippetOf(`Hello  Megan,\n\n${"word ".repeat(100)}`, 40);
  expect(snippet).toBe("Hello Megan, word word word word word…");
  expect([...snippet].length).toBeLessThanOrEqual(40);
  expect(snippetOf("   \n ", 300)).toBe("");
});

test("snippetOf counts characters, not UTF-16 units", () => {
  expect(snippetOf("😀😀😀😀", 3)).toBe("😀😀…");
  expect(snippetOf(" a\tb\n", 10)).toBe("a b");
});
