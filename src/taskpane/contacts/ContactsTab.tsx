/**
 * The Contacts tab: the list, a contact's card and edit form, and the new-contact form, with a
 * Back button between them. The list keeps its search, sort, filters and scroll position while
 * a card is open, and focus returns to the contact's row on Back.
 */
import type { ViewRecord } from "../../sync/view";
import { useMemo, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import { companyName, NO_FILTER, recordOptions } from "./contact-list";
import { ContactForm } from "./ContactForm";
import { ContactList } from "./ContactList";
import { ContactPages } from "./ContactPages";
import type { ContactQuery } from "./useContactDirectory";
import { useContactDirectory } from "./useContactDirectory";
import { useEdits } from "./useEdits";
import { useUndoToast } from "./useUndoToast";

type Screen =
  | { readonly kind: "list" }
  | { readonly kind: "contact"; readonly id: string }
  | { readonly kind: "new" };

export function ContactsTab(props: {
  readonly engine: SyncEngine;
  /** Opens a history item's Outlook item (the card shows "Open in Outlook" when given). */
  readonly onOpenHistoryItem?: (item: ViewRecord) => void;
}) {
  const { engine } = props;
  const directory = useContactDirectory(engine);
  const edits = useEdits(engine);
  const { toaster, showUndo } = useUndoToast();
  const [screen, setScreen] = useState<Screen>({ kind: "list" });
  const [query, setQuery] = useState<ContactQuery>({ text: "", sort: "name", filter: NO_FILTER });
  const [returnTo, setReturnTo] = useState<{ key: string; scrollY: number } | null>(null);
  const companies = useMemo(
    () => recordOptions(directory.companies, companyName),
    [directory.companies],
  );

  const open = (id: string, listScrollY = window.scrollY) => {
    setReturnTo({ key: id, scrollY: listScrollY });
    setScreen({ kind: "contact", id });
  };

  return (
    <>
      {screen.kind === "list" && (
        <ContactList
          directory={directory}
          query={query}
          onQueryChange={setQuery}
          onOpen={(entry) => open(entry.id)}
          onNew={() => {
            setReturnTo(null);
            setScreen({ kind: "new" });
          }}
          returnTo={returnTo}
        />
      )}
      {screen.kind === "contact" && (
        <ContactPages
          engine={engine}
          directory={directory}
          contactId={screen.id}
          showUndo={showUndo}
          onBack={() => setScreen({ kind: "list" })}
          {...(props.onOpenHistoryItem ? { onOpenHistoryItem: props.onOpenHistoryItem } : {})}
        />
      )}
      {screen.kind === "new" && (
        <ContactForm
          contact={null}
          companies={companies}
          onSubmit={(fields) => edits.create("contact", fields)}
          onSaved={(outcome) => {
            const id = outcome.status === "saved" ? outcome.record?.id : undefined;
            if (id === undefined) setScreen({ kind: "list" });
            else open(id, 0);
          }}
          onCancel={() => setScreen({ kind: "list" })}
        />
      )}
      {toaster}
    </>
  );
}
