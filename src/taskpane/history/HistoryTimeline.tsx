/**
 * The history of a contact or a company: e-mails, appointments, phone logs, notes, tasks and
 * files, newest first, filtered by kind; notes, phone logs and tasks can be added by hand (the
 * form loads on first use), and a task ticked off, except by readers. An item linked to an
 * Outlook item offers "Open in Outlook" when the host screen can open it (`onOpenItem`).
 */
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  makeStyles,
  Select,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { Add16Regular } from "@fluentui/react-icons/svg/add";
import { Attach20Regular } from "@fluentui/react-icons/svg/attach";
import { CalendarLtr20Regular } from "@fluentui/react-icons/svg/calendar-ltr";
import { Call20Regular } from "@fluentui/react-icons/svg/call";
import { Mail20Regular } from "@fluentui/react-icons/svg/mail";
import { Note20Regular } from "@fluentui/react-icons/svg/note";
import { Open16Regular } from "@fluentui/react-icons/svg/open";
import { TaskListLtr20Regular } from "@fluentui/react-icons/svg/task-list-ltr";
import type { ReactElement } from "react";
import { lazy, Suspense, useId, useMemo, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { dateText, emailsOf, neverLinked, text } from "../contacts/contact-view";
import { useMailSearch } from "./useMailSearch";
import { Loading } from "../ui/Loading";
import { useCanEdit } from "../ui/useCanEdit";
import { useEdits } from "../records/useEdits";
import { useRecords } from "../useRecords";
import type { HistoryKind, HistorySubject, ManualKind } from "./history-view";
import {
  HISTORY_KINDS,
  historyMeta,
  historyOf,
  historyTitle,
  KIND_LABELS,
  kindOf,
  newestFirst,
  ofKind,
  outlookItemId,
  priorityText,
} from "./history-view";

const HistoryForm = lazy(() => import("./HistoryForm").then((m) => ({ default: m.HistoryForm })));
const FindEmailsDialog = lazy(() =>
  import("./FindEmailsDialog").then((m) => ({ default: m.FindEmailsDialog })),
);

/** Items shown at first, and added by "Show more". */
const PAGE = 50;

const KIND_ICONS: Readonly<Record<HistoryKind, ReactElement>> = {
  email: <Mail20Regular />,
  appointment: <CalendarLtr20Regular />,
  phone: <Call20Regular />,
  note: <Note20Regular />,
  task: <TaskListLtr20Regular />,
  file: <Attach20Regular />,
};

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  tools: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  filter: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  icon: {
    color: tokens.colorNeutralForeground3,
    flexShrink: 0,
    paddingTop: tokens.spacingVerticalXXS,
  },
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    flexGrow: 1,
  },
  title: { overflowWrap: "anywhere", fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground3 },
  text: {
    overflowWrap: "anywhere",
    whiteSpace: "pre-wrap",
    display: "-webkit-box",
    WebkitLineClamp: 4,
    WebkitBoxOrient: "vertical",
    overflow: "hidden",
  },
  empty: { color: tokens.colorNeutralForeground2 },
  itemActions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
});

export interface HistoryTimelineProps {
  readonly engine: SyncEngine;
  /** Whose history: a contact's (new items link to it and its company) or a company's. */
  readonly subject: HistorySubject;
  /**
   * Opens an item's Outlook item. When given, items that name one (`itemIdHint`) show an
   * "Open in Outlook" button.
   */
  readonly onOpenItem?: (item: ViewRecord) => void;
  /** The clock (tests); `Date.now` by default. */
  readonly now?: () => number;
}

const defaultNow = () => Date.now();

export function HistoryTimeline(props: HistoryTimelineProps) {
  const { engine, subject, onOpenItem, now = defaultNow } = props;
  const styles = useStyles();
  const headingId = useId();
  const filterId = useId();
  const all = useRecords(engine, "history");
  const edits = useEdits(engine);
  const canEdit = useCanEdit();
  const [kind, setKind] = useState<HistoryKind | null>(null);
  const [adding, setAdding] = useState<ManualKind | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const mailSearch = useMailSearch();
  const [finding, setFinding] = useState(false);

  // Keyed on what the subject says, not on its object: callers may make it anew each render.
  const { type, id } = subject;
  const contactIds = subject.type === "company" ? subject.contactIds : undefined;
  const mine = useMemo(
    () =>
      newestFirst(
        historyOf(
          all,
          type === "contact" ? { type, id } : { type, id, ...(contactIds ? { contactIds } : {}) },
        ),
      ),
    [all, type, id, contactIds],
  );
  const shown = useMemo(() => ofKind(mine, kind), [mine, kind]);
  // A contact with an address can have its e-mails found, where the build has Graph.
  const person = type === "contact" && mailSearch ? engine.get("contact", id) : null;
  const findable =
    person && emailsOf(person.fields).length > 0 && !neverLinked(person.fields) ? person : null;

  const add = (k: ManualKind, label: string) => (
    <Button
      size="small"
      icon={<Add16Regular />}
      disabled={adding !== null}
      onClick={() => setAdding(k)}
    >
      {label}
    </Button>
  );

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h4" id={headingId} className={styles.heading}>
        History
      </Subtitle2>
      {canEdit && (
        <div className={styles.tools}>
          {add("note", "Add a note")}
          {add("phone", "Log a call")}
          {add("task", "Add a task")}
          {findable && (
            <Button size="small" icon={<Mail20Regular />} onClick={() => setFinding(true)}>
              Find e-mails
            </Button>
          )}
        </div>
      )}
      {finding && findable && mailSearch && (
        <Suspense fallback={<Loading />}>
          <FindEmailsDialog
            engine={engine}
            contact={findable}
            search={mailSearch}
            onClose={() => setFinding(false)}
          />
        </Suspense>
      )}
      {adding !== null && (
        <Suspense fallback={<Loading />}>
          <HistoryForm
            kind={adding}
            subject={subject}
            now={now}
            onSubmit={(fields) => edits.create("history", fields)}
            onDone={() => setAdding(null)}
          />
        </Suspense>
      )}
      {mine.length > 0 && (
        <div className={styles.filter}>
          <label htmlFor={filterId}>
            <Caption1>Show</Caption1>
          </label>
          <Select
            id={filterId}
            size="small"
            value={kind ?? ""}
            onChange={(_, data) => {
              setKind(data.value === "" ? null : (data.value as HistoryKind));
              setLimit(PAGE);
            }}
          >
            <option value="">All kinds</option>
            {HISTORY_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k].many}
              </option>
            ))}
          </Select>
        </div>
      )}
      {shown.length === 0 ? (
        <Body1 className={styles.empty}>
          {mine.length === 0
            ? canEdit
              ? "No history yet. Add a note, log a call or add a task."
              : "No history yet."
            : `No ${KIND_LABELS[kind ?? "note"].many.toLowerCase()} in this history.`}
        </Body1>
      ) : (
        <ol className={styles.list} aria-labelledby={headingId}>
          {shown.slice(0, limit).map((item) => (
            <HistoryItem
              key={item.id}
              item={item}
              canEdit={canEdit}
              onOpenItem={onOpenItem}
              onCompleted={(done) => edits.update("history", item.id, { completed: done })}
            />
          ))}
        </ol>
      )}
      {shown.length > limit && (
        <Button appearance="secondary" onClick={() => setLimit((l) => l + PAGE)}>
          Show more ({shown.length - limit} older)
        </Button>
      )}
    </section>
  );
}

function HistoryItem(props: {
  item: ViewRecord;
  /** Whether a task has a Done box to tick (not for readers: they read whether it is done). */
  canEdit: boolean;
  onOpenItem: ((item: ViewRecord) => void) | undefined;
  onCompleted: (done: boolean) => Promise<unknown>;
}) {
  const { item, onOpenItem, onCompleted } = props;
  // The box follows the click at once; the record catches up when the change is stored.
  const [ticking, setTicking] = useState<boolean | null>(null);
  const styles = useStyles();
  const { fields } = item;
  const kind = kindOf(fields);
  const title = historyTitle(fields);
  const body = text(fields.snippet) ?? text(fields.body);
  const due = text(fields.dueDate);
  const taskMeta = [due === null ? null : `Due ${dateText(due)}`, priorityText(fields)].filter(
    (m) => m !== null,
  );
  const fileName = text(fields.fileName);
  const canOpen = onOpenItem !== undefined && outlookItemId(item) !== null;
  return (
    <li className={styles.item}>
      <span className={styles.icon} aria-hidden>
        {kind ? KIND_ICONS[kind] : <Note20Regular />}
      </span>
      <div className={styles.body}>
        <Text className={styles.title}>{title}</Text>
        <Caption1 className={styles.meta}>{historyMeta(fields)}</Caption1>
        {fileName !== null && <Caption1>{fileName}</Caption1>}
        {body !== null && body !== title && <Body1 className={styles.text}>{body}</Body1>}
        {taskMeta.length > 0 && <Caption1 className={styles.meta}>{taskMeta.join(" · ")}</Caption1>}
        {(kind === "task" || canOpen) && (
          <div className={styles.itemActions}>
            {kind === "task" &&
              (props.canEdit ? (
                <Checkbox
                  label={`Done: ${title}`}
                  checked={ticking ?? fields.completed === true}
                  onChange={(_, data) => {
                    setTicking(data.checked === true);
                    void onCompleted(data.checked === true).finally(() => setTicking(null));
                  }}
                />
              ) : (
                <Caption1 className={styles.meta}>
                  {fields.completed === true ? "Done" : "Not done yet"}
                </Caption1>
              ))}
            {canOpen && (
              <Button size="small" icon={<Open16Regular />} onClick={() => onOpenItem(item)}>
                Open in Outlook
              </Button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
