/**
 * The frame of a record's card: Back, Print (where the card can be printed), Edit and Delete
 * (not for readers), the record's name as a heading (focused when the card opens, so screen
 * readers announce it), and a body of labelled sections.
 */
import {
  Badge,
  Body1,
  Button,
  makeStyles,
  Subtitle2,
  Tag,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import { ArrowLeft20Regular } from "@fluentui/react-icons/svg/arrow-left";
import { Delete20Regular } from "@fluentui/react-icons/svg/delete";
import { Edit20Regular } from "@fluentui/react-icons/svg/edit";
import { Print20Regular } from "@fluentui/react-icons/svg/print";
import type { ReactNode } from "react";
import { useEffect, useId, useRef } from "react";
import type { ViewRecord } from "../../sync/view";
import { revealScreen } from "./reveal";
import { useCanEdit } from "../ui/useCanEdit";

const useStyles = makeStyles({
  screen: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalL}`,
    minWidth: 0,
  },
  bar: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  spacer: { flexGrow: 1 },
  badge: { alignSelf: "flex-start" },
  title: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  heading: { ...typographyStyles.subtitle1, margin: 0, overflowWrap: "anywhere" },
  secondary: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  sectionHeading: { margin: 0 },
  list: {
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, overflowWrap: "anywhere", whiteSpace: "pre-wrap" },
  tags: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
});

export function RecordScreen(props: {
  readonly title: string;
  readonly subtitle?: string | null;
  readonly record: ViewRecord;
  readonly onBack: () => void;
  readonly onEdit: () => void;
  readonly onDelete: () => void;
  /** Print: offered to everyone, readers included, when given. */
  readonly onPrint?: () => void;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  const canEdit = useCanEdit();
  const { record } = props;
  const screen = useRef<HTMLElement>(null);
  useEffect(() => revealScreen(screen.current, heading.current), [record.id]);
  return (
    <article ref={screen} className={styles.screen} aria-label={props.title}>
      <div className={styles.bar}>
        <Button
          appearance="subtle"
          size="small"
          icon={<ArrowLeft20Regular />}
          onClick={props.onBack}
        >
          Back
        </Button>
        <span className={styles.spacer} />
        {props.onPrint && (
          <Button size="small" icon={<Print20Regular />} onClick={props.onPrint}>
            Print
          </Button>
        )}
        {canEdit && (
          <>
            <Button size="small" icon={<Edit20Regular />} onClick={props.onEdit}>
              Edit
            </Button>
            <Button size="small" icon={<Delete20Regular />} onClick={props.onDelete}>
              Delete
            </Button>
          </>
        )}
      </div>
      <div className={styles.title}>
        <h3 ref={heading} tabIndex={-1} className={styles.heading}>
          {props.title}
        </h3>
        {props.subtitle && <Body1 className={styles.secondary}>{props.subtitle}</Body1>}
        {record.pending && (
          <Badge className={styles.badge} appearance="tint" color="informative">
            Changes waiting to be sent
          </Badge>
        )}
        {record.conflicts.length > 0 && (
          <Badge className={styles.badge} appearance="tint" color="warning">
            A conflicting change waits for your answer
          </Badge>
        )}
      </div>
      {props.children}
    </article>
  );
}

/** A titled part of a card. */
export function Section(props: { readonly title: string; readonly children: ReactNode }) {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 as="h4" id={id} className={styles.sectionHeading}>
        {props.title}
      </Subtitle2>
      {props.children}
    </section>
  );
}

/** A label–value pair of {@link Details}. */
export interface DetailItem {
  readonly term: string;
  readonly value: ReactNode;
}

/** The pairs that have a value to show. */
export function shownDetails(items: readonly DetailItem[]): DetailItem[] {
  return items.filter((i) => i.value !== null && i.value !== undefined && i.value !== "");
}

/**
 * Label–value pairs, under `title` when one is given; pairs without a value are left out, and
 * with none left nothing is shown, not even the title (a heading over nothing says nothing).
 */
export function Details(props: { readonly title?: string; readonly items: readonly DetailItem[] }) {
  const items = shownDetails(props.items);
  if (items.length === 0) return null;
  return props.title === undefined ? (
    <DetailList items={items} />
  ) : (
    <Section title={props.title}>
      <DetailList items={items} />
    </Section>
  );
}

function DetailList({ items }: { readonly items: readonly DetailItem[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {items.map((item, i) => (
        <div key={i}>
          <dt className={styles.term}>{item.term}</dt>
          <dd className={styles.value}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A record's categories as tags, for a `Details` value (nothing when there are none). */
export function CategoryTags(props: { readonly names: readonly string[] }) {
  const styles = useStyles();
  if (props.names.length === 0) return null;
  return (
    <span className={styles.tags}>
      {props.names.map((c) => (
        <Tag key={c} size="small" appearance="outline">
          {c}
        </Tag>
      ))}
    </span>
  );
}
