/**
 * Reports, as Business Contact Manager gave a manager an overview: "Contacts by category" and
 * "History this month by kind", counted from the offline copy (so they work offline) and
 * printable like the list.
 *
 * Each report is a table (what is counted, how many) whose rows carry a bar drawn in SVG: no
 * chart library is installed, and one would weigh more than these few bars; a table is what a
 * screen reader reads best, so the bars are hidden from it and the numbers are written out.
 */
import { makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { useId, useMemo, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import { useRecords } from "../useRecords";
import { PrintHeading } from "./PrintHeading";
import { PrintPanel } from "./PrintPanel";
import type { ReportRow } from "./reports";
import { contactsByCategory, historyThisMonth, userTimeZone } from "./reports";

const useStyles = makeStyles({
  report: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    breakInside: "avoid",
  },
  heading: { margin: 0 },
  table: { width: "100%", borderCollapse: "collapse", tableLayout: "fixed" },
  cell: {
    textAlign: "start",
    verticalAlign: "middle",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    overflowWrap: "anywhere",
  },
  label: { width: "45%", fontWeight: tokens.fontWeightRegular },
  head: { fontWeight: tokens.fontWeightSemibold },
  count: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  number: { minWidth: "3.5em", textAlign: "end", fontVariantNumeric: "tabular-nums" },
  bar: { flexGrow: 1, flexBasis: 0, minWidth: 0, height: "12px", overflow: "visible" },
  fill: {
    fill: tokens.colorBrandBackground,
    // On paper and in high contrast the bar keeps its outline without its colour.
    stroke: tokens.colorNeutralStrokeAccessible,
    strokeWidth: "1px",
    "@media (forced-colors: active)": { fill: "CanvasText" },
  },
  empty: { color: tokens.colorNeutralForeground2 },
});

const number = new Intl.NumberFormat();

/**
 * One report: a heading, and a row per count with the number written out and a bar beside it,
 * the longest for the largest count.
 */
function Report(props: {
  readonly title: string;
  readonly what: string;
  readonly rows: readonly ReportRow[];
  /** Said instead of an empty table. */
  readonly empty?: string;
}) {
  const styles = useStyles();
  const id = useId();
  const max = Math.max(1, ...props.rows.map((r) => r.count));
  return (
    <section className={styles.report} aria-labelledby={id}>
      <Subtitle2 as="h4" id={id} className={styles.heading}>
        {props.title}
      </Subtitle2>
      {props.rows.length === 0 && props.empty !== undefined ? (
        <span className={styles.empty}>{props.empty}</span>
      ) : (
        <table className={styles.table} aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col" className={`${styles.cell} ${styles.label} ${styles.head}`}>
                {props.what}
              </th>
              <th scope="col" className={`${styles.cell} ${styles.head}`}>
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row" className={`${styles.cell} ${styles.label}`}>
                  {row.label}
                </th>
                <td className={styles.cell}>
                  <div className={styles.count}>
                    <span className={styles.number}>{number.format(row.count)}</span>
                    <svg className={styles.bar} aria-hidden focusable="false">
                      {row.count > 0 && (
                        <rect
                          className={styles.fill}
                          width={`${(row.count / max) * 100}%`}
                          height="12"
                        />
                      )}
                    </svg>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ReportsPanel(props: {
  readonly engine: SyncEngine;
  readonly databaseName: string;
  readonly onClose: () => void;
}) {
  const contacts = useRecords(props.engine, "contact");
  const history = useRecords(props.engine, "history");
  const byCategory = useMemo(() => contactsByCategory(contacts), [contacts]);
  // The month as the panel opened, in the user's time zone.
  const [now] = useState(() => Date.now());
  const timeZone = userTimeZone();
  const byKind = useMemo(() => historyThisMonth(history, now, timeZone), [history, now, timeZone]);
  const month = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" }).format(now);
  return (
    <PrintPanel title="Reports" onClose={props.onClose}>
      <PrintHeading
        title={`${props.databaseName}: reports`}
        details={["Counted from this computer's copy of the database"]}
      />
      <Report
        title="Contacts by category"
        what="Category"
        rows={byCategory}
        empty="No contacts yet."
      />
      <Report title={`History this month by kind (${month})`} what="Kind" rows={byKind} />
    </PrintPanel>
  );
}
