/**
 * The contact form: the record form, offering the copy's companies by name. A new contact whose
 * e-mail address belongs to a contact already is not saved at once: the form offers that
 * contact's card instead, and saves on a second Save (two people may share an address, such as
 * a team's mailbox, so the user may insist).
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Fields } from "../../shared/json";
import type { EditOutcome } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { emailKeys } from "../import/plan";
import { RecordForm } from "../records/RecordForm";
import { companyName, recordOptions } from "./contact-list";
import { contactName } from "./contact-view";

/** A contact that has an address the new one was given. */
interface Holder {
  readonly contact: ViewRecord;
  /** The addresses the user was told of: a second Save with them creates the contact. */
  readonly addresses: string;
}

export function ContactForm(props: {
  /** The contact to edit; null for a new one. */
  readonly contact: ViewRecord | null;
  /** The companies of the copy, offered by name. */
  readonly companies: readonly ViewRecord[];
  /** The contacts of the copy: a new contact's addresses are looked up in them. */
  readonly contacts?: readonly ViewRecord[];
  /** Opens a contact's card (the one that has the new contact's address). */
  readonly onOpenContact?: (id: string) => void;
  readonly onSubmit: (fields: Fields) => Promise<EditOutcome>;
  readonly onSaved: (outcome: EditOutcome) => void;
  readonly onCancel: () => void;
}) {
  const { contact, companies, contacts, onOpenContact, onSubmit, ...handlers } = props;
  const choices = useMemo(
    () => ({ companies: recordOptions(companies, companyName) }),
    [companies],
  );
  const byAddress = useMemo(() => {
    const map = new Map<string, ViewRecord>();
    for (const c of contacts ?? []) for (const key of emailKeys(c.fields)) map.set(key, c);
    return map;
  }, [contacts]);
  const [holder, setHolder] = useState<Holder | null>(null);

  const submit = async (fields: Fields): Promise<EditOutcome> => {
    if (contact === null) {
      const keys = emailKeys(fields);
      const at = keys.findIndex((key) => byAddress.has(key));
      const found = byAddress.get(keys[at] ?? "");
      if (found && holder?.addresses !== keys.join("\n")) {
        setHolder({ contact: found, addresses: keys.join("\n") });
        const field = `emails.${at}.address`;
        return {
          status: "invalid",
          field,
          message: `${field} belongs to ${contactName(found.fields)} already.`,
        };
      }
    }
    return onSubmit(fields);
  };

  const name = holder ? contactName(holder.contact.fields) : "";
  const notice = holder && (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        {name} already has this address. Open that card, or select Save again to add a new contact
        anyway.
      </MessageBarBody>
      {onOpenContact && (
        <MessageBarActions>
          <Button onClick={() => onOpenContact(holder.contact.id)}>Open {name}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
  return (
    <RecordForm
      type="contact"
      record={contact}
      choices={choices}
      onSubmit={submit}
      notice={notice}
      {...handlers}
    />
  );
}
