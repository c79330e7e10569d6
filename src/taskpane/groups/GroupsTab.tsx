/**
 * The Groups tab: the group list, a group's card (members to add and remove) and form, and a
 * member's contact card, with Back at every step.
 */
import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import type { ContactEntry } from "../contacts/contact-list";
import { compareEntries, EntrySorter } from "../contacts/contact-list";
import { ContactPages } from "../contacts/ContactPages";
import { GoneNotice } from "../contacts/GoneNotice";
import { RecordList } from "../contacts/RecordList";
import type { ContactDirectory } from "../contacts/useContactDirectory";
import { useDeleteWithUndo, useEdits } from "../contacts/useEdits";
import { useUndoToast } from "../contacts/useUndoToast";
import { GroupDetails } from "./GroupDetails";
import { GroupForm } from "./GroupForm";
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

const useStyles = makeStyles({
  row: { display: "flex", flexDirection: "column", minWidth: 0 },
  ellipsis: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  secondary: { color: tokens.colorNeutralForeground3 },
});

type Screen =
  | { readonly kind: "list" }
  | { readonly kind: "group"; readonly id: string; readonly editing: boolean }
  | { readonly kind: "contact"; readonly id: string; readonly groupId: string }
  | { readonly kind: "new" };

export function GroupsTab(props: {
  readonly engine: SyncEngine;
  readonly directory: ContactDirectory;
  readonly onOpenHistoryItem?: (item: ViewRecord) => void;
}) {
  const { engine, directory } = props;
  const edits = useEdits(engine);
  const membership = useGroupMembership(engine);
  const { toaster, showUndo } = useUndoToast();
  const deleteWithUndo = useDeleteWithUndo(edits, showUndo);
  const [screen, setScreen] = useState<Screen>({ kind: "list" });
  const [query, setQuery] = useState("");
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const entries = useMemo(
    () => groupEntries(directory.groups, directory.entries),
    [directory.groups, directory.entries],
  );
  const [sorter] = useState(() => new EntrySorter<ContactEntry>(compareEntries));
  const byName = useMemo(() => sorter.sort(directory.entries, "name"), [sorter, directory.entries]);

  const showGroup = (id: string) => {
    setReturnTo(id);
    setScreen({ kind: "group", id, editing: false });
  };

  let body;
  switch (screen.kind) {
    case "list":
      body = (
        <RecordList
          entries={entries}
          words={WORDS}
          query={query}
          onQueryChange={setQuery}
          onOpen={(entry) => showGroup(entry.id)}
          onNew={() => setScreen({ kind: "new" })}
          rowHeight={ROW_HEIGHT}
          returnTo={returnTo}
          renderRow={renderGroupRow}
        />
      );
      break;
    case "new":
      body = (
        <GroupForm
          group={null}
          onSubmit={(fields) => edits.create("group", fields)}
          onSaved={(outcome) => {
            const id = outcome.status === "saved" ? outcome.record?.id : undefined;
            if (id === undefined) setScreen({ kind: "list" });
            else showGroup(id);
          }}
          onCancel={() => setScreen({ kind: "list" })}
        />
      );
      break;
    case "group": {
      const group = entries.find((e) => e.id === screen.id);
      const back = () => setScreen({ kind: "list" });
      if (!group) {
        body = <GoneNotice what="group" onBack={back} />;
      } else if (screen.editing) {
        const view = { kind: "group", id: group.id, editing: false } as const;
        body = (
          <GroupForm
            group={group.record}
            onSubmit={(changes) => edits.update("group", group.id, changes)}
            onSaved={() => setScreen(view)}
            onCancel={() => setScreen(view)}
          />
        );
      } else {
        body = (
          <GroupDetails
            group={group}
            members={membersOf(group.record, byName)}
            contacts={byName}
            index={directory.index}
            onBack={back}
            onEdit={() => setScreen({ kind: "group", id: group.id, editing: true })}
            onDelete={() => {
              void deleteWithUndo(group.record, "Group deleted").then((outcome) => {
                if (outcome.status === "saved") back();
              });
            }}
            onOpenContact={(contact: ContactEntry) =>
              setScreen({ kind: "contact", id: contact.id, groupId: group.id })
            }
            onAdd={(contact) => membership.add(group.record, contact.record)}
            onRemove={(contact) => membership.remove(group.record, contact.record)}
          />
        );
      }
      break;
    }
    case "contact":
      body = (
        <ContactPages
          engine={engine}
          directory={directory}
          contactId={screen.id}
          showUndo={showUndo}
          onBack={() => setScreen({ kind: "group", id: screen.groupId, editing: false })}
          {...(props.onOpenHistoryItem ? { onOpenHistoryItem: props.onOpenHistoryItem } : {})}
        />
      );
      break;
  }

  return (
    <>
      {body}
      {toaster}
    </>
  );
}

const renderGroupRow = (entry: GroupEntry) => <GroupRow entry={entry} />;

function GroupRow(props: { readonly entry: GroupEntry }) {
  const styles = useStyles();
  const { entry } = props;
  return (
    <span className={styles.row}>
      <span className={styles.ellipsis}>{entry.name}</span>
      <Caption1 className={mergeClasses(styles.ellipsis, styles.secondary)}>
        {entry.memberCount === 1 ? "1 member" : `${entry.memberCount} members`}
      </Caption1>
    </span>
  );
}
