/**
 * A fake of exactly the part of `Office.context.mailbox` the add-in uses, in read mode (and, for
 * the send event, a message being composed), with the semantics office.js gives it (checked
 * against @microsoft/office-js's outlook-web-16.01.debug.js):
 * - `item` is a fresh object per selection, `null` when nothing is selected (a pinned pane);
 *   dates are `Date`s, people are EmailAddressDetails, appointments have no internetMessageId;
 * - callbacks and ItemChanged handlers run asynchronously, never inside the call;
 * - invalid arguments throw synchronously (`Sys.ArgumentException`…), as office.js does, while
 *   refusals by Outlook arrive as a failed AsyncResult `{status: "failed", error: {name, message, code}}`;
 * - notifications: key at most 32 characters, message at most 150, an informational message
 *   needs `icon` and `persistent`, at most 5 per item; a non-persistent one goes away when the
 *   user selects another item, a persistent one stays with its item;
 * - internet headers (Mailbox 1.8): a received message's `getAllInternetHeadersAsync` gives its
 *   header block (RFC 5322 fields, non-ASCII words RFC 2047-encoded, CRLF between lines, no
 *   folding) with the custom headers it carries; a message being composed has `internetHeaders`,
 *   validated as office.js does (`setAsync`: non-empty names, string values, at most 998
 *   characters for a name and its value together; `getAsync` and `removeAsync`: a non-empty
 *   array of non-empty names), where a name asked for but not set is left out and removing one
 *   not set succeeds (the docs' sample); names match whatever their case, as RFC 5322's do
 *   (what Exchange does there is not verified);
 * - compose mode: `compose()` starts a message as the user writes it, with what office.js gives
 *   in compose (recipients, subject and from through `getAsync`; no itemId, internetMessageId nor
 *   dates), and a `mailbox` as a send event's runtime sees it; `send()` puts the sent copy in the
 *   mailbox, as Sent Items holds it: the user as sender, a new item id and internetMessageId, the
 *   headers set while composing, and no Bcc (MessageRead documents none);
 * - getters (`getAsync`, `getAllInternetHeadersAsync`) throw without a callback; they and the
 *   internet headers' methods check their trailing `(options, callback)` arguments as office.js's
 *   parseCommonArgs does;
 * - display forms: the mailbox holds a list of items; `displayMessageFormAsync` and
 *   `displayAppointmentFormAsync` (Mailbox 1.9) accept an EWS or a REST id, as office.js converts
 *   either, and fail for an id the mailbox does not hold with ItemNotFound (9049, from office.js's
 *   error table: that Outlook answers a moved or deleted item with exactly this code is not
 *   verified); the older `displayMessageForm` and `displayAppointmentForm` report nothing. A
 *   mailbox made with `asyncDisplayForms: false` is an Outlook older than 1.9, without the
 *   async variants.
 * Shared by the jest tests and the browser harness, so it uses neither the DOM nor jest; the
 * members after "Test and harness controls" are not Outlook's and the add-in never calls them.
 */
import type { AsyncResultLike, NotificationDetails, OutlookMailbox } from "./office";

/** `Office.EventType.ItemChanged` (outside Office, office.js does not define Outlook's events). */
export const ITEM_CHANGED = "olkItemSelectedChanged";

export type RecipientType = "enterprise" | "externalUser" | "distributionList" | "user" | "other";

export interface EmailAddressDetails {
  readonly displayName: string;
  readonly emailAddress: string;
  readonly recipientType: RecipientType;
}

/** A received e-mail as sample data: plain JSON, dates as ISO strings. */
export interface SampleMessage {
  readonly itemType: "message";
  /** An EWS item id (Outlook's `itemId`): it changes when the message moves to another folder. */
  readonly itemId: string;
  readonly internetMessageId: string;
  readonly conversationId: string;
  readonly subject: string;
  readonly from: EmailAddressDetails;
  readonly to: readonly EmailAddressDetails[];
  readonly cc: readonly EmailAddressDetails[];
  readonly dateTimeCreated: string;
  readonly body: string;
  /** Custom internet headers the message carries (set by its sender's add-in), name to value. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A calendar appointment as sample data. */
export interface SampleAppointment {
  readonly itemType: "appointment";
  readonly itemId: string;
  readonly subject: string;
  readonly organizer: EmailAddressDetails;
  readonly requiredAttendees: readonly EmailAddressDetails[];
  readonly optionalAttendees: readonly EmailAddressDetails[];
  readonly start: string;
  readonly end: string;
  readonly location: string;
  readonly dateTimeCreated: string;
  readonly body: string;
}

export type SampleItem = SampleMessage | SampleAppointment;

export interface FakeError {
  readonly name: string;
  readonly message: string;
  readonly code: number;
}

export interface FakeAsyncResult<T> extends AsyncResultLike<T> {
  readonly status: "succeeded" | "failed";
  readonly value: T;
  readonly error: FakeError | undefined;
  readonly asyncContext: unknown;
}

type Callback<T> = (result: FakeAsyncResult<T>) => void;
interface AsyncOptions {
  readonly asyncContext?: unknown;
}
interface RemoveHandlerOptions extends AsyncOptions {
  readonly handler?: unknown;
}

export interface FakeNotificationMessages {
  replaceAsync(key: string, details: NotificationDetails, callback?: Callback<void>): void;
  replaceAsync(
    key: string,
    details: NotificationDetails,
    options: AsyncOptions,
    callback?: Callback<void>,
  ): void;
  getAllAsync(callback?: Callback<NotificationDetails[]>): void;
  getAllAsync(options: AsyncOptions, callback?: Callback<NotificationDetails[]>): void;
  removeAsync(key: string, callback?: Callback<void>): void;
  removeAsync(key: string, options: AsyncOptions, callback?: Callback<void>): void;
}

export interface FakeBody {
  getAsync(coercionType: string, callback: Callback<string>): void;
  getAsync(coercionType: string, options: AsyncOptions, callback: Callback<string>): void;
}

/** A compose-mode value read through a callback: `subject`, `from`, `to`, `cc`, `bcc`. */
export interface FakeGetter<T> {
  getAsync(callback: Callback<T>): void;
  getAsync(options: AsyncOptions, callback: Callback<T>): void;
}

/** `item.internetHeaders` in compose mode (Mailbox 1.8). */
export interface FakeInternetHeaders {
  /** The headers of `names` that are set; the others are left out. */
  getAsync(names: string[], callback: Callback<Record<string, string>>): void;
  getAsync(
    names: string[],
    options: AsyncOptions,
    callback: Callback<Record<string, string>>,
  ): void;
  /** Adds the headers, or replaces the value of those already set. */
  setAsync(headers: Record<string, string>, callback?: Callback<void>): void;
  setAsync(headers: Record<string, string>, options: AsyncOptions, callback?: Callback<void>): void;
  /** Removes the headers of `names`; a name not set is no error. */
  removeAsync(names: string[], callback?: Callback<void>): void;
  removeAsync(names: string[], options: AsyncOptions, callback?: Callback<void>): void;
}

interface FakeItemBase {
  readonly itemId: string;
  readonly subject: string;
  readonly normalizedSubject: string;
  readonly dateTimeCreated: Date;
  readonly dateTimeModified: Date;
  readonly body: FakeBody;
  readonly notificationMessages: FakeNotificationMessages;
}

/** `Office.context.mailbox.item` for a message in read mode. */
export interface FakeMessageRead extends FakeItemBase {
  readonly itemType: "message";
  readonly internetMessageId: string;
  readonly conversationId: string;
  readonly from: EmailAddressDetails;
  readonly sender: EmailAddressDetails;
  readonly to: EmailAddressDetails[];
  readonly cc: EmailAddressDetails[];
  /** Mailbox 1.8: the message's header block as one string (see the header comment). */
  getAllInternetHeadersAsync(callback: Callback<string>): void;
  getAllInternetHeadersAsync(options: AsyncOptions, callback: Callback<string>): void;
}

/** `Office.context.mailbox.item` for a message being composed. */
export interface FakeMessageCompose {
  readonly itemType: "message";
  /** `null` for a new message; the conversation's id for a reply. */
  readonly conversationId: string | null;
  readonly subject: FakeGetter<string>;
  /** The user: who sends the message. */
  readonly from: FakeGetter<EmailAddressDetails>;
  readonly to: FakeGetter<EmailAddressDetails[]>;
  readonly cc: FakeGetter<EmailAddressDetails[]>;
  readonly bcc: FakeGetter<EmailAddressDetails[]>;
  readonly body: FakeBody;
  readonly internetHeaders: FakeInternetHeaders;
}

/** `Office.context.mailbox.item` for an appointment opened by an attendee. */
export interface FakeAppointmentRead extends FakeItemBase {
  readonly itemType: "appointment";
  readonly organizer: EmailAddressDetails;
  readonly requiredAttendees: EmailAddressDetails[];
  readonly optionalAttendees: EmailAddressDetails[];
  readonly start: Date;
  readonly end: Date;
  readonly location: string;
}

export type FakeItem = FakeMessageRead | FakeAppointmentRead;

export interface FakeUserProfile {
  readonly displayName: string;
  readonly emailAddress: string;
  readonly timeZone: string;
  readonly accountType: "enterprise" | "gmail" | "office365" | "outlookCom";
}

/** A message as the user writes it, before sending. */
export interface DraftMessage {
  readonly to?: readonly EmailAddressDetails[];
  readonly cc?: readonly EmailAddressDetails[];
  readonly bcc?: readonly EmailAddressDetails[];
  readonly subject?: string;
  /** Plain text. */
  readonly body?: string;
  /** The conversation of the message this one replies to; none for a new message. */
  readonly conversationId?: string | null;
}

/** `Office.context.mailbox` in the runtime Outlook starts for a send event (OnMessageSend). */
export interface FakeComposeMailbox {
  /** The message being sent. */
  readonly item: FakeMessageCompose;
  readonly userProfile: FakeUserProfile;
}

/** A message being composed, from `FakeMailbox.compose`. */
export interface ComposeSession {
  /** The mailbox a send event's handler sees. */
  readonly mailbox: FakeComposeMailbox;
  /**
   * Sends the message: its sent copy, returned, is added to the mailbox's items. Throws when
   * the message was sent already.
   */
  send(): SampleMessage;
}

/** A call to one of the display-form methods. */
export interface FormCall {
  readonly form: "message" | "appointment";
  /** The id as the add-in passed it. */
  readonly itemId: string;
  /** Whether it was the Mailbox 1.9 variant, which calls back. */
  readonly async: boolean;
  /** Whether the mailbox holds the item, so that Outlook opened it. */
  readonly found: boolean;
  /** The item's subject, when found. */
  readonly subject: string | null;
}

/** A notification posted on an item, as the harness shows it. */
export interface PostedNotification extends NotificationDetails {
  readonly key: string;
}

export interface FakeMailboxOptions {
  readonly user: { readonly displayName: string; readonly emailAddress: string };
  /** Selected at start; `null` (the default) is "nothing selected". */
  readonly selected?: SampleItem | null;
  /**
   * The items in the mailbox, which the display-form calls can open; by default the one
   * selected at start. Selecting an item adds it.
   */
  readonly items?: readonly SampleItem[];
  /** Whether the Mailbox 1.9 display-form variants exist (the default). */
  readonly asyncDisplayForms?: boolean;
  readonly timeZone?: string;
  /** Runs a callback later; Outlook never calls back inside the call. Defaults to setTimeout 0. */
  readonly schedule?: (run: () => void) => void;
}

const MAX_KEY_LENGTH = 32;
const MAX_ICON_LENGTH = 32;
const MAX_MESSAGE_LENGTH = 150;
const MAX_NOTIFICATIONS = 5;
const REST_VERSIONS = ["v1.0", "v2.0", "beta"];
/** office.js's limit on an internet header's name and value together (setInternetHeaders.ts). */
const MAX_HEADER_LENGTH = 998;
const NOTIFICATION_TYPES = ["progressIndicator", "informationalMessage", "errorMessage"];

/** Errors office.js throws for bad arguments: an `Error` named after the Sys exception. */
function argumentError(
  kind:
    | "ArgumentException"
    | "ArgumentNullException"
    | "ArgumentOutOfRangeException"
    | "ArgumentTypeException"
    | "ParameterCountException",
  parameter?: string,
): Error {
  const text = {
    ArgumentException: "Value does not fall within the expected range.",
    ArgumentNullException: "Value cannot be null.",
    ArgumentOutOfRangeException: "Specified argument was out of the range of valid values.",
    ArgumentTypeException: "Object cannot be converted to the required type.",
    ParameterCountException: "The given parameters do not match the expected format.",
  }[kind];
  const named = parameter === undefined ? "" : `\nParameter name: ${parameter}`;
  const error = new Error(`Sys.${kind}: ${text}${named}`);
  error.name = `Sys.${kind}`;
  return error;
}

function requireString(name: string, value: unknown): asserts value is string {
  if (value === null || value === undefined) throw argumentError("ArgumentNullException", name);
  if (typeof value !== "string") throw argumentError("ArgumentException", name);
}

/** office.js's checks on a notification (validateNotificationMessages.ts). */
function validateNotification(key: unknown, details: NotificationDetails): void {
  requireString("key", key);
  if (key.length > MAX_KEY_LENGTH) throw argumentError("ArgumentOutOfRangeException", "key");
  requireString("type", details.type);
  if (!NOTIFICATION_TYPES.includes(details.type)) throw argumentError("ArgumentException", "type");
  if (details.type === "informationalMessage") {
    requireString("icon", details.icon);
    if (details.icon.length > MAX_ICON_LENGTH) {
      throw argumentError("ArgumentOutOfRangeException", "icon");
    }
    if (details.persistent === undefined || details.persistent === null) {
      throw argumentError("ArgumentNullException", "persistent");
    }
    if (typeof details.persistent !== "boolean")
      throw argumentError("ArgumentException", "persistent");
  } else {
    if (details.icon !== undefined) throw argumentError("ArgumentException", "icon");
    if (details.persistent !== undefined) throw argumentError("ArgumentException", "persistent");
  }
  requireString("message", details.message);
  if (details.message.length > MAX_MESSAGE_LENGTH) {
    throw argumentError("ArgumentOutOfRangeException", "message");
  }
}

function copyPerson(person: EmailAddressDetails): EmailAddressDetails {
  return {
    displayName: person.displayName,
    emailAddress: person.emailAddress,
    recipientType: person.recipientType,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Outlook's normalizedSubject: the subject without prefixes such as "RE:" and "FW:". */
function normalizeSubject(subject: string): string {
  return subject.replace(/^(\s*(re|fw|fwd|aw|wg|sv|vs)\s*:\s*)+/i, "");
}

/** office.js's validateStringParam: null, undefined and "" are missing, another type is wrong. */
function requireNonEmpty(parameter: string, value: unknown): asserts value is string {
  if (value === null || value === undefined || value === "") {
    throw argumentError("ArgumentNullException", parameter);
  }
  if (typeof value !== "string") throw argumentError("ArgumentTypeException", parameter);
}

/** office.js's checks on the header names to get or remove (validateInternetHeaders.ts). */
function validateHeaderNames(names: unknown): asserts names is string[] {
  if (names === null || names === undefined) {
    throw argumentError("ArgumentException", "internetHeaders");
  }
  if (!Array.isArray(names)) throw argumentError("ArgumentTypeException", "internetHeaders");
  if (names.length === 0) throw argumentError("ArgumentException", "internetHeaders");
  for (const name of names) requireNonEmpty("internetHeaders", name);
}

/** office.js's checks on the headers to set (setInternetHeaders.ts). */
function validateHeaders(headers: unknown): asserts headers is Record<string, string> {
  if (headers === null || headers === undefined) {
    throw argumentError("ArgumentNullException", "internetHeaders");
  }
  const names = Object.keys(headers);
  if (names.length === 0) throw argumentError("ArgumentException", "internetHeaders");
  for (const name of names) {
    const value: unknown = (headers as Record<string, unknown>)[name];
    requireNonEmpty("internetHeaders", name);
    if (typeof value !== "string") throw argumentError("ArgumentTypeException", "internetHeaders");
    if (name.length + value.length > MAX_HEADER_LENGTH) {
      throw argumentError("ArgumentOutOfRangeException", name);
    }
  }
}

/** What follows the last "@" of an address. */
function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A new EWS-like id, as Exchange gives an item (`AAMk…`) or a conversation (`AAQk…`). */
function newExchangeId(prefix: "AAMkAD" | "AAQkAD"): string {
  return `${prefix}${base64(randomBytes(prefix === "AAMkAD" ? 106 : 46))}`;
}

/** A new Message-ID for a message the user sends: `<random@the user's domain>`. */
function newInternetMessageId(userAddress: string): string {
  const random = [...randomBytes(16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `<${random.toUpperCase()}@${domainOf(userAddress)}>`;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** At most 45 bytes of text per encoded word keep it within RFC 2047's 75 characters. */
const ENCODED_WORD_BYTES = 45;

/** Header text as it is when it is printable ASCII, else as RFC 2047 encoded words (UTF-8, B). */
function encodeWords(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  const encoder = new TextEncoder();
  const chunks = [""];
  for (const char of text) {
    const last = chunks.length - 1;
    if (encoder.encode(chunks[last] + char).length > ENCODED_WORD_BYTES) chunks.push(char);
    else chunks[last] += char;
  }
  return chunks.map((chunk) => `=?utf-8?B?${base64(encoder.encode(chunk))}?=`).join(" ");
}

/** A person as an RFC 5322 mailbox: `Name <address>`, the name quoted or encoded as needed. */
function mailboxOf(person: EmailAddressDetails): string {
  const name = person.displayName.trim();
  if (name === "" || name === person.emailAddress) return person.emailAddress;
  const phrase = !PRINTABLE_ASCII.test(name)
    ? encodeWords(name)
    : /^[\w!#$%&'*+\-/=?^`{|}~ ]+$/.test(name)
      ? name
      : `"${name.replace(/[\\"]/g, "\\$&")}"`;
  return `${phrase} <${person.emailAddress}>`;
}

/** RFC 5322's date-time in UTC, e.g. "Mon, 23 Nov 2026 08:42:00 +0000". */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

/** The message's header block, as `getAllInternetHeadersAsync` gives it. */
function headerBlock(message: SampleMessage): string {
  const fields: Array<[string, string]> = [
    ["Message-ID", message.internetMessageId],
    ["Date", rfc5322Date(new Date(message.dateTimeCreated))],
    ["From", mailboxOf(message.from)],
  ];
  if (message.to.length > 0) fields.push(["To", message.to.map(mailboxOf).join(", ")]);
  if (message.cc.length > 0) fields.push(["Cc", message.cc.map(mailboxOf).join(", ")]);
  fields.push(
    ["Subject", encodeWords(message.subject)],
    ["MIME-Version", "1.0"],
    ...Object.entries(message.headers ?? {}),
  );
  return fields.map(([name, value]) => `${name}: ${value}`).join("\r\n");
}

/**
 * Recipients as typed on Outlook's To line, for the harness and tests: separated by commas or
 * semicolons, each `address`, `Name <address>` or `"Name" <address>`. Someone of the user's
 * domain is a `user` of the organization, anyone else an `externalUser`; an entry without an
 * address is left out.
 */
export function parseRecipients(text: string, userAddress: string): EmailAddressDetails[] {
  const domain = domainOf(userAddress).toLowerCase();
  return (text.match(/(?:"[^"]*"|[^,;"])+/g) ?? []).flatMap((entry) => {
    const named = /^(.*)<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/.exec(entry);
    const bare = /^\s*([^<>\s"]+@[^<>\s"]+)\s*$/.exec(entry);
    const emailAddress = named?.[2] ?? bare?.[1];
    if (emailAddress === undefined) return [];
    const name = (named?.[1] ?? "").trim().replace(/^"(.*)"$/, "$1");
    const recipientType: RecipientType =
      domainOf(emailAddress).toLowerCase() === domain ? "user" : "externalUser";
    return [{ displayName: name || emailAddress, emailAddress, recipientType }];
  });
}

/**
 * The fake mailbox. Construct it with the signed-in user, then `select()` items as a user
 * clicking through Outlook would.
 */
export class FakeMailbox implements OutlookMailbox {
  readonly userProfile: FakeUserProfile;
  readonly #schedule: (run: () => void) => void;
  readonly #handlers = new Map<string, Array<(args: { type: string }) => void>>();
  readonly #notifications = new Map<string, Map<string, NotificationDetails>>();
  readonly #listeners = new Set<() => void>();
  readonly #formCalls: FormCall[] = [];
  readonly #idle: Array<() => void> = [];
  readonly #items = new Map<string, SampleItem>();
  #pending = 0;
  #item: FakeItem | null = null;
  /** Items moved so far (each move makes a new item id). */
  #moves = 0;

  /** Mailbox 1.9; absent in a mailbox made with `asyncDisplayForms: false`. */
  readonly displayMessageFormAsync?: (
    itemId: string,
    optionsOrCallback?: AsyncOptions | Callback<void>,
    callback?: Callback<void>,
  ) => void;
  readonly displayAppointmentFormAsync?: (
    itemId: string,
    optionsOrCallback?: AsyncOptions | Callback<void>,
    callback?: Callback<void>,
  ) => void;

  constructor(options: FakeMailboxOptions) {
    this.userProfile = {
      displayName: options.user.displayName,
      emailAddress: options.user.emailAddress,
      timeZone: options.timeZone ?? "W. Europe Standard Time",
      accountType: "enterprise",
    };
    this.#schedule = options.schedule ?? ((run) => setTimeout(run, 0));
    for (const item of options.items ?? []) this.#items.set(item.itemId, item);
    if (options.selected) {
      this.#items.set(options.selected.itemId, options.selected);
      this.#item = this.#createItem(options.selected);
    }
    if (options.asyncDisplayForms !== false) {
      this.displayMessageFormAsync = (itemId, optionsOrCallback, callback) =>
        this.#displayFormAsync("message", itemId, optionsOrCallback, callback);
      this.displayAppointmentFormAsync = (itemId, optionsOrCallback, callback) =>
        this.#displayFormAsync("appointment", itemId, optionsOrCallback, callback);
    }
  }

  /** The selected item; `null` when nothing is selected. */
  get item(): FakeItem | null {
    return this.#item;
  }

  addHandlerAsync(
    eventType: string,
    handler: (args: { type: string }) => void,
    optionsOrCallback?: AsyncOptions | Callback<void>,
    callback?: Callback<void>,
  ): void {
    const [options, done] = splitArgs(optionsOrCallback, callback);
    if (eventType !== ITEM_CHANGED) throw argumentError("ArgumentException", "eventType");
    if (typeof handler !== "function") throw argumentError("ArgumentException", "handler");
    const handlers = this.#handlers.get(eventType) ?? [];
    if (handlers.includes(handler)) {
      // office.js refuses a handler already registered; its status there is ooeInternalError.
      this.#callback(
        done,
        failed(
          undefined,
          options,
          "EventRegistrationError",
          "Failed to add the event handler.",
          5001,
        ),
      );
      return;
    }
    this.#handlers.set(eventType, [...handlers, handler]);
    this.#callback(done, succeeded(undefined, options));
  }

  /**
   * Without `options.handler`, removes every handler of `eventType` (as Mailbox does); with it,
   * only that one, failing when it was not registered.
   */
  removeHandlerAsync(
    eventType: string,
    optionsOrCallback?: RemoveHandlerOptions | Callback<void>,
    callback?: Callback<void>,
  ): void {
    const [options, done] = splitArgs(optionsOrCallback, callback);
    if (eventType !== ITEM_CHANGED) throw argumentError("ArgumentException", "eventType");
    const handlers = this.#handlers.get(eventType) ?? [];
    const handler = options?.handler;
    if (handler === undefined || handler === null) {
      this.#handlers.delete(eventType);
      this.#callback(done, succeeded(undefined, options));
      return;
    }
    if (!handlers.some((h) => h === handler)) {
      this.#callback(
        done,
        failed(
          undefined,
          options,
          "EventRegistrationError",
          "The specified event handler was not found for this binding.",
          5003,
        ),
      );
      return;
    }
    this.#handlers.set(
      eventType,
      handlers.filter((h) => h !== handler),
    );
    this.#callback(done, succeeded(undefined, options));
  }

  /** An EWS id as a REST id: `/` becomes `-` and `+` becomes `_`. */
  convertToRestId(itemId: string, restVersion: string): string {
    if (itemId === null || itemId === undefined)
      throw argumentError("ArgumentNullException", "itemId");
    if (!REST_VERSIONS.includes(restVersion))
      throw argumentError("ArgumentException", "restVersion");
    return itemId.replace(/\//g, "-").replace(/\+/g, "_");
  }

  /** A REST id as an EWS id: the reverse of `convertToRestId`. */
  convertToEwsId(itemId: string, restVersion: string): string {
    if (itemId === null || itemId === undefined)
      throw argumentError("ArgumentNullException", "itemId");
    if (!REST_VERSIONS.includes(restVersion))
      throw argumentError("ArgumentException", "restVersion");
    return itemId.replace(/-/g, "/").replace(/_/g, "+");
  }

  displayMessageForm(itemId: string): void {
    this.#recordForm("message", itemId, false);
  }

  displayAppointmentForm(itemId: string): void {
    this.#recordForm("appointment", itemId, false);
  }

  // ── Test and harness controls (not part of Outlook's API) ───────────────────────────────────

  /**
   * Selects `sample` (a new item object, as Outlook makes one per selection) or nothing. The
   * previous item's non-persistent notifications go away; ItemChanged handlers run later.
   */
  select(sample: SampleItem | null): void {
    if (sample) this.#items.set(sample.itemId, sample);
    const previous = this.#item;
    if (previous) {
      const posted = this.#notifications.get(previous.itemId);
      for (const [key, details] of posted ?? []) {
        if (details.type !== "informationalMessage" || details.persistent !== true)
          posted?.delete(key);
      }
    }
    this.#item = sample ? this.#createItem(sample) : null;
    this.#changed();
    for (const handler of this.#handlers.get(ITEM_CHANGED) ?? []) {
      this.#later(() => handler({ type: ITEM_CHANGED }));
    }
  }

  /** The notifications posted on the item `itemId`, in the order they were first added. */
  notificationsOf(itemId: string): PostedNotification[] {
    return [...(this.#notifications.get(itemId) ?? [])].map(([key, details]) => ({
      ...details,
      key,
    }));
  }

  /**
   * Takes an item out of the mailbox, as moving it to another folder (its EWS id changes) or
   * deleting it does; the display forms no longer find it.
   */
  remove(itemId: string): void {
    this.#items.delete(itemId);
  }

  /**
   * Moves an item to another folder, as a user or a rule does: it gets a new EWS item id
   * (returned) and keeps everything else, its internetMessageId included; the old id finds
   * nothing. A selected item leaves the folder shown: nothing is selected any more.
   */
  move(itemId: string): SampleItem {
    const item = this.#items.get(itemId);
    if (!item) throw new Error(`There is no item ${itemId} to move.`);
    const moved = { ...item, itemId: `${itemId.replace(/=+$/, "")}AAMv${++this.#moves}=` };
    this.#items.delete(itemId);
    this.#items.set(moved.itemId, moved);
    if (this.#item?.itemId === itemId) this.select(null);
    else this.#changed();
    return moved;
  }

  /**
   * Starts a message as the user writes it: `mailbox` is what a send event's runtime sees,
   * `send()` sends it.
   */
  compose(draft: DraftMessage): ComposeSession {
    const user: EmailAddressDetails = {
      displayName: this.userProfile.displayName,
      emailAddress: this.userProfile.emailAddress,
      recipientType: "user",
    };
    const to = (draft.to ?? []).map(copyPerson);
    const cc = (draft.cc ?? []).map(copyPerson);
    const bcc = (draft.bcc ?? []).map(copyPerson);
    const subject = draft.subject ?? "";
    const body = draft.body ?? "";
    const conversationId = draft.conversationId ?? null;
    /** The internet headers set, by lower-case name. */
    const headers = new Map<string, { name: string; value: string }>();
    const item: FakeMessageCompose = Object.freeze({
      itemType: "message",
      conversationId,
      subject: this.#getter(() => subject),
      from: this.#getter(() => copyPerson(user)),
      to: this.#getter(() => to.map(copyPerson)),
      cc: this.#getter(() => cc.map(copyPerson)),
      bcc: this.#getter(() => bcc.map(copyPerson)),
      body: this.#createBody(body),
      internetHeaders: this.#createInternetHeaders(headers),
    });
    let sent = false;
    return {
      mailbox: Object.freeze({ item, userProfile: this.userProfile }),
      send: () => {
        if (sent) throw new Error("This message has been sent already.");
        sent = true;
        const message: SampleMessage = {
          itemType: "message",
          itemId: newExchangeId("AAMkAD"),
          internetMessageId: newInternetMessageId(user.emailAddress),
          conversationId: conversationId ?? newExchangeId("AAQkAD"),
          subject,
          from: user,
          to,
          cc,
          dateTimeCreated: new Date().toISOString(),
          body,
          headers: Object.fromEntries([...headers.values()].map((h) => [h.name, h.value])),
        };
        this.#items.set(message.itemId, message);
        this.#changed();
        return message;
      },
    };
  }

  /** Calls of the display-form methods so far. */
  get formCalls(): readonly FormCall[] {
    return [...this.#formCalls];
  }

  /** Number of ItemChanged handlers registered. */
  handlerCount(): number {
    return this.#handlers.get(ITEM_CHANGED)?.length ?? 0;
  }

  /** Calls `listener` after each change of selection, notifications or form calls. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Resolves once every callback and handler scheduled so far (and any they caused) has run. */
  idle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  // ── Internals ──────────────────────────────────────────────────────────────────────────────

  /** office.js's checks, then the call recorded; returns the item when the mailbox holds it. */
  #recordForm(form: FormCall["form"], itemId: string, async: boolean): SampleItem | null {
    requireString("itemId", itemId);
    if (itemId === "") throw argumentError("ArgumentNullException", "itemId");
    // office.js converts the id to the form its host wants, so either form finds the item.
    const found = this.#items.get(this.convertToEwsId(itemId, "v2.0")) ?? null;
    this.#formCalls.push({
      form,
      itemId,
      async,
      found: found !== null,
      subject: found?.subject ?? null,
    });
    this.#changed();
    return found;
  }

  #displayFormAsync(
    form: FormCall["form"],
    itemId: string,
    optionsOrCallback: AsyncOptions | Callback<void> | undefined,
    callback: Callback<void> | undefined,
  ): void {
    const [options, done] = splitArgs(optionsOrCallback, callback);
    const found = this.#recordForm(form, itemId, true);
    this.#callback(
      done,
      found
        ? succeeded(undefined, options)
        : failed(
            undefined,
            options,
            "ItemNotFound",
            "The item does not exist or has not been created.",
            9049,
          ),
    );
  }

  #createItem(sample: SampleItem): FakeItem {
    const itemId = sample.itemId;
    const common = {
      itemId,
      subject: sample.subject,
      normalizedSubject: normalizeSubject(sample.subject),
      dateTimeCreated: new Date(sample.dateTimeCreated),
      dateTimeModified: new Date(sample.dateTimeCreated),
      body: this.#createBody(sample.body),
      notificationMessages: this.#createNotifications(itemId),
    };
    if (sample.itemType === "message") {
      return Object.freeze({
        ...common,
        itemType: "message",
        internetMessageId: sample.internetMessageId,
        conversationId: sample.conversationId,
        from: copyPerson(sample.from),
        sender: copyPerson(sample.from),
        to: sample.to.map(copyPerson),
        cc: sample.cc.map(copyPerson),
        getAllInternetHeadersAsync: (...args: unknown[]) => {
          const [options, done] = commonArgs<string>(args, true);
          this.#callback(done, succeeded(headerBlock(sample), options));
        },
      });
    }
    return Object.freeze({
      ...common,
      itemType: "appointment",
      organizer: copyPerson(sample.organizer),
      requiredAttendees: sample.requiredAttendees.map(copyPerson),
      optionalAttendees: sample.optionalAttendees.map(copyPerson),
      start: new Date(sample.start),
      end: new Date(sample.end),
      location: sample.location,
    });
  }

  #createBody(text: string): FakeBody {
    const getAsync = (coercionType: string, ...args: unknown[]): void => {
      const [options, done] = commonArgs<string>(args, true);
      if (coercionType !== "text" && coercionType !== "html") {
        throw argumentError("ArgumentException", "coercionType");
      }
      const html = `<html><body>${text
        .split(/\n{2,}/)
        .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
        .join("")}</body></html>`;
      this.#callback(done, succeeded(coercionType === "text" ? text : html, options));
    };
    return { getAsync };
  }

  /** A compose-mode value read through `getAsync`. */
  #getter<T>(value: () => T): FakeGetter<T> {
    return {
      getAsync: (...args: unknown[]) => {
        const [options, done] = commonArgs<T>(args, true);
        this.#callback(done, succeeded(value(), options));
      },
    };
  }

  #createInternetHeaders(
    headers: Map<string, { name: string; value: string }>,
  ): FakeInternetHeaders {
    const getAsync = (names: unknown, ...args: unknown[]): void => {
      const [options, done] = commonArgs<Record<string, string>>(args, true);
      validateHeaderNames(names);
      const found = names.flatMap((name) => {
        const header = headers.get(name.toLowerCase());
        return header ? [[header.name, header.value] as const] : [];
      });
      this.#callback(done, succeeded(Object.fromEntries(found), options));
    };
    const setAsync = (values: unknown, ...args: unknown[]): void => {
      const [options, done] = commonArgs<void>(args, false);
      validateHeaders(values);
      for (const [name, value] of Object.entries(values)) {
        headers.set(name.toLowerCase(), { name, value });
      }
      this.#callback(done, succeeded(undefined, options));
    };
    const removeAsync = (names: unknown, ...args: unknown[]): void => {
      const [options, done] = commonArgs<void>(args, false);
      validateHeaderNames(names);
      for (const name of names) headers.delete(name.toLowerCase());
      this.#callback(done, succeeded(undefined, options));
    };
    return { getAsync, setAsync, removeAsync };
  }

  #createNotifications(itemId: string): FakeNotificationMessages {
    const posted = (): Map<string, NotificationDetails> => {
      let map = this.#notifications.get(itemId);
      if (!map) {
        map = new Map();
        this.#notifications.set(itemId, map);
      }
      return map;
    };
    const replaceAsync = (
      key: string,
      details: NotificationDetails,
      optionsOrCallback?: AsyncOptions | Callback<void>,
      callback?: Callback<void>,
    ): void => {
      const [options, done] = splitArgs(optionsOrCallback, callback);
      validateNotification(key, details);
      const map = posted();
      if (!map.has(key) && map.size >= MAX_NOTIFICATIONS) {
        this.#callback(
          done,
          failed(
            undefined,
            options,
            "NumberOfNotificationsExceeded",
            "The notification couldn't be added because the notification limit has been reached.",
            9025,
          ),
        );
        return;
      }
      map.set(key, {
        type: details.type,
        message: details.message,
        ...(details.icon === undefined ? {} : { icon: details.icon }),
        ...(details.persistent === undefined ? {} : { persistent: details.persistent }),
      });
      this.#callback(done, succeeded(undefined, options));
      this.#changed();
    };
    const getAllAsync = (
      optionsOrCallback?: AsyncOptions | Callback<NotificationDetails[]>,
      callback?: Callback<NotificationDetails[]>,
    ): void => {
      const [options, done] = splitArgs(optionsOrCallback, callback);
      this.#callback(done, succeeded(this.notificationsOf(itemId), options));
    };
    const removeAsync = (
      key: string,
      optionsOrCallback?: AsyncOptions | Callback<void>,
      callback?: Callback<void>,
    ): void => {
      const [options, done] = splitArgs(optionsOrCallback, callback);
      requireString("key", key);
      if (key.length > MAX_KEY_LENGTH) throw argumentError("ArgumentOutOfRangeException", "key");
      if (!posted().delete(key)) {
        this.#callback(
          done,
          failed(
            undefined,
            options,
            "KeyNotFound",
            "There are no notifications with the provided key.",
            9024,
          ),
        );
        return;
      }
      this.#callback(done, succeeded(undefined, options));
      this.#changed();
    };
    return { replaceAsync, getAllAsync, removeAsync };
  }

  #callback<T>(callback: Callback<T> | undefined, result: FakeAsyncResult<T>): void {
    if (callback) this.#later(() => callback(result));
  }

  /** Runs `run` later, isolated as office.js isolates callbacks: one that throws stops no other. */
  #later(run: () => void): void {
    this.#pending += 1;
    this.#schedule(() => {
      try {
        run();
      } catch {
        // A throwing add-in callback must not break the fake, exactly as it does not break Outlook.
      } finally {
        this.#pending -= 1;
        if (this.#pending === 0) for (const resolve of this.#idle.splice(0)) resolve();
      }
    });
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/** office.js's optional-options convention: `(…, callback)` or `(…, options, callback)`. */
function splitArgs<T, O extends AsyncOptions = AsyncOptions>(
  optionsOrCallback: O | Callback<T> | undefined,
  callback: Callback<T> | undefined,
): [O | undefined, Callback<T> | undefined] {
  return typeof optionsOrCallback === "function"
    ? [undefined, optionsOrCallback]
    : [optionsOrCallback, callback];
}

/**
 * office.js's parseCommonArgs, for the arguments after a method's own: none, `(callback)`,
 * `(options)` or `(options, callback)`, anything else thrown out as office.js does; a getter
 * (`callbackRequired`) throws without a callback.
 */
function commonArgs<T>(
  args: readonly unknown[],
  callbackRequired: boolean,
): [AsyncOptions | undefined, Callback<T> | undefined] {
  let options: AsyncOptions | undefined;
  let callback: Callback<T> | undefined;
  const [first, second] = args;
  if (args.length === 1) {
    if (typeof first === "function") callback = first as Callback<T>;
    else if (typeof first === "object") options = first ?? undefined;
    else throw argumentError("ArgumentTypeException");
  } else if (args.length === 2) {
    if (typeof first !== "object") throw argumentError("ArgumentException", "options");
    if (typeof second !== "function") throw argumentError("ArgumentException", "callback");
    options = first ?? undefined;
    callback = second as Callback<T>;
  } else if (args.length > 2) {
    throw argumentError("ParameterCountException");
  }
  if (callbackRequired && !callback) throw argumentError("ArgumentNullException", "callback");
  return [options, callback];
}

function succeeded<T>(value: T, options: AsyncOptions | undefined): FakeAsyncResult<T> {
  return { status: "succeeded", value, error: undefined, asyncContext: options?.asyncContext };
}

function failed<T>(
  value: T,
  options: AsyncOptions | undefined,
  name: string,
  message: string,
  code: number,
): FakeAsyncResult<T> {
  return {
    status: "failed",
    value,
    error: { name, message, code },
    asyncContext: options?.asyncContext,
  };
}
