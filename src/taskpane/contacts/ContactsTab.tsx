/**
 * The Contacts tab: the list, a contact's card and edit form, and the new-contact form, with a
 * Back button between them. The list keeps its search, sort, filters and scroll position while
 * a card is open, and focus returns to the contact's row on Back. The card and the forms load on
 * first use: the pane's first paint is the list. It opens on a contact's card when asked to
 * (`initialContactId`: "Open contact" beside the e-mail). The contacts selected in the list stay
 * selected while a card is open; their bar of bulk actions loads with the first selection.
 */
import { lazy, Suspense, useCallback, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { ContactList } from "./ContactList";
import type { ContactEntry } from "./contact-list";
import type { FirstScreen } from "./first-screen";
import { saveFirstScreen } from "./first-screen";
import { Loading } from "../ui/Loading";
import type { ContactDirectory, ContactQuery } from "./useContactDirectory";
import { OPENING_QUERY } from "./useContactDirectory";
import { useEdits } from "../records/useEdits";
import { useUndoToast } from "../ui/useUndoToast";
import type { Selection } from "../ui/selection";
import type { ListedContacts } from "../export/export-records";

const ContactPages = lazy(() =>
  import("./ContactPages").then((m) => ({ default: m.ContactPages })),
);
const ContactForm = lazy(() => import("./ContactForm").then((m) => ({ default: m.ContactForm })));
const BulkBar = lazy(() => import("./bulk").then((m) => ({ default: m.BulkBar })));

type Screen =
  | { readonly kind: "list" }
  | { readonly kind: "contact"; readonly id: string }
  | { readonly kind: "new" };

export function ContactsTab(props: {
  readonly engine: SyncEngine;
  readonly directory: ContactDirectory;
  /** The contact whose card shows first, instead of the list. */
  readonly initialContactId?: string | null;
  /** Opens a history item's Outlook item (the card shows "Open in Outlook" when given). */
  readonly onOpenHistoryItem?: (item: ViewRecord) => void;
  /** Prints the contacts the list shows, with the search that found them. */
  readonly onPrint?: (contacts: readonly ContactEntry[], query: ContactQuery) => void;
  /** Exports the contacts the list shows, or those selected. */
  readonly onExport?: (listed: ListedContacts) => void;
  /** What was typed into the search box of the list's stand-in, and whether it had focus. */
  readonly initialSearch?: { readonly text: string; readonly focused: boolean };
}) {
  const { engine, directory } = props;
  const edits = useEdits(engine);
  const { toaster, showUndo } = useUndoToast();
  const first = props.initialContactId ?? null;
  const [screen, setScreen] = useState<Screen>(
    first === null ? { kind: "list" } : { kind: "contact", id: first },
  );
  const [query, setQuery] = useState<ContactQuery>({
    ...OPENING_QUERY,
    text: props.initialSearch?.text ?? "",
  });
  const [selection, setSelection] = useState<Selection>(() => ({ keys: new Set(), anchor: null }));
  const [returnTo, setReturnTo] = useState<{ key: string; scrollY: number } | null>(
    first === null ? null : { key: first, scrollY: 0 },
  );

  const keepFirstScreen = useCallback(
    (screen: FirstScreen) => saveFirstScreen(() => localStorage, engine.copyId, screen),
    [engine],
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
          focusSearch={returnTo === null && (props.initialSearch?.focused ?? false)}
          onFirstScreen={keepFirstScreen}
          {...(props.onExport ? { onExport: props.onExport } : {})}
          onPrint={(contacts) => props.onPrint?.(contacts, query)}
          selection={selection}
          onSelectionChange={setSelection}
          bulkBar={(results) =>
            selection.keys.size > 0 && (
              <Suspense>
                <BulkBar
                  engine={engine}
                  directory={directory}
                  results={results}
                  selection={selection}
                  onSelectionChange={setSelection}
                  showUndo={showUndo}
                  onExport={props.onExport}
                />
              </Suspense>
            )
          }
        />
      )}
      <Suspense fallback={<Loading />}>
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
            companies={directory.companies}
            contacts={directory.contacts}
            onOpenContact={(id) => open(id, 0)}
            onSubmit={(fields) => edits.create("contact", fields)}
            onSaved={(outcome) => {
              const id = outcome.status === "saved" ? outcome.record?.id : undefined;
              if (id === undefined) setScreen({ kind: "list" });
              else open(id, 0);
            }}
            onCancel={() => setScreen({ kind: "list" })}
          />
        )}
      </Suspense>
      {toaster}
    </>
  );
}
