/**
 * A group's card: its name and description, its members (each opens its card, each can be
 * removed), and a search to add contacts to it (neither for readers).
 */
import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  SearchBox,
  tokens,
} from "@fluentui/react-components";
import { Dismiss16Regular } from "@fluentui/react-icons/svg/dismiss";
import { PersonAdd16Regular } from "@fluentui/react-icons/svg/person-add";
import { useMemo, useState } from "react";
import type { ContactEntry } from "../contacts/contact-list";
import { RecordScreen, Section } from "../records/RecordScreen";
import { useCanEdit } from "../ui/useCanEdit";
import type { EntrySearch } from "../records/entry-search";
import { VirtualList } from "../ui/VirtualList";
import { MEMBER_ROW_HEIGHT, PersonRow, renderPersonRow } from "../companies/CompanyDetails";
import type { GroupEntry } from "./group-members";

/** Matches offered at once when adding members: enough to choose, short enough to scan. */
const MAX_CANDIDATES = 8;

const useStyles = makeStyles({
  add: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  candidates: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
  },
  candidate: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    minWidth: 0,
  },
  grow: { flexGrow: 1, minWidth: 0 },
  secondary: { color: tokens.colorNeutralForeground3 },
  empty: { color: tokens.colorNeutralForeground2 },
  list: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  status: { color: tokens.colorNeutralForeground2 },
});

export function GroupDetails(props: {
  readonly group: GroupEntry;
  readonly members: readonly ContactEntry[];
  /** Every contact, by name, to find ones to add. */
  readonly contacts: readonly ContactEntry[];
  /** The contacts' search index. */
  readonly index: EntrySearch<ContactEntry>;
  readonly onBack: () => void;
  readonly onEdit: () => void;
  readonly onDelete: () => void;
  readonly onOpenContact: (contact: ContactEntry) => void;
  readonly onAdd: (contact: ContactEntry) => Promise<string | null>;
  readonly onRemove: (contact: ContactEntry) => Promise<string | null>;
}) {
  const { group, members, contacts, index, onAdd, onRemove } = props;
  const styles = useStyles();
  const [query, setQuery] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const canEdit = useCanEdit();
  const memberIds = useMemo(() => new Set(members.map((m) => m.id)), [members]);
  const found = useMemo(
    () => (query.trim() === "" ? [] : index.search(contacts, query)),
    [index, contacts, query],
  );
  const candidates = found.filter((c) => !memberIds.has(c.id)).slice(0, MAX_CANDIDATES);

  const run = async (action: Promise<string | null>, success: string) => {
    const failed = await action;
    setProblem(failed);
    setDone(failed === null ? success : null);
  };
  const removeButton = (entry: ContactEntry, tabbable: boolean) => (
    <Button
      size="small"
      appearance="subtle"
      icon={<Dismiss16Regular />}
      tabIndex={tabbable ? 0 : -1}
      aria-label={`Remove ${entry.name} from ${group.name}`}
      className={mergeClasses(styles.secondary)}
      onClick={() => void run(onRemove(entry), `${entry.name} removed.`)}
    >
      Remove
    </Button>
  );

  return (
    <RecordScreen
      title={group.name}
      subtitle={group.description}
      record={group.record}
      onBack={props.onBack}
      onEdit={props.onEdit}
      onDelete={props.onDelete}
    >
      {canEdit && (
        <Section title="Add members">
          <div className={styles.add}>
            <SearchBox
              aria-label="Find a contact to add"
              placeholder="Find a contact to add"
              value={query}
              onChange={(_, data) => setQuery(data.value)}
            />
            {query.trim() !== "" &&
              (candidates.length === 0 ? (
                <Body1 className={styles.empty}>
                  {found.length > 0
                    ? "Every contact found is already a member."
                    : `No contact matches “${query.trim()}”.`}
                </Body1>
              ) : (
                <ul className={styles.candidates} aria-label="Contacts to add">
                  {candidates.map((contact) => (
                    <li key={contact.id} className={styles.candidate}>
                      <span className={styles.grow}>
                        <PersonRow entry={contact} />
                      </span>
                      <Button
                        size="small"
                        icon={<PersonAdd16Regular />}
                        aria-label={`Add ${contact.name} to ${group.name}`}
                        onClick={() => void run(onAdd(contact), `${contact.name} added.`)}
                      >
                        Add
                      </Button>
                    </li>
                  ))}
                </ul>
              ))}
          </div>
        </Section>
      )}
      {problem !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <Caption1 className={styles.status} role="status">
        {done ?? ""}
      </Caption1>
      <Section title={`Members (${members.length})`}>
        {members.length === 0 ? (
          <Body1 className={styles.empty}>
            {canEdit
              ? "No members yet. Find contacts above and add them to this group."
              : "No members yet."}
          </Body1>
        ) : (
          <VirtualList
            className={styles.list}
            items={members}
            label={`Members of ${group.name}`}
            rowHeight={MEMBER_ROW_HEIGHT}
            getKey={getId}
            onOpen={props.onOpenContact}
            renderRow={renderPersonRow}
            {...(canEdit ? { renderActions: removeButton } : {})}
          />
        )}
      </Section>
    </RecordScreen>
  );
}

const getId = (entry: ContactEntry) => entry.id;
