/** The phone, address and website list editors, shared by the contact and company forms. */
import { Checkbox } from "@fluentui/react-components";
import type { AddressRow, PhoneRow } from "./form-model";
import { EMPTY_ADDRESS } from "./form-model";
import type { ErrorOf } from "./FormControls";
import { labelOptions, ListEditor, SelectField, TextAreaField, TextField } from "./FormControls";

const PHONE_LABELS = ["work", "mobile", "home", "fax", "other"];
const PLACE_LABELS = ["work", "home", "other"];

export function PhonesEditor(props: {
  readonly rows: readonly PhoneRow[];
  readonly onChange: (rows: PhoneRow[]) => void;
  readonly error: ErrorOf;
}) {
  return (
    <ListEditor
      name="phones"
      title="Phone numbers"
      itemName="phone number"
      rows={props.rows}
      onChange={props.onChange}
      empty={{ number: "", label: "work" }}
      error={props.error}
      max={20}
      renderRow={(row, i, update) => (
        <>
          <TextField
            name={`phones.${i}.number`}
            label={`Phone ${i + 1}`}
            type="tel"
            value={row.number}
            onChange={(number) => update({ ...row, number })}
            error={props.error}
          />
          <SelectField
            name={`phones.${i}.label`}
            label={`Phone ${i + 1} label`}
            value={row.label}
            options={labelOptions(PHONE_LABELS, row.label)}
            onChange={(label) => update({ ...row, label })}
            error={props.error}
          />
        </>
      )}
    />
  );
}

export function AddressesEditor(props: {
  readonly rows: readonly AddressRow[];
  readonly onChange: (rows: AddressRow[]) => void;
  readonly error: ErrorOf;
}) {
  const { error } = props;
  return (
    <ListEditor
      name="addresses"
      title="Addresses"
      itemName="address"
      article="an"
      rows={props.rows}
      onChange={props.onChange}
      empty={{ ...EMPTY_ADDRESS, label: "work" }}
      error={error}
      max={10}
      renderRow={(row, i, update) => {
        const n = i + 1;
        const key = (part: string) => `addresses.${i}.${part}`;
        return (
          <>
            <SelectField
              name={key("label")}
              label={`Address ${n} label`}
              value={row.label}
              options={labelOptions(PLACE_LABELS, row.label)}
              onChange={(label) => update({ ...row, label })}
              error={error}
            />
            <TextAreaField
              name={key("street")}
              label={`Address ${n} street`}
              value={row.street}
              rows={2}
              onChange={(street) => update({ ...row, street })}
              error={error}
            />
            <TextField
              name={key("city")}
              label={`Address ${n} city`}
              value={row.city}
              onChange={(city) => update({ ...row, city })}
              error={error}
            />
            <TextField
              name={key("postalCode")}
              label={`Address ${n} postal code`}
              value={row.postalCode}
              onChange={(postalCode) => update({ ...row, postalCode })}
              error={error}
            />
            <TextField
              name={key("region")}
              label={`Address ${n} region`}
              value={row.region}
              onChange={(region) => update({ ...row, region })}
              error={error}
            />
            <TextField
              name={key("country")}
              label={`Address ${n} country`}
              value={row.country}
              onChange={(country) => update({ ...row, country })}
              error={error}
            />
          </>
        );
      }}
    />
  );
}

export function WebsitesEditor(props: {
  readonly rows: readonly string[];
  readonly onChange: (rows: string[]) => void;
  readonly error: ErrorOf;
}) {
  return (
    <ListEditor
      name="websites"
      title="Websites"
      itemName="website"
      rows={props.rows}
      onChange={props.onChange}
      empty=""
      error={props.error}
      max={10}
      renderRow={(row, i, update) => (
        <TextField
          name={`websites.${i}`}
          label={`Website ${i + 1}`}
          type="url"
          value={row}
          onChange={update}
          error={props.error}
        />
      )}
    />
  );
}

/** One checkbox of "Do not contact". */
export function RefusalCheckbox(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  return (
    <Checkbox
      data-field="doNotContact"
      label={props.label}
      checked={props.checked}
      onChange={(_, data) => props.onChange(data.checked === true)}
    />
  );
}
