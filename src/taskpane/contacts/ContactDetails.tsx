/**
 * The full contact card: every field, e-mail addresses as mailto links, phone numbers as tel
 * links, websites as links only when they are http or https (anything else, `javascript:`
 * included, is plain text), then the contact's history. "Print" prints the card with its whole
 * history (print/PrintContact.tsx, loaded on first use).
 */
import { Link, makeStyles } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { lazy, Suspense, useMemo, useState } from "react";
import { fieldLabel } from "../../shared/records";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { HistoryTimeline } from "../history/HistoryTimeline";
import type { HistorySubject } from "../history/history-view";
import {
  addressesOf,
  contactName,
  customFields,
  dateText,
  emailsOf,
  mailtoHref,
  phonesOf,
  refusals,
  telHref,
  text,
  texts,
  websiteHref,
} from "./contact-view";
import { CategoryTags, Details, RecordScreen } from "../records/RecordScreen";
import { EmailText } from "../ui/EmailText";

const PrintContact = lazy(() =>
  import("../print/PrintContact").then((m) => ({ default: m.PrintContact })),
);

const useStyles = makeStyles({
  wrap: { overflowWrap: "anywhere" },
});

/** A link when `href` is one, else the text; web pages open in the browser. */
export function MaybeLink(props: {
  readonly href: string | null;
  readonly children: ReactNode;
  readonly external?: boolean;
}) {
  const styles = useStyles();
  if (props.href === null) return <span className={styles.wrap}>{props.children}</span>;
  return (
    <Link
      href={props.href}
      className={styles.wrap}
      {...(props.external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
    >
      {props.children}
    </Link>
  );
}

function labelled(label: string | null, what: string) {
  return label === null ? what : `${what} (${label})`;
}

export function ContactDetails(props: {
  readonly contact: ViewRecord;
  readonly companyName: string | null;
  readonly groupNames: readonly string[];
  readonly engine: SyncEngine;
  readonly onBack: () => void;
  readonly onEdit: () => void;
  readonly onDelete: () => void;
  readonly onOpenHistoryItem?: (item: ViewRecord) => void;
}) {
  const { contact, companyName, engine } = props;
  const { fields } = contact;
  const name = contactName(fields);
  const companyId = text(fields.companyId);
  const subject = useMemo<HistorySubject>(
    () => ({ type: "contact", id: contact.id, companyId }),
    [contact.id, companyId],
  );
  const [printing, setPrinting] = useState(false);
  return (
    <RecordScreen
      title={name}
      subtitle={contactWork(fields, companyName) || null}
      record={contact}
      onBack={props.onBack}
      onEdit={props.onEdit}
      onDelete={props.onDelete}
      onPrint={() => setPrinting(true)}
    >
      <ContactSections {...props} />
      <HistoryTimeline
        engine={engine}
        subject={subject}
        {...(props.onOpenHistoryItem ? { onOpenItem: props.onOpenHistoryItem } : {})}
      />
      {printing && (
        <Suspense fallback={null}>
          <PrintContact {...props} subject={subject} onClose={() => setPrinting(false)} />
        </Suspense>
      )}
    </RecordScreen>
  );
}

/** The job title, department and company of a contact, as one line. */
export function contactWork(fields: ViewRecord["fields"], companyName: string | null): string {
  return [text(fields.jobTitle), text(fields.department), companyName]
    .filter((t) => t !== null)
    .join(", ");
}

/** The card's sections of fields: its contact details and what it says about the person. */
export function ContactSections(props: {
  readonly contact: ViewRecord;
  readonly companyName: string | null;
  readonly groupNames: readonly string[];
}) {
  const { contact, companyName, groupNames } = props;
  const { fields } = contact;
  const name = contactName(fields);
  const emails = emailsOf(fields);
  const phones = phonesOf(fields);
  const addresses = addressesOf(fields);
  const websites = texts(fields.websites);
  const categories = texts(fields.categories);
  const birthday = text(fields.birthday);
  const custom = customFields(fields);
  const refused = refusals(fields);
  const line = (name: string) => ({ term: fieldLabel(name), value: text(fields[name]) ?? "" });
  const names = [text(fields.givenName), text(fields.middleName), text(fields.familyName)]
    .filter((t) => t !== null)
    .join(" ");
  return (
    <>
      <Details
        title="Contact details"
        items={[
          ...emails.map((e) => ({
            term: labelled(e.label, e.primary ? "E-mail, primary" : "E-mail"),
            value: (
              <MaybeLink href={mailtoHref(e.address)}>
                <EmailText address={e.address} />
              </MaybeLink>
            ),
          })),
          ...phones.map((p) => ({
            term: labelled(p.label, "Phone"),
            value: <MaybeLink href={telHref(p.number)}>{p.number}</MaybeLink>,
          })),
          ...addresses.map((a) => ({
            term: labelled(a.label, "Address"),
            value: a.lines.join("\n"),
          })),
          ...websites.map((w) => ({
            term: "Website",
            value: (
              <MaybeLink href={websiteHref(w)} external>
                {w}
              </MaybeLink>
            ),
          })),
          { term: fieldLabel("doNotContact"), value: refused.join(", ") },
        ]}
      />
      <Details
        title="About"
        items={[
          { term: "Name", value: names === name ? "" : names },
          line("fileAs"),
          { term: fieldLabel("companyId"), value: companyName ?? "" },
          line("jobTitle"),
          line("department"),
          { term: fieldLabel("birthday"), value: birthday === null ? "" : dateText(birthday) },
          line("owner"),
          {
            term: fieldLabel("categories"),
            value: categories.length === 0 ? null : <CategoryTags names={categories} />,
          },
          { term: fieldLabel("groupIds"), value: groupNames.join(", ") },
          ...custom.map((c) => ({ term: c.name, value: c.value })),
          line("notes"),
        ]}
      />
    </>
  );
}
