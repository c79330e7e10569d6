/** The contact form: the record form, offering the copy's companies by name. */
import { useMemo } from "react";
import type { Fields } from "../../shared/json";
import type { EditOutcome } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { RecordForm } from "../records/RecordForm";
import { companyName, recordOptions } from "./contact-list";

export function ContactForm(props: {
  /** The contact to edit; null for a new one. */
  readonly contact: ViewRecord | null;
  /** The companies of the copy, offered by name. */
  readonly companies: readonly ViewRecord[];
  readonly onSubmit: (fields: Fields) => Promise<EditOutcome>;
  readonly onSaved: (outcome: EditOutcome) => void;
  readonly onCancel: () => void;
}) {
  const { contact, companies, ...handlers } = props;
  const choices = useMemo(
    () => ({ companies: recordOptions(companies, companyName) }),
    [companies],
  );
  return <RecordForm type="contact" record={contact} choices={choices} {...handlers} />;
}
