/**
 * The form of a contact, company or group, new or edited: one editor per field of the type's
 * table (src/shared/records.ts), in the table's order. Saving goes to the offline copy at once;
 * an edit sends only the fields the user changed. Problems show inline on their field.
 */
import type { ReactNode } from "react";
import type { Fields } from "../../shared/json";
import type { EditOutcome } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import type { FieldChoices } from "./FieldEditors";
import { FieldEditor } from "./FieldEditors";
import type { FormValues } from "./form-model";
import { formFields, formFieldsOf, formKeptRows, formLabels, formValues } from "./form-model";
import { RecordFormLayout } from "./RecordFormLayout";
import type { RecordFormModel } from "./useRecordForm";
import { useRecordForm } from "./useRecordForm";

export type FormType = "contact" | "company" | "group";

const MODELS: { [T in FormType]: RecordFormModel<FormValues> } = {
  contact: model("contact"),
  company: model("company"),
  group: model("group"),
};

function model(type: FormType): RecordFormModel<FormValues> {
  return {
    toFields: (values) => formFields(type, values),
    keptRows: (values) => formKeptRows(type, values),
    labels: (values) => formLabels(type, values),
  };
}

const NO_CHOICES: FieldChoices = { companies: [] };

export function RecordForm(props: {
  readonly type: FormType;
  /** The record to edit; null for a new one. */
  readonly record: ViewRecord | null;
  /** What fields that name other records offer (a contact's company). */
  readonly choices?: FieldChoices;
  readonly onSubmit: (fields: Fields) => Promise<EditOutcome>;
  readonly onSaved: (outcome: EditOutcome) => void;
  readonly onCancel: () => void;
  /** Shown above Save and Cancel. */
  readonly notice?: ReactNode;
}) {
  const { type, record, onSubmit, onSaved, onCancel } = props;
  const form = useRecordForm(
    type,
    record === null ? "create" : "update",
    formValues(type, record?.fields ?? {}),
    MODELS[type],
  );
  const save = async () => {
    const outcome = await form.save(onSubmit);
    if (outcome && outcome.status !== "invalid") onSaved(outcome);
  };
  return (
    <RecordFormLayout
      title={`${record === null ? "New" : "Edit"} ${type}`}
      formRef={form.formRef}
      onBlur={form.onBlur}
      onSubmit={() => void save()}
      onCancel={onCancel}
      saving={form.saving}
      formError={form.formError}
      notice={props.notice}
    >
      {formFieldsOf(type).map(([name, spec]) => (
        <FieldEditor
          key={name}
          name={name}
          spec={spec}
          value={form.values[name]}
          onChange={(value) => form.setValues((v) => ({ ...v, [name]: value }))}
          error={form.errorOf}
          choices={props.choices ?? NO_CHOICES}
        />
      ))}
    </RecordFormLayout>
  );
}
