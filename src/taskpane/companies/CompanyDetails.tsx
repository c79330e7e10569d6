/**
 * A company's card: its fields (websites as links only when http or https), its contacts (the
 * contacts whose `companyId` is this company; each opens its card), and its history: items
 * linked to the company and to its contacts.
 */
import { Body1, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { fieldLabel } from "../../shared/records";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import type { ContactEntry } from "../contacts/contact-list";
import { addressesOf, phonesOf, telHref, text, texts, websiteHref } from "../contacts/contact-view";
import { MaybeLink } from "../contacts/ContactDetails";
import { CategoryTags, Details, RecordScreen, Section } from "../records/RecordScreen";
import { VirtualList } from "../ui/VirtualList";
import { HistoryTimeline } from "../history/HistoryTimeline";
import type { HistorySubject } from "../history/history-view";
import type { CompanyEntry } from "./company-list";

export const MEMBER_ROW_HEIGHT = 48;

const useStyles = makeStyles({
  person: { display: "flex", flexDirection: "column", minWidth: 0 },
  ellipsis: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  secondary: { color: tokens.colorNeutralForeground3 },
  empty: { color: tokens.colorNeutralForeground2 },
  list: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** A contact's row in a company's or a group's list: name, then job title or e-mail. */
export function PersonRow(props: { readonly entry: ContactEntry }) {
  const styles = useStyles();
  const { entry } = props;
  return (
    <span className={styles.person}>
      <span className={styles.ellipsis}>{entry.name}</span>
      <Caption1 className={mergeClasses(styles.ellipsis, styles.secondary)}>
        {entry.jobTitle ?? entry.email ?? ""}
      </Caption1>
    </span>
  );
}

/** `PersonRow` as a list's `renderRow`. */
export const renderPersonRow = (entry: ContactEntry) => <PersonRow entry={entry} />;

export function CompanyDetails(props: {
  readonly company: CompanyEntry;
  readonly contacts: readonly ContactEntry[];
  readonly engine: SyncEngine;
  readonly onBack: () => void;
  readonly onEdit: () => void;
  readonly onDelete: () => void;
  readonly onOpenContact: (contact: ContactEntry) => void;
  readonly onOpenHistoryItem?: (item: ViewRecord) => void;
}) {
  const { company, contacts, engine } = props;
  const styles = useStyles();
  const { fields } = company.record;
  const contactIds = useMemo(() => contacts.map((c) => c.id), [contacts]);
  const subject = useMemo<HistorySubject>(
    () => ({ type: "company", id: company.id, contactIds }),
    [company.id, contactIds],
  );
  const categories = texts(fields.categories);
  return (
    <RecordScreen
      title={company.name}
      subtitle={company.industry}
      record={company.record}
      onBack={props.onBack}
      onEdit={props.onEdit}
      onDelete={props.onDelete}
    >
      <Details
        title="Company details"
        items={[
          { term: fieldLabel("domains"), value: company.domains.join(", ") },
          ...phonesOf(fields).map((p) => ({
            term: p.label === null ? "Phone" : `Phone (${p.label})`,
            value: <MaybeLink href={telHref(p.number)}>{p.number}</MaybeLink>,
          })),
          ...addressesOf(fields).map((a) => ({
            term: a.label === null ? "Address" : `Address (${a.label})`,
            value: a.lines.join("\n"),
          })),
          ...texts(fields.websites).map((w) => ({
            term: "Website",
            value: (
              <MaybeLink href={websiteHref(w)} external>
                {w}
              </MaybeLink>
            ),
          })),
          {
            term: fieldLabel("categories"),
            value: categories.length === 0 ? null : <CategoryTags names={categories} />,
          },
          { term: fieldLabel("owner"), value: text(fields.owner) ?? "" },
          { term: fieldLabel("notes"), value: text(fields.notes) ?? "" },
        ]}
      />
      <Section title={`Contacts (${contacts.length})`}>
        {contacts.length === 0 ? (
          <Body1 className={styles.empty}>
            No contacts at this company yet. Choose this company on a contact&apos;s form to add
            one.
          </Body1>
        ) : (
          <VirtualList
            className={styles.list}
            items={contacts}
            label={`Contacts at ${company.name}`}
            rowHeight={MEMBER_ROW_HEIGHT}
            getKey={getId}
            onOpen={props.onOpenContact}
            renderRow={renderPersonRow}
          />
        )}
      </Section>
      <HistoryTimeline
        engine={engine}
        subject={subject}
        {...(props.onOpenHistoryItem ? { onOpenItem: props.onOpenHistoryItem } : {})}
      />
    </RecordScreen>
  );
}

const getId = (entry: ContactEntry) => entry.id;
