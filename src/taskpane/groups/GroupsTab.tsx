/**
 * The Groups tab: the group list, a group's card (members to add and remove) and form, and a
 * member's contact card, with Back at every step.
 */
import { useMemo, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import type { ContactEntry } from "../contacts/contact-list";
import { compareEntries, EntrySorter } from "../contacts/contact-list";
import { ContactPages } from "../contacts/ContactPages";
import { RecordRow } from "../records/RecordList";
import { RecordTab } from "../records/RecordTab";
import type { ContactDirectory } from "../contacts/useContactDirectory";
import { GroupDetails } from "./GroupDetails";
import { RecordForm } from "../records/RecordForm";
import type { GroupEntry } from "./group-members";
import { groupEntries, membersOf } from "./group-members";
import { useGroupMembership } from "./useGroupMembership";

const ROW_HEIGHT = 52;

const WORDS = {
  one: "group",
  many: "groups",
  listLabel: "Groups",
  newLabel: "New group",
  firstLabel: "Add your first group",
  emptyHint:
    "Groups are lists of contacts, such as a newsletter's readers or a trade show's visitors.",
  searchHint: "Search looks in group names and descriptions.",
};

export function GroupsTab(props: {
  readonly engine: SyncEngine;
  readonly directory: ContactDirectory;
  readonly onOpenHistoryItem?: (item: ViewRecord) => void;
}) {
  const { engine, directory } = props;
  const membership = useGroupMembership(engine);
  const entries = useMemo(
    () => groupEntries(directory.groups, directory.entries),
    [directory.groups, directory.entries],
  );
  const [sorter] = useState(() => new EntrySorter<ContactEntry>(compareEntries));
  const byName = useMemo(() => sorter.sort(directory.entries, "name"), [sorter, directory.entries]);
  return (
    <RecordTab
      engine={engine}
      type="group"
      words={WORDS}
      entries={entries}
      rowHeight={ROW_HEIGHT}
      renderRow={renderGroupRow}
      renderForm={(group, form) => <RecordForm type="group" record={group} {...form} />}
      renderCard={(group, card) => (
        <GroupDetails
          group={group}
          members={membersOf(group.record, byName)}
          contacts={byName}
          index={directory.index}
          {...card}
          onAdd={(contact) => membership.add(group.record, contact.record)}
          onRemove={(contact) => membership.remove(group.record, contact.record)}
        />
      )}
      renderContact={(contactId, page) => (
        <ContactPages {...props} contactId={contactId} {...page} />
      )}
    />
  );
}

const renderGroupRow = (entry: GroupEntry) => (
  <RecordRow
    name={entry.name}
    detail={entry.memberCount === 1 ? "1 member" : `${entry.memberCount} members`}
  />
);
