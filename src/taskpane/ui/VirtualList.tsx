/**
 * A long list that renders only the rows in view (fixed row height, window scrolling; see
 * windowing.ts), so 50,000 contacts cost what 20 do. It is a `role=list` whose rows are
 * `role=listitem`, each holding a button that opens the item.
 *
 * Keyboard: the list is one tab stop (roving tabindex); arrow keys, Page Up/Down, Home and End
 * move between rows, scrolling as needed; Enter or Space opens. The focused row is always
 * rendered, even when scrolled out of the window, so focus is never lost.
 *
 * A list given `selection` lets rows be selected (selection.ts): Ctrl/Cmd-click or Space toggles
 * a row, Shift-click or Shift with a move adds a range, Ctrl+A selects all, Escape clears; Enter
 * or a plain click still opens. While rows are selected it is a multi-selectable grid (a list's
 * items cannot be selected), each row one cell holding its button.
 *
 * Rows are memoized: a row renders again only when its item, place or focus changed, and its
 * content (`renderRow`, which should be a stable function) only when its item did. Rows are
 * keyed by their place in the list, so that when a search changes what the list holds, the rows
 * in view keep their elements and only their text changes (scrolling adds and removes rows).
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { KeyboardEvent, MouseEvent, ReactNode, Ref } from "react";
import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { SelectAction } from "./selection";
import { useListViewport } from "./useListViewport";
import { nextIndex, revealDelta, visibleRange } from "./windowing";

/** Rows rendered beyond each edge of the window: enough for a scroll step before the next frame. */
const OVERSCAN = 3;

const useStyles = makeStyles({
  // Containment: a row's content never changes the layout of the list or of the other rows (each
  // row's size is set), so the browser lays out and paints again only the rows that changed.
  list: { position: "relative", margin: 0, padding: 0, contain: "strict" },
  row: {
    contain: "strict",
    position: "absolute",
    left: 0,
    right: 0,
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    boxSizing: "border-box",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  open: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    flexGrow: 1,
    minWidth: 0,
    height: "100%",
    padding: `0 ${tokens.spacingHorizontalM}`,
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    font: "inherit",
    textAlign: "start",
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover },
    ":active": { backgroundColor: tokens.colorSubtleBackgroundPressed },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  actions: { flexShrink: 0, paddingRight: tokens.spacingHorizontalS },
  cell: { display: "flex", flexGrow: 1, minWidth: 0, height: "100%" },
  // A border as well as the colour: forced colours keep borders.
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorCompoundBrandStroke}`,
  },
});

export interface VirtualListHandle {
  /** Moves focus to the row of `key` (else the active row), scrolling it into view. */
  focusRow(key?: string): void;
}

export interface VirtualListProps<T> {
  readonly items: readonly T[];
  /** The list's accessible name. */
  readonly label: string;
  readonly rowHeight: number;
  readonly getKey: (item: T) => string;
  /**
   * What the row's button shows (its text is the button's accessible name); a stable function
   * (module level or memoized), since a row's content renders again when it changes.
   */
  readonly renderRow: (item: T) => ReactNode;
  readonly onOpen: (item: T) => void;
  /** Buttons beside the row's own (Remove…); `tabbable` is false outside the active row. */
  readonly renderActions?: (item: T, tabbable: boolean) => ReactNode;
  /** The row that takes the list's tab stop first. */
  readonly initialKey?: string | null;
  /** Pixels at the window's top hidden by a sticky toolbar. */
  readonly topInset?: () => number;
  readonly ref?: Ref<VirtualListHandle>;
  readonly className?: string;
  /** Rows can be selected: the keys selected, and what the user asks (see selection.ts). */
  readonly selection?: {
    readonly keys: ReadonlySet<string>;
    readonly onSelect: (action: SelectAction, index: number, from: number) => void;
  };
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, getKey, renderRow, renderActions, topInset, ref, selection } = props;
  const grid = !!selection?.keys.size;
  const styles = useStyles();
  const listRef = useRef<HTMLDivElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const pendingFocus = useRef<string | null>(null);
  const { viewport, measure } = useListViewport(listRef);
  const [activeKey, setActiveKey] = useState<string | null>(props.initialKey ?? null);

  const count = items.length;
  const activeIndex = useMemo(() => {
    if (activeKey === null) return 0;
    const index = items.findIndex((item) => getKey(item) === activeKey);
    return index < 0 ? 0 : index;
  }, [items, activeKey, getKey]);

  const range = visibleRange(count, rowHeight, viewport, OVERSCAN);
  const shown: number[] = [];
  if (count > 0 && activeIndex < range.start) shown.push(activeIndex);
  for (let i = range.start; i < range.end; i++) shown.push(i);
  if (count > 0 && activeIndex >= range.end) shown.push(activeIndex);

  const reveal = (index: number) => {
    const delta = revealDelta(index, rowHeight, measure(), topInset?.() ?? 0);
    if (delta !== 0) window.scrollBy(0, delta);
  };

  const moveTo = (key: string, index: number) => {
    pendingFocus.current = key;
    reveal(index);
    setActiveKey(key);
    // Already active and rendered: no render follows, so focus now.
    const button = buttons.current.get(key);
    if (button) {
      pendingFocus.current = null;
      button.focus({ preventScroll: true });
    }
  };

  useImperativeHandle(ref, () => ({
    focusRow(key?: string) {
      // A row that went away (its record deleted) leaves focus on the active row.
      const found = key === undefined ? -1 : items.findIndex((i) => getKey(i) === key);
      const index = found < 0 ? Math.min(activeIndex, items.length - 1) : found;
      const item = items[index];
      if (item !== undefined) moveTo(getKey(item), index);
    },
  }));

  useEffect(() => {
    const key = pendingFocus.current;
    if (key === null) return;
    const button = buttons.current.get(key);
    if (button) {
      pendingFocus.current = null;
      button.focus({ preventScroll: true });
    }
  });

  // Stable, so that rows do not render again when the list's caller does.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const onOpen = useCallback((item: T, index: number, event: MouseEvent) => {
    const { onOpen, selection } = latest.current;
    const toggle = event.ctrlKey || event.metaKey;
    if (selection && (toggle || event.shiftKey)) {
      selection.onSelect(toggle ? "toggle" : "range", index, index);
    } else onOpen(item);
  }, []);
  const register = useCallback((key: string, button: HTMLButtonElement | null) => {
    if (button) buttons.current.set(key, button);
    else buttons.current.delete(key);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLElement && event.target.dataset.row === undefined) return;
    const { key } = event;
    const action =
      key === " "
        ? "toggle"
        : key === "Escape" && grid
          ? "clear"
          : (event.ctrlKey || event.metaKey) && key === "a"
            ? "all"
            : null;
    if (selection && action) {
      event.preventDefault();
      selection.onSelect(action, activeIndex, activeIndex);
      return;
    }
    const pageRows = Math.floor(window.innerHeight / rowHeight);
    const next = nextIndex(key, activeIndex, count, pageRows);
    const item = next === null ? undefined : items[next];
    if (next === null || item === undefined) return;
    event.preventDefault();
    moveTo(getKey(item), next);
    if (event.shiftKey) selection?.onSelect("range", next, activeIndex);
  };

  return (
    <div
      ref={listRef}
      role={grid ? "grid" : "list"}
      aria-multiselectable={grid || undefined}
      aria-rowcount={grid ? count : undefined}
      aria-label={props.label}
      className={mergeClasses(styles.list, props.className)}
      style={{ height: count * rowHeight }}
      onKeyDown={onKeyDown}
    >
      {shown.map((index) => {
        const item = items[index];
        if (item === undefined) return null;
        const key = getKey(item);
        return (
          <Row
            key={index}
            rowKey={key}
            item={item}
            index={index}
            count={count}
            rowHeight={rowHeight}
            active={index === activeIndex}
            selected={grid ? selection?.keys.has(key) : undefined}
            renderRow={renderRow}
            renderActions={renderActions}
            onOpen={onOpen}
            onFocus={setActiveKey}
            register={register}
            classes={styles}
          />
        );
      })}
    </div>
  );
}

interface RowProps<T> {
  readonly rowKey: string;
  readonly item: T;
  readonly index: number;
  readonly count: number;
  readonly rowHeight: number;
  readonly active: boolean;
  /** Whether the row is selected; undefined while the list is not a grid. */
  readonly selected: boolean | undefined;
  readonly renderRow: (item: T) => ReactNode;
  readonly renderActions: ((item: T, tabbable: boolean) => ReactNode) | undefined;
  readonly onOpen: (item: T, index: number, event: MouseEvent) => void;
  readonly onFocus: (key: string) => void;
  readonly register: (key: string, button: HTMLButtonElement | null) => void;
  readonly classes: Record<"row" | "open" | "actions" | "cell" | "selected", string>;
}

const Row = memo(function Row<T>(props: RowProps<T>) {
  const { rowKey, item, index, rowHeight, active, selected, renderActions, classes } = props;
  const grid = selected !== undefined;
  return (
    <div
      role={grid ? "row" : "listitem"}
      // A grid's rows have their place in the grid (ARIA keeps set sizes for tree grids).
      aria-setsize={grid ? undefined : props.count}
      aria-posinset={grid ? undefined : index + 1}
      aria-rowindex={grid ? index + 1 : undefined}
      aria-selected={selected}
      className={mergeClasses(classes.row, selected && classes.selected)}
      style={{ top: index * rowHeight, height: rowHeight }}
    >
      {/* The row's cell while it is a grid's; a plain box, so the button is never remade. */}
      <div role={grid ? "gridcell" : undefined} className={classes.cell}>
        <button
          type="button"
          data-row=""
          className={classes.open}
          tabIndex={active ? 0 : -1}
          ref={(element) => props.register(rowKey, element)}
          onFocus={() => props.onFocus(rowKey)}
          onClick={(event) => props.onOpen(item, index, event)}
        >
          <RowContent item={item} render={props.renderRow} />
        </button>
      </div>
      {renderActions && <div className={classes.actions}>{renderActions(item, active)}</div>}
    </div>
  );
}) as <T>(props: RowProps<T>) => ReactNode;

/** A row's content, rendered again only for another item (or another way to render it). */
const RowContent = memo(function RowContent<T>(props: {
  readonly item: T;
  readonly render: (item: T) => ReactNode;
}) {
  return props.render(props.item);
}) as <T>(props: { readonly item: T; readonly render: (item: T) => ReactNode }) => ReactNode;
