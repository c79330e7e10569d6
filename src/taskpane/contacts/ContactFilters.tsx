/**
 * The contact list's filters by category, company and group (ContactList.tsx), loaded the first
 * time they are shown: their options may name thousands of companies, and most sessions never
 * open them.
 */
import { Button, makeStyles, Select } from "@fluentui/react-components";
import { memo, useMemo } from "react";
import type { ContactFilter } from "./contact-list";
import {
  categoryOptions,
  companyName,
  groupName,
  isFiltered,
  NO_COMPANY,
  NO_FILTER,
  recordOptions,
} from "./contact-list";
import type { ContactDirectory } from "./useContactDirectory";

const useStyles = makeStyles({ select: { minWidth: 0 } });

/** The filters by category, company and group: rendered only while shown. */
export const ContactFilters = memo(function ContactFilters(props: {
  readonly directory: ContactDirectory;
  readonly filter: ContactFilter;
  readonly onChange: (filter: ContactFilter) => void;
}) {
  const { directory, filter, onChange } = props;
  const categories = useMemo(() => categoryOptions(directory.entries), [directory.entries]);
  const companies = useMemo(
    () => recordOptions(directory.companies, companyName),
    [directory.companies],
  );
  const groups = useMemo(() => recordOptions(directory.groups, groupName), [directory.groups]);
  const set = (patch: Partial<ContactFilter>) => onChange({ ...filter, ...patch });
  return (
    <>
      <FilterSelect
        label="Filter by category"
        anyLabel="Any category"
        value={filter.category}
        options={categories}
        onChange={(category) => set({ category })}
      />
      <FilterSelect
        label="Filter by company"
        anyLabel="Any company"
        value={filter.companyId}
        options={companies}
        extra={{ value: NO_COMPANY, label: "No company" }}
        onChange={(companyId) => set({ companyId })}
      />
      <FilterSelect
        label="Filter by group"
        anyLabel="Any group"
        value={filter.groupId}
        options={groups}
        onChange={(groupId) => set({ groupId })}
      />
      {isFiltered(filter) && (
        <Button size="small" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </Button>
      )}
    </>
  );
});

/** The value of a filter's "any" option: no filter. */
const ANY = "*";

/** One filter: "any" (null), an option of the list, or `extra` (offered before the list). */
function FilterSelect(props: {
  readonly label: string;
  readonly anyLabel: string;
  readonly value: string | null;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly extra?: { readonly value: string; readonly label: string };
  readonly onChange: (value: string | null) => void;
}) {
  const { extra } = props;
  const styles = useStyles();
  return (
    <Select
      className={styles.select}
      size="small"
      aria-label={props.label}
      value={props.value ?? ANY}
      onChange={(_, data) => props.onChange(data.value === ANY ? null : data.value)}
    >
      <option value={ANY}>{props.anyLabel}</option>
      {extra && <option value={extra.value}>{extra.label}</option>}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}
