/**
 * One person of the selected item: the card of each contact with their address, with "Link" (or
 * "Linked"), their latest history items (for the sender) and their whole history on demand; or,
 * for an address no contact has, who it is, the company its domain matched, and "Create
 * contact" (with a new company named from the domain when none matched). Readers get neither "Link" nor "Create contact". The whole history and the new
 * contact's form load on first use.
 */
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled } from "@fluentui/react-icons/svg/checkmark-circle";
import { ChevronDown16Regular } from "@fluentui/react-icons/svg/chevron-down";
import { ChevronUp16Regular } from "@fluentui/react-icons/svg/chevron-up";
import { Link16Regular } from "@fluentui/react-icons/svg/link";
import { PersonAdd16Regular } from "@fluentui/react-icons/svg/person-add";
import { lazy, Suspense, useState } from "react";
import type { OfficeSession } from "../../office/office";
import type { Fields } from "../../shared/json";
import type { EditOutcome, SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { ContactCard } from "../contacts/ContactCard";
import { contactName, text } from "../contacts/contact-view";
import { PersonLine } from "../ui/Initials";
import { Loading } from "../ui/Loading";
import { useCanEdit } from "../ui/useCanEdit";
import type { ResolvedPerson } from "./item-people";
import { newContactDraft } from "./item-people";
import { guessCompany } from "./sender-company";
import { OpenItemProblem } from "./OpenItemProblem";
import { RecentHistory } from "./RecentHistory";
import { useOpenInOutlook } from "./useOpenInOutlook";

const HistoryTimeline = lazy(() =>
  import("../history/HistoryTimeline").then((m) => ({ default: m.HistoryTimeline })),
);
const NewContactForm = lazy(() =>
  import("./NewContactForm").then((m) => ({ default: m.NewContactForm })),
);

const useStyles = makeStyles({
  person: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  linked: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteGreenForeground1,
  },
  history: { paddingLeft: tokens.spacingHorizontalS },
});

export interface PersonEntryProps {
  readonly engine: SyncEngine;
  readonly resolved: ResolvedPerson;
  /** What the item is, for the words of the buttons: "e-mail" or "appointment". */
  readonly itemWord: string;
  /** The contacts the item is linked to. */
  readonly linkedIds: readonly string[];
  /** Whether the item can be linked (Outlook gave it an id). */
  readonly canLink: boolean;
  /** Whether the contacts' latest history items show (the sender's do). */
  readonly historyOpen: boolean;
  readonly companyNames: ReadonlyMap<string, string>;
  /** The user, the owner of contacts made here. */
  readonly owner: string | null;
  readonly session: OfficeSession;
  readonly onLink: (contact: ViewRecord, company: ViewRecord | null) => void;
  readonly onCreateContact: (fields: Fields, company: Fields | null) => Promise<EditOutcome>;
  /** Reads the item's text: for the sender of an e-mail, whose signature it holds. */
  readonly readBody: (() => Promise<string | null>) | null;
  readonly onContactCreated: (name: string) => void;
  readonly onOpenContact: ((contact: ViewRecord) => void) | undefined;
}

export function PersonEntry(props: PersonEntryProps) {
  const { resolved } = props;
  const styles = useStyles();
  if (resolved.contacts.length === 0) return <UnknownPerson {...props} />;
  return (
    <div className={styles.person}>
      {resolved.contacts.map((contact) => (
        <KnownContact key={contact.id} {...props} contact={contact} />
      ))}
    </div>
  );
}

function KnownContact(props: PersonEntryProps & { readonly contact: ViewRecord }) {
  const { contact, resolved, engine, linkedIds, canLink, itemWord } = props;
  const styles = useStyles();
  const canEdit = useCanEdit();
  const opener = useOpenInOutlook(props.session);
  // The whole history on demand; the sender's latest items meanwhile.
  const [full, setFull] = useState(false);
  const recent = props.historyOpen;
  const name = contactName(contact.fields);
  const companyId = text(contact.fields.companyId);
  const companyName =
    (companyId === null ? null : props.companyNames.get(companyId)) ??
    (resolved.company === null ? null : (props.companyNames.get(resolved.company.id) ?? null));
  const linked = linkedIds.includes(contact.id);
  const toggleLabel = full ? "Hide history" : recent ? "All history" : "Show history";
  return (
    <div className={styles.person}>
      <ContactCard
        contact={contact}
        companyName={companyName}
        {...(props.onOpenContact ? { onOpen: props.onOpenContact } : {})}
      />
      <div className={styles.actions}>
        {linked ? (
          <Caption1 className={styles.linked}>
            <CheckmarkCircle16Filled aria-hidden />
            Linked
          </Caption1>
        ) : (
          canLink &&
          canEdit && (
            <Button
              size="small"
              icon={<Link16Regular />}
              aria-label={`Link this ${itemWord} to ${name}`}
              onClick={() => props.onLink(contact, resolved.company)}
            >
              Link
            </Button>
          )
        )}
        <Button
          size="small"
          appearance="subtle"
          icon={full ? <ChevronUp16Regular /> : <ChevronDown16Regular />}
          aria-expanded={full}
          aria-label={`${toggleLabel} of ${name}`}
          onClick={() => setFull((f) => !f)}
        >
          {toggleLabel}
        </Button>
      </div>
      {(full || recent) && <OpenItemProblem opener={opener} />}
      {full ? (
        <div className={styles.history}>
          <Suspense fallback={<Loading />}>
            <HistoryTimeline
              engine={engine}
              subject={{ type: "contact", id: contact.id, companyId }}
              onOpenItem={opener.openItem}
            />
          </Suspense>
        </div>
      ) : (
        recent && (
          <RecentHistory
            engine={engine}
            contact={contact}
            name={name}
            onOpenItem={opener.openItem}
          />
        )
      )}
    </div>
  );
}

function UnknownPerson(props: PersonEntryProps) {
  const { resolved } = props;
  const styles = useStyles();
  const [creating, setCreating] = useState(false);
  const canEdit = useCanEdit();
  const { person, company } = resolved;
  const name = person.name || person.address;
  const companyName = company === null ? null : (props.companyNames.get(company.id) ?? null);
  return (
    <div className={styles.person}>
      <PersonLine
        name={name}
        address={person.address}
        tertiary={companyName === null ? "Not in your contacts" : `Company: ${companyName}`}
      />
      {creating ? (
        <Suspense fallback={<Loading />}>
          <NewContactForm
            draft={newContactDraft(person, company)}
            companyName={companyName}
            newCompany={company === null ? guessCompany(person.address) : null}
            readBody={props.readBody}
            owner={props.owner}
            onCreate={props.onCreateContact}
            onCreated={(created) => {
              setCreating(false);
              props.onContactCreated(created);
            }}
            onCancel={() => setCreating(false)}
          />
        </Suspense>
      ) : (
        canEdit && (
          <div className={styles.actions}>
            <Button
              size="small"
              icon={<PersonAdd16Regular />}
              aria-label={`Create contact for ${name}`}
              onClick={() => setCreating(true)}
            >
              Create contact
            </Button>
          </div>
        )
      )}
    </div>
  );
}
