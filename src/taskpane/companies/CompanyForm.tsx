/** The company form, for a new company or an edit; problems show inline on their field. */
import type { Fields } from "../../shared/json";
import type { EditOutcome } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { AddressesEditor, PhonesEditor, WebsitesEditor } from "../records/AddressPhoneEditors";
import { TextAreaField, TextField } from "../records/FormControls";
import { RecordFormLayout } from "../records/RecordFormLayout";
import type { RecordFormModel } from "../records/useRecordForm";
import { useRecordForm } from "../records/useRecordForm";
import type { CompanyFormValues } from "./company-form";
import {
  companyControlLabels,
  companyFormFields,
  companyFormValues,
  companyKeptRows,
} from "./company-form";

const MODEL: RecordFormModel<CompanyFormValues> = {
  toFields: companyFormFields,
  keptRows: companyKeptRows,
  labels: companyControlLabels,
};

export function CompanyForm(props: {
  /** The company to edit; null for a new one. */
  readonly company: ViewRecord | null;
  readonly onSubmit: (fields: Fields) => Promise<EditOutcome>;
  readonly onSaved: (outcome: EditOutcome) => void;
  readonly onCancel: () => void;
}) {
  const { company, onSubmit, onSaved, onCancel } = props;
  const form = useRecordForm(
    "company",
    company === null ? "create" : "update",
    companyFormValues(company?.fields ?? {}),
    MODEL,
  );
  const { values, errorOf } = form;
  const set =
    <K extends keyof CompanyFormValues>(key: K) =>
    (value: CompanyFormValues[K]) =>
      form.setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    const outcome = await form.save(onSubmit);
    if (outcome && outcome.status !== "invalid") onSaved(outcome);
  };

  return (
    <RecordFormLayout
      title={company === null ? "New company" : "Edit company"}
      formRef={form.formRef}
      onBlur={form.onBlur}
      onSubmit={() => void save()}
      onCancel={onCancel}
      saving={form.saving}
      formError={form.formError}
    >
      <TextField
        name="name"
        label="Name"
        required
        value={values.name}
        onChange={set("name")}
        error={errorOf}
      />
      <TextField
        name="industry"
        label="Industry"
        value={values.industry}
        onChange={set("industry")}
        error={errorOf}
      />
      <TextField
        name="domains"
        label="Domains"
        hint="Web and mail domains, such as contoso.com, separated by commas."
        value={values.domains}
        onChange={set("domains")}
        error={errorOf}
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
        name="owner"
        label="Owner"
        hint="The e-mail address of the team member responsible for this company."
        type="email"
        value={values.owner}
        onChange={set("owner")}
        error={errorOf}
      />
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
