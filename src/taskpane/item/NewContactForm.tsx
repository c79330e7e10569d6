/**
 * "Create contact" for an address of the selected item that no contact has: the names split from
 * the display name, the address, and the company its domain matched (or a new company named from
 * the domain, created with the contact), ready to save with one more click (or to correct
 * first). For the sender of an e-mail, the job title and phone numbers of their signature are
 * offered too, each saved only when the user chooses "Use" (signature.ts).
 */
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import type { Fields } from "../../shared/json";
import type { PhoneEntry } from "../../shared/records";
import type { EditOutcome } from "../../sync/engine";
import type { NewContactDraft } from "./item-people";
import { clip, domainOf, newContactFields } from "./item-people";
import type { CompanyGuess } from "./sender-company";
import type { SignatureSuggestions } from "./signature";
import { readSignature } from "./signature";
import { EmailText } from "../ui/EmailText";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  address: { overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    overflowWrap: "anywhere",
  },
  grow: { flexGrow: 1, minWidth: 0 },
});

/** Which control shows a problem with a field of the new contact. */
const FIELD_CONTROLS: Readonly<Record<string, string>> = {
  givenName: "givenName",
  middleName: "middleName",
  familyName: "familyName",
  displayName: "familyName",
  fileAs: "familyName",
  jobTitle: "jobTitle",
  newCompany: "newCompany",
};

/** A phone number with its label, as the contact's card shows it ("Phone (mobile)"). */
function phoneText(phone: PhoneEntry): string {
  return `Phone (${phone.label ?? "work"}): ${phone.number}`;
}

export function NewContactForm(props: {
  readonly draft: NewContactDraft;
  /** The matched company's name, when the address's domain matched one. */
  readonly companyName: string | null;
  /** Else the company the domain names, offered to create with the contact. */
  readonly newCompany: CompanyGuess | null;
  /** Reads the e-mail's text, for the sender of an e-mail only (their signature is in it). */
  readonly readBody: (() => Promise<string | null>) | null;
  readonly owner: string | null;
  /** Creates the contact, and first the new company when `company` is given. */
  readonly onCreate: (fields: Fields, company: Fields | null) => Promise<EditOutcome>;
  readonly onCreated: (name: string) => void;
  readonly onCancel: () => void;
}) {
  const { draft, companyName, newCompany, readBody, owner, onCreate, onCreated, onCancel } = props;
  const styles = useStyles();
  const suggestionsId = useId();
  const [givenName, setGivenName] = useState(draft.givenName);
  const [middleName, setMiddleName] = useState(draft.middleName);
  const [familyName, setFamilyName] = useState(draft.familyName);
  const [withCompany, setWithCompany] = useState(draft.companyId !== null);
  const [createCompany, setCreateCompany] = useState(newCompany !== null);
  const [newCompanyName, setNewCompanyName] = useState(newCompany?.name ?? "");
  const [jobTitle, setJobTitle] = useState("");
  const [phones, setPhones] = useState<readonly PhoneEntry[]>([]);
  const [suggested, setSuggested] = useState<SignatureSuggestions | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ control: string | null; message: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);

  // The form opens on a click: the first name is where the user goes next.
  useEffect(() => form.current?.querySelector("input")?.focus(), []);

  // The signature is read once, when the form opens; failing to read it only means no
  // suggestions.
  useEffect(() => {
    if (readBody === null) return;
    let active = true;
    const company = [companyName, newCompany?.name, newCompany?.domain, domainOf(draft.address)];
    readBody().then(
      (body) => {
        if (active && body !== null) {
          const known = company.filter((c): c is string => typeof c === "string");
          setSuggested(readSignature(body, draft.displayName || draft.address, known));
        }
      },
      (error: unknown) => console.error("Could not read the e-mail's text", error),
    );
    return () => {
      active = false;
    };
    // Once, for the form's draft and company as it opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const titleOffer =
    suggested?.jobTitle != null && suggested.jobTitle !== jobTitle.trim()
      ? suggested.jobTitle
      : null;
  const phoneOffers = (suggested?.phones ?? []).filter(
    (p) => !phones.some((chosen) => chosen.number === p.number),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    let fields = newContactFields(
      {
        ...draft,
        givenName,
        middleName,
        familyName,
        companyId: withCompany ? draft.companyId : null,
      },
      draft,
      owner,
    );
    const title = jobTitle.trim();
    if (title !== "") fields = { ...fields, jobTitle: clip(title, 256) };
    if (phones.length > 0)
      fields = {
        ...fields,
        phones: phones.map((p) => ({ number: p.number, label: p.label ?? "work" })),
      };
    const company =
      newCompany !== null && createCompany && companyName === null
        ? {
            name: clip(newCompanyName.trim(), 256),
            domains: [newCompany.domain],
            ...(fields.owner === undefined ? {} : { owner: fields.owner }),
          }
        : null;
    try {
      const outcome = await onCreate(fields, company);
      if (outcome.status === "invalid") {
        const control = FIELD_CONTROLS[outcome.field.split(".")[0] ?? ""] ?? null;
        setProblem({ control, message: outcome.message });
        setSaving(false);
        return;
      }
      const name = typeof fields.displayName === "string" ? fields.displayName : draft.address;
      onCreated(name);
    } catch (error) {
      setProblem({
        control: null,
        message: `The contact could not be saved: ${error instanceof Error ? error.message : String(error)}`,
      });
      setSaving(false);
    }
  };

  const messageFor = (control: string) =>
    problem?.control === control ? { validationMessage: problem.message } : {};

  return (
    <form
      ref={form}
      className={styles.form}
      aria-label={`New contact for ${draft.address}`}
      onSubmit={(event) => void submit(event)}
    >
      <Field label="First name" {...messageFor("givenName")}>
        <Input value={givenName} onChange={(_, data) => setGivenName(data.value)} />
      </Field>
      {draft.middleName !== "" && (
        <Field label="Middle name" {...messageFor("middleName")}>
          <Input value={middleName} onChange={(_, data) => setMiddleName(data.value)} />
        </Field>
      )}
      <Field label="Last name" {...messageFor("familyName")}>
        <Input value={familyName} onChange={(_, data) => setFamilyName(data.value)} />
      </Field>
      <Caption1 className={styles.address}>
        E-mail: <EmailText address={draft.address} />
      </Caption1>
      {companyName !== null ? (
        <Checkbox
          checked={withCompany}
          onChange={(_, data) => setWithCompany(data.checked === true)}
          label={`Works at ${companyName}`}
        />
      ) : (
        newCompany !== null && (
          <>
            <Checkbox
              checked={createCompany}
              onChange={(_, data) => setCreateCompany(data.checked === true)}
              label={`New company: ${newCompanyName.trim() || newCompany.name}`}
            />
            {createCompany && (
              <Field
                label="Company name"
                hint={`Created with the contact, for the domain ${newCompany.domain}.`}
                {...messageFor("newCompany")}
              >
                <Input
                  value={newCompanyName}
                  onChange={(_, data) => setNewCompanyName(data.value)}
                />
              </Field>
            )}
          </>
        )
      )}
      <Field label="Job title" {...messageFor("jobTitle")}>
        <Input value={jobTitle} onChange={(_, data) => setJobTitle(data.value)} />
      </Field>
      {phones.length > 0 && (
        <ul className={styles.list} aria-label="Phone numbers">
          {phones.map((phone) => (
            <li key={phone.number} className={styles.item}>
              <span className={styles.grow}>{phoneText(phone)}</span>
              <Button
                size="small"
                aria-label={`Remove ${phoneText(phone)}`}
                onClick={() => setPhones((all) => all.filter((p) => p !== phone))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {(titleOffer !== null || phoneOffers.length > 0) && (
        <div role="group" aria-labelledby={suggestionsId}>
          <Caption1 id={suggestionsId}>From the e-mail&apos;s signature</Caption1>
          <ul className={styles.list}>
            {titleOffer !== null && (
              <li className={styles.item}>
                <span className={styles.grow}>Job title: {titleOffer}</span>
                <Button
                  size="small"
                  aria-label={`Use job title ${titleOffer}`}
                  onClick={() => setJobTitle(titleOffer)}
                >
                  Use
                </Button>
              </li>
            )}
            {phoneOffers.map((phone) => (
              <li key={phone.number} className={styles.item}>
                <span className={styles.grow}>{phoneText(phone)}</span>
                <Button
                  size="small"
                  aria-label={`Use ${phoneText(phone)}`}
                  onClick={() => setPhones((all) => [...all, phone])}
                >
                  Use
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {problem !== null && problem.control === null && (
        <MessageBar intent="error">
          <MessageBarBody>{problem.message}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={saving}>
          Save contact
        </Button>
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
