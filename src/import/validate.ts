/**
 * The last step of every import: each contact a reader made is checked against `ContactFields`
 * (src/shared/records.ts), and what does not fit is repaired in the open, never dropped unseen.
 *
 * - Text over its limit is cut to the limit (a long note cut at 32,000 characters is worth
 *   more than no note), with a problem naming the field and the limit.
 * - A value that is not valid where it stands (an e-mail address that is not one, a phone
 *   number with signs a number cannot hold, a date that does not exist) is taken out of its
 *   field and written into the notes as "Label: value", with a problem: the user loses nothing
 *   and can fix it later. So are the items past a list's limit (a 21st e-mail address).
 * - A contact with no name and no e-mail address left is skipped, with a problem.
 */
import { CompanyFields, ContactFields, fieldsOf, validateFields } from "../shared/records";
import { PROGRESS_EVERY, type ImportedContact, type ImportProblem } from "./types";

/** The user's words for each field: a list's word for one item ("E-mail"), else its label. */
const FIELD_LABELS = new Map(
  fieldsOf("contact").map(([name, spec]) => [name, spec.item ?? spec.label]),
);

/** The lists a reader fills, whose items are checked (and moved to the notes) one by one. */
const LISTS = new Set(
  fieldsOf("contact").flatMap(([name, spec]) =>
    spec.item !== undefined && spec.kind !== "ids" ? [name] : [],
  ),
);

/** What a list item looks like in the notes and in a problem. */
function itemText(list: string, item: unknown): string {
  if (typeof item === "string") return item;
  if (typeof item !== "object" || item === null) return JSON.stringify(item);
  const o = item as Record<string, unknown>;
  if (list === "emails" && typeof o.address === "string") return o.address;
  if (list === "phones" && typeof o.number === "string") return o.number;
  if (list === "addresses")
    return ["street", "city", "region", "postalCode", "country"]
      .map((k) => o[k])
      .filter((v): v is string => typeof v === "string" && v !== "")
      .join(", ")
      .replace(/\n/g, ", ");
  return JSON.stringify(item);
}

/** The label of a list item, as "E-mail (work)". */
function itemLabel(list: string, item: unknown): string {
  const label = (item as { label?: unknown } | null)?.label;
  const base = FIELD_LABELS.get(list) ?? list;
  return typeof label === "string" && label !== "" ? `${base} (${label})` : base;
}

function valueText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && "value" in value) return String(value.value);
  return JSON.stringify(value);
}

/** The first `max` code points of `s` (a surrogate pair is one, as records.ts counts). */
function cut(s: string, max: number): string {
  return [...s].slice(0, max).join("");
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  maximum?: unknown;
  origin?: unknown;
  format?: unknown;
  keys?: string[];
}

/** Why a value is refused, as the end of a sentence. */
function why(issue: Issue): string {
  if (issue.code === "invalid_format") {
    if (issue.format === "email") return "is not a valid e-mail address";
    if (issue.format === "date") return "is not a real date";
    if (issue.format === "regex" && issue.message !== "Invalid input") return issue.message;
  }
  if (issue.code === "too_big") return `is longer than ${String(issue.maximum)} characters`;
  return "is not valid here";
}

type Fields = Record<string, unknown>;

/** Drops empty values (`""`, `null`, `[]`) and trims the one-line text fields. */
function tidy(fields: Fields): void {
  for (const [key, value] of Object.entries(fields)) {
    const v = typeof value === "string" && key !== "notes" ? value.trim() : value;
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0))
      delete fields[key];
    else fields[key] = v;
  }
}

/**
 * One round of repairs for the issues of one parse, in their order. List items are removed
 * after the round, so the indexes of the issues still to fix stay right.
 */
function repair(fields: Fields, issues: Issue[], line: number, moved: string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const problem = (reason: string) => problems.push({ line, reason, skipped: false });
  const drops = new Map<string, Set<number>>();
  const drop = (key: string, i: number) => drops.set(key, (drops.get(key) ?? new Set()).add(i));
  for (const issue of issues) {
    const [key, index, part] = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      const at =
        key === undefined ? fields : (fields[key] as Fields[] | undefined)?.[Number(index)];
      for (const k of issue.keys ?? []) if (at) delete at[k];
      problem(`${(issue.keys ?? []).join(", ")} is not a contact field: left out.`);
      continue;
    }
    if (key === undefined) continue;
    const value = fields[key];
    const label = FIELD_LABELS.get(key) ?? key;
    if (index === undefined || !LISTS.has(key) || !Array.isArray(value)) {
      if (issue.code === "too_big" && issue.origin === "array" && Array.isArray(value)) {
        const max = Number(issue.maximum);
        for (const item of value.slice(max))
          moved.push(`${itemLabel(key, item)}: ${itemText(key, item)}`);
        fields[key] = value.slice(0, max);
        problem(`${label}: only the first ${max} fit; the others were moved to the notes.`);
      } else if (issue.code === "too_big" && typeof value === "string") {
        const max = Number(issue.maximum);
        fields[key] = cut(value, max);
        problem(`${label} was longer than ${max} characters: cut to ${max}.`);
      } else if (key === "custom" && index !== undefined && value && typeof value === "object") {
        const custom = value as Fields;
        moved.push(`${index}: ${valueText(custom[index])}`);
        delete custom[index];
        problem(`User-defined field "${index}" ${why(issue)}: moved to the notes.`);
      } else {
        const text = valueText(value);
        delete fields[key];
        moved.push(`${label}: ${text}`);
        problem(`${label} "${text}" ${why(issue)}: moved to the notes.`);
      }
      continue;
    }
    const i = Number(index);
    const item: unknown = value[i];
    if (item === undefined || drops.get(key)?.has(i)) continue;
    if (key === "emails" && part === "primary") {
      delete (item as Fields).primary; // a second primary address: the first one stays primary
      continue;
    }
    if (key === "categories" && issue.code === "custom") {
      drop(key, i); // the same category again, in another case: nothing is lost
      continue;
    }
    const whole = part === undefined || part === "address" || part === "number";
    if (issue.code === "too_big" && !whole && typeof (item as Fields)[part] === "string") {
      const max = Number(issue.maximum);
      (item as Fields)[part] = cut((item as Fields)[part] as string, max);
      problem(`${itemLabel(key, item)}: ${part} was longer than ${max} characters: cut to ${max}.`);
      continue;
    }
    if (issue.code === "too_big" && part === undefined && typeof item === "string") {
      const max = Number(issue.maximum);
      value[i] = cut(item, max);
      problem(`${label} "${cut(item, 40)}…" was longer than ${max} characters: cut to ${max}.`);
      continue;
    }
    drop(key, i);
    const text = itemText(key, item);
    moved.push(`${itemLabel(key, item)}: ${text}`);
    problem(`${itemLabel(key, item)} "${text}" ${why(issue)}: moved to the notes.`);
  }
  for (const [key, indexes] of drops)
    fields[key] = (fields[key] as unknown[]).filter((_, i) => !indexes.has(i));
  return problems;
}

function hasText(value: unknown): boolean {
  return typeof value === "string" && value.trim() !== "";
}

/** What a skipped contact held, to help the user find it in the file. */
function hint(contact: ImportedContact): string {
  const f = contact.fields;
  const what = [
    contact.companyName,
    f.phones?.[0]?.number,
    f.notes ? cut(f.notes.split("\n")[0] ?? "", 40) : undefined,
  ].filter(hasText);
  return what.length ? ` (it has: ${what.join("; ")})` : "";
}

/** Repairs `fields` in rounds until they parse (8 at most); answers them. */
function repairAll(fields: Fields, line: number, problems: ImportProblem[]): Fields {
  const moved: string[] = [];
  for (let round = 0; round < 8; round += 1) {
    const parsed = ContactFields.safeParse(fields);
    if (parsed.success) break;
    problems.push(...repair(fields, parsed.error.issues, line, moved));
    if (moved.length) {
      const notes = typeof fields.notes === "string" && fields.notes !== "" ? fields.notes : "";
      fields.notes = [notes, moved.join("\n")].filter((s) => s !== "").join("\n\n");
      moved.length = 0;
    }
    tidy(fields);
  }
  return fields;
}

/**
 * Checks one contact (see the rules at the top of this file). Answers the contact as it will be
 * saved, or null when it is left out; pushes the problems met onto `problems`.
 */
export function validateContact(
  contact: ImportedContact,
  problems: ImportProblem[],
): ImportedContact | null {
  const { line } = contact;
  const fields: Fields = { ...contact.fields };
  tidy(fields);
  // Most contacts are valid as read: one parse checks them; the others are repaired first.
  let checked = validateFields("contact", fields, "create");
  if (!checked.ok) checked = validateFields("contact", repairAll(fields, line, problems), "create");
  if (!checked.ok) {
    problems.push({ line, reason: `Could not be read: ${checked.message}`, skipped: true });
    return null;
  }
  const out: ImportedContact = { line, fields: checked.fields };
  const company = contact.companyName?.replace(/\s+/g, " ").trim();
  if (company) {
    const name = CompanyFields.safeParse({ name: company }).success ? company : cut(company, 256);
    if (name !== company)
      problems.push({
        line,
        reason: `Company name was longer than 256 characters: cut to 256.`,
        skipped: false,
      });
    out.companyName = name;
  }
  const groups = [
    ...new Set((contact.groupNames ?? []).map((g) => cut(g.trim(), 256)).filter((g) => g)),
  ];
  if (groups.length) out.groupNames = groups;

  const f = checked.fields;
  const named = [f.givenName, f.middleName, f.familyName, f.displayName].some(hasText);
  if (!named && !f.emails?.length) {
    problems.push({
      line,
      reason: `Has no name and no e-mail address: left out${hint(out)}.`,
      skipped: true,
    });
    return null;
  }
  return out;
}

/**
 * Checks every contact of a reader's answer; see {@link validateContact}. `onProgress` is told
 * the contacts checked, every {@link PROGRESS_EVERY} and at the end.
 */
export function validateContacts(
  contacts: readonly ImportedContact[],
  onProgress?: (done: number, total: number) => void,
): {
  contacts: ImportedContact[];
  problems: ImportProblem[];
} {
  const problems: ImportProblem[] = [];
  const kept = contacts.flatMap((c, i) => {
    if (i % PROGRESS_EVERY === 0) onProgress?.(i, contacts.length);
    return validateContact(c, problems) ?? [];
  });
  onProgress?.(contacts.length, contacts.length);
  return { contacts: kept, problems };
}
