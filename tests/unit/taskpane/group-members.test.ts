/** Group membership, written on both sides and read from either. */
import { ContactIndex } from "../../../src/taskpane/contacts/contact-list";
import {
  addMember,
  groupEntries,
  membersOf,
  removeMember,
} from "../../../src/taskpane/groups/group-members";
import { view } from "./view-records";

const group = view("group", "g1", { name: "Newsletter", memberIds: ["ann"] });
const ann = view("contact", "ann", { displayName: "Ann", groupIds: ["g1"] });
const bob = view("contact", "bob", { displayName: "Bob", groupIds: ["g2"] });
const cy = view("contact", "cy", { displayName: "Cy", groupIds: ["g1"] });

test("adding writes the group's memberIds and the contact's groupIds", () => {
  expect(addMember(group, bob)).toEqual({
    group: { memberIds: ["ann", "bob"] },
    contact: { groupIds: ["g2", "g1"] },
  });
  expect(addMember(group, ann)).toEqual({ group: null, contact: null });
  // A member written on one side only gets the other side.
  expect(addMember(group, cy)).toEqual({ group: { memberIds: ["ann", "cy"] }, contact: null });
});

test("removing clears both sides; an emptied list is cleared", () => {
  expect(removeMember(group, ann)).toEqual({
    group: { memberIds: null },
    contact: { groupIds: null },
  });
  expect(removeMember(group, bob)).toEqual({ group: null, contact: null });
  expect(removeMember(group, cy)).toEqual({ group: null, contact: { groupIds: null } });
});

test("members come from either side, and only contacts the copy holds count", () => {
  const entries = new ContactIndex().update([ann, bob, cy], []);
  const withGhost = view("group", "g1", { name: "Newsletter", memberIds: ["ann", "gone"] });
  expect(membersOf(withGhost, entries).map((e) => e.id)).toEqual(["ann", "cy"]);
  expect(groupEntries([withGhost, view("group", "g2", { name: "Alumni" })], entries)).toMatchObject(
    [
      { id: "g2", name: "Alumni", memberCount: 1 },
      { id: "g1", name: "Newsletter", memberCount: 2 },
    ],
  );
});
