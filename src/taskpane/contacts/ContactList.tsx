/**
 * The contact list: search as you type, sort, filters by category, company and group, and the
 * windowed list itself, with empty states that say what to do next. The toolbar stays at the top
 * of the pane while the list scrolls. Arrow Down in the search box moves into the results.
 * Contacts can be selected for bulk actions (docs/bulk-actions.md): the selection is kept by
 * the caller, and its code and bar load with the first selection.
 *
 * Built to keep typing fast on 10,000 contacts: rows are memoized (VirtualList) and made of plain
 * elements, and the filters' options (thousands of companies) exist only while they are shown.
 */
import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  mergeClasses,
  SearchBox,
  Select,
  Subtitle2,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import { Filter20Regular } from "@fluentui/react-icons/svg/filter";
import { PersonAdd20Regular } from "@fluentui/react-icons/svg/person-add";
import type { Dispatch, KeyboardEvent, ReactNode, Ref, SetStateAction } from "react";
import { lazy, memo, Suspense, useCallback, useEffect, useId, useRef, useState } from "react";
import type { ContactEntry, ContactFilter, SortOrder } from "./contact-list";
import { isFiltered, NO_FILTER, SORT_LABELS } from "./contact-list";
import { Initials } from "../ui/Initials";
import { useCanEdit } from "../ui/useCanEdit";
import type { ContactDirectory, ContactQuery } from "./useContactDirectory";
import { OPENING_QUERY, useContactResults } from "./useContactDirectory";
import type { FirstScreen, FirstScreenRow } from "./first-screen";
import { FIRST_SCREEN_ROWS } from "./first-screen";
import type { ListedContacts } from "../export/export-records";
import type { SelectAction, Selection } from "../ui/selection";
import type { VirtualListHandle } from "../ui/VirtualList";
import { VirtualList } from "../ui/VirtualList";
import { useContentPainted } from "../ui/idle";

export const CONTACT_ROW_HEIGHT = 52;

const ContactFilters = lazy(() =>
  import("./ContactFilters").then((m) => ({ default: m.ContactFilters })),
);

const count = new Intl.NumberFormat();

const useStyles = makeStyles({
  screen: { display: "flex", flexDirection: "column", minWidth: 0 },
  toolbar: {
    // Below the status bar, which is pinned above it (StatusBar.tsx).
    position: "sticky",
    top: "var(--bcm-status-height, 0px)",
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: 0 },
  search: { flexGrow: 1, minWidth: 0 },
  sort: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, flexGrow: 1 },
  sortSelect: { flexGrow: 1, minWidth: 0 },
  // The Filters button while its panel is open (a disclosure: aria-expanded says it).
  open: { backgroundColor: tokens.colorNeutralBackground1Selected },
  filters: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  hidden: { display: "none" },
  count: { color: tokens.colorNeutralForeground3 },
  empty: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
  },
  emptyHeading: { margin: 0 },
  person: { display: "flex", flexDirection: "column", minWidth: 0 },
  // Plain spans with Fluent's type ramp rather than Text components: a keystroke renders a
  // screenful of new rows.
  name: {
    ...typographyStyles.body1Strong,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  detail: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground3,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
});

/** The secondary line of a row: job title and company, else the e-mail address. */
function rowDetail(entry: ContactEntry): string {
  const work = [entry.jobTitle, entry.companyName].filter((t) => t !== null).join(" · ");
  return work || entry.email || "";
}

export function ContactList(props: {
  readonly directory: ContactDirectory;
  readonly query: ContactQuery;
  readonly onQueryChange: Dispatch<SetStateAction<ContactQuery>>;
  readonly onOpen: (entry: ContactEntry) => void;
  readonly onNew: () => void;
  /** The contact to focus when the list comes back (after Back from its card). */
  readonly returnTo: { readonly key: string; readonly scrollY: number } | null;
  /** Prints the contacts the list shows, all of them, in its order. */
  readonly onPrint?: (contacts: readonly ContactEntry[]) => void;
  /** Exports the contacts the list shows (filtered and searched), or those selected. */
  readonly onExport?: (listed: ListedContacts) => void;
  /** The rows selected (bulk actions), kept by the caller so that a card opened keeps them. */
  readonly selection: Selection;
  readonly onSelectionChange: Dispatch<SetStateAction<Selection>>;
  /** The bar of actions on the selection, given the list's results. */
  readonly bulkBar: (results: readonly ContactEntry[]) => ReactNode;
  /** The search box takes focus (it had it in the first screen's stand-in). */
  readonly focusSearch?: boolean;
  /** Told the list's first rows whenever they change while it shows them as it opens. */
  readonly onFirstScreen?: (screen: FirstScreen) => void;
}) {
  const { directory, query, onQueryChange, onOpen, onNew, returnTo } = props;
  const styles = useStyles();
  useContentPainted();
  const list = useRef<VirtualListHandle>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const { results, listed } = useContactResults(directory, query);
  const canEdit = useCanEdit();
  const total = directory.entries.length;
  const { selection, onSelectionChange } = props;
  // The selection's code loads with its first change, with the bar of bulk actions.
  const select = (action: SelectAction, index: number, from: number) =>
    void import("./bulk").then((m) =>
      onSelectionChange((s) => m.select(s, action, results, getId, index, from)),
    );

  useEffect(() => {
    if (returnTo === null) return;
    window.scrollTo(0, returnTo.scrollY);
    list.current?.focusRow(returnTo.key);
    // Only when the list comes back, not on every change of the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const filtered = isFiltered(query.filter);
  const searching = query.text.trim() !== "";
  const opening = !searching && !filtered && query.sort === OPENING_QUERY.sort;
  const { onFirstScreen } = props;
  useEffect(() => {
    if (opening) onFirstScreen?.(firstScreenOf(results, total));
  }, [opening, results, total, onFirstScreen]);

  const countText =
    !searching && !filtered
      ? contactCount(total)
      : `${count.format(results.length)} of ${count.format(total)} contacts`;

  return (
    <div className={styles.screen}>
      <ListToolbar
        ref={toolbar}
        search={query.text}
        onSearch={(text) => onQueryChange({ ...query, text })}
        onSearchKeyDown={(event) => {
          if (event.key === "ArrowDown" && results.length > 0) {
            event.preventDefault();
            list.current?.focusRow();
          }
        }}
        focusSearch={props.focusSearch ?? false}
        {...(canEdit ? { onNew } : {})}
        options={
          <>
            <ListOptions
              directory={directory}
              sort={query.sort}
              filter={query.filter}
              onQueryChange={onQueryChange}
            />
            {props.bulkBar(results)}
          </>
        }
        countText={total > 0 ? countText : null}
        {...(props.onExport
          ? {
              onExport:
                results.length === 0
                  ? null
                  : () => props.onExport?.({ contacts: results.map((entry) => entry.record) }),
            }
          : {})}
        onPrint={props.onPrint && results.length > 0 && (() => props.onPrint?.(results))}
      />
      {total === 0 ? (
        <div className={styles.empty}>
          <Subtitle2 as="h3" className={styles.emptyHeading}>
            No contacts yet
          </Subtitle2>
          <Body1>
            {canEdit
              ? "Contacts you add here are shared with everyone in this database."
              : "Contacts added to this database show here."}
          </Body1>
          {canEdit && (
            <Button appearance="primary" icon={<PersonAdd20Regular />} onClick={onNew}>
              Add your first contact
            </Button>
          )}
        </div>
      ) : results.length === 0 ? (
        <div className={styles.empty}>
          <Subtitle2 as="h3" className={styles.emptyHeading}>
            {searching
              ? `No contacts match “${query.text.trim()}”`
              : "No contacts match these filters"}
          </Subtitle2>
          <Body1>
            {searching
              ? listed.length < total
                ? "Search looks in names, companies, e-mail addresses, phone numbers, categories and notes of the contacts the filters let through."
                : "Search looks in names, companies, e-mail addresses, phone numbers, categories and notes. Check the spelling, or try the start of a word."
              : "Change or clear the filters to see more contacts."}
          </Body1>
          <div className={styles.row}>
            {searching && (
              <Button onClick={() => onQueryChange({ ...query, text: "" })}>Clear search</Button>
            )}
            {filtered && (
              <Button onClick={() => onQueryChange({ ...query, filter: NO_FILTER })}>
                Clear filters
              </Button>
            )}
          </div>
        </div>
      ) : (
        <VirtualList
          ref={list}
          items={results}
          label="Contacts"
          rowHeight={CONTACT_ROW_HEIGHT}
          getKey={getId}
          initialKey={returnTo?.key ?? null}
          topInset={() => toolbar.current?.offsetHeight ?? 0}
          onOpen={onOpen}
          renderRow={renderContactRow}
          selection={{ keys: selection.keys, onSelect: select }}
        />
      )}
    </div>
  );
}

const getId = (entry: ContactEntry) => entry.id;

const renderContactRow = (entry: ContactEntry) => (
  <ContactRow name={entry.name} detail={rowDetail(entry)} />
);

function ContactRow(props: { readonly name: string; readonly detail: string }) {
  const styles = useStyles();
  return (
    <>
      <Initials name={props.name} />
      <span className={styles.person}>
        <span className={styles.name}>{props.name}</span>
        <span className={styles.detail}>{props.detail}</span>
      </span>
    </>
  );
}

/** What the list's first screen shows of `results`, kept for the next opening (first-screen.ts). */
function firstScreenOf(results: readonly ContactEntry[], total: number): FirstScreen {
  const rows = results
    .slice(0, FIRST_SCREEN_ROWS)
    .map((entry) => ({ id: entry.id, name: entry.name, detail: rowDetail(entry) }));
  return { total, rows };
}

/**
 * The list's stand-in while the offline copy is read (first-screen.ts): the rows it showed first
 * last time, and a search box. A row opened, or a search typed, meanwhile is handed to the list
 * when it comes (`onOpen`, `onSearch`); the sort and filters wait for it.
 */
export function ContactListPreview(props: {
  readonly screen: FirstScreen;
  readonly search: string;
  readonly onSearch: (text: string) => void;
  readonly onSearchFocus: (focused: boolean) => void;
  readonly onOpen: (id: string) => void;
}) {
  const { screen } = props;
  const styles = useStyles();
  const toolbar = useRef<HTMLDivElement>(null);
  return (
    <div className={styles.screen} aria-busy="true">
      <ListToolbar
        ref={toolbar}
        search={props.search}
        onSearch={props.onSearch}
        onSearchFocus={props.onSearchFocus}
        focusSearch={false}
        options={<ListOptions directory={null} sort="name" filter={NO_FILTER} />}
        countText={screen.total > 0 ? contactCount(screen.total) : null}
      />
      <VirtualList
        items={screen.rows}
        label="Contacts"
        rowHeight={CONTACT_ROW_HEIGHT}
        getKey={getRowId}
        topInset={() => toolbar.current?.offsetHeight ?? 0}
        onOpen={(row) => props.onOpen(row.id)}
        renderRow={renderPreviewRow}
      />
    </div>
  );
}

const getRowId = (row: FirstScreenRow) => row.id;

const renderPreviewRow = (row: FirstScreenRow) => (
  <ContactRow name={row.name} detail={row.detail} />
);

const contactCount = (total: number) =>
  `${count.format(total)} ${total === 1 ? "contact" : "contacts"}`;

/**
 * The toolbar above the list (search, New contact, sort and filters, the count and Export list),
 * which stays at the top of the pane while the list scrolls.
 */
function ListToolbar({
  ref,
  ...props
}: {
  readonly search: string;
  readonly onSearch: (text: string) => void;
  readonly onSearchKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  readonly onSearchFocus?: (focused: boolean) => void;
  readonly focusSearch: boolean;
  /** New contact; not offered when not given. */
  readonly onNew?: () => void;
  readonly options: ReactNode;
  /** "10,000 contacts"; no count row when null. */
  readonly countText: string | null;
  /** Export list…: not offered when not given; offered but disabled when null. */
  readonly onExport?: (() => void) | null;
  /** Print list…: offered when given. */
  readonly onPrint?: (() => void) | false | undefined;
  readonly ref: Ref<HTMLDivElement>;
}) {
  const { onNew, onExport } = props;
  const styles = useStyles();
  return (
    <div className={styles.toolbar} ref={ref}>
      <div className={styles.row}>
        <SearchBox
          className={styles.search}
          aria-label="Search contacts"
          placeholder="Search contacts"
          value={props.search}
          // Focus stays where the user put it in the stand-in (ContactListPreview).
          autoFocus={props.focusSearch}
          onChange={(_, data) => props.onSearch(data.value)}
          {...(props.onSearchKeyDown ? { onKeyDown: props.onSearchKeyDown } : {})}
          onFocus={() => props.onSearchFocus?.(true)}
          onBlur={() => props.onSearchFocus?.(false)}
        />
        {onNew && (
          <Button
            appearance="primary"
            icon={<PersonAdd20Regular />}
            aria-label="New contact"
            title="New contact"
            onClick={onNew}
          />
        )}
      </div>
      {props.options}
      {props.countText !== null && (
        <div className={styles.row}>
          <Caption1 className={mergeClasses(styles.count, styles.search)} aria-live="polite">
            {props.countText}
          </Caption1>
          {onExport !== undefined && (
            <Button
              size="small"
              appearance="subtle"
              disabled={onExport === null}
              onClick={() => onExport?.()}
            >
              Export list…
            </Button>
          )}
          {props.onPrint && (
            <Button size="small" appearance="subtle" onClick={props.onPrint}>
              Print list…
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The sort order and the filters' toggle and panel: the same on every keystroke in the search
 * box, so they render again only when they change.
 */
const ListOptions = memo(function ListOptions(props: {
  /** Null in the list's stand-in: the sort and the filters are offered once the list is there. */
  readonly directory: ContactDirectory | null;
  readonly sort: SortOrder;
  readonly filter: ContactFilter;
  readonly onQueryChange?: Dispatch<SetStateAction<ContactQuery>>;
}) {
  const { directory, sort, filter, onQueryChange } = props;
  const styles = useStyles();
  const filtersId = useId();
  const sortId = useId();
  const [showFilters, setShowFilters] = useState(isFiltered(filter));
  const setFilter = useCallback(
    (next: ContactFilter) => onQueryChange?.((q) => ({ ...q, filter: next })),
    [onQueryChange],
  );
  const activeFilters = [filter.category, filter.companyId, filter.groupId].filter(
    (f) => f !== null,
  ).length;
  return (
    <>
      <div className={styles.row}>
        <div className={styles.sort}>
          <label htmlFor={sortId}>
            <Caption1>Sort by</Caption1>
          </label>
          <Select
            id={sortId}
            className={styles.sortSelect}
            size="small"
            value={sort}
            disabled={directory === null}
            onChange={(_, data) =>
              onQueryChange?.((q) => ({ ...q, sort: data.value as SortOrder }))
            }
          >
            {(Object.keys(SORT_LABELS) as SortOrder[]).map((order) => (
              <option key={order} value={order}>
                {SORT_LABELS[order]}
              </option>
            ))}
          </Select>
        </div>
        <Button
          size="small"
          icon={<Filter20Regular />}
          className={mergeClasses(showFilters && styles.open)}
          aria-expanded={showFilters}
          aria-controls={filtersId}
          disabled={directory === null}
          onClick={() => setShowFilters((s) => !s)}
        >
          {activeFilters > 0 ? `Filters (${activeFilters})` : "Filters"}
        </Button>
      </div>
      <div id={filtersId} className={mergeClasses(styles.filters, !showFilters && styles.hidden)}>
        {showFilters && directory && (
          <Suspense fallback={null}>
            <ContactFilters directory={directory} filter={filter} onChange={setFilter} />
          </Suspense>
        )}
      </div>
    </>
  );
});
