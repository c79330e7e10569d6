/**
 * One contact's screens: its card, and its edit form (Save or Cancel come back to the card).
 * Delete goes back with an "Undo" toast. Used by the Contacts tab and wherever a contact opens
 * from another record (a company's contacts, a group's members).
 */
import { useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { companyName, groupMemberIds, groupName } from "./contact-list";
import { texts } from "./contact-view";
import { ContactDetails } from "./ContactDetails";
import { ContactForm } from "./ContactForm";
import { GoneNotice } from "../records/GoneNotice";
import type { ContactPageProps } from "../records/RecordTab";
import type { ContactDirectory } from "./useContactDirectory";
import { useDeleteWithUndo, useEdits } from "../records/useEdits";

export function ContactPages(
  props: {
    readonly engine: SyncEngine;
    readonly directory: ContactDirectory;
    readonly contactId: string;
    readonly onOpenHistoryItem?: (item: ViewRecord) => void;
  } & ContactPageProps,
) {
  const { engine, directory, contactId, showUndo, onBack } = props;
  const edits = useEdits(engine);
  const deleteWithUndo = useDeleteWithUndo(edits, showUndo);
  const [editing, setEditing] = useState(false);
  const contact = directory.contacts.find((c) => c.id === contactId) ?? null;

  if (contact === null) {
    return <GoneNotice what="contact" onBack={onBack} />;
  }

  if (editing) {
    return (
      <ContactForm
        contact={contact}
        companies={directory.companies}
        onSubmit={(changes) => edits.update("contact", contact.id, changes)}
        onSaved={() => setEditing(false)}
        onCancel={() => setEditing(false)}
      />
    );
  }

  const companyId = contact.fields.companyId;
  const company =
    typeof companyId === "string" ? directory.companies.find((c) => c.id === companyId) : undefined;
  const groupIds = texts(contact.fields.groupIds);
  const groups = directory.groups.filter(
    (g) => groupIds.includes(g.id) || groupMemberIds(g, g.id, []).has(contact.id),
  );
  return (
    <ContactDetails
      contact={contact}
      companyName={company ? companyName(company) : null}
      groupNames={groups.map(groupName)}
      engine={engine}
      onBack={onBack}
      onEdit={() => setEditing(true)}
      onDelete={() => {
        void deleteWithUndo(contact, "Contact deleted").then((outcome) => {
          if (outcome.status === "saved") onBack();
        });
      }}
      {...(props.onOpenHistoryItem ? { onOpenHistoryItem: props.onOpenHistoryItem } : {})}
    />
  );
}
