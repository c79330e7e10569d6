/**
 * "Import contacts…": choose (or drop) a CSV or vCard file, read it in the Web Worker, and see
 * before anything is written what the import will do: how many contacts and companies, the
 * first rows as they will be saved, for CSV the column mapping (each column's target
 * changeable: the file is read again with the choice), the problems with their lines, and the
 * contacts that match existing ones with one choice for all of them. "Import" writes the plan
 * through the offline copy (write.ts); its progress and its outcome show in the status bar.
 */
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  ProgressBar,
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { ColumnTarget, ContactFileResult } from "../../import";
import { COLUMN_TARGETS, HEADER_SETS, describeTarget } from "../../import/columns";
import type { Fields } from "../../shared/json";
import type { SyncEngine } from "../../sync/engine";
import { contactName, primaryEmail } from "../contacts/contact-view";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";
import type { DuplicateChoice } from "./plan";
import { findDuplicates, planImport } from "./plan";
import { readInWorker } from "./read-file";
import { runImport } from "./write";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Rows of the preview, problems and duplicates listed at most. */
const SHOWN = 5;
const LISTED = 50;

const count = new Intl.NumberFormat();
const plural = (n: number, one: string, many: string) =>
  `${count.format(n)} ${n === 1 ? one : many}`;

const CHOICES: { value: DuplicateChoice; label: string }[] = [
  { value: "skip", label: "Skip them" },
  { value: "fill", label: "Fill in their empty fields only" },
  { value: "update", label: "Update them with the file's values" },
  { value: "add", label: "Add them anyway, as new contacts" },
];

/** A read asked for: the file, the column targets chosen, and a number to tell reads apart. */
interface ReadRequest {
  readonly file: File;
  readonly targets: ColumnTarget[] | null;
  readonly n: number;
}

/** What a read answered. */
type ReadAnswer =
  | { readonly n: number; readonly result: ContactFileResult }
  | { readonly n: number; readonly message: string };

/** The offline copy's records, the duplicates, and the plan as it stands, for the preview. */
function usePreview(engine: SyncEngine, result: ContactFileResult | null, choice: DuplicateChoice) {
  const existing = useMemo(
    () =>
      result && {
        contacts: engine.records("contact"),
        companies: engine.records("company"),
        groups: engine.records("group"),
      },
    [engine, result],
  );
  const duplicates = useMemo(
    () => (result && existing ? findDuplicates(result.contacts, existing) : []),
    [result, existing],
  );
  const preview = useMemo(() => {
    if (!result || !existing) return null;
    let n = 0;
    return planImport(
      result.contacts,
      result.companies,
      existing,
      choice,
      "preview",
      () => `p${++n}`,
    );
  }, [result, existing, choice]);
  return { existing, duplicates, preview };
}

export function ImportDialog(props: {
  readonly engine: SyncEngine;
  /** A file dropped on the pane, read at once. */
  readonly file: File | null;
  readonly onClose: () => void;
}) {
  const { engine, onClose } = props;
  const styles = useStyles();
  const [request, setRequest] = useState<ReadRequest | null>(
    props.file && { file: props.file, targets: null, n: 1 },
  );
  const [answer, setAnswer] = useState<ReadAnswer | null>(null);
  // How far the worker has read the requested file (`n`), as a fraction.
  const [progress, setProgress] = useState<{ n: number; fraction: number } | null>(null);
  const [choice, setChoice] = useState<DuplicateChoice>("skip");
  const [starting, setStarting] = useState(false);
  const ask = (file: File, targets: ColumnTarget[] | null) =>
    setRequest((r) => ({ file, targets, n: (r?.n ?? 0) + 1 }));

  useEffect(() => {
    if (!request) return;
    const controller = new AbortController();
    const { file, targets, n } = request;
    const onProgress = (done: number, total: number) =>
      setProgress({ n, fraction: total > 0 ? done / total : 0 });
    readInWorker(file, {
      ...(targets ? { targets } : {}),
      signal: controller.signal,
      onProgress,
    }).then(
      ({ result }) => setAnswer({ n, result }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({ n, message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [request]);

  // The answer to an earlier read is not shown once another is asked for.
  const current = answer && request && answer.n === request.n ? answer : null;
  const read =
    request === null
      ? ({ kind: "none" } as const)
      : current === null
        ? ({ kind: "reading", file: request.file } as const)
        : "result" in current
          ? ({ kind: "read", file: request.file, result: current.result } as const)
          : ({ kind: "failed", file: request.file, message: current.message } as const);
  const result = read.kind === "read" ? read.result : null;
  const { existing, duplicates, preview } = usePreview(engine, result, choice);

  const start = async () => {
    if (!result || !existing || read.kind !== "read") return;
    setStarting(true);
    const plan = planImport(
      result.contacts,
      result.companies,
      existing,
      choice,
      engine.newId(),
      () => engine.newId(),
    );
    onClose();
    // The status bar shows its progress and outcome (and a failure) from here on.
    await runImport(engine, plan, read.file.name, (i) => result.contacts[i]?.line ?? 0);
  };

  const writes = preview ? preview.counts.create + preview.counts.update : 0;

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <WrappingDialogSurface>
        <DialogBody>
          <DialogTitle>Import contacts</DialogTitle>
          <DialogContent className={styles.content}>
            <Field
              label="Contact file (CSV or vCard)"
              hint="Exports of Outlook, Google Contacts, Thunderbird, phones and other programs."
            >
              {(fieldProps) => (
                <input
                  {...fieldProps}
                  type="file"
                  accept=".csv,.vcf,.vcard,.txt,text/csv,text/vcard,text/x-vcard"
                  onChange={(event) => {
                    const chosen = event.target.files?.[0];
                    if (chosen) ask(chosen, null);
                  }}
                />
              )}
            </Field>
            {read.kind === "reading" && (
              <Field label={`Reading ${read.file.name}…`}>
                <ProgressBar
                  {...(progress !== null && progress.n === request?.n
                    ? { value: progress.fraction }
                    : {})}
                />
              </Field>
            )}
            {read.kind === "failed" && (
              <MessageBar intent="error">
                <MessageBarBody>
                  {read.file.name} could not be read: {read.message}
                </MessageBarBody>
              </MessageBar>
            )}
            {result && preview && (
              <>
                <Body1 role="status">
                  {plural(result.contacts.length, "contact", "contacts")} and{" "}
                  {plural(result.companies.length, "company", "companies")} read from{" "}
                  {read.kind === "read" ? read.file.name : ""} (
                  {result.format === "csv" ? "CSV" : "vCard"}, {result.encoding}).{" "}
                  {plural(preview.counts.create, "contact", "contacts")} will be added
                  {preview.counts.update > 0
                    ? `, ${count.format(preview.counts.update)} updated`
                    : ""}
                  {preview.counts.skip > 0 ? `, ${count.format(preview.counts.skip)} skipped` : ""}
                  {preview.newCompanies.size > 0
                    ? `; ${plural(preview.newCompanies.size, "new company", "new companies")}`
                    : ""}
                  .
                </Body1>
                {duplicates.length > 0 && existing && (
                  <section className={styles.section} aria-labelledby="import-duplicates">
                    <Subtitle2 as="h3" id="import-duplicates">
                      {plural(duplicates.length, "contact matches", "contacts match")} an existing
                      one
                    </Subtitle2>
                    <ul className={styles.list}>
                      {duplicates.slice(0, LISTED).map((d) => {
                        const incoming = result.contacts[d.index];
                        return (
                          <li key={d.index}>
                            {contactName((incoming?.fields ?? {}) as Fields)} (line {incoming?.line}
                            ) matches {contactName(d.match.fields)}:{" "}
                            {d.by === "email"
                              ? "the same e-mail address"
                              : "the same name and company"}
                          </li>
                        );
                      })}
                    </ul>
                    <Field label="For all of them">
                      <RadioGroup
                        value={choice}
                        onChange={(_, data) => setChoice(data.value as DuplicateChoice)}
                      >
                        {CHOICES.map((c) => (
                          <Radio key={c.value} value={c.value} label={c.label} />
                        ))}
                      </RadioGroup>
                    </Field>
                  </section>
                )}
                {result.mapping && (
                  <section className={styles.section} aria-labelledby="import-columns">
                    <Subtitle2 as="h3" id="import-columns">
                      Columns
                    </Subtitle2>
                    <Caption1 className={styles.muted}>
                      {result.mapping.source === "custom"
                        ? "Guessed from the column names. Change where a column goes, and the file is read again."
                        : `Recognized as an export of ${HEADER_SETS.find((set) => set.id === result.mapping?.source)?.label ?? result.mapping.source}. Change where a column goes, and the file is read again.`}
                    </Caption1>
                    {result.mapping.headers.map((header, i) => {
                      const mapping = result.mapping!;
                      const target = mapping.targets[i] ?? null;
                      const known = COLUMN_TARGETS.some((t) => t.target === target);
                      return (
                        <Field key={i} label={`Column “${header || `${i + 1}`}”`}>
                          <Select
                            value={target ?? ""}
                            onChange={(_, data) => {
                              const next = [...mapping.targets];
                              next[i] = data.value === "" ? null : data.value;
                              if (request) ask(request.file, next);
                            }}
                          >
                            {!known && target !== null && (
                              <option value={target}>{describeTarget(target, header)}</option>
                            )}
                            {COLUMN_TARGETS.map((t) => (
                              <option key={t.target ?? ""} value={t.target ?? ""}>
                                {t.target === "custom:"
                                  ? describeTarget("custom:", header)
                                  : t.label}
                              </option>
                            ))}
                          </Select>
                        </Field>
                      );
                    })}
                  </section>
                )}
                {result.contacts.length > 0 && (
                  <section className={styles.section} aria-labelledby="import-rows">
                    <Subtitle2 as="h3" id="import-rows">
                      First contacts
                    </Subtitle2>
                    <div className={styles.scroll}>
                      <Table size="small" aria-labelledby="import-rows">
                        <TableHeader>
                          <TableRow>
                            <TableHeaderCell>Name</TableHeaderCell>
                            <TableHeaderCell>E-mail</TableHeaderCell>
                            <TableHeaderCell>Company</TableHeaderCell>
                            <TableHeaderCell>Job title</TableHeaderCell>
                          </TableRow>
                        </TableHeader>
                        <TableBody>
                          {result.contacts.slice(0, SHOWN).map((c) => {
                            const fields = c.fields as Fields;
                            return (
                              <TableRow key={c.line}>
                                <TableCell>{contactName(fields)}</TableCell>
                                <TableCell>{primaryEmail(fields) ?? ""}</TableCell>
                                <TableCell>{c.companyName ?? ""}</TableCell>
                                <TableCell>{c.fields.jobTitle ?? ""}</TableCell>
                              </TableRow>
                            );
                          })}
                        </TableBody>
                      </Table>
                    </div>
                  </section>
                )}
                {result.problems.length > 0 && (
                  <section className={styles.section} aria-labelledby="import-problems">
                    <Subtitle2 as="h3" id="import-problems">
                      {plural(result.problems.length, "problem", "problems")}
                    </Subtitle2>
                    <ul className={styles.list}>
                      {result.problems.slice(0, LISTED).map((p, i) => (
                        <li key={i}>
                          Line {p.line}: {p.reason}
                          {p.skipped ? " (left out)" : ""}
                        </li>
                      ))}
                    </ul>
                    {result.problems.length > LISTED && (
                      <Caption1 className={styles.muted}>
                        And {count.format(result.problems.length - LISTED)} more.
                      </Caption1>
                    )}
                  </section>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={!preview || writes === 0 || starting}
              onClick={() => void start()}
            >
              {preview && writes > 0 ? `Import ${plural(writes, "contact", "contacts")}` : "Import"}
            </Button>
            <Button appearance="secondary" onClick={onClose}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </WrappingDialogSurface>
    </Dialog>
  );
}
