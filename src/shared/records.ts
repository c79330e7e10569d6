/**
 * The `fields` of each record type (docs/records.md): one strict zod schema per type, shared by
 * the API (which rejects an invalid mutation) and the add-in (which checks an edit before it
 * enters the outbox, so a mutation the server would reject never waits there).
 *
 * Validation only: no schema here transforms a value. The server stores what the client sent
 * (sync-protocol "Records": `""` is a value of its own, stored as sent), and field-level merge
 * compares JSON values, so any normalisation here would make two clients disagree.
 *
 * Like protocol.ts, written with `zod/mini` (`z.nullish(s)` for `s.nullish()`, checks in
 * `.check(…)`); `describeIssue` gives zod's own issues their words, so no locale is needed.
 */
import { z } from "zod/mini";
import { Id } from "./ids";
import type { RecordType } from "./protocol";

/** A record is at most 256 KiB serialized (sync-protocol "Push"). */
export const RECORD_MAX_BYTES = 256 * 1024;

/**
 * Bytes of a record's `fields` as UTF-8 JSON, to compare with {@link RECORD_MAX_BYTES}. The
 * server checks the record after the merge: a partial update may be small and still make the
 * record too big.
 */
export function recordSize(fields: object): number {
  return new TextEncoder().encode(JSON.stringify(fields)).length;
}

// With the `u` flag a surrogate pair is one astral code point, so only unpaired halves match.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Refuses lone surrogates: they are not Unicode text, and UTF-8 storage would silently turn
 * them into U+FFFD.
 */
export const wellFormed = z.refine<string>((s) => !LONE_SURROGATE.test(s), {
  message: "must be valid Unicode text (it holds a lone surrogate)",
  abort: true,
});

/**
 * Text of at most `max` characters, counted in Unicode code points (an emoji is one, whatever
 * UTF-16 says) so that clients in any language count alike, and `wellFormed`.
 */
function text(max: number) {
  return z.string().check(
    wellFormed,
    z.superRefine((s, ctx) => {
      // A string never holds more code points than UTF-16 units: count them only when needed.
      if (s.length > max && [...s].length > max)
        ctx.addIssue({
          code: "too_big",
          origin: "string",
          maximum: max,
          inclusive: true,
          input: s,
        });
    }),
  );
}

/** Refuses the second of two items with the same key, naming that item's index. */
function distinct<T>(key: (item: T) => string, what: string) {
  return (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i], message: `repeats ${what}` });
      seen.add(k);
    });
  };
}

/**
 * An e-mail address as the HTML standard defines a valid one (what `<input type="email">`
 * accepts, so the task pane's forms and the server agree), at most 254 characters. Unlike
 * `Email` in protocol.ts, which identifies a signed-in user, it is not trimmed or lower-cased.
 */
export const EmailAddress = z.email({ pattern: z.regexes.html5Email }).check(z.maxLength(254));

/**
 * A calendar date `YYYY-MM-DD` that exists (no 2023-02-29). The `iso` namespace is read into a
 * variable first: webpack 5 resolves the chain `z.iso.date` at build time to `z.date` (a schema
 * of `Date` objects), which made the task pane refuse every date.
 */
const iso = z.iso;
export const CalendarDate = iso.date();

/** A label such as `work`, `home` or `other`, or the user's own words. */
const Label = text(40);

/** One e-mail address of a contact. */
export const EmailEntry = z.strictObject({
  /** The address, kept as sent (case included). */
  address: EmailAddress,
  /** `work`, `home`, `other` or free text of at most 40 characters. */
  label: z.nullish(Label),
  /** The address to write to; at most one entry of a list is primary. */
  primary: z.nullish(z.boolean()),
});
export type EmailEntry = z.infer<typeof EmailEntry>;

/** One telephone number of a contact or company. */
export const PhoneEntry = z.strictObject({
  /**
   * The number as the user wrote it, at most 40 characters: digits, spaces, `+ ( ) - . /`,
   * `#` and `*` (keys one dials), and letters for extensions (`x12`) and vanity numbers
   * (`1-800-FLOWERS`). At least one digit.
   */
  number: z
    .string()
    .check(
      z.maxLength(40),
      z.regex(
        /^[0-9A-Za-z +()\-./#*]*$/,
        "may hold only digits, letters, spaces and the signs + ( ) - . / # *",
      ),
      z.regex(/[0-9]/, "must hold at least one digit"),
    ),
  /** `work`, `home`, `mobile`, `fax`, `other` or free text of at most 40 characters. */
  label: z.nullish(Label),
});
export type PhoneEntry = z.infer<typeof PhoneEntry>;

/** One postal address; every part is optional. */
export const PostalAddress = z.strictObject({
  /** `work`, `home`, `other` or free text of at most 40 characters. */
  label: z.nullish(Label),
  /** Street and number, several lines joined by `\n`; at most 1,000 characters. */
  street: z.nullish(text(1000)),
  /** At most 256 characters. */
  city: z.nullish(text(256)),
  /** State, province or region; at most 256 characters. */
  region: z.nullish(text(256)),
  /** At most 40 characters. */
  postalCode: z.nullish(text(40)),
  /**
   * The country's name as the user wrote it, at most 256 characters; sync-set filters match it
   * as `country`.
   */
  country: z.nullish(text(256)),
});
export type PostalAddress = z.infer<typeof PostalAddress>;

/** Long free text: notes, a history item's body. */
const LongText = text(32_000);

/** Which ways of reaching a contact the contact has refused. */
export const DoNotContact = z.strictObject({
  /** Do not phone. */
  call: z.nullish(z.boolean()),
  /** Do not e-mail. */
  email: z.nullish(z.boolean()),
  /** Do not send postal mail. */
  mail: z.nullish(z.boolean()),
  /** Link no e-mail with them automatically (a private contact): not as read, sent or found. */
  link: z.nullish(z.boolean()),
});
export type DoNotContact = z.infer<typeof DoNotContact>;

/**
 * A user-defined field's value, tagged with its type as Business Contact Manager's
 * user-defined fields were. To clear one, leave its name out of `custom`.
 */
export const CustomValue = z.discriminatedUnion("type", [
  /** Free text. */
  z.strictObject({ type: z.literal("text"), value: text(4000) }),
  /** Any finite number. */
  z.strictObject({ type: z.literal("number"), value: z.number() }),
  /** An amount and its ISO 4217 currency code. */
  z.strictObject({
    type: z.literal("currency"),
    value: z.number(),
    currency: z
      .string()
      .check(
        z.regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code: three capital letters like EUR"),
      ),
  }),
  /** Yes or no. */
  z.strictObject({ type: z.literal("yesno"), value: z.boolean() }),
  /** A calendar date. */
  z.strictObject({ type: z.literal("date"), value: CalendarDate }),
  /**
   * One choice from a drop-down list. `options` is the list the UI offered; `value` need not be
   * in it, because lists change and an old choice must survive the change.
   */
  z.strictObject({
    type: z.literal("choice"),
    value: text(200),
    options: z.optional(z.array(text(200)).check(z.maxLength(100))),
  }),
]);
export type CustomValue = z.infer<typeof CustomValue>;

/** User-defined fields by name: at most 100, each name 1–64 characters. */
const Custom = z.pipe(
  z.unknown().check(
    // zod's records skip a `__proto__` key unchecked (writing it would set the prototype, so
    // JavaScript clients would lose it anyway): refuse it before the record sees it.
    z.refine((v) => typeof v !== "object" || v === null || !Object.hasOwn(v, "__proto__"), {
      message: "is not a valid name: JavaScript objects cannot hold a field named __proto__",
      path: ["__proto__"],
      abort: true,
    }),
  ),
  z
    .record(text(64).check(z.minLength(1, "must not be empty")), CustomValue)
    .check(z.refine((custom) => Object.keys(custom).length <= 100, "must hold at most 100 fields")),
);

/** A web domain a company owns: a lower-case host name with at least one dot. */
const Domain = z
  .string()
  .check(
    z.maxLength(253),
    z.regex(
      /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      "must be a lower-case domain name like contoso.com (international names in xn-- form)",
    ),
  );

/** A person taking part in a history item. */
export const Participant = z.strictObject({
  /** Display name, at most 256 characters. */
  name: z.nullish(text(256)),
  /** E-mail address, kept as sent. */
  email: z.nullish(EmailAddress),
});
export type Participant = z.infer<typeof Participant>;

/**
 * How the add-in shows and edits a field: the pane's record forms pick an editor by kind, and
 * its lists and details read the label. `history` fields are shown and edited only by the
 * history screens; `ids` and `custom` fields are kept by their own screens (groups, the card);
 * `import` fields are written by the import alone and edited by no form.
 */
export type FieldKind =
  | "line"
  | "text"
  | "member"
  | "date"
  | "company"
  | "emails"
  | "phones"
  | "addresses"
  | "websites"
  | "categories"
  | "domains"
  | "refusals"
  | "ids"
  | "custom"
  | "import"
  | "history";

/** A field a sync-set filter can test (docs/sync-protocol.md, "Filters"). */
export interface FilterSpec {
  /** The name conditions use (`country`). */
  readonly name: string;
  /** The filter builder's word for it ("Country"). */
  readonly label: string;
  /** For a list of objects, the key of each item the filter reads (`addresses[*].country`). */
  readonly key?: string;
}

/** One field of a record type: every fact about it that code on either side reads. */
export interface FieldSpec<S extends z.ZodMiniType = z.ZodMiniType> {
  /** Its value's schema; `null` (which clears the field) and absence are always allowed. */
  readonly schema: S;
  /** Its name for people: "Job title". */
  readonly label: string;
  readonly kind: FieldKind;
  /** A sentence the form shows under the control. */
  readonly hint?: string;
  /** Required (not null) when a record is created. */
  readonly required?: true;
  /** For a list, the most items it holds. */
  readonly max?: number;
  /** For a list, the word for one item: "E-mail" ("E-mail 2", "E-mail (work)"). */
  readonly item?: string;
  /** Set when sync-set filters can test the field. */
  readonly filter?: FilterSpec;
}

/** A field of the table; its spec's literal values (a filter's name) keep their types. */
function field<S extends z.ZodMiniType, const M extends Omit<FieldSpec, "schema">>(
  schema: S,
  spec: M,
): M & { readonly schema: S } {
  return { schema, ...spec };
}

/** A list field of at most `max` items, with the list's own checks after the length. */
type ListSpec = Omit<FieldSpec, "schema" | "max" | "item"> & { readonly item: string };

function list<S extends z.ZodMiniType, const M extends ListSpec>(
  item: S,
  max: number,
  spec: M,
  ...checks: z.core.$ZodCheck<S["_zod"]["output"][]>[]
) {
  return field(z.array(item).check(z.maxLength(max), ...checks), { ...spec, max });
}

/** Ids of other records, each at most once. */
function ids<const M extends ListSpec>(max: number, spec: M) {
  return list(Id, max, spec, z.superRefine(distinct((id) => id, "an id already in the list")));
}

/** Category names (Outlook's colour categories), unique regardless of case. */
const categories = <const M extends Omit<ListSpec, "item">>(spec: M) =>
  list(
    text(100).check(z.minLength(1, "must not be empty")),
    50,
    { ...spec, item: "Category" },
    z.superRefine(
      distinct(
        (c: string) => c.toLowerCase(),
        "a category already in the list (case does not count)",
      ),
    ),
  );

/**
 * The mark of the import that created a record (docs/import.md, "In the pane"): "Undo import"
 * finds the records an import made by it. Written once, on create; no form edits it.
 */
const importMark = () => field(Id, { label: "Import", kind: "import" });

const OWNER_HINT = (what: string) =>
  `The e-mail address of the team member responsible for this ${what}.`;

/**
 * The fields of each record type, in the order forms show them: names, schemas with their
 * limits, labels, how each is edited, which ones filters test. docs/records.md describes each
 * (a test holds it to this table). Every field is optional and may be `null`, which clears it.
 */
export const FIELDS = {
  /** A person. */
  contact: {
    /** The name shown in lists, e.g. `Margaret S. Taylor`; at most 256 characters. */
    displayName: field(text(256), {
      label: "Display name",
      kind: "line",
      hint: "The name lists show, such as Margaret S. Taylor.",
    }),
    /** First name; at most 256 characters. */
    givenName: field(text(256), { label: "First name", kind: "line" }),
    middleName: field(text(256), { label: "Middle name", kind: "line" }),
    /** Last name; at most 256 characters. */
    familyName: field(text(256), { label: "Last name", kind: "line" }),
    /** The name lists sort by, e.g. `Taylor, Margaret`; at most 256 characters. */
    fileAs: field(text(256), {
      label: "File as",
      kind: "line",
      hint: "The name lists sort by, such as Taylor, Margaret.",
    }),
    /** The id of the company record the contact works for. */
    companyId: field(Id, {
      label: "Company",
      kind: "company",
      filter: { name: "companyId", label: "Company" },
    }),
    jobTitle: field(text(256), {
      label: "Job title",
      kind: "line",
      filter: { name: "jobTitle", label: "Job title" },
    }),
    department: field(text(256), {
      label: "Department",
      kind: "line",
      filter: { name: "department", label: "Department" },
    }),
    /** At most one of them primary. */
    emails: list(
      EmailEntry,
      20,
      { label: "E-mail addresses", kind: "emails", item: "E-mail" },
      z.superRefine((emails, ctx) => {
        const primaries = emails.flatMap((e, i) => (e.primary === true ? [i] : []));
        for (const i of primaries.slice(1))
          ctx.addIssue({
            code: "custom",
            path: [i, "primary"],
            message: "is a second primary address (at most one may be primary)",
          });
      }),
    ),
    phones: list(PhoneEntry, 20, { label: "Phone numbers", kind: "phones", item: "Phone" }),
    addresses: list(PostalAddress, 10, {
      label: "Addresses",
      kind: "addresses",
      item: "Address",
      filter: { name: "country", label: "Country", key: "country" },
    }),
    /** Web addresses of up to 2,048 characters, stored as text. */
    websites: list(text(2048), 10, { label: "Websites", kind: "websites", item: "Website" }),
    categories: categories({
      label: "Categories",
      kind: "categories",
      hint: "Separate categories with commas.",
      filter: { name: "categories", label: "Category" },
    }),
    /** `YYYY-MM-DD`, a date that exists. */
    birthday: field(CalendarDate, { label: "Birthday", kind: "date" }),
    /**
     * The e-mail of the team member responsible for the contact. Sync-set filters compare it
     * with the member's lower-cased e-mail, so clients send it lower-cased; it is stored as sent.
     */
    owner: field(EmailAddress, {
      label: "Owner",
      kind: "member",
      hint: OWNER_HINT("contact"),
      filter: { name: "owner", label: "Owner" },
    }),
    /** Ways of reaching the contact that the contact has refused. */
    doNotContact: field(DoNotContact, { label: "Do not contact", kind: "refusals" }),
    /** Free text, at most 32,000 characters. */
    notes: field(LongText, { label: "Notes", kind: "text" }),
    /** The groups the contact belongs to (the Groups tab keeps them). */
    groupIds: ids(100, {
      label: "Groups",
      kind: "ids",
      item: "Group",
      filter: { name: "groupIds", label: "Group" },
    }),
    /**
     * Contacts a member said this one is not a duplicate of ("Not a duplicate" in Find
     * duplicates): the pair is not offered again, to anyone. Written on one side of the pair.
     */
    notDuplicateOf: ids(200, { label: "Not a duplicate of", kind: "ids", item: "Contact" }),
    /** User-defined fields by name: at most 100, names of 1–64 characters. */
    custom: field(Custom, { label: "User-defined fields", kind: "custom" }),
    importId: importMark(),
  },
  /** An organisation. */
  company: {
    name: field(text(256), { label: "Name", kind: "line", required: true }),
    industry: field(text(256), { label: "Industry", kind: "line" }),
    /** Web domains such as `contoso.com`, lower-case, each once. */
    domains: list(
      Domain,
      20,
      {
        label: "Domains",
        kind: "domains",
        item: "Domain",
        hint: "Web and mail domains, such as contoso.com, separated by commas.",
      },
      z.superRefine(distinct((d: string) => d, "a domain already in the list")),
    ),
    phones: list(PhoneEntry, 20, { label: "Phone numbers", kind: "phones", item: "Phone" }),
    addresses: list(PostalAddress, 10, { label: "Addresses", kind: "addresses", item: "Address" }),
    websites: list(text(2048), 10, { label: "Websites", kind: "websites", item: "Website" }),
    categories: categories({
      label: "Categories",
      kind: "categories",
      hint: "Separate categories with commas.",
    }),
    /** The team member responsible for the company, as a contact's `owner`. */
    owner: field(EmailAddress, { label: "Owner", kind: "member", hint: OWNER_HINT("company") }),
    notes: field(LongText, { label: "Notes", kind: "text" }),
    importId: importMark(),
  },
  /** A named list of contacts (BCM's marketing lists). */
  group: {
    name: field(text(256), { label: "Name", kind: "line", required: true }),
    description: field(text(4000), { label: "Description", kind: "text" }),
    /** The contacts in the group. */
    memberIds: ids(5000, { label: "Members", kind: "ids", item: "Member" }),
    importId: importMark(),
  },
  /**
   * An e-mail, appointment, phone call, note, task or file linked to contacts and/or a company.
   * Task and file fields are meant for those kinds, but are not checked against `kind`: an
   * update may carry one without the other.
   */
  history: {
    kind: field(z.enum(["email", "appointment", "phone", "note", "task", "file"]), {
      label: "Kind",
      kind: "history",
      required: true,
    }),
    subject: field(text(1000), { label: "Subject", kind: "history" }),
    /** When it happened (or starts): RFC 3339 date-time with seconds and `Z` or an offset. */
    when: field(z.iso.datetime({ offset: true }), { label: "When", kind: "history" }),
    /** Length of a call or appointment in whole minutes, 0–100,000. */
    durationMinutes: field(z.int().check(z.gte(0), z.lte(100_000)), {
      label: "Duration (minutes)",
      kind: "history",
    }),
    /** For e-mails and calls. */
    direction: field(z.enum(["incoming", "outgoing"]), { label: "Direction", kind: "history" }),
    /** The contacts the item is linked to. */
    contactIds: ids(500, { label: "Linked contacts", kind: "ids", item: "Linked contact" }),
    companyId: field(Id, { label: "Company", kind: "history" }),
    /** Senders, recipients, attendees. */
    participants: list(Participant, 500, {
      label: "Participants",
      kind: "history",
      item: "Participant",
    }),
    /**
     * The e-mail's Message-ID header, at most 998 characters (the longest header line RFC 5322
     * allows): the link's key (see {@link historyIdForMessage}).
     */
    internetMessageId: field(text(998), { label: "Message id", kind: "history" }),
    /** Outlook's conversation id, to find the rest of a thread. */
    conversationId: field(text(512), { label: "Conversation id", kind: "history" }),
    /** The Outlook item id when linked: only a hint, as it changes when a message moves. */
    itemIdHint: field(text(512), { label: "Outlook item id", kind: "history" }),
    /** A short excerpt shown in lists. */
    snippet: field(text(500), { label: "Excerpt", kind: "history" }),
    body: field(LongText, { label: "Text", kind: "history" }),
    /** The team member who linked the item. */
    linkedBy: field(EmailAddress, { label: "Linked by", kind: "history" }),
    /** A task's due date. */
    dueDate: field(CalendarDate, { label: "Due date", kind: "history" }),
    /** Whether a task is done. */
    completed: field(z.boolean(), { label: "Completed", kind: "history" }),
    priority: field(z.enum(["low", "normal", "high"]), { label: "Priority", kind: "history" }),
    fileName: field(text(255), { label: "File name", kind: "history" }),
    /** A file's size in bytes: a whole number from 0 to 2^53 − 1. */
    fileSize: field(z.int().check(z.gte(0)), { label: "File size (bytes)", kind: "history" }),
  },
} as const satisfies { [T in RecordType]: Record<string, FieldSpec> };

type FieldsShape<T extends Record<string, FieldSpec>> = {
  [K in keyof T]: z.ZodMiniOptional<z.ZodMiniNullable<T[K]["schema"]>>;
};

/** A type's strict `fields` schema from its table: every field optional and nullable. */
function fieldsSchema<T extends Record<string, FieldSpec>>(table: T) {
  const shape = Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [name, z.nullish(spec.schema)]),
  ) as FieldsShape<T>;
  return z.strictObject(shape);
}

export const ContactFields = fieldsSchema(FIELDS.contact);
export type ContactFields = z.infer<typeof ContactFields>;
export const CompanyFields = fieldsSchema(FIELDS.company);
export type CompanyFields = z.infer<typeof CompanyFields>;
export const GroupFields = fieldsSchema(FIELDS.group);
export type GroupFields = z.infer<typeof GroupFields>;
export const HistoryFields = fieldsSchema(FIELDS.history);
export type HistoryFields = z.infer<typeof HistoryFields>;

/** The fields of each record type. */
export interface FieldsOf {
  contact: ContactFields;
  company: CompanyFields;
  group: GroupFields;
  history: HistoryFields;
}

/** The schema of each record type's `fields`. */
export const FIELDS_SCHEMAS: { [T in RecordType]: z.ZodMiniType<FieldsOf[T]> } = {
  contact: ContactFields,
  company: CompanyFields,
  group: GroupFields,
  history: HistoryFields,
};

const RecordTypes = Object.keys(FIELDS) as RecordType[];

/** A type's fields with their specs, in the table's order. */
export function fieldsOf(type: RecordType): [name: string, spec: FieldSpec][] {
  return Object.entries(FIELDS[type]);
}

const LABELS = new Map(
  RecordTypes.flatMap((type) => fieldsOf(type)).map(([name, spec]) => [name, spec.label]),
);

/**
 * A field's label: `jobTitle` → "Job title". A name has one label in every type that has it
 * (`companyId` is "Company" on contacts and history items alike); an unknown name is shown as
 * it is.
 */
export function fieldLabel(name: string): string {
  return LABELS.get(name) ?? name;
}

type ContactSpecs = (typeof FIELDS)["contact"];
type FilterName = {
  [K in keyof ContactSpecs]: ContactSpecs[K] extends { filter: { name: infer N } } ? N : never;
}[keyof ContactSpecs];

/** A sync-set filter's field: its name in conditions, the contact field it reads, its kind. */
export interface FilterOf extends FilterSpec {
  readonly name: FilterName;
  readonly field: string;
  readonly kind: FieldKind;
}

/** The contact fields sync-set filters test, with the field each reads. */
export const FILTERS = fieldsOf("contact").flatMap(([field, spec]): FilterOf[] =>
  spec.filter
    ? [{ ...spec.filter, name: spec.filter.name as FilterName, field, kind: spec.kind }]
    : [],
);

/** The names filter conditions use, for the protocol's `FilterField`. */
export const FILTER_FIELD_NAMES = FILTERS.map((f) => f.name) as [FilterName, ...FilterName[]];

/**
 * The outcome of {@link validateFields}. `field` is the path inside `fields`, like
 * `emails.2.address` (empty for `fields` itself); `message` is a sentence naming it.
 */
export type FieldsValidation<F> =
  { ok: true; fields: F } | { ok: false; field: string; message: string };

/**
 * Checks a record's `fields`. On `create`, the type's required fields must be present and not
 * `null`; on `update`, any subset of fields is fine. The fields come back unchanged, typed.
 */
export function validateFields<T extends RecordType>(
  type: T,
  fields: unknown,
  mode: "create" | "update",
): FieldsValidation<FieldsOf[T]> {
  const parsed = FIELDS_SCHEMAS[type].safeParse(fields, { error: describeIssue });
  if (!parsed.success) {
    // Report the first problem only: a client fixes one thing and tries again.
    const issue = parsed.error.issues[0];
    if (issue === undefined) return { ok: false, field: "", message: "fields are invalid." };
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      const field = [...path, issue.keys[0]].join(".");
      const where = path.length === 0 ? `a ${type} field` : "a known field";
      return { ok: false, field, message: `${field} is not ${where}.` };
    }
    const field = path.join(".");
    return { ok: false, field, message: `${field || "fields"} ${issue.message}.` };
  }
  if (mode === "create") {
    const missing = fieldsOf(type).find(
      ([name, spec]) => spec.required && (parsed.data as Record<string, unknown>)[name] == null,
    )?.[0];
    if (missing !== undefined) {
      const field = missing;
      return { ok: false, field, message: `${field} is required to create a ${type}.` };
    }
  }
  return { ok: true, fields: parsed.data };
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "a list",
};

const FORMATS: Record<string, string> = {
  email: "must be an e-mail address",
  date: "must be a real date written YYYY-MM-DD",
  datetime: "must be a date-time like 2026-11-26T10:00:00Z, with seconds and a Z or an offset",
};

/**
 * Words for zod's own issues, as the end of a sentence that starts with the field's path.
 * Checks that carry their own message (refinements, patterns) keep it.
 */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "too_big":
      if (issue.origin === "array") return `must hold at most ${issue.maximum} items`;
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    case "too_small":
      return `must be at least ${issue.minimum}`;
    case "invalid_format":
      return FORMATS[issue.format];
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}`;
    case "invalid_union":
      // A discriminated union names the tags it knows when the tag matches none of them.
      return "options" in issue && Array.isArray(issue.options)
        ? `must be one of ${issue.options.map(String).join(", ")}`
        : undefined;
    case "invalid_key":
      return `is not a valid name: it ${issue.issues[0]?.message ?? "is refused"}`;
    default:
      return undefined;
  }
}

/**
 * The id of the history item that links an e-mail, the same for every user who links it (so
 * two users make one record): `"m-"` and the base64url SHA-256 of the message's
 * `internetMessageId`, 45 characters in all. Surrounding whitespace and the angle brackets of
 * the header form are ignored (`<abc@x>` and ` abc@x ` give one id); case is kept, as message
 * ids are case-sensitive. Async because it uses Web Crypto, which works in the browser and in
 * Node 20 alike. Throws a `RangeError` for an id that is empty once trimmed.
 */
export async function historyIdForMessage(internetMessageId: string): Promise<string> {
  const key = internetMessageId.trim().replace(/^</, "").replace(/>$/, "").trim();
  if (key === "") throw new RangeError("An empty internetMessageId identifies no message.");
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)),
  );
  const base64 = btoa(String.fromCharCode(...digest));
  return "m-" + base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
