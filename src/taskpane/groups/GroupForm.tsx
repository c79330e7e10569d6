/** The group form (name and description), for a new group or an edit. */
import type { Fields } from "../../shared/json";
import type { EditOutcome } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { block, inputValue, line } from "../records/form-model";
import { TextAreaField, TextField } from "../records/FormControls";
import { RecordFormLayout } from "../records/RecordFormLayout";
import type { RecordFormModel } from "../records/useRecordForm";
import { useRecordForm } from "../records/useRecordForm";

interface GroupFormValues {
  readonly name: string;
  readonly description: string;
}

const LABELS = new Map([
  ["name", "Name"],
  ["description", "Description"],
]);

const MODEL: RecordFormModel<GroupFormValues> = {
  toFields: (v) => ({ name: line(v.name), description: block(v.description) }),
  keptRows: () => ({}),
  labels: () => LABELS,
};

export function GroupForm(props: {
  /** The group to edit; null for a new one. */
  readonly group: ViewRecord | null;
  readonly onSubmit: (fields: Fields) => Promise<EditOutcome>;
  readonly onSaved: (outcome: EditOutcome) => void;
  readonly onCancel: () => void;
}) {
  const { group, onSubmit, onSaved, onCancel } = props;
  const fields = group?.fields ?? {};
  const form = useRecordForm(
    "group",
    group === null ? "create" : "update",
    { name: inputValue(fields.name), description: inputValue(fields.description) },
    MODEL,
  );
  const { values, errorOf } = form;
  const save = async () => {
    const outcome = await form.save(onSubmit);
    if (outcome && outcome.status !== "invalid") onSaved(outcome);
  };
  return (
    <RecordFormLayout
      title={group === null ? "New group" : "Edit group"}
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
        onChange={(name) => form.setValues((v) => ({ ...v, name }))}
        error={errorOf}
      />
      <TextAreaField
        name="description"
        label="Description"
        value={values.description}
        onChange={(description) => form.setValues((v) => ({ ...v, description }))}
        error={errorOf}
      />
    </RecordFormLayout>
  );
}
