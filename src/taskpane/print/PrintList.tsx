/**
 * "Print list": every contact of the list's current search and filters, in the list's order (not
 * only the rows the virtual list has rendered), as a table of name, company, phone numbers and
 * e-mail address, under a heading naming the database, the search and the date.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { ContactEntry } from "../contacts/contact-list";
import { categoryOptions, NO_COMPANY, SORT_LABELS } from "../contacts/contact-list";
import { phonesOf, text } from "../contacts/contact-view";
import type { ContactDirectory, ContactQuery } from "../contacts/useContactDirectory";
import { PrintHeading } from "./PrintHeading";
import { PrintPanel } from "./PrintPanel";

const useStyles = makeStyles({
  table: {
    width: "100%",
    borderCollapse: "collapse",
    tableLayout: "fixed",
    fontSize: tokens.fontSizeBase200,
    "@media print": { fontSize: "9pt" },
  },
  cell: {
    textAlign: "start",
    verticalAlign: "top",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
  },
  head: { fontWeight: tokens.fontWeightSemibold },
  row: { breakInside: "avoid" },
});

/** The search and filters in words ("Search “dub” · Category: Customer · by Name"). */
export function describeQuery(query: ContactQuery, directory: ContactDirectory): string {
  const { filter } = query;
  const nameOf = (records: ContactDirectory["companies"], id: string) =>
    text(records.find((r) => r.id === id)?.fields.name) ?? "one no longer in the copy";
  const parts = [
    query.text.trim() === "" ? "All contacts" : `Search “${query.text.trim()}”`,
    filter.category === null
      ? null
      : `Category: ${categoryOptions(directory.entries).find((o) => o.value === filter.category)?.label ?? filter.category}`,
    filter.companyId === null
      ? null
      : filter.companyId === NO_COMPANY
        ? "Without a company"
        : `Company: ${nameOf(directory.companies, filter.companyId)}`,
    filter.groupId === null ? null : `Group: ${nameOf(directory.groups, filter.groupId)}`,
    `sorted by ${SORT_LABELS[query.sort].toLowerCase()}`,
  ];
  return parts.filter((p) => p !== null).join(" · ");
}

export function PrintList(props: {
  readonly databaseName: string;
  readonly entries: readonly ContactEntry[];
  readonly query: ContactQuery;
  readonly directory: ContactDirectory;
  readonly onClose: () => void;
}) {
  const { entries } = props;
  const styles = useStyles();
  const count = new Intl.NumberFormat().format(entries.length);
  return (
    <PrintPanel title="Print contacts" onClose={props.onClose}>
      <PrintHeading
        title={`${props.databaseName}: contacts`}
        details={[
          describeQuery(props.query, props.directory),
          `${count} ${entries.length === 1 ? "contact" : "contacts"}`,
        ]}
      />
      <table className={styles.table} aria-label="Contacts">
        <thead>
          <tr>
            <th className={`${styles.cell} ${styles.head}`}>Name</th>
            <th className={`${styles.cell} ${styles.head}`}>Company</th>
            <th className={`${styles.cell} ${styles.head}`}>Phone numbers</th>
            <th className={`${styles.cell} ${styles.head}`}>E-mail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className={styles.row}>
              <td className={styles.cell}>{entry.name}</td>
              <td className={styles.cell}>{entry.companyName ?? ""}</td>
              <td className={styles.cell}>
                {phonesOf(entry.record.fields).map((p) => (
                  <div key={`${p.number}|${p.label ?? ""}`}>
                    {p.label === null ? p.number : `${p.number} (${p.label})`}
                  </div>
                ))}
              </td>
              <td className={styles.cell}>{entry.email ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PrintPanel>
  );
}
