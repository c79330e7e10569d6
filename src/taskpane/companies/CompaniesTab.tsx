/**
 * The Companies tab: the company list, a company's card (its contacts and history) and form,
 * and a contact's card opened from the company, with Back at every step.
 */
import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { ContactPages } from "../contacts/ContactPages";
import { GoneNotice } from "../contacts/GoneNotice";
import { RecordList } from "../contacts/RecordList";
import type { ContactDirectory } from "../contacts/useContactDirectory";
import { useDeleteWithUndo, useEdits } from "../contacts/useEdits";
import { useUndoToast } from "../contacts/useUndoToast";
import { CompanyDetails } from "./CompanyDetails";
import { CompanyForm } from "./CompanyForm";
import type { CompanyEntry } from "./company-list";
import { companyEntries, contactsOf } from "./company-list";

const ROW_HEIGHT = 52;

const WORDS = {
  one: "company",
  many: "companies",
  listLabel: "Companies",
  newLabel: "New company",
  firstLabel: "Add your first company",
  emptyHint: "Companies group your contacts by the organisation they work for.",
  searchHint: "Search looks in names, industries, domains, phone numbers and categories.",
};

const useStyles = makeStyles({
  row: { display: "flex", flexDirection: "column", minWidth: 0 },
  ellipsis: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  secondary: { color: tokens.colorNeutralForeground3 },
});

type Screen =
  | { readonly kind: "list" }
  | { readonly kind: "company"; readonly id: string; readonly editing: boolean }
  | { readonly kind: "contact"; readonly id: string; readonly companyId: string }
  | { readonly kind: "new" };

export function CompaniesTab(props: {
  readonly engine: SyncEngine;
  readonly directory: ContactDirectory;
  readonly onOpenHistoryItem?: (item: ViewRecord) => void;
}) {
  const { engine, directory } = props;
  const edits = useEdits(engine);
  const { toaster, showUndo } = useUndoToast();
  const deleteWithUndo = useDeleteWithUndo(edits, showUndo);
  const [screen, setScreen] = useState<Screen>({ kind: "list" });
  const [query, setQuery] = useState("");
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const entries = useMemo(() => companyEntries(directory.companies), [directory.companies]);
  const openItem = props.onOpenHistoryItem ? { onOpenHistoryItem: props.onOpenHistoryItem } : {};

  const showCompany = (id: string) => {
    setReturnTo(id);
    setScreen({ kind: "company", id, editing: false });
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
          onOpen={(entry) => showCompany(entry.id)}
          onNew={() => setScreen({ kind: "new" })}
          rowHeight={ROW_HEIGHT}
          returnTo={returnTo}
          renderRow={renderCompanyRow}
        />
      );
      break;
    case "new":
      body = (
        <CompanyForm
          company={null}
          onSubmit={(fields) => edits.create("company", fields)}
          onSaved={(outcome) => {
            const id = outcome.status === "saved" ? outcome.record?.id : undefined;
            if (id === undefined) setScreen({ kind: "list" });
            else showCompany(id);
          }}
          onCancel={() => setScreen({ kind: "list" })}
        />
      );
      break;
    case "company": {
      const company = entries.find((e) => e.id === screen.id);
      const back = () => setScreen({ kind: "list" });
      if (!company) {
        body = <GoneNotice onBack={back} what="company" />;
      } else if (screen.editing) {
        const view = { kind: "company", id: company.id, editing: false } as const;
        body = (
          <CompanyForm
            company={company.record}
            onSubmit={(changes) => edits.update("company", company.id, changes)}
            onSaved={() => setScreen(view)}
            onCancel={() => setScreen(view)}
          />
        );
      } else {
        body = (
          <CompanyDetails
            company={company}
            contacts={contactsOf(directory.entries, company.id)}
            engine={engine}
            onBack={back}
            onEdit={() => setScreen({ kind: "company", id: company.id, editing: true })}
            onDelete={() => {
              void deleteWithUndo(company.record, "Company deleted").then((outcome) => {
                if (outcome.status === "saved") back();
              });
            }}
            onOpenContact={(contact) =>
              setScreen({ kind: "contact", id: contact.id, companyId: company.id })
            }
            {...(props.onOpenHistoryItem ? { onOpenHistoryItem: props.onOpenHistoryItem } : {})}
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
          onBack={() => setScreen({ kind: "company", id: screen.companyId, editing: false })}
          {...openItem}
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

const renderCompanyRow = (entry: CompanyEntry) => <CompanyRow entry={entry} />;

function CompanyRow(props: { readonly entry: CompanyEntry }) {
  const styles = useStyles();
  const { entry } = props;
  return (
    <span className={styles.row}>
      <span className={styles.ellipsis}>{entry.name}</span>
      <Caption1 className={mergeClasses(styles.ellipsis, styles.secondary)}>
        {entry.industry ?? entry.domains.join(", ")}
      </Caption1>
    </span>
  );
}
