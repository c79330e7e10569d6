/**
 * A compact contact card: avatar, name, job title and company, the primary e-mail address and
 * the first phone number, as links. Made to sit beside the e-mail being read as well as in lists
 * of a company's contacts; the full card is ContactDetails.
 */
import {
  Body1Strong,
  Button,
  Caption1,
  Link,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ViewRecord } from "../../sync/view";
import { contactName, mailtoHref, phonesOf, primaryEmail, telHref, text } from "./contact-view";
import { Initials } from "../ui/Initials";
import { EmailText } from "../ui/EmailText";

const useStyles = makeStyles({
  card: {
    display: "flex",
    gap: tokens.spacingHorizontalM,
    alignItems: "flex-start",
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  wrap: { overflowWrap: "anywhere" },
  secondary: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  open: { alignSelf: "flex-start", marginTop: tokens.spacingVerticalXS },
});

export interface ContactCardProps {
  readonly contact: ViewRecord;
  /** The name of the contact's company, when known. */
  readonly companyName?: string | null;
  /** Shows an "Open contact" button that calls it. */
  readonly onOpen?: (contact: ViewRecord) => void;
}

export function ContactCard(props: ContactCardProps) {
  const { contact, companyName = null, onOpen } = props;
  const styles = useStyles();
  const { fields } = contact;
  const name = contactName(fields);
  const work = [text(fields.jobTitle), companyName].filter((t) => t !== null).join(", ");
  const email = primaryEmail(fields);
  const emailHref = email === null ? null : mailtoHref(email);
  const phone = phonesOf(fields)[0] ?? null;
  const phoneHref = phone === null ? null : telHref(phone.number);
  return (
    <div className={styles.card} role="group" aria-label={`Contact: ${name}`}>
      <Initials name={name} />
      <div className={styles.body}>
        <Body1Strong className={styles.wrap}>{name}</Body1Strong>
        {work !== "" && <Caption1 className={styles.secondary}>{work}</Caption1>}
        {email !== null &&
          (emailHref ? (
            <Link href={emailHref} className={styles.wrap}>
              <EmailText address={email} />
            </Link>
          ) : (
            <Caption1 className={styles.wrap}>
              <EmailText address={email} />
            </Caption1>
          ))}
        {phone !== null &&
          (phoneHref ? (
            <Link href={phoneHref} className={styles.wrap}>
              {phone.number}
            </Link>
          ) : (
            <Caption1 className={styles.wrap}>{phone.number}</Caption1>
          ))}
        {onOpen && (
          <Button className={styles.open} size="small" onClick={() => onOpen(contact)}>
            Open contact
          </Button>
        )}
      </div>
    </div>
  );
}
