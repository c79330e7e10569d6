/**
 * A fake of exactly the part of `Office.context.mailbox` the add-in uses, in read mode, with the
 * semantics office.js gives it (checked against @microsoft/office-js's outlook-web-16.01.debug.js):
 * - `item` is a fresh object per selection, `null` when nothing is selected (a pinned pane);
 *   dates are `Date`s, people are EmailAddressDetails, appointments have no internetMessageId;
 * - callbacks and ItemChanged handlers run asynchronously, never inside the call;
 * - invalid arguments throw synchronously (`Sys.ArgumentException`…), as office.js does, while
 *   refusals by Outlook arrive as a failed AsyncResult `{status: "failed", error: {name, message, code}}`;
 * - notifications: key at most 32 characters, message at most 150, an informational message
 *   needs `icon` and `persistent`, at most 5 per item; a non-persistent one goes away when the
 *   user selects another item, a persistent one stays with its item;
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
  getAsync(coercionType: string, callback?: Callback<string>): void;
  getAsync(coercionType: string, options: AsyncOptions, callback?: Callback<string>): void;
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
const NOTIFICATION_TYPES = ["progressIndicator", "informationalMessage", "errorMessage"];

/** Errors office.js throws for bad arguments: an `Error` named after the Sys exception. */
function argumentError(
  kind: "ArgumentException" | "ArgumentNullException" | "ArgumentOutOfRangeException",
  parameter: string,
): Error {
  const text = {
    ArgumentException: "Value does not fall within the expected range.",
    ArgumentNullException: "Value cannot be null.",
    ArgumentOutOfRangeException: "Specified argument was out of the range of valid values.",
  }[kind];
  const error = new Error(`Sys.${kind}: ${text}\nParameter name: ${parameter}`);
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
    const getAsync = (
      coercionType: string,
      optionsOrCallback?: AsyncOptions | Callback<string>,
      callback?: Callback<string>,
    ): void => {
      const [options, done] = splitArgs(optionsOrCallback, callback);
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
