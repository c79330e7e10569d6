/**
 * Beside the open e-mail or appointment: whether it is linked to contact history (and the
 * setting that links e-mails from contacts automatically, on by default as in Business Contact
 * Manager), then its sender (or organizer) and the other people in it, resolved to contacts and
 * companies, with their cards and history, "Link" per contact and "Create contact" for
 * addresses no contact has. Only a known owner or editor gets either, or automatic linking
 * (useCanEdit): a reader never, and nobody before the pane knows their role.
 *
 * Only the item's few addresses and domains are looked up: indexing every address of 10,000
 * contacts would hold up the pane's first paint for an item that names three people.
 */
import {
  Body1,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Switch,
  tokens,
} from "@fluentui/react-components";
import { Link16Regular } from "@fluentui/react-icons/svg/link";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { MailItem, OfficeSession } from "../../office/office";
import type { PrivateMark } from "../../office/headers";
import { privateMark } from "../../office/headers";
import type { Fields } from "../../shared/json";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { contactName, neverLinked, text } from "../contacts/contact-view";
import { useCanEdit } from "../ui/useCanEdit";
import { useRecords } from "../useRecords";
import type { ItemNote } from "./item-link";
import { linkedContactIds, missingMessageIds, noteFor } from "./item-link";
import type { ResolvedPerson } from "./item-people";
import {
  addressKey,
  companiesByDomain,
  contactsByAddress,
  matchingDomains,
  peopleOf,
  resolvePeople,
} from "./item-people";
import { PersonEntry } from "./PersonEntry";
import { createWithCompany } from "./sender-company";
import { useAutoLink } from "./useAutoLink";
import { useItemLinks } from "./useItemLinks";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  heading: { margin: 0 },
  subject: { overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  linked: { color: tokens.colorNeutralForeground1, overflowWrap: "anywhere" },
  icon: { verticalAlign: "text-bottom", marginRight: tokens.spacingHorizontalXS },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

export interface ItemPanelProps {
  readonly engine: SyncEngine;
  readonly session: OfficeSession;
  readonly item: MailItem;
  readonly onOpenContact?: ((contact: ViewRecord) => void) | undefined;
}

/** The person the item is from: its sender or organizer, unless that is the user. */
function isLead(resolved: ResolvedPerson): boolean {
  return resolved.person.roles.includes("from") || resolved.person.roles.includes("organizer");
}

function listOfNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
}

export function ItemPanel(props: ItemPanelProps) {
  const { engine, session, item, onOpenContact } = props;
  const styles = useStyles();
  const leadHeadingId = useId();
  const itemHeadingId = useId();
  const othersHeadingId = useId();
  const message = item.itemType === "message";
  const itemWord = message ? "e-mail" : "appointment";

  const canEdit = useCanEdit();
  const contacts = useRecords(engine, "contact");
  const companies = useRecords(engine, "company");
  const people = useMemo(() => peopleOf(item, session.user), [item, session.user]);
  const addresses = useMemo(() => new Set(people.map((p) => addressKey(p.address))), [people]);
  const domains = useMemo(
    () => new Set(people.flatMap((p) => matchingDomains(p.address))),
    [people],
  );
  const byAddress = useMemo(() => contactsByAddress(contacts, addresses), [contacts, addresses]);
  const byDomain = useMemo(() => companiesByDomain(companies, domains), [companies, domains]);
  const companyNames = useMemo(
    () => new Map(companies.map((c) => [c.id, text(c.fields.name) ?? "A company without a name"])),
    [companies],
  );
  const resolved = useMemo(
    () => resolvePeople(people, byAddress, companies, byDomain),
    [people, byAddress, companies, byDomain],
  );
  const lead = resolved.find(isLead) ?? null;
  const others = resolved.filter((r) => r !== lead);
  // A new history item's company: the sender's, else the first known person's.
  const itemCompanyId =
    (lead?.company ?? resolved.find((r) => r.company !== null)?.company ?? null)?.id ?? null;

  const links = useItemLinks(engine, session, item);
  const linkedIds = useMemo(() => linkedContactIds(links.record), [links.record]);
  const [autoLink, setAutoLink] = useAutoLink("received", engine.databaseId);
  // Per item: a problem linking one e-mail, or what the screen reader was told about it, is not
  // shown beside the next (an answer that comes after the user moved on stays with its item).
  const itemKey = `${item.itemType}|${item.itemId ?? ""}|${item.internetMessageId ?? ""}`;
  const [linkProblem, setProblem] = useState<ItemNote | null>(null);
  const problem = noteFor(linkProblem, itemKey);
  const [told, setTold] = useState<ItemNote | null>(null);
  const announcement = noteFor(told, itemKey) ?? "";
  const setAnnouncement = useCallback((text: string) => setTold({ key: itemKey, text }), [itemKey]);
  const { link } = links;

  // For the few contacts an item is linked to: no map of every contact for them.
  const nameOf = useCallback(
    (id: string) => {
      const contact = contacts.find((c) => c.id === id);
      return contact ? contactName(contact.fields) : "a contact not in this copy";
    },
    [contacts],
  );

  const linkTo = useCallback(
    async (contactIds: readonly string[], companyId: string | null) => {
      const result = await link(contactIds, companyId);
      if (result.status === "failed") setProblem({ key: itemKey, text: result.message });
      else if (result.status === "linked") {
        setProblem(null);
        setAnnouncement(`Linked this ${itemWord} to ${listOfNames(result.added.map(nameOf))}.`);
      }
    },
    [link, itemWord, nameOf, itemKey, setAnnouncement],
  );

  // Automatic linking: an e-mail is linked to each of its contacts once per pane, so a contact
  // the user took off the item (or a failed link) is not linked again at every render. A
  // contact made from the e-mail is new, so it is linked too. It waits for a complete copy:
  // before that, the copy may not know the e-mail is linked already.
  const attempted = useRef(new Set<string>());
  const copyComplete = engine.copy?.complete === true;
  // An e-mail its sender marked private or personal, or an encrypted one, is linked only by
  // hand: its headers are read first (undefined until they are).
  const [marking, setMarking] = useState<{ key: string; mark: PrivateMark | null } | null>(null);
  useEffect(() => {
    if (!message) return;
    let active = true;
    const done = (mark: PrivateMark | null) => {
      if (active) setMarking({ key: itemKey, mark });
    };
    session.internetHeaders(item).then(
      (headers) => done(headers === null ? null : privateMark(headers)),
      (error: unknown) => {
        console.error("Could not read the item's headers", error);
        done(null);
      },
    );
    return () => {
      active = false;
    };
  }, [session, item, itemKey, message]);
  const mark = marking?.key === itemKey ? marking.mark : undefined;
  useEffect(() => {
    const historyId = links.historyId;
    if (!canEdit || !autoLink || !message || !copyComplete || historyId === null) return;
    if (mark !== null) return;
    // A contact whose e-mails are never linked automatically is left to the Link button.
    const wanted = resolved
      .flatMap((r) => r.contacts.filter((c) => !neverLinked(c.fields)).map((c) => c.id))
      .filter((id) => !linkedIds.includes(id) && !attempted.current.has(`${historyId}|${id}`));
    // A history item made by the send event learns the sent copy's message id.
    const fill =
      links.record !== null &&
      missingMessageIds(links.record, item) !== null &&
      !attempted.current.has(`${historyId}|ids`);
    if (wanted.length === 0 && !fill) return;
    for (const id of wanted) attempted.current.add(`${historyId}|${id}`);
    attempted.current.add(`${historyId}|ids`);
    void linkTo(wanted, itemCompanyId);
  }, [
    canEdit,
    autoLink,
    message,
    copyComplete,
    item,
    links.historyId,
    links.record,
    resolved,
    linkedIds,
    itemCompanyId,
    linkTo,
    mark,
  ]);

  const createContact = useCallback(
    (fields: Fields, company: Fields | null) =>
      company === null
        ? engine.create("contact", fields)
        : createWithCompany(engine, fields, company),
    [engine],
  );
  // The sender's signature is in the e-mail's text; a recipient's is not.
  const readBody = useCallback(() => session.bodyText(item), [session, item]);

  // Keyed by item and address: what one person's entry had open stays with that item.
  const entry = (r: ResolvedPerson, historyOpen: boolean) => (
    <PersonEntry
      key={`${itemKey}|${r.person.address.toLowerCase()}`}
      engine={engine}
      session={session}
      resolved={r}
      itemWord={itemWord}
      linkedIds={linkedIds}
      canLink={links.historyId !== null}
      historyOpen={historyOpen}
      companyNames={companyNames}
      owner={session.user?.emailAddress ?? null}
      onLink={(contact, company) => void linkTo([contact.id], company?.id ?? itemCompanyId)}
      onCreateContact={createContact}
      readBody={message && r.person.roles.includes("from") ? readBody : null}
      onContactCreated={(name) => setAnnouncement(`${name} was added to your contacts.`)}
      onOpenContact={onOpenContact}
    />
  );

  const linkStatus = !links.ready
    ? null
    : links.historyId === null
      ? `Outlook gives no id for this ${itemWord} yet, so it cannot be linked.`
      : linkedIds.length > 0
        ? `Linked to ${listOfNames(linkedIds.map(nameOf))}`
        : `This ${itemWord} is not linked to any contact.`;

  return (
    <>
      <section className={styles.section} aria-labelledby={itemHeadingId}>
        <Subtitle2 as="h2" id={itemHeadingId} className={styles.heading}>
          {message ? "This e-mail" : "This appointment"}
        </Subtitle2>
        {item.subject !== "" && <Body1 className={styles.subject}>{item.subject}</Body1>}
        {linkStatus !== null && (
          <Caption1 className={linkedIds.length > 0 ? styles.linked : styles.muted}>
            {linkedIds.length > 0 && <Link16Regular aria-hidden className={styles.icon} />}
            {linkStatus}
          </Caption1>
        )}
        {mark && (
          <Caption1 className={styles.muted}>
            {mark === "encrypted"
              ? "This e-mail is encrypted, so it is not linked automatically."
              : `Its sender marked this e-mail ${mark}, so it is not linked automatically.`}
          </Caption1>
        )}
        {message && canEdit && (
          <Switch
            checked={autoLink}
            onChange={(_, data) => setAutoLink(data.checked)}
            label="Link e-mails from my contacts automatically"
          />
        )}
        {problem !== null && (
          <MessageBar intent="error">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
      </section>
      <section className={styles.section} aria-labelledby={leadHeadingId}>
        <Subtitle2 as="h2" id={leadHeadingId} className={styles.heading}>
          {message ? "Sender" : "Organizer"}
        </Subtitle2>
        {lead ? (
          entry(lead, true)
        ) : (
          <Caption1 className={styles.muted}>
            {message ? "You sent this e-mail." : "You organize this meeting."}
          </Caption1>
        )}
      </section>
      {others.length > 0 && (
        <section className={styles.section} aria-labelledby={othersHeadingId}>
          <Subtitle2 as="h2" id={othersHeadingId} className={styles.heading}>
            {message ? "Recipients" : "Attendees"}
          </Subtitle2>
          <ul className={styles.list} aria-labelledby={othersHeadingId}>
            {others.map((r) => (
              <li key={`${itemKey}|${r.person.address.toLowerCase()}`}>{entry(r, false)}</li>
            ))}
          </ul>
        </section>
      )}
      <div className={styles.visuallyHidden} role="status" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}
