/**
 * The fake mailbox's `move`, as Outlook moves an item to another folder: a new item id, the
 * same message (internetMessageId and all), the old id gone, and a selected item no longer
 * selected (ItemChanged follows).
 */
import type { FakeAsyncResult, SampleMessage } from "../../../src/office/fake-mailbox";
import { FakeMailbox, ITEM_CHANGED } from "../../../src/office/fake-mailbox";

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
  to: [],
  cc: [],
  dateTimeCreated: "2026-11-23T08:42:00.000Z",
  body: "Hello",
};

test("a moved item has a new id and the same message; the old id finds nothing", async () => {
  const mailbox = new FakeMailbox({ user, items: [message] });
  const moved = mailbox.move(message.itemId);
  expect(moved.itemId).not.toBe(message.itemId);
  expect({ ...moved, itemId: message.itemId }).toEqual(message);
  expect(mailbox.move(moved.itemId).itemId).not.toBe(moved.itemId);
  expect(() => mailbox.move(message.itemId)).toThrow();

  const callback = jest.fn<void, [FakeAsyncResult<void>]>();
  mailbox.displayMessageFormAsync?.(message.itemId, callback);
  await mailbox.idle();
  expect(callback.mock.calls[0]?.[0]).toMatchObject({ status: "failed", error: { code: 9049 } });
});

test("moving the selected item leaves nothing selected, and ItemChanged runs", async () => {
  const mailbox = new FakeMailbox({ user, selected: message });
  const changed = jest.fn();
  mailbox.addHandlerAsync(ITEM_CHANGED, changed);
  await mailbox.idle();
  const moved = mailbox.move(message.itemId);
  expect(mailbox.item).toBeNull();
  await mailbox.idle();
  expect(changed).toHaveBeenCalledTimes(1);
  mailbox.select(moved);
  expect(mailbox.item).toMatchObject({
    itemId: moved.itemId,
    internetMessageId: message.internetMessageId,
  });
});
