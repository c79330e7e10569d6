/**
 * A tab of companies or groups: the list, a record's card and form, the new record's form, and
 * the card of a contact opened from the record's card, with Back at every step. The tab says
 * how its records are listed, edited and shown (`renderRow`, `renderForm`, `renderCard`), and
 * how a contact is (`renderContact`).
 */
import type { ReactNode } from "react";
import { useState } from "react";
import type { Fields } from "../../shared/json";
import type { EditOutcome, SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import type { ShowUndo } from "../ui/useUndoToast";
import { useUndoToast } from "../ui/useUndoToast";
import { GoneNotice } from "./GoneNotice";
import type { RecordListWords } from "./RecordList";
import { RecordList } from "./RecordList";
import { useDeleteWithUndo, useEdits } from "./useEdits";

type Screen =
  | { readonly kind: "list" }
  | { readonly kind: "record"; readonly id: string; readonly editing: boolean }
  | { readonly kind: "contact"; readonly id: string; readonly recordId: string }
  | { readonly kind: "new" };

/** What a record's form is given: it saves through `onSubmit`, then calls `onSaved`. */
export interface RecordFormProps {
  readonly onSubmit: (fields: Fields) => Promise<EditOutcome>;
  readonly onSaved: (outcome: EditOutcome) => void;
  readonly onCancel: () => void;
}

/** What a record's card is given. */
export interface RecordCardProps {
  readonly onBack: () => void;
  readonly onEdit: () => void;
  readonly onDelete: () => void;
  readonly onOpenContact: (contact: { readonly id: string }) => void;
}

/** What a contact's screens, opened from a record's card, are given. */
export interface ContactPageProps {
  readonly showUndo: ShowUndo;
  readonly onBack: () => void;
}

export function RecordTab<
  E extends { readonly id: string; readonly record: ViewRecord; readonly haystack: string },
>(props: {
  readonly engine: SyncEngine;
  readonly type: "company" | "group";
  readonly words: RecordListWords;
  readonly entries: readonly E[];
  readonly rowHeight: number;
  readonly renderRow: (entry: E) => ReactNode;
  /** The form of a record, or of a new one (`record` null). */
  readonly renderForm: (record: ViewRecord | null, form: RecordFormProps) => ReactNode;
  readonly renderCard: (entry: E, card: RecordCardProps) => ReactNode;
  /** A contact's screens (contacts/ContactPages.tsx), opened from a record's card. */
  readonly renderContact: (contactId: string, page: ContactPageProps) => ReactNode;
}) {
  const { engine, type, words, entries } = props;
  const edits = useEdits(engine);
  const { toaster, showUndo } = useUndoToast();
  const deleteWithUndo = useDeleteWithUndo(edits, showUndo);
  const [screen, setScreen] = useState<Screen>({ kind: "list" });
  const [query, setQuery] = useState("");
  const [returnTo, setReturnTo] = useState<string | null>(null);

  const list = () => setScreen({ kind: "list" });
  const show = (id: string) => {
    setReturnTo(id);
    setScreen({ kind: "record", id, editing: false });
  };

  let body: ReactNode;
  switch (screen.kind) {
    case "list":
      body = (
        <RecordList
          entries={entries}
          words={words}
          query={query}
          onQueryChange={setQuery}
          onOpen={(entry) => show(entry.id)}
          onNew={() => setScreen({ kind: "new" })}
          rowHeight={props.rowHeight}
          returnTo={returnTo}
          renderRow={props.renderRow}
        />
      );
      break;
    case "new":
      body = props.renderForm(null, {
        onSubmit: (fields) => edits.create(type, fields),
        onSaved: (outcome) => {
          const id = outcome.status === "saved" ? outcome.record?.id : undefined;
          if (id === undefined) list();
          else show(id);
        },
        onCancel: list,
      });
      break;
    case "record": {
      const entry = entries.find((e) => e.id === screen.id);
      if (!entry) {
        body = <GoneNotice what={type} onBack={list} />;
      } else if (screen.editing) {
        const card = () => setScreen({ kind: "record", id: entry.id, editing: false });
        body = props.renderForm(entry.record, {
          onSubmit: (changes) => edits.update(type, entry.id, changes),
          onSaved: card,
          onCancel: card,
        });
      } else {
        body = props.renderCard(entry, {
          onBack: list,
          onEdit: () => setScreen({ kind: "record", id: entry.id, editing: true }),
          onDelete: () => {
            const deleted = `${words.one.charAt(0).toUpperCase()}${words.one.slice(1)} deleted`;
            void deleteWithUndo(entry.record, deleted).then((outcome) => {
              if (outcome.status === "saved") list();
            });
          },
          onOpenContact: (contact) =>
            setScreen({ kind: "contact", id: contact.id, recordId: entry.id }),
        });
      }
      break;
    }
    case "contact":
      body = props.renderContact(screen.id, {
        showUndo,
        onBack: () => setScreen({ kind: "record", id: screen.recordId, editing: false }),
      });
      break;
  }

  return (
    <>
      {body}
      {toaster}
    </>
  );
}
