/**
 * The contact form, for a new contact or an edit. Saving goes to the offline copy at once; an
 * edit sends only the fields the user changed. Problems show inline on their field.
 */
import { Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import type { Fields } from "../../shared/json";
import type { EditOutcome } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import {
  AddressesEditor,
  PhonesEditor,
  RefusalCheckbox,
  WebsitesEditor,
} from "../records/AddressPhoneEditors";
import type { ContactFormValues, EmailRow } from "./contact-form";
import {
  contactControlLabels,
  contactFormFields,
  contactFormValues,
  contactKeptRows,
} from "./contact-form";
import { companyName, recordOptions } from "./contact-list";
import {
  labelOptions,
  ListEditor,
  SelectField,
  TextAreaField,
  TextField,
} from "../records/FormControls";
import { RecordFormLayout } from "../records/RecordFormLayout";
import type { RecordFormModel } from "../records/useRecordForm";
import { useRecordForm } from "../records/useRecordForm";

const useStyles = makeStyles({
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: "none",
  },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
});

const EMAIL_LABELS = ["work", "home", "other"];

const MODEL: RecordFormModel<ContactFormValues> = {
  toFields: contactFormFields,
  keptRows: contactKeptRows,
  labels: contactControlLabels,
};

export function ContactForm(props: {
  /** The contact to edit; null for a new one. */
  readonly contact: ViewRecord | null;
  /** The companies of the copy, offered by name. */
  readonly companies: readonly ViewRecord[];
  readonly onSubmit: (fields: Fields) => Promise<EditOutcome>;
  readonly onSaved: (outcome: EditOutcome) => void;
  readonly onCancel: () => void;
}) {
  const { contact, onSubmit, onSaved, onCancel } = props;
  const styles = useStyles();
  const form = useRecordForm(
    "contact",
    contact === null ? "create" : "update",
    contactFormValues(contact?.fields ?? {}),
    MODEL,
  );
  const { values, errorOf } = form;
  const set =
    <K extends keyof ContactFormValues>(key: K) =>
    (value: ContactFormValues[K]) =>
      form.setValues((v) => ({ ...v, [key]: value }));

  const companies = useMemo(() => recordOptions(props.companies, companyName), [props.companies]);
  const companyOptions = [{ value: "", label: "No company" }, ...companies];
  if (values.companyId !== "" && !companies.some((c) => c.value === values.companyId)) {
    companyOptions.push({ value: values.companyId, label: "A company not in this copy" });
  }

  const save = async () => {
    const outcome = await form.save(onSubmit);
    if (outcome && outcome.status !== "invalid") onSaved(outcome);
  };

  return (
    <RecordFormLayout
      title={contact === null ? "New contact" : "Edit contact"}
      formRef={form.formRef}
      onBlur={form.onBlur}
      onSubmit={() => void save()}
      onCancel={onCancel}
      saving={form.saving}
      formError={form.formError}
    >
      <TextField
        name="displayName"
        label="Display name"
        hint="The name lists show, such as Margaret S. Taylor."
        value={values.displayName}
        onChange={set("displayName")}
        error={errorOf}
      />
      <TextField
        name="givenName"
        label="First name"
        value={values.givenName}
        onChange={set("givenName")}
        error={errorOf}
      />
      <TextField
        name="middleName"
        label="Middle name"
        value={values.middleName}
        onChange={set("middleName")}
        error={errorOf}
      />
      <TextField
        name="familyName"
        label="Last name"
        value={values.familyName}
        onChange={set("familyName")}
        error={errorOf}
      />
      <TextField
        name="fileAs"
        label="File as"
        hint="The name lists sort by, such as Taylor, Margaret."
        value={values.fileAs}
        onChange={set("fileAs")}
        error={errorOf}
      />
      <SelectField
        name="companyId"
        label="Company"
        value={values.companyId}
        options={companyOptions}
        onChange={set("companyId")}
        error={errorOf}
      />
      <TextField
        name="jobTitle"
        label="Job title"
        value={values.jobTitle}
        onChange={set("jobTitle")}
        error={errorOf}
      />
      <TextField
        name="department"
        label="Department"
        value={values.department}
        onChange={set("department")}
        error={errorOf}
      />
      <ListEditor<EmailRow>
        name="emails"
        title="E-mail addresses"
        itemName="e-mail address"
        article="an"
        rows={values.emails}
        onChange={set("emails")}
        empty={{ address: "", label: "work", primary: values.emails.length === 0 }}
        error={errorOf}
        max={20}
        renderRow={(row, i, update) => (
          <>
            <TextField
              name={`emails.${i}.address`}
              label={`E-mail ${i + 1}`}
              type="email"
              value={row.address}
              onChange={(address) => update({ ...row, address })}
              error={errorOf}
            />
            <SelectField
              name={`emails.${i}.label`}
              label={`E-mail ${i + 1} label`}
              value={row.label}
              options={labelOptions(EMAIL_LABELS, row.label)}
              onChange={(label) => update({ ...row, label })}
              error={errorOf}
            />
            <Checkbox
              label={`E-mail ${i + 1} is the primary address`}
              checked={row.primary}
              onChange={(_, data) =>
                // At most one address is primary: choosing one clears the others.
                form.setValues((v) => ({
                  ...v,
                  emails: v.emails.map((e, j) => ({
                    ...e,
                    primary:
                      j === i ? data.checked === true : data.checked === true ? false : e.primary,
                  })),
                }))
              }
            />
          </>
        )}
      />
      <PhonesEditor rows={values.phones} onChange={set("phones")} error={errorOf} />
      <AddressesEditor rows={values.addresses} onChange={set("addresses")} error={errorOf} />
      <WebsitesEditor rows={values.websites} onChange={set("websites")} error={errorOf} />
      <TextField
        name="categories"
        label="Categories"
        hint="Separate categories with commas."
        value={values.categories}
        onChange={set("categories")}
        error={errorOf}
      />
      <TextField
        name="birthday"
        label="Birthday"
        type="date"
        value={values.birthday}
        onChange={set("birthday")}
        error={errorOf}
      />
      <TextField
        name="owner"
        label="Owner"
        hint="The e-mail address of the team member responsible for this contact."
        type="email"
        value={values.owner}
        onChange={set("owner")}
        error={errorOf}
      />
      <fieldset className={styles.group}>
        <legend className={styles.legend}>Do not contact</legend>
        <RefusalCheckbox
          label="Do not call"
          checked={values.doNotCall}
          onChange={set("doNotCall")}
        />
        <RefusalCheckbox
          label="Do not e-mail"
          checked={values.doNotEmail}
          onChange={set("doNotEmail")}
        />
        <RefusalCheckbox
          label="Do not send mail"
          checked={values.doNotMail}
          onChange={set("doNotMail")}
        />
      </fieldset>
      <TextAreaField
        name="notes"
        label="Notes"
        rows={4}
        value={values.notes}
        onChange={set("notes")}
        error={errorOf}
      />
    </RecordFormLayout>
  );
}
