/**
 * "Create contact" for an address of the selected item that no contact has: the names split from
 * the display name, the address, and the company its domain matched, ready to save with one more
 * click (or to correct first).
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
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import type { Fields } from "../../shared/json";
import type { EditOutcome } from "../../sync/engine";
import type { NewContactDraft } from "./item-people";
import { newContactFields } from "./item-people";
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
});

/** Which control shows a problem with a field of the new contact. */
const FIELD_CONTROLS: Readonly<Record<string, "givenName" | "middleName" | "familyName">> = {
  givenName: "givenName",
  middleName: "middleName",
  familyName: "familyName",
  displayName: "familyName",
  fileAs: "familyName",
};

export function NewContactForm(props: {
  readonly draft: NewContactDraft;
  /** The matched company's name, when the address's domain matched one. */
  readonly companyName: string | null;
  readonly owner: string | null;
  readonly onCreate: (fields: Fields) => Promise<EditOutcome>;
  readonly onCreated: (name: string) => void;
  readonly onCancel: () => void;
}) {
  const { draft, companyName, owner, onCreate, onCreated, onCancel } = props;
  const styles = useStyles();
  const [givenName, setGivenName] = useState(draft.givenName);
  const [middleName, setMiddleName] = useState(draft.middleName);
  const [familyName, setFamilyName] = useState(draft.familyName);
  const [withCompany, setWithCompany] = useState(draft.companyId !== null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ control: string | null; message: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);

  // The form opens on a click: the first name is where the user goes next.
  useEffect(() => form.current?.querySelector("input")?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    const fields = newContactFields(
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
    try {
      const outcome = await onCreate(fields);
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
      {companyName !== null && (
        <Checkbox
          checked={withCompany}
          onChange={(_, data) => setWithCompany(data.checked === true)}
          label={`Works at ${companyName}`}
        />
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
