/**
 * The Companies tab: the company list, a company's card (its contacts and history) and form,
 * and a contact's card opened from the company, with Back at every step.
 */
import { useMemo } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { ContactPages } from "../contacts/ContactPages";
import { RecordRow } from "../records/RecordList";
import { RecordTab } from "../records/RecordTab";
import type { ContactDirectory } from "../contacts/useContactDirectory";
import { CompanyDetails } from "./CompanyDetails";
import { RecordForm } from "../records/RecordForm";
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

export function CompaniesTab(props: {
  readonly engine: SyncEngine;
  readonly directory: ContactDirectory;
  readonly onOpenHistoryItem?: (item: ViewRecord) => void;
}) {
  const { engine, directory } = props;
  const entries = useMemo(() => companyEntries(directory.companies), [directory.companies]);
  const openItem = props.onOpenHistoryItem ? { onOpenHistoryItem: props.onOpenHistoryItem } : {};
  return (
    <RecordTab
      engine={engine}
      type="company"
      words={WORDS}
      entries={entries}
      rowHeight={ROW_HEIGHT}
      renderRow={renderCompanyRow}
      renderForm={(company, form) => <RecordForm type="company" record={company} {...form} />}
      renderCard={(company, card) => (
        <CompanyDetails
          company={company}
          contacts={contactsOf(directory.entries, company.id)}
          engine={engine}
          {...card}
          {...openItem}
        />
      )}
      renderContact={(contactId, page) => (
        <ContactPages {...props} contactId={contactId} {...page} />
      )}
    />
  );
}

const renderCompanyRow = (entry: CompanyEntry) => (
  <RecordRow name={entry.name} detail={entry.industry ?? entry.domains.join(", ")} />
);
