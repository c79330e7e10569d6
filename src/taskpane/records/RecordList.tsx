/**
 * A searchable list of records for the Companies and Groups tabs: a sticky toolbar (search box,
 * New button unless the user only reads, count), an empty state that says what to do next, and
 * the windowed list.
 */
import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  mergeClasses,
  SearchBox,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons/svg/add";
import type { ReactNode } from "react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Searchable } from "./search-index";
import { NarrowingSearch } from "./search-index";
import { useCanEdit } from "../ui/useCanEdit";
import type { VirtualListHandle } from "../ui/VirtualList";
import { VirtualList } from "../ui/VirtualList";
import { useContentPainted } from "../ui/idle";

const count = new Intl.NumberFormat();

const useStyles = makeStyles({
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
  count: { color: tokens.colorNeutralForeground3 },
  empty: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
  },
  emptyHeading: { margin: 0 },
  twoLines: { display: "flex", flexDirection: "column", minWidth: 0 },
  ellipsis: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  detail: { color: tokens.colorNeutralForeground3 },
});

/** A row's content: the record's name, and a line about it. */
export function RecordRow(props: { readonly name: string; readonly detail: string }) {
  const styles = useStyles();
  return (
    <span className={styles.twoLines}>
      <span className={styles.ellipsis}>{props.name}</span>
      <Caption1 className={mergeClasses(styles.ellipsis, styles.detail)}>{props.detail}</Caption1>
    </span>
  );
}

export interface RecordListWords {
  /** "company" / "companies". */
  readonly one: string;
  readonly many: string;
  /** "Companies": the list's accessible name. */
  readonly listLabel: string;
  /** "New company". */
  readonly newLabel: string;
  /** "Add your first company". */
  readonly firstLabel: string;
  /** What the empty state says the records are for. */
  readonly emptyHint: string;
  /** What search looks in. */
  readonly searchHint: string;
}

export function RecordList<E extends Searchable & { readonly id: string }>(props: {
  readonly entries: readonly E[];
  readonly words: RecordListWords;
  readonly query: string;
  readonly onQueryChange: (query: string) => void;
  readonly onOpen: (entry: E) => void;
  readonly onNew: () => void;
  readonly renderRow: (entry: E) => ReactNode;
  readonly rowHeight: number;
  /** The record whose row takes focus when the list comes back. */
  readonly returnTo: string | null;
}) {
  const { entries, words, query, onQueryChange, returnTo } = props;
  const styles = useStyles();
  useContentPainted();
  const list = useRef<VirtualListHandle>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const [search] = useState(() => new NarrowingSearch<E>());
  const canEdit = useCanEdit();
  const results = useMemo(() => search.search(entries, query), [search, entries, query]);
  const searching = query.trim() !== "";

  useEffect(() => {
    if (returnTo !== null) list.current?.focusRow(returnTo);
    // Only when the list comes back, not on every change of the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div>
      <div className={styles.toolbar} ref={toolbar}>
        <div className={styles.row}>
          <SearchBox
            className={styles.search}
            aria-label={`Search ${words.many}`}
            placeholder={`Search ${words.many}`}
            value={query}
            onChange={(_, data) => onQueryChange(data.value)}
            onKeyDown={(event) => {
              if (event.key === "ArrowDown" && results.length > 0) {
                event.preventDefault();
                list.current?.focusRow();
              }
            }}
          />
          {canEdit && (
            <Button
              appearance="primary"
              icon={<Add20Regular />}
              aria-label={words.newLabel}
              title={words.newLabel}
              onClick={props.onNew}
            />
          )}
        </div>
        {entries.length > 0 && (
          <Caption1 className={styles.count} aria-live="polite">
            {searching
              ? `${count.format(results.length)} of ${count.format(entries.length)} ${words.many}`
              : `${count.format(entries.length)} ${entries.length === 1 ? words.one : words.many}`}
          </Caption1>
        )}
      </div>
      {entries.length === 0 ? (
        <div className={styles.empty}>
          <Subtitle2 as="h3" className={styles.emptyHeading}>
            No {words.many} yet
          </Subtitle2>
          <Body1>{words.emptyHint}</Body1>
          {canEdit && (
            <Button appearance="primary" icon={<Add20Regular />} onClick={props.onNew}>
              {words.firstLabel}
            </Button>
          )}
        </div>
      ) : results.length === 0 ? (
        <div className={styles.empty}>
          <Subtitle2 as="h3" className={styles.emptyHeading}>
            No {words.many} match “{query.trim()}”
          </Subtitle2>
          <Body1>{words.searchHint}</Body1>
          <Button onClick={() => onQueryChange("")}>Clear search</Button>
        </div>
      ) : (
        <VirtualList
          ref={list}
          items={results}
          label={words.listLabel}
          rowHeight={props.rowHeight}
          getKey={getId}
          initialKey={returnTo}
          topInset={() => toolbar.current?.offsetHeight ?? 0}
          onOpen={props.onOpen}
          renderRow={props.renderRow}
        />
      )}
    </div>
  );
}

const getId = (entry: { readonly id: string }) => entry.id;
